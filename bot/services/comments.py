"""Readers' comments: record what arrives from any platform and queue its copies."""

from __future__ import annotations

import uuid
from dataclasses import replace

from bot import messages
from bot.domain.commands import DeleteComment, EditComment, RecordComment, WriteWebComment
from bot.domain.events import (
    CommentDeleted,
    CommentEdited,
    CommentPosted,
    DeliveryQueued,
    Event,
)
from bot.domain.model import WEB, Author, Comment, DeliveryKind, DeliveryStatus, Platform, Thread
from bot.domain.text import ANONYMOUS, clean_name, has_visible_text
from bot.errors import InvalidDataError, NotFoundError
from bot.ports.store import MAX_COMMENT_CHARS, MAX_NAME_CHARS, NewComment, Transaction
from bot.services.briefs import brief_key, copy_key, ensure_web_place
from bot.services.context import Context

__all__ = ["delete_comment", "edit_comment", "record_comment", "write_web_comment"]


async def _fan_out(
    ctx: Context,
    tx: Transaction,
    comment: Comment,
    origin: Thread,
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
        if place.id == origin.place_id or place.platform == WEB:
            continue
        if not await _takes_part(tx, discussion.id, place.id):
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


async def _takes_part(tx: Transaction, discussion_id: int, place_id: int) -> bool:
    """Whether the discussion reaches ``place``: its thread is there, or its brief is owed.

    A channel linked after the discussion started never had its brief, so it has no thread
    to hold copies; queueing them would only pile up failures. A brief still queued (or
    retrying) comes first in the same lane, so copies queued behind it wait for it.
    """
    if await tx.discussions.thread_for(discussion_id, place_id) is not None:
        return True
    brief = await tx.outbox.find(brief_key(discussion_id, place_id))
    return brief is not None and brief.status is not DeliveryStatus.FAILED


async def _thread_of(
    tx: Transaction, platform: Platform, workspace_id: str, thread_ref: str
) -> Thread | None:
    return await tx.discussions.find_thread(platform, workspace_id, thread_ref)


async def _store_comment(ctx: Context, thread: Thread, new: NewComment, tx: Transaction) -> Comment:
    comment, created = await tx.comments.add(new)
    if created:
        platforms = await _fan_out(ctx, tx, comment, thread, DeliveryKind.POST_COMMENT, "0")
        await tx.commit()
        _publish(ctx, CommentPosted(comment.id, comment.discussion_id), platforms)
    return comment


def _publish(ctx: Context, event: Event, platforms: set[Platform]) -> None:
    ctx.bus.publish(event, *(DeliveryQueued(p) for p in platforms))


async def record_comment(
    cmd: RecordComment, ctx: Context, *, thread: Thread | None = None
) -> Comment | None:
    """Store a reader's message if it belongs to one of our threads.

    Returns ``None`` for messages outside discussion threads and for our own copies
    (the echo guard); a message seen twice is stored once. ``thread`` is the command's
    thread when the caller has looked it up already (it is then not looked up again).
    """
    if not has_visible_text(cmd.text):
        return None  # nothing anyone could read: it stays where it was written
    async with ctx.store.transaction() as tx:
        thread = thread or await _thread_of(tx, cmd.platform, cmd.workspace_id, cmd.thread_ref)
        if thread is None or await tx.comments.find_mirror(thread.id, cmd.message_id):
            return None
        reply_to: int | None = None
        if cmd.reply_to_message_id:
            parent = await tx.comments.find_by_message(thread.id, cmd.reply_to_message_id)
            if parent is None:
                mirror = await tx.comments.find_mirror(thread.id, cmd.reply_to_message_id)
                reply_to = mirror.comment_id if mirror else None
            else:
                reply_to = parent.id
        new = NewComment(
            thread_id=thread.id,
            platform_message_id=cmd.message_id,
            author=replace(
                cmd.author, display_name=clean_name(cmd.author.display_name) or ANONYMOUS
            ),
            text=cmd.text[:MAX_COMMENT_CHARS],
            created_at=cmd.created_at,
            reply_to_id=reply_to,
        )
        return await _store_comment(ctx, thread, new, tx)


async def edit_comment(
    cmd: EditComment, ctx: Context, *, thread: Thread | None = None
) -> Comment | None:
    async with ctx.store.transaction() as tx:
        thread = thread or await _thread_of(tx, cmd.platform, cmd.workspace_id, cmd.thread_ref)
        if thread is None:
            return None
        found = await tx.comments.find_by_message(thread.id, cmd.message_id)
        if found is None or found.deleted or found.text == cmd.text:
            return found
        if not has_visible_text(cmd.text):
            return found  # an edit to nothing visible is not copied; the last words stay
        comment = await tx.comments.edit(found.id, cmd.text[:MAX_COMMENT_CHARS], cmd.edited_at)
        version = cmd.edited_at.isoformat()
        platforms = await _fan_out(ctx, tx, comment, thread, DeliveryKind.EDIT_COMMENT, version)
        await tx.commit()
    _publish(ctx, CommentEdited(comment.id, comment.discussion_id), platforms)
    return comment


async def delete_comment(
    cmd: DeleteComment, ctx: Context, *, thread: Thread | None = None
) -> Comment | None:
    async with ctx.store.transaction() as tx:
        thread = thread or await _thread_of(tx, cmd.platform, cmd.workspace_id, cmd.thread_ref)
        if thread is None:
            return None
        found = await tx.comments.find_by_message(thread.id, cmd.message_id)
        if found is None or found.deleted:
            return found
        comment = await tx.comments.delete(found.id, cmd.deleted_at)
        platforms = await _fan_out(ctx, tx, comment, thread, DeliveryKind.DELETE_COMMENT, "x")
        await tx.commit()
    _publish(ctx, CommentDeleted(comment.id, comment.discussion_id), platforms)
    return comment


async def write_web_comment(cmd: WriteWebComment, ctx: Context) -> Comment:
    """A comment from the article's web page ("Write a comment")."""
    name = clean_name(cmd.name)
    text = cmd.text.strip()
    if not name or len(name) > MAX_NAME_CHARS:
        raise InvalidDataError(f"Your name must be 1 to {MAX_NAME_CHARS} characters.")
    if not text or len(text) > MAX_COMMENT_CHARS:
        raise InvalidDataError(f"A comment must be 1 to {MAX_COMMENT_CHARS} characters.")
    if not has_visible_text(text):
        raise InvalidDataError(messages.COMMENT_NOT_VISIBLE)
    async with ctx.store.transaction() as tx:
        web = await ensure_web_place(tx)
        thread = await tx.discussions.thread_for(cmd.discussion_id, web.id)
        if thread is None:
            raise NotFoundError("That discussion does not exist.")
        reply_to = None
        if cmd.reply_to_comment_id is not None:
            parent = await tx.comments.get(cmd.reply_to_comment_id)
            if parent.discussion_id == cmd.discussion_id:
                reply_to = parent.id
        new = NewComment(
            thread_id=thread.id,
            platform_message_id=f"web-{uuid.uuid4().hex}",
            author=Author(WEB, cmd.client_id, name, None),
            text=text,
            created_at=ctx.clock(),
            reply_to_id=reply_to,
        )
        return await _store_comment(ctx, thread, new, tx)
