"""Queueing a comment's copies (and their edits and deletions) for every other chat place."""

from __future__ import annotations

import uuid

from bot.domain.model import WEB, Comment, DeliveryKind, DeliveryStatus, Platform
from bot.ports.store import Transaction
from bot.services.briefs import brief_key, copy_key
from bot.services.context import Context

__all__ = ["fan_out", "new_version", "requote_replies", "takes_part", "withdraw_copies"]


def new_version() -> str:
    """A fresh outbox key version, for an action that may happen to a comment many times
    (held, approved, held again): each time queues its own deliveries."""
    return uuid.uuid4().hex


async def fan_out(
    ctx: Context,
    tx: Transaction,
    comment: Comment,
    origin_place_id: int,
    kind: DeliveryKind,
    version: str,
) -> set[Platform]:
    """Queue one delivery per other chat place of the discussion's room, due now.

    "Now" is our clock, not the platform's timestamp of the message: a platform clock a
    little ahead of ours would otherwise hold the copy back until ours catches up.
    """
    discussion = await tx.discussions.get(comment.discussion_id)
    platforms: set[Platform] = set()
    for place in await tx.places.in_room(discussion.room_id):
        if place.id == origin_place_id or place.platform == WEB:
            continue
        if not await takes_part(tx, discussion.id, place.id):
            continue
        await tx.outbox.enqueue(
            key=copy_key(kind, comment.id, place.id, version),
            kind=kind,
            platform=place.platform,
            place_id=place.id,
            discussion_id=discussion.id,
            comment_id=comment.id,
            now=ctx.clock(),
        )
        platforms.add(place.platform)
    return platforms


async def withdraw_copies(ctx: Context, tx: Transaction, comment: Comment) -> set[Platform]:
    """Queue the deletion of every copy of the comment, made or still on its way, and the
    edit of every copy that quotes it (see :func:`requote_replies`).

    A copy still queued (rate-limited, in backoff) is skipped by its worker once it sees
    the comment is no longer visible; one being posted right now is deleted by this
    deletion, which waits behind it in the same lane.
    """
    origin = await tx.discussions.get_thread(comment.thread_id)
    platforms = await fan_out(
        ctx, tx, comment, origin.place_id, DeliveryKind.DELETE_COMMENT, new_version()
    )
    return platforms | await requote_replies(ctx, tx, comment)


async def requote_replies(ctx: Context, tx: Transaction, comment: Comment) -> set[Platform]:
    """Queue an edit of the copies of every visible reply to ``comment``.

    A reply's copy quotes the words it answers; once those are hidden, removed or erased
    the quote must go too (it then reads "Replying to a deleted comment"), and once a held
    comment is approved it comes back. The copies are rebuilt from the store when the edit
    is delivered, so one edit per reply is enough whatever happens next.
    """
    platforms: set[Platform] = set()
    later = await tx.comments.list_for_discussion(comment.discussion_id, after_id=comment.id)
    for reply in later:
        if reply.reply_to_id == comment.id and reply.visible:
            origin = await tx.discussions.get_thread(reply.thread_id)
            platforms |= await fan_out(
                ctx, tx, reply, origin.place_id, DeliveryKind.EDIT_COMMENT, new_version()
            )
    return platforms


async def takes_part(tx: Transaction, discussion_id: int, place_id: int) -> bool:
    """Whether the discussion reaches ``place``: its thread is there, or its brief is owed.

    A channel linked after the discussion started never had its brief, so it has no thread
    to hold copies; queueing them would only pile up failures. A brief still queued (or
    retrying) comes first in the same lane, so copies queued behind it wait for it.
    """
    if await tx.discussions.thread_for(discussion_id, place_id) is not None:
        return True
    brief = await tx.outbox.find(brief_key(discussion_id, place_id))
    return brief is not None and brief.status is not DeliveryStatus.FAILED
