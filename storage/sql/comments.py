"""Readers' comments, their tombstones, and our mirrored copies on other threads."""

from __future__ import annotations

from datetime import datetime

from bot.domain.model import Comment, Mirror
from bot.errors import ConflictError, NotFoundError
from bot.ports.store import NewComment
from storage import validation as v
from storage.sql import rows
from storage.sql.db import Db
from storage.sql.sequence import Positions

__all__ = ["SqlComments"]

_SELECT = f"SELECT {rows.COMMENT_COLUMNS} FROM comments"
_SELECT_MIRROR = f"SELECT {rows.MIRROR_COLUMNS} FROM mirrors"
# One round trip on the happy path: the echo guard is part of the insert.
_INSERT = (
    "INSERT INTO comments (discussion_id, thread_id, platform_message_id, author_platform,"
    " author_user_id, author_name, author_avatar_url, text, created_at, reply_to_id,"
    " standing, rule, seq)"
    " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
    " WHERE NOT EXISTS (SELECT 1 FROM mirrors WHERE thread_id = ? AND platform_message_id = ?)"
    f" ON CONFLICT DO NOTHING RETURNING {rows.COMMENT_COLUMNS}"
)


class SqlComments:
    """``CommentRepository`` over SQL.

    A platform message id is unique per thread across comments *and* mirrors: storing a
    reader's comment under the id of one of our own copies (an echo) or a mirror under the
    id of a reader's comment raises ``ConflictError``.

    A comment takes its position in the discussion (``seq``) under the discussion's lock
    (:mod:`storage.sql.sequence`), so within a discussion ids, positions and commits
    follow one order: listing by id is listing in the order comments were stored.
    """

    def __init__(self, db: Db, positions: Positions) -> None:
        self._db = db
        self._d = db.dialect
        self._positions = positions
        # Threads never change once written, so one lookup per thread per unit of work.
        self._thread_discussion: dict[int, int] = {}

    async def _discussion_of(self, thread_id: int) -> int:
        thread_id = v.ref(thread_id, "thread id")
        known = self._thread_discussion.get(thread_id)
        if known is None:
            row = await self._db.fetch_one(
                "SELECT discussion_id FROM threads WHERE id = ?", thread_id
            )
            if row is None:
                raise NotFoundError(f"thread {thread_id} does not exist")
            known = self._thread_discussion[thread_id] = row["discussion_id"]
        return known

    async def add(self, new: NewComment) -> tuple[Comment, bool]:
        message_id = v.ident(new.platform_message_id, "platform message id")
        author = new.author
        values = (
            message_id,
            v.platform(author.platform).value,
            v.ident(author.user_id, "author user id"),
            v.name(author.display_name, "author display name"),
            v.optional_url(author.avatar_url, "author avatar URL"),
            v.comment_text(new.text),
            self._d.encode_time(v.utc(new.created_at, "created_at")),
        )
        discussion_id = await self._discussion_of(new.thread_id)
        if new.reply_to_id is not None:
            await self.get(new.reply_to_id)
        # Taken first: concurrent writers of this discussion queue here until we commit.
        seq = await self._positions.take(discussion_id)
        row = await self._db.fetch_one(
            _INSERT,
            discussion_id,
            new.thread_id,
            *values,
            new.reply_to_id,
            new.standing.value,
            v.optional_rule(new.rule),
            seq,
            new.thread_id,
            message_id,
        )
        if row is not None:
            return rows.comment(row, self._d), True
        echo = await self.find_mirror(new.thread_id, message_id)
        if echo is not None:
            raise ConflictError(
                f"message {message_id!r} on thread {new.thread_id} is our own copy of "
                f"comment {echo.comment_id}, not a new comment"
            )
        existing = await self.find_by_message(new.thread_id, message_id)
        assert existing is not None
        return existing, False

    async def get(self, comment_id: int) -> Comment:
        row = await self._db.fetch_one(f"{_SELECT} WHERE id = ?", v.ref(comment_id, "comment id"))
        if row is None:
            raise NotFoundError(f"comment {comment_id} does not exist")
        return rows.comment(row, self._d)

    async def find_by_message(self, thread_id: int, platform_message_id: str) -> Comment | None:
        row = await self._db.fetch_one(
            f"{_SELECT} WHERE thread_id = ? AND platform_message_id = ?",
            v.ref(thread_id, "thread id"),
            v.ident(platform_message_id, "platform message id"),
        )
        return None if row is None else rows.comment(row, self._d)

    async def edit(self, comment_id: int, text: str, edited_at: datetime) -> Comment:
        text = v.comment_text(text)
        when = self._d.encode_time(v.utc(edited_at, "edited_at"))
        current = await self.get(comment_id)
        if current.deleted:
            raise ConflictError(f"comment {comment_id} was deleted and cannot be edited")
        row = await self._db.fetch_one(
            f"UPDATE comments SET text = ?, edited_at = ? WHERE id = ?"
            f" RETURNING {rows.COMMENT_COLUMNS}",
            text,
            when,
            current.id,
        )
        assert row is not None
        return rows.comment(row, self._d)

    async def delete(self, comment_id: int, deleted_at: datetime) -> Comment:
        when = self._d.encode_time(v.utc(deleted_at, "deleted_at"))
        current = await self.get(comment_id)
        if current.deleted:
            return current
        row = await self._db.fetch_one(
            f"UPDATE comments SET text = '', deleted_at = ? WHERE id = ?"
            f" RETURNING {rows.COMMENT_COLUMNS}",
            when,
            current.id,
        )
        assert row is not None
        return rows.comment(row, self._d)

    async def list_for_discussion(
        self, discussion_id: int, after_id: int | None = None, limit: int | None = None
    ) -> list[Comment]:
        sql = f"{_SELECT} WHERE discussion_id = ?"
        args: list[object] = [v.ref(discussion_id, "discussion id")]
        if after_id is not None:
            sql += " AND id > ?"
            args.append(v.ref(after_id, "after_id"))
        sql += " ORDER BY id"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(v.positive(limit, "limit"))
        return [rows.comment(row, self._d) for row in await self._db.fetch_all(sql, *args)]

    async def add_mirror(
        self, comment_id: int, thread_id: int, platform_message_id: str, now: datetime
    ) -> Mirror:
        message_id = v.ident(platform_message_id, "platform message id")
        created_at = self._d.encode_time(v.utc(now, "now"))
        comment = await self.get(comment_id)
        await self._discussion_of(thread_id)
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
        row = await self._db.fetch_one(
            "INSERT INTO mirrors (comment_id, thread_id, platform_message_id, created_at)"
            f" VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING {rows.MIRROR_COLUMNS}",
            comment.id,
            thread_id,
            message_id,
            created_at,
        )
        if row is None:  # another connection recorded a copy just now (PostgreSQL)
            return await self.add_mirror(comment.id, thread_id, message_id, now)
        return rows.mirror(row, self._d)

    async def mirrors(self, comment_id: int) -> list[Mirror]:
        found = await self._db.fetch_all(
            f"{_SELECT_MIRROR} WHERE comment_id = ? ORDER BY id", v.ref(comment_id, "comment id")
        )
        return [rows.mirror(row, self._d) for row in found]

    async def mirror_for(self, comment_id: int, thread_id: int) -> Mirror | None:
        row = await self._db.fetch_one(
            f"{_SELECT_MIRROR} WHERE comment_id = ? AND thread_id = ?",
            v.ref(comment_id, "comment id"),
            v.ref(thread_id, "thread id"),
        )
        return None if row is None else rows.mirror(row, self._d)

    async def find_mirror(self, thread_id: int, platform_message_id: str) -> Mirror | None:
        row = await self._db.fetch_one(
            f"{_SELECT_MIRROR} WHERE thread_id = ? AND platform_message_id = ?",
            v.ref(thread_id, "thread id"),
            v.ident(platform_message_id, "platform message id"),
        )
        return None if row is None else rows.mirror(row, self._d)

    async def mark_mirror_deleted(self, mirror_id: int) -> None:
        row = await self._db.fetch_one(
            "UPDATE mirrors SET deleted = TRUE WHERE id = ? RETURNING id",
            v.ref(mirror_id, "mirror id"),
        )
        if row is None:
            raise NotFoundError(f"mirror {mirror_id} does not exist")
