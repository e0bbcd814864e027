"""What moderators do to comments: approve, reject, hold, remove everywhere, and readers'
reports. Each action checks the moderator's rooms and leaves one audit entry."""

from __future__ import annotations

from bot import messages
from bot.domain.events import (
    CommentApproved,
    CommentHeld,
    CommentRejected,
    CommentRemoved,
    DeliveryQueued,
    Event,
)
from bot.domain.model import WEB, Comment, DeliveryKind, Place, Platform, Standing
from bot.domain.moderation import Moderator, Removal
from bot.errors import ModerationError
from bot.moderation.policy import REPORTS
from bot.ports.store import Transaction
from bot.services.briefs import copy_key
from bot.services.context import Context
from bot.services.fanout import fan_out, new_version, requote_replies, withdraw_copies
from bot.services.moderation.audit import check_room, record
from bot.services.moderation.judging import policy_for

__all__ = [
    "REPORTS_MODERATOR",
    "approve",
    "find_comment",
    "hold",
    "reject",
    "remove_everywhere",
    "remove_original",
    "report",
]

REPORTS_MODERATOR = Moderator(WEB, "reports", "Readers' reports")
"""Who the audit log names when readers' reports hold a comment."""


def _publish(ctx: Context, event: Event, platforms: set[Platform]) -> None:
    ctx.bus.publish(event, *(DeliveryQueued(p) for p in platforms))


async def _comment_in_room(
    tx: Transaction, comment_id: int, moderator: Moderator
) -> tuple[Comment, int]:
    comment = await tx.comments.get(comment_id)
    room_id = (await tx.discussions.get(comment.discussion_id)).room_id
    check_room(moderator, room_id)
    return comment, room_id


def _target(comment: Comment) -> str:
    return f"comment {comment.id} by {comment.author.platform.value}:{comment.author.user_id}"


async def approve(ctx: Context, comment_id: int, moderator: Moderator) -> Comment:
    """A held comment becomes visible and is copied everywhere (a rejected one too: a
    moderator may overrule the word list). Its readers' reports are settled: they are
    cleared, so the same few readers cannot hold it again (one toggling a 🚩 would), and a
    visible comment that was only reported leaves the queue."""
    async with ctx.store.transaction() as tx:
        comment, room_id = await _comment_in_room(tx, comment_id, moderator)
        allowed = (Standing.HELD, Standing.REJECTED, Standing.VISIBLE)
        if comment.standing not in allowed or comment.deleted:
            raise ModerationError(messages.STANDING_UNCHANGED.format(standing=comment.standing))
        reports = await tx.moderation.clear_reports(comment.id)
        if comment.standing is Standing.VISIBLE:
            if not reports:
                raise ModerationError(messages.STANDING_UNCHANGED.format(standing=comment.standing))
            detail = f"{reports} reports dismissed"
            await record(ctx, tx, moderator, "approve", room_id, _target(comment), detail)
            await tx.commit()
            return comment
        comment = await tx.moderation.set_standing(comment.id, Standing.VISIBLE, comment.rule)
        origin = await tx.discussions.get_thread(comment.thread_id)
        platforms = await fan_out(
            ctx, tx, comment, origin.place_id, DeliveryKind.POST_COMMENT, new_version()
        )
        platforms |= await requote_replies(ctx, tx, comment)  # replies quote it again
        await record(ctx, tx, moderator, "approve", room_id, _target(comment), comment.rule or "")
        await tx.commit()
    _publish(ctx, CommentApproved(comment.id, comment.discussion_id), platforms)
    return comment


async def reject(ctx: Context, comment_id: int, moderator: Moderator) -> Comment:
    """The comment is kept for the record and copied nowhere (its copies, if it was
    visible, are deleted)."""
    async with ctx.store.transaction() as tx:
        comment, room_id = await _comment_in_room(tx, comment_id, moderator)
        if comment.standing in (Standing.REJECTED, Standing.REMOVED, Standing.ERASED):
            raise ModerationError(messages.STANDING_UNCHANGED.format(standing=comment.standing))
        was_visible = comment.standing is Standing.VISIBLE
        comment = await tx.moderation.set_standing(comment.id, Standing.REJECTED, "moderator")
        platforms = await withdraw_copies(ctx, tx, comment) if was_visible else set()
        await record(ctx, tx, moderator, "reject", room_id, _target(comment))
        await tx.commit()
    event: Event = (
        CommentRemoved(comment.id, comment.discussion_id, Standing.REJECTED)
        if was_visible
        else CommentRejected(comment.id, comment.discussion_id, comment.rule)
    )
    _publish(ctx, event, platforms)
    return comment


async def hold(ctx: Context, comment_id: int, moderator: Moderator) -> Comment:
    """A visible comment goes back to the queue: its copies are deleted until approved."""
    async with ctx.store.transaction() as tx:
        comment, room_id = await _comment_in_room(tx, comment_id, moderator)
        if comment.standing is not Standing.VISIBLE or comment.deleted:
            raise ModerationError(messages.STANDING_UNCHANGED.format(standing=comment.standing))
        comment = await tx.moderation.set_standing(comment.id, Standing.HELD, "moderator")
        platforms = await withdraw_copies(ctx, tx, comment)
        await record(ctx, tx, moderator, "hold", room_id, _target(comment))
        await tx.commit()
    _publish(ctx, CommentHeld(comment.id, comment.discussion_id, comment.rule), platforms)
    return comment


async def remove_original(
    ctx: Context, tx: Transaction, comment: Comment
) -> tuple[set[Platform], Place | None]:
    """Queue the deletion of the reader's own message where it was written, if that
    platform lets the bot delete it. Returns the platforms queued for and the origin place
    when it does not (the message stays there). The web page needs nothing: it shows the
    comment's tombstone."""
    origin = await tx.discussions.get_thread(comment.thread_id)
    place = await tx.places.get(origin.place_id)
    if place.platform == WEB:
        return set(), None
    chat = ctx.platforms.get(place.platform)
    if chat is None or not chat.can_remove_originals:
        return set(), place
    await tx.outbox.enqueue(
        key=copy_key(DeliveryKind.REMOVE_ORIGINAL, comment.id, place.id, "0"),
        kind=DeliveryKind.REMOVE_ORIGINAL,
        platform=place.platform,
        place_id=place.id,
        discussion_id=comment.discussion_id,
        comment_id=comment.id,
        now=ctx.clock(),
    )
    return {place.platform}, None


async def remove_everywhere(ctx: Context, comment_id: int, moderator: Moderator) -> Removal:
    """Take the comment down wherever it is: every copy deleted, the original removed where
    the platform allows (``Removal.kept`` lists where it does not), the web entry reads
    "Removed by a moderator". Removing it again changes nothing."""
    async with ctx.store.transaction() as tx:
        comment, room_id = await _comment_in_room(tx, comment_id, moderator)
        if comment.standing in (Standing.REMOVED, Standing.ERASED):
            return Removal(comment, [])
        comment = await tx.moderation.set_standing(comment.id, Standing.REMOVED, comment.rule)
        platforms = await withdraw_copies(ctx, tx, comment)
        removing, kept = await remove_original(ctx, tx, comment)
        await record(ctx, tx, moderator, "remove", room_id, _target(comment))
        await tx.commit()
    _publish(
        ctx,
        CommentRemoved(comment.id, comment.discussion_id, Standing.REMOVED),
        platforms | removing,
    )
    return Removal(comment, [kept] if kept is not None else [])


async def report(ctx: Context, comment_id: int, reporter_key: str) -> Comment:
    """A reader flags the comment (``reporter_key``: ``"web:<client id>"``,
    ``"slack:<user id>"``...). Each reader counts once; at the room's ``reports_to_hold``
    a visible comment is held for a moderator (rule ``"reports"``)."""
    async with ctx.store.transaction() as tx:
        comment = await tx.comments.get(comment_id)
        discussion = await tx.discussions.get(comment.discussion_id)
        count = await tx.moderation.add_report(comment.id, reporter_key, ctx.clock())
        policy = await policy_for(ctx, tx, discussion.room_id)
        if not comment.visible or count < policy.reports_to_hold:
            await tx.commit()
            return comment
        comment = await tx.moderation.set_standing(comment.id, Standing.HELD, REPORTS)
        platforms = await withdraw_copies(ctx, tx, comment)
        await record(
            ctx,
            tx,
            REPORTS_MODERATOR,
            "hold",
            discussion.room_id,
            _target(comment),
            f"{count} reports",
        )
        await tx.commit()
    _publish(ctx, CommentHeld(comment.id, comment.discussion_id, comment.rule), platforms)
    return comment


async def find_comment(
    ctx: Context, platform: Platform, workspace_id: str, thread_ref: str, message_id: str
) -> Comment | None:
    """The comment a platform message is, whether the reader's own message or one of our
    copies of it (for moderators and reporters acting on any copy)."""
    async with ctx.store.transaction() as tx:
        thread = await tx.discussions.find_thread(platform, workspace_id, thread_ref)
        if thread is None:
            return None
        found = await tx.comments.find_by_message(thread.id, message_id)
        if found is not None:
            return found
        mirror = await tx.comments.find_mirror(thread.id, message_id)
        return None if mirror is None else await tx.comments.get(mirror.comment_id)
