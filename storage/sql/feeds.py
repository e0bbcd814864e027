"""Feed subscriptions and their seen items over SQL."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from bot.errors import ClaimLostError, InvalidDataError, NotFoundError
from bot.feeds.model import Feed
from bot.ports.feeds import FeedPoll
from storage import validation as v
from storage.sql.db import Db, Dialect, Row

__all__ = ["SqlFeeds"]

FEED_COLUMNS = (
    "id, place_id, url, title, etag, last_modified, interval_seconds, next_due, failures,"
    " paused_reason, key_kind, primed, created_at"
)
_SELECT = f"SELECT {FEED_COLUMNS} FROM feeds"
_CHUNK = 500


def _feed(row: Row, d: Dialect) -> Feed:
    return Feed(
        id=row["id"],
        place_id=row["place_id"],
        url=row["url"],
        title=row["title"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        interval_seconds=row["interval_seconds"],
        next_due=d.decode_time(row["next_due"]),
        failures=row["failures"],
        paused_reason=row["paused_reason"],
        key_kind=row["key_kind"],
        primed=bool(row["primed"]),
        created_at=d.decode_time(row["created_at"]),
    )


class SqlFeeds:
    """``FeedRepository`` over SQL; claims use the dialect's ``lock_rows`` suffix."""

    def __init__(self, db: Db) -> None:
        self._db = db
        self._d = db.dialect

    async def add(
        self, place_id: int, url: str, interval_seconds: int, now: datetime
    ) -> tuple[Feed, bool]:
        place_id = v.ref(place_id, "place id")
        url = v.url(url, "feed URL")
        interval_seconds = v.positive(interval_seconds, "interval")
        when = self._d.encode_time(v.utc(now, "now"))
        if await self._db.fetch_one("SELECT id FROM places WHERE id = ?", place_id) is None:
            raise NotFoundError(f"place {place_id} does not exist")
        row = await self._db.fetch_one(
            "INSERT INTO feeds (place_id, url, interval_seconds, next_due, created_at)"
            f" VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING {FEED_COLUMNS}",
            place_id,
            url,
            interval_seconds,
            when,
            when,
        )
        if row is not None:
            return _feed(row, self._d), True
        row = await self._db.fetch_one(f"{_SELECT} WHERE place_id = ? AND url = ?", place_id, url)
        assert row is not None
        return _feed(row, self._d), False

    async def get(self, feed_id: int) -> Feed:
        row = await self._db.fetch_one(f"{_SELECT} WHERE id = ?", v.ref(feed_id, "feed id"))
        if row is None:
            raise NotFoundError(f"feed {feed_id} does not exist")
        return _feed(row, self._d)

    async def in_room(self, room_id: int) -> list[Feed]:
        found = await self._db.fetch_all(
            f"{_SELECT} WHERE place_id IN (SELECT id FROM places WHERE room_id = ?) ORDER BY id",
            v.ref(room_id, "room id"),
        )
        return [_feed(row, self._d) for row in found]

    async def every(self) -> list[Feed]:
        return [_feed(row, self._d) for row in await self._db.fetch_all(f"{_SELECT} ORDER BY id")]

    async def remove(self, feed_id: int) -> None:
        feed = await self.get(feed_id)
        await self._db.execute("DELETE FROM feed_items WHERE feed_id = ?", feed.id)
        await self._db.execute("DELETE FROM feeds WHERE id = ?", feed.id)

    async def set_paused(self, feed_id: int, reason: str | None, now: datetime) -> Feed:
        feed_id = v.ref(feed_id, "feed id")
        when = self._d.encode_time(v.utc(now, "now"))
        if reason is None:
            sql = "UPDATE feeds SET paused_reason = NULL, failures = 0, next_due = ?"
            args: list[object] = [when]
        else:
            sql = "UPDATE feeds SET paused_reason = ?"
            args = [v.error_text(reason)]
        row = await self._db.fetch_one(
            f"{sql} WHERE id = ? RETURNING {FEED_COLUMNS}", *args, feed_id
        )
        if row is None:
            raise NotFoundError(f"feed {feed_id} does not exist")
        return _feed(row, self._d)

    async def claim(
        self, worker_id: str, now: datetime, lease_seconds: float, limit: int
    ) -> list[Feed]:
        worker_id = v.ident(worker_id, "worker id")
        if not lease_seconds > 0:
            raise InvalidDataError(f"lease_seconds must be positive, not {lease_seconds}")
        limit = v.positive(limit, "limit")
        now = v.utc(now, "now")
        t_now = self._d.encode_time(now)
        until = self._d.encode_time(now + timedelta(seconds=lease_seconds))
        found = await self._db.fetch_all(
            "WITH picked AS MATERIALIZED ("
            "SELECT f.id FROM feeds AS f WHERE f.paused_reason IS NULL AND f.next_due <= ?"
            " AND (f.lease_until IS NULL OR f.lease_until <= ?)"
            f" ORDER BY f.next_due, f.id LIMIT ?{self._d.lock_rows})"
            " UPDATE feeds SET leased_by = ?, lease_until = ?"
            f" WHERE id IN (SELECT id FROM picked) RETURNING {FEED_COLUMNS}",
            t_now,
            t_now,
            limit,
            worker_id,
            until,
        )
        return sorted((_feed(row, self._d) for row in found), key=lambda f: f.id)

    async def release(self, worker_id: str) -> int:
        found = await self._db.fetch_all(
            "UPDATE feeds SET leased_by = NULL, lease_until = NULL WHERE leased_by = ?"
            " RETURNING id",
            v.ident(worker_id, "worker id"),
        )
        return len(found)

    async def finish(self, feed_id: int, worker_id: str, poll: FeedPoll) -> Feed:
        feed_id = v.ref(feed_id, "feed id")
        worker_id = v.ident(worker_id, "worker id")
        row = await self._db.fetch_one(
            "UPDATE feeds SET next_due = ?, failures = ?, etag = ?, last_modified = ?,"
            " title = COALESCE(?, title), key_kind = COALESCE(?, key_kind),"
            " primed = ?, paused_reason = COALESCE(?, paused_reason),"
            " leased_by = NULL, lease_until = NULL"
            f" WHERE id = ? AND leased_by = ? RETURNING {FEED_COLUMNS}",
            self._d.encode_time(v.utc(poll.next_due, "next due")),
            poll.failures,
            poll.etag,
            poll.last_modified,
            poll.title,
            poll.key_kind,
            1 if poll.primed else 0,
            poll.paused_reason,
            feed_id,
            worker_id,
        )
        if row is None:
            await self.get(feed_id)  # NotFoundError when it was removed meanwhile
            raise ClaimLostError(f"worker {worker_id} no longer holds feed {feed_id}")
        return _feed(row, self._d)

    async def seen(self, feed_id: int, keys: Collection[str]) -> set[str]:
        feed_id = v.ref(feed_id, "feed id")
        wanted = list(dict.fromkeys(keys))
        found: set[str] = set()
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            rows = await self._db.fetch_all(
                "SELECT item_key FROM feed_items WHERE feed_id = ?"
                f" AND item_key IN ({', '.join('?' * len(chunk))})",
                feed_id,
                *chunk,
            )
            found.update(row["item_key"] for row in rows)
        return found

    async def mark_seen(self, feed_id: int, key: str, now: datetime) -> bool:
        row = await self._db.fetch_one(
            "INSERT INTO feed_items (feed_id, item_key, seen_at) VALUES (?, ?, ?)"
            " ON CONFLICT DO NOTHING RETURNING item_key",
            v.ref(feed_id, "feed id"),
            key,
            self._d.encode_time(v.utc(now, "now")),
        )
        return row is not None
