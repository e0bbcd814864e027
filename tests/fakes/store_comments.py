"""The fake's comments and mirrors."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import TYPE_CHECKING

from bot.domain.model import Author, Comment, Mirror
from bot.errors import ConflictError, NotFoundError
from bot.ports.store import NewComment
from storage import validation as v

if TYPE_CHECKING:
    from tests.fakes.store import FakeUnitOfWork

__all__ = ["FakeComments"]


class FakeComments:
    def __init__(self, work: FakeUnitOfWork) -> None:
        self._work = work

    def _thread_discussion(self, thread_id: int) -> int:
        thread = self._work.state.threads.get(v.ref(thread_id, "thread id"))
        if thread is None:
            raise NotFoundError(f"thread {thread_id} does not exist")
        return thread.discussion_id

    async def add(self, new: NewComment) -> tuple[Comment, bool]:
        message_id = v.ident(new.platform_message_id, "platform message id")
        author = Author(
            platform=v.platform(new.author.platform),
            user_id=v.ident(new.author.user_id, "author user id"),
            display_name=v.name(new.author.display_name, "author display name"),
            avatar_url=v.optional_url(new.author.avatar_url, "author avatar URL"),
        )
        text = v.comment_text(new.text)
        created_at = v.utc(new.created_at, "created_at")
        discussion_id = self._thread_discussion(new.thread_id)
        if new.reply_to_id is not None:
            await self.get(new.reply_to_id)
        echo = await self.find_mirror(new.thread_id, message_id)
        if echo is not None:
            raise ConflictError(
                f"message {message_id!r} on thread {new.thread_id} is our own copy of "
                f"comment {echo.comment_id}, not a new comment"
            )
        existing = await self.find_by_message(new.thread_id, message_id)
        if existing is not None:
            return existing, False
        state = self._work.state
        comment = Comment(
            id=state.next_id("comments"),
            discussion_id=discussion_id,
            thread_id=new.thread_id,
            platform_message_id=message_id,
            author=author,
            text=text,
            created_at=created_at,
            standing=v.standing(new.standing),
            rule=v.optional_rule(new.rule),
            reply_to_id=new.reply_to_id,
        )
        state.comments[comment.id] = comment
        return comment, True

    async def get(self, comment_id: int) -> Comment:
        found = self._work.state.comments.get(v.ref(comment_id, "comment id"))
        if found is None:
            raise NotFoundError(f"comment {comment_id} does not exist")
        return found

    async def find_by_message(self, thread_id: int, platform_message_id: str) -> Comment | None:
        key = (v.ref(thread_id, "thread id"), v.ident(platform_message_id, "platform message id"))
        found = self._work.state.comments.values()
        return next((c for c in found if (c.thread_id, c.platform_message_id) == key), None)

    async def edit(self, comment_id: int, text: str, edited_at: datetime) -> Comment:
        text = v.comment_text(text)
        when = v.utc(edited_at, "edited_at")
        current = await self.get(comment_id)
        if current.deleted:
            raise ConflictError(f"comment {comment_id} was deleted and cannot be edited")
        edited = dataclasses.replace(current, text=text, edited_at=when)
        self._work.state.comments[current.id] = edited
        return edited

    async def delete(self, comment_id: int, deleted_at: datetime) -> Comment:
        when = v.utc(deleted_at, "deleted_at")
        current = await self.get(comment_id)
        if current.deleted:
            return current
        tombstone = dataclasses.replace(current, text="", deleted_at=when)
        self._work.state.comments[current.id] = tombstone
        return tombstone

    async def list_for_discussion(
        self, discussion_id: int, after_id: int | None = None, limit: int | None = None
    ) -> list[Comment]:
        discussion_id = v.ref(discussion_id, "discussion id")
        after = None if after_id is None else v.ref(after_id, "after_id")
        count = None if limit is None else v.positive(limit, "limit")
        found = sorted(
            (
                c
                for c in self._work.state.comments.values()
                if c.discussion_id == discussion_id and (after is None or c.id > after)
            ),
            key=lambda c: c.id,
        )
        return found if count is None else found[:count]

    async def add_mirror(
        self, comment_id: int, thread_id: int, platform_message_id: str, now: datetime
    ) -> Mirror:
        message_id = v.ident(platform_message_id, "platform message id")
        created_at = v.utc(now, "now")
        comment = await self.get(comment_id)
        self._thread_discussion(thread_id)
        existing = await self.mirror_for(comment.id, thread_id)
        if existing is not None:
            if existing.platform_message_id == message_id:
                return existing
            raise ConflictError(
                f"comment {comment.id} already has a copy on thread {thread_id} "
                f"(message {existing.platform_message_id!r}, not {message_id!r})"
            )
        taken = await self.find_mirror(thread_id, message_id)
        if taken is not None:
            raise ConflictError(
                f"message {message_id!r} on thread {thread_id} is already the copy of "
                f"comment {taken.comment_id}"
            )
        if await self.find_by_message(thread_id, message_id) is not None:
            raise ConflictError(
                f"message {message_id!r} on thread {thread_id} is a reader's comment, "
                "not one of our copies"
            )
        state = self._work.state
        mirror = Mirror(state.next_id("mirrors"), comment.id, thread_id, message_id, created_at)
        state.mirrors[mirror.id] = mirror
        return mirror

    async def mirrors(self, comment_id: int) -> list[Mirror]:
        comment_id = v.ref(comment_id, "comment id")
        found = self._work.state.mirrors.values()
        return sorted((m for m in found if m.comment_id == comment_id), key=lambda m: m.id)

    async def mirror_for(self, comment_id: int, thread_id: int) -> Mirror | None:
        key = (v.ref(comment_id, "comment id"), v.ref(thread_id, "thread id"))
        found = self._work.state.mirrors.values()
        return next((m for m in found if (m.comment_id, m.thread_id) == key), None)

    async def find_mirror(self, thread_id: int, platform_message_id: str) -> Mirror | None:
        key = (v.ref(thread_id, "thread id"), v.ident(platform_message_id, "platform message id"))
        found = self._work.state.mirrors.values()
        return next((m for m in found if (m.thread_id, m.platform_message_id) == key), None)

    async def mark_mirror_deleted(self, mirror_id: int) -> None:
        mirrors = self._work.state.mirrors
        found = mirrors.get(v.ref(mirror_id, "mirror id"))
        if found is None:
            raise NotFoundError(f"mirror {mirror_id} does not exist")
        mirrors[found.id] = dataclasses.replace(found, deleted=True)
