"""Readers' comments: record what arrives from any platform, judge it, queue its copies."""

from __future__ import annotations

import uuid
from dataclasses import replace

from bot import messages
from bot.domain.commands import DeleteComment, EditComment, RecordComment, WriteWebComment
from bot.domain.events import (
    CommentDeleted,
    CommentEdited,
    CommentHeld,
    CommentPosted,
    CommentRejected,
    CommentRemoved,
    DeliveryQueued,
    Event,
)
from bot.domain.model import WEB, Author, Comment, DeliveryKind, Platform, Standing, Thread
from bot.domain.text import ANONYMOUS, clean_name, has_visible_text
from bot.errors import InvalidDataError, NotFoundError
from bot.ports.store import MAX_COMMENT_CHARS, MAX_NAME_CHARS, NewComment, Transaction
from bot.services.briefs import ensure_web_place
from bot.services.context import Context
from bot.services.fanout import fan_out, requote_replies, withdraw_copies
from bot.services.moderation.judging import judge_edit, judge_new

__all__ = [
    "delete_comment",
    "edit_comment",
    "mark_read_edited",
    "record_comment",
    "write_web_comment",
]

_FROZEN = frozenset({Standing.REMOVED, Standing.ERASED})
"""Taken down by a moderator or erased: a later edit changes nothing."""


async def _thread_of(
    tx: Transaction, platform: Platform, workspace_id: str, thread_ref: str
) -> Thread | None:
    return await tx.discussions.find_thread(platform, workspace_id, thread_ref)


async def _store_comment(ctx: Context, thread: Thread, new: NewComment, tx: Transaction) -> Comment:
    """Judge the comment, store it with its standing and, if visible, queue its copies."""
    discussion = await tx.discussions.get(thread.discussion_id)
    verdict = await judge_new(ctx, tx, discussion, new.author, new.text)
    comment, created = await tx.comments.add(
        replace(new, standing=verdict.standing, rule=verdict.rule)
    )
    if not created:
        return comment
    platforms: set[Platform] = set()
    event: Event
    if comment.standing is Standing.VISIBLE:
        platforms = await fan_out(ctx, tx, comment, thread.place_id, DeliveryKind.POST_COMMENT, "0")
        event = CommentPosted(comment.id, comment.discussion_id)
    elif comment.standing is Standing.HELD:
        event = CommentHeld(comment.id, comment.discussion_id, comment.rule)
    else:
        event = CommentRejected(comment.id, comment.discussion_id, comment.rule)
    await tx.commit()
    _publish(ctx, event, platforms)
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
    The returned comment's ``standing`` says whether moderation held or rejected it (the
    adapter tells its author privately); only visible comments are copied.
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


async def mark_read_edited(cmd: EditComment, ctx: Context, *, thread: Thread) -> bool:
    """Mark a comment edited that was first read after its edit, and say whether it was.

    A catch-up that reads a thread from the platform records a reply with the text it has
    now. If the reply had been edited, that is the edited text, and the live edit that
    follows changes nothing, so the comment would never show as edited. When the stored
    text is already ``cmd``'s and no edit is stored, only the time of the edit is stored:
    the copies were made from this text, so there is nothing to send again. Otherwise
    nothing happens and ``False`` is returned (the caller applies the edit as usual).
    """
    async with ctx.store.transaction() as tx:
        found = await tx.comments.find_by_message(thread.id, cmd.message_id)
        text = cmd.text[:MAX_COMMENT_CHARS]
        if found is None or found.deleted or found.edited_at is not None or found.text != text:
            return False
        await tx.comments.edit(found.id, text, cmd.edited_at)
        await tx.commit()
    return True


async def edit_comment(
    cmd: EditComment, ctx: Context, *, thread: Thread | None = None
) -> Comment | None:
    """Store an edit; it enters moderation again.

    A visible comment edited into something the policy holds or rejects loses its copies;
    a held comment stays held (or is rejected); a removed or erased one is not changed. In a
    closed discussion the edit is stored but not copied.
    """
    async with ctx.store.transaction() as tx:
        thread = thread or await _thread_of(tx, cmd.platform, cmd.workspace_id, cmd.thread_ref)
        if thread is None:
            return None
        found = await tx.comments.find_by_message(thread.id, cmd.message_id)
        if found is None or found.deleted or found.text == cmd.text:
            return found
        if found.standing in _FROZEN or not has_visible_text(cmd.text):
            return found  # an edit to nothing visible is not copied; the last words stay
        comment = await tx.comments.edit(found.id, cmd.text[:MAX_COMMENT_CHARS], cmd.edited_at)
        discussion = await tx.discussions.get(comment.discussion_id)
        verdict = await judge_edit(ctx, tx, discussion, comment.author, comment.text)
        platforms: set[Platform] = set()
        event: Event | None = None
        if found.standing is Standing.VISIBLE and verdict.standing is Standing.VISIBLE:
            if not discussion.closed:
                version = cmd.edited_at.isoformat()
                platforms = await fan_out(
                    ctx, tx, comment, thread.place_id, DeliveryKind.EDIT_COMMENT, version
                )
            event = CommentEdited(comment.id, comment.discussion_id)
        elif found.standing is Standing.VISIBLE:
            comment = await tx.moderation.set_standing(comment.id, verdict.standing, verdict.rule)
            platforms = await withdraw_copies(ctx, tx, comment)
            event = (
                CommentHeld(comment.id, comment.discussion_id, comment.rule)
                if verdict.standing is Standing.HELD
                else CommentRemoved(comment.id, comment.discussion_id, verdict.standing)
            )
        elif found.standing is Standing.HELD and verdict.standing is Standing.REJECTED:
            comment = await tx.moderation.set_standing(comment.id, verdict.standing, verdict.rule)
            event = CommentRejected(comment.id, comment.discussion_id, comment.rule)
        await tx.commit()
    if event is not None:
        _publish(ctx, event, platforms)
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
        platforms: set[Platform] = set()
        if found.visible:
            # A comment a moderator took down has no copies left to delete (this is often
            # the platform reporting our own removal of the original back to us).
            platforms = await fan_out(
                ctx, tx, comment, thread.place_id, DeliveryKind.DELETE_COMMENT, "x"
            )
            # Replies' copies quote the words it answered: they must not outlive them.
            platforms |= await requote_replies(ctx, tx, comment)
        await tx.commit()
    _publish(ctx, CommentDeleted(comment.id, comment.discussion_id), platforms)
    return comment


async def write_web_comment(cmd: WriteWebComment, ctx: Context) -> Comment:
    """A comment from the article's web page ("Write a comment").

    The returned comment's ``standing`` says whether it is shown, held for a moderator or
    rejected (the page tells its author).
    """
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
