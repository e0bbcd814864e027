"""What moderators do to a linked group or a discussion: bans, closing, the policy, and
reading the queue and the audit log."""

from __future__ import annotations

from bot.domain.events import DeliveryQueued, DiscussionClosed, DiscussionOpened
from bot.domain.model import WEB, DeliveryKind, Platform
from bot.domain.moderation import AuditEntry, Moderator, Policy, QueueItem
from bot.errors import ModerationError
from bot.moderation.matcher import PatternError
from bot.moderation.policy import check_policy
from bot.services.context import Context
from bot.services.fanout import new_version, takes_part
from bot.services.moderation.audit import check_room, record

__all__ = [
    "audit_log",
    "ban",
    "close",
    "moderation_queue",
    "reopen",
    "room_policy",
    "set_policy",
    "unban",
]


async def ban(
    ctx: Context, room_id: int, platform: Platform, user_id: str, moderator: Moderator
) -> bool:
    """The author's later comments are rejected in every place of the room; ``False`` if
    they were banned already."""
    check_room(moderator, room_id)
    async with ctx.store.transaction() as tx:
        added = await tx.moderation.ban(room_id, platform, user_id, moderator.key(), ctx.clock())
        await record(ctx, tx, moderator, "ban", room_id, f"{platform.value}:{user_id}")
        await tx.commit()
    return added


async def unban(
    ctx: Context, room_id: int, platform: Platform, user_id: str, moderator: Moderator
) -> bool:
    """Lift a ban; ``False`` if there was none."""
    check_room(moderator, room_id)
    async with ctx.store.transaction() as tx:
        lifted = await tx.moderation.unban(room_id, platform, user_id)
        await record(ctx, tx, moderator, "unban", room_id, f"{platform.value}:{user_id}")
        await tx.commit()
    return lifted


async def _set_closed(ctx: Context, discussion_id: int, moderator: Moderator, closed: bool) -> None:
    kind = DeliveryKind.CLOSE_THREAD if closed else DeliveryKind.OPEN_THREAD
    platforms: set[Platform] = set()
    async with ctx.store.transaction() as tx:
        discussion = await tx.discussions.get(discussion_id)
        check_room(moderator, discussion.room_id)
        await tx.moderation.set_closed(discussion.id, closed)
        version = new_version()
        for place in await tx.places.in_room(discussion.room_id):
            if place.platform == WEB or not await takes_part(tx, discussion.id, place.id):
                continue
            await tx.outbox.enqueue(
                key=f"{kind.value}:{discussion.id}:{place.id}:{version}",
                kind=kind,
                platform=place.platform,
                place_id=place.id,
                discussion_id=discussion.id,
                comment_id=None,
                now=ctx.clock(),
            )
            platforms.add(place.platform)
        action = "close" if closed else "reopen"
        await record(ctx, tx, moderator, action, discussion.room_id, f"discussion {discussion.id}")
        await tx.commit()
    event = DiscussionClosed(discussion_id) if closed else DiscussionOpened(discussion_id)
    ctx.bus.publish(event, *(DeliveryQueued(p) for p in platforms))


async def close(ctx: Context, discussion_id: int, moderator: Moderator) -> None:
    """New comments are rejected and nothing more is relayed; each chat thread is closed
    (Discord: locked and archived; Slack: a one-line notice)."""
    await _set_closed(ctx, discussion_id, moderator, True)


async def reopen(ctx: Context, discussion_id: int, moderator: Moderator) -> None:
    await _set_closed(ctx, discussion_id, moderator, False)


async def room_policy(ctx: Context, room_id: int, moderator: Moderator) -> Policy:
    """The policy the room follows (its own, or the defaults)."""
    check_room(moderator, room_id)
    async with ctx.store.transaction() as tx:
        return await tx.moderation.policy_for(room_id) or ctx.moderation_defaults


async def set_policy(ctx: Context, room_id: int, policy: Policy, moderator: Moderator) -> None:
    """Replace the room's policy. Raises ``ModerationError`` for a pattern that does not
    compile."""
    check_room(moderator, room_id)
    try:
        check_policy(policy)
    except PatternError as error:
        raise ModerationError(str(error)) from None
    async with ctx.store.transaction() as tx:
        await tx.moderation.set_policy(room_id, policy)
        detail = (
            f"{len(policy.banned)} banned, {len(policy.suspect)} suspect entries; "
            f"links {'held' if policy.hold_links else 'allowed'}; "
            f"web pre-moderation {'on' if policy.premoderate_web else 'off'}"
        )
        await record(ctx, tx, moderator, "set_policy", room_id, f"room {room_id}", detail)
        await tx.commit()


async def moderation_queue(ctx: Context, moderator: Moderator, limit: int = 50) -> list[QueueItem]:
    """Held and reported comments in the moderator's rooms, newest first."""
    async with ctx.store.transaction() as tx:
        return await tx.moderation.queue(moderator.rooms, limit)


async def audit_log(ctx: Context, moderator: Moderator, limit: int = 200) -> list[AuditEntry]:
    """Who did what, newest first, in the moderator's rooms (everything for operators)."""
    async with ctx.store.transaction() as tx:
        return await tx.moderation.audit_log(moderator.rooms, limit)
