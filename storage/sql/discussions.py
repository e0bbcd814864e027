"""Discussions (one per article per room) and the threads that carry them on each place."""

from __future__ import annotations

from datetime import datetime

from bot.domain.model import Discussion, Platform, Thread
from bot.errors import ConflictError, NotFoundError
from storage import validation as v
from storage.sql import rows
from storage.sql.db import Db

__all__ = ["SqlDiscussions"]

_SELECT = f"SELECT {rows.DISCUSSION_COLUMNS} FROM discussions"
_SELECT_THREAD = f"SELECT {rows.THREAD_COLUMNS} FROM threads"


class SqlDiscussions:
    """``DiscussionRepository`` over SQL."""

    def __init__(self, db: Db) -> None:
        self._db = db
        self._d = db.dialect

    async def get_or_create(
        self, article_id: int, room_id: int, now: datetime
    ) -> tuple[Discussion, bool]:
        article_id = v.ref(article_id, "article id")
        room_id = v.ref(room_id, "room id")
        created_at = self._d.encode_time(v.utc(now, "now"))
        existing = await self._find(article_id, room_id)
        if existing is not None:
            return existing, False
        if await self._db.fetch_one("SELECT id FROM articles WHERE id = ?", article_id) is None:
            raise NotFoundError(f"article {article_id} does not exist")
        if await self._db.fetch_one("SELECT id FROM rooms WHERE id = ?", room_id) is None:
            raise NotFoundError(f"room {room_id} does not exist")
        row = await self._db.fetch_one(
            "INSERT INTO discussions (article_id, room_id, created_at) VALUES (?, ?, ?) "
            f"ON CONFLICT DO NOTHING RETURNING {rows.DISCUSSION_COLUMNS}",
            article_id,
            room_id,
            created_at,
        )
        if row is not None:
            return rows.discussion(row, self._d), True
        existing = await self._find(article_id, room_id)
        assert existing is not None
        return existing, False

    async def _find(self, article_id: int, room_id: int) -> Discussion | None:
        row = await self._db.fetch_one(
            f"{_SELECT} WHERE article_id = ? AND room_id = ?", article_id, room_id
        )
        return None if row is None else rows.discussion(row, self._d)

    async def get(self, discussion_id: int) -> Discussion:
        row = await self._db.fetch_one(
            f"{_SELECT} WHERE id = ?", v.ref(discussion_id, "discussion id")
        )
        if row is None:
            raise NotFoundError(f"discussion {discussion_id} does not exist")
        return rows.discussion(row, self._d)

    async def for_article(self, article_id: int) -> list[Discussion]:
        found = await self._db.fetch_all(
            f"{_SELECT} WHERE article_id = ? ORDER BY id", v.ref(article_id, "article id")
        )
        return [rows.discussion(row, self._d) for row in found]

    async def in_room(self, room_id: int, limit: int = 20) -> list[Discussion]:
        found = await self._db.fetch_all(
            f"{_SELECT} WHERE room_id = ? ORDER BY id DESC LIMIT ?",
            v.ref(room_id, "room id"),
            v.positive(limit, "limit"),
        )
        return [rows.discussion(row, self._d) for row in found]

    async def add_thread(
        self, discussion_id: int, place_id: int, thread_ref: str, message_id: str, now: datetime
    ) -> Thread:
        thread_ref = v.ident(thread_ref, "thread ref")
        message_id = v.ident(message_id, "message id")
        created_at = self._d.encode_time(v.utc(now, "now"))
        discussion = await self.get(discussion_id)
        place_row = await self._db.fetch_one(
            "SELECT platform, workspace_id FROM places WHERE id = ?", v.ref(place_id, "place id")
        )
        if place_row is None:
            raise NotFoundError(f"place {place_id} does not exist")
        platform, workspace_id = place_row["platform"], place_row["workspace_id"]
        if await self.thread_for(discussion.id, place_id) is not None:
            raise ConflictError(
                f"discussion {discussion.id} already has a thread on place {place_id}"
            )
        taken = await self.find_thread(Platform(platform), workspace_id, thread_ref)
        if taken is not None:
            raise ConflictError(
                f"thread {thread_ref!r} on {platform} workspace {workspace_id!r} already "
                f"belongs to discussion {taken.discussion_id}"
            )
        row = await self._db.fetch_one(
            "INSERT INTO threads (discussion_id, place_id, platform, workspace_id, thread_ref,"
            " message_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
            f" RETURNING {rows.THREAD_COLUMNS}",
            discussion.id,
            place_id,
            platform,
            workspace_id,
            thread_ref,
            message_id,
            created_at,
        )
        assert row is not None
        return rows.thread(row, self._d)

    async def threads(self, discussion_id: int) -> list[Thread]:
        found = await self._db.fetch_all(
            f"{_SELECT_THREAD} WHERE discussion_id = ? ORDER BY id",
            v.ref(discussion_id, "discussion id"),
        )
        return [rows.thread(row, self._d) for row in found]

    async def thread_for(self, discussion_id: int, place_id: int) -> Thread | None:
        row = await self._db.fetch_one(
            f"{_SELECT_THREAD} WHERE discussion_id = ? AND place_id = ?",
            v.ref(discussion_id, "discussion id"),
            v.ref(place_id, "place id"),
        )
        return None if row is None else rows.thread(row, self._d)

    async def get_thread(self, thread_id: int) -> Thread:
        row = await self._db.fetch_one(
            f"{_SELECT_THREAD} WHERE id = ?", v.ref(thread_id, "thread id")
        )
        if row is None:
            raise NotFoundError(f"thread {thread_id} does not exist")
        return rows.thread(row, self._d)

    async def find_thread(
        self, platform: Platform, workspace_id: str, thread_ref: str
    ) -> Thread | None:
        row = await self._db.fetch_one(
            f"{_SELECT_THREAD} WHERE platform = ? AND workspace_id = ? AND thread_ref = ?",
            v.platform(platform).value,
            v.ident(workspace_id, "workspace id"),
            v.ident(thread_ref, "thread ref"),
        )
        return None if row is None else rows.thread(row, self._d)

    async def list_threads(self, platform: Platform, limit: int = 1000) -> list[Thread]:
        found = await self._db.fetch_all(
            f"{_SELECT_THREAD} WHERE platform = ? ORDER BY id DESC LIMIT ?",
            v.platform(platform).value,
            v.positive(limit, "limit"),
        )
        return [rows.thread(row, self._d) for row in found]
