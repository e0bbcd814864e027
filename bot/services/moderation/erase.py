"""Erasing everything one person wrote, everywhere, on request (tombstones stay)."""

from __future__ import annotations

from bot import messages
from bot.domain.events import CommentRemoved, DeliveryQueued
from bot.domain.model import Platform, Standing
from bot.domain.moderation import Moderator
from bot.errors import NotAllowedError
from bot.services.context import Context
from bot.services.fanout import withdraw_copies
from bot.services.moderation.actions import remove_original
from bot.services.moderation.audit import record

__all__ = ["erase_author"]


async def erase_author(ctx: Context, platform: Platform, user_id: str, moderator: Moderator) -> int:
    """Every comment the author wrote becomes a tombstone (text, name and avatar gone), its
    copies are deleted and its originals removed where the platform allows. Returns how
    many comments were erased. A moderator limited to some rooms may only erase an author
    who wrote nowhere else (an operator, on the command line, may erase anyone)."""
    events: list[CommentRemoved] = []
    platforms: set[Platform] = set()
    async with ctx.store.transaction() as tx:
        # Discussion by discussion, in id order: each one's lock (its position counter) is
        # taken in the same order by every such unit of work, so two never deadlock.
        found = sorted(
            (
                c
                for c in await tx.moderation.comments_by(platform, user_id)
                if c.standing is not Standing.ERASED
            ),
            key=lambda c: (c.discussion_id, c.id),
        )
        rooms = {c.id: (await tx.discussions.get(c.discussion_id)).room_id for c in found}
        if not all(moderator.may_act_in(room) for room in rooms.values()):
            raise NotAllowedError(messages.NOT_YOUR_ROOM)
        for comment in found:
            if comment.standing is Standing.VISIBLE and not comment.deleted:
                platforms |= await withdraw_copies(ctx, tx, comment)
            if not comment.deleted and comment.standing is not Standing.REMOVED:
                removing, _ = await remove_original(ctx, tx, comment)
                platforms |= removing
            await tx.moderation.erase(comment.id)
            events.append(CommentRemoved(comment.id, comment.discussion_id, Standing.ERASED))
        for room_id in sorted(set(rooms.values())) or [0]:
            count = sum(1 for r in rooms.values() if r == room_id)
            await record(
                ctx,
                tx,
                moderator,
                "erase",
                room_id or None,  # an author who wrote nothing: no room
                f"{platform.value}:{user_id}",
                "1 comment" if count == 1 else f"{count:,} comments",
            )
        await tx.commit()
    ctx.bus.publish(*events, *(DeliveryQueued(p) for p in platforms))
    return len(found)
