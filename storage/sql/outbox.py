"""The durable outbox: deliveries owed to platforms, claimed per lane in order.

Order within a lane is the deliveries' position (``seq``) in their discussion, taken under
the discussion's lock when they are enqueued, not their ids. Claims held by a worker pass
on when its lease runs out or when the worker's row (``workers``, renewed by its heartbeat)
says it is gone.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from bot.domain.model import Delivery, DeliveryKind, DeliveryStatus, Platform
from bot.errors import ClaimLostError, InvalidDataError, NotFoundError
from storage import validation as v
from storage.sql import rows
from storage.sql.db import Db
from storage.sql.sequence import Positions

__all__ = ["SqlOutbox", "lane_of"]

_SELECT = f"SELECT {rows.DELIVERY_COLUMNS} FROM deliveries"
_ACTIVE = "('pending', 'claimed')"
# The head of a lane: no unfinished delivery in the same lane has an earlier position.
# Positions are handed out in commit order (storage.sql.sequence), so a delivery that is
# visible here never has an earlier one that commits later.
_IS_HEAD = (
    "NOT EXISTS (SELECT 1 FROM deliveries AS e"
    f" WHERE e.lane = d.lane AND e.status IN {_ACTIVE} AND e.seq < d.seq)"
)
# A claim passes on when its lease ran out, or at once when its owner stopped renewing its
# worker row (the process is gone). A live owner renews the leases of what it works on. The
# claimer never counts itself as gone (its clock may have run ahead of its last renewal).
_OWNER_GONE = (
    "EXISTS (SELECT 1 FROM workers AS w WHERE w.name = d.claimed_by AND w.name <> ?"
    " AND w.alive_until <= ?)"
)
_DUE = (
    "((d.status = 'pending' AND d.next_attempt_at <= ?)"
    f" OR (d.status = 'claimed' AND (d.claimed_until <= ? OR {_OWNER_GONE})))"
)
# Rows of workers gone this long ago, holding nothing, are forgotten.
_FORGET_AFTER = timedelta(days=1)


def lane_of(discussion_id: int, place_id: int) -> str:
    """One discussion on one place: the unit of ordering."""
    return f"{discussion_id}:{place_id}"


def _platform_filter(platforms: frozenset[Platform] | None) -> tuple[str, list[object]]:
    if platforms is None:
        return "", []
    values = sorted(v.platform(p).value for p in platforms)
    return f" AND d.platform IN ({', '.join('?' * len(values))})", list(values)


class SqlOutbox:
    """``Outbox`` over SQL. Claims take rows with the dialect's ``lock_rows`` suffix."""

    def __init__(self, db: Db, positions: Positions) -> None:
        self._db = db
        self._d = db.dialect
        self._positions = positions

    async def enqueue(
        self,
        *,
        key: str,
        kind: DeliveryKind,
        platform: Platform,
        place_id: int,
        discussion_id: int,
        comment_id: int | None,
        now: datetime,
    ) -> tuple[Delivery, bool]:
        key = v.ident(key, "delivery key")
        kind = v.delivery_kind(kind)
        platform = v.platform(platform)
        when = self._d.encode_time(v.utc(now, "now"))
        place_id = v.ref(place_id, "place id")
        discussion_id = v.ref(discussion_id, "discussion id")
        if kind.needs_comment != (comment_id is not None):
            raise InvalidDataError(
                f"a {kind.value} delivery "
                + ("takes no comment id" if comment_id is not None else "needs a comment id")
            )
        existing = await self._by_key(key)
        if existing is not None:
            return existing, False
        if await self._db.fetch_one("SELECT id FROM places WHERE id = ?", place_id) is None:
            raise NotFoundError(f"place {place_id} does not exist")
        # The lane position, under the discussion's lock (raises NotFoundError without one).
        seq = await self._positions.take(discussion_id)
        if comment_id is not None:
            comment_id = v.ref(comment_id, "comment id")
            if await self._db.fetch_one("SELECT id FROM comments WHERE id = ?", comment_id) is None:
                raise NotFoundError(f"comment {comment_id} does not exist")
        row = await self._db.fetch_one(
            "INSERT INTO deliveries (key, kind, platform, place_id, discussion_id, comment_id,"
            " lane, status, attempts, next_attempt_at, created_at, seq)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)"
            f" ON CONFLICT DO NOTHING RETURNING {rows.DELIVERY_COLUMNS}",
            key,
            kind.value,
            platform.value,
            place_id,
            discussion_id,
            comment_id,
            lane_of(discussion_id, place_id),
            when,
            when,
            seq,
        )
        if row is not None:
            return rows.delivery(row, self._d), True
        existing = await self._by_key(key)
        assert existing is not None
        return existing, False

    async def _by_key(self, key: str) -> Delivery | None:
        row = await self._db.fetch_one(f"{_SELECT} WHERE key = ?", key)
        return None if row is None else rows.delivery(row, self._d)

    async def claim(
        self,
        worker_id: str,
        now: datetime,
        lease_seconds: float,
        limit: int = 10,
        platforms: frozenset[Platform] | None = None,
    ) -> list[Delivery]:
        worker_id = v.ident(worker_id, "worker id")
        now = v.utc(now, "now")
        if not lease_seconds > 0:
            raise InvalidDataError(f"lease_seconds must be positive, not {lease_seconds}")
        limit = v.positive(limit, "limit")
        platform_sql, platform_args = _platform_filter(platforms)
        if platforms is not None and not platform_args:
            return []
        t_now = self._d.encode_time(now)
        until = self._d.encode_time(now + timedelta(seconds=lease_seconds))
        found = await self._db.fetch_all(
            "WITH picked AS MATERIALIZED ("
            f"SELECT d.id FROM deliveries AS d WHERE d.status IN {_ACTIVE} AND {_DUE}"
            f" AND {_IS_HEAD}{platform_sql} ORDER BY d.id LIMIT ?{self._d.lock_rows})"
            " UPDATE deliveries SET status = 'claimed', claimed_by = ?, claimed_until = ?,"
            " attempts = attempts + 1 WHERE id IN (SELECT id FROM picked)"
            f" RETURNING {rows.DELIVERY_COLUMNS}",
            t_now,
            t_now,
            worker_id,
            t_now,
            *platform_args,
            limit,
            worker_id,
            until,
        )
        return sorted((rows.delivery(row, self._d) for row in found), key=lambda d: d.id)

    async def _release(
        self,
        delivery_id: int,
        worker_id: str,
        status: DeliveryStatus,
        error: str | None,
        extra: str = "",
        *extra_args: object,
    ) -> None:
        delivery_id = v.ref(delivery_id, "delivery id")
        worker_id = v.ident(worker_id, "worker id")
        row = await self._db.fetch_one(
            "UPDATE deliveries SET status = ?, last_error = COALESCE(?, last_error),"
            f" claimed_until = NULL{extra}"
            " WHERE id = ? AND status = 'claimed' AND claimed_by = ? RETURNING id",
            status.value,
            error,
            *extra_args,
            delivery_id,
            worker_id,
        )
        if row is None:
            current = await self.get(delivery_id)
            raise ClaimLostError(
                f"worker {worker_id!r} does not hold delivery {delivery_id} "
                f"(it is {current.status.value}"
                + (f", claimed by {current.claimed_by!r})" if current.claimed_by else ")")
            )

    async def complete(self, delivery_id: int, worker_id: str, now: datetime) -> None:
        v.utc(now, "now")
        await self._release(delivery_id, worker_id, DeliveryStatus.DONE, None)

    async def retry(
        self,
        delivery_id: int,
        worker_id: str,
        error: str,
        next_attempt_at: datetime,
        *,
        failure: bool,
    ) -> None:
        when = self._d.encode_time(v.utc(next_attempt_at, "next_attempt_at"))
        await self._release(
            delivery_id,
            worker_id,
            DeliveryStatus.PENDING,
            v.error_text(error),
            ", next_attempt_at = ?, claimed_by = NULL, backing_off = ?, failures = failures + ?,"
            " refusals = refusals + ?",
            when,
            1 if failure else 0,
            1 if failure else 0,
            0 if failure else 1,
        )

    async def fail(self, delivery_id: int, worker_id: str, error: str, now: datetime) -> None:
        v.utc(now, "now")
        await self._release(
            delivery_id,
            worker_id,
            DeliveryStatus.FAILED,
            v.error_text(error),
            ", backing_off = 0, failures = failures + 1",
        )

    async def expedite(self, platforms: frozenset[Platform], now: datetime) -> int:
        platform_sql, platform_args = _platform_filter(platforms)
        if not platform_args:
            return 0
        t_now = self._d.encode_time(v.utc(now, "now"))
        found = await self._db.fetch_all(
            "UPDATE deliveries SET next_attempt_at = ?, backing_off = 0 WHERE id IN ("
            "SELECT d.id FROM deliveries AS d WHERE d.status = 'pending' AND d.backing_off = 1"
            f" AND d.next_attempt_at > ?{platform_sql}) RETURNING id",
            t_now,
            t_now,
            *platform_args,
        )
        return len(found)

    async def heartbeat(
        self,
        worker_id: str,
        now: datetime,
        *,
        alive_until: datetime,
        holding: Collection[int] = (),
        lease_until: datetime | None = None,
    ) -> int:
        worker_id = v.ident(worker_id, "worker id")
        now = v.utc(now, "now")
        t_now = self._d.encode_time(now)
        alive = v.utc(alive_until, "alive_until")
        if alive <= now:
            raise InvalidDataError("alive_until must be later than now")
        await self._db.execute(
            "INSERT INTO workers (name, started_at, heartbeat_at, alive_until) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (name) DO UPDATE SET heartbeat_at = excluded.heartbeat_at,"
            " alive_until = excluded.alive_until",
            worker_id,
            t_now,
            t_now,
            self._d.encode_time(alive),
        )
        await self._db.execute(
            "DELETE FROM workers WHERE alive_until < ? AND NOT EXISTS (SELECT 1 FROM deliveries"
            " AS d WHERE d.status = 'claimed' AND d.claimed_by = workers.name)",
            self._d.encode_time(now - _FORGET_AFTER),
        )
        ids = sorted({v.ref(i, "delivery id") for i in holding})
        if not ids:
            return 0
        if lease_until is None:
            raise InvalidDataError("renewing leases needs lease_until")
        renewed = await self._db.fetch_all(
            "UPDATE deliveries SET claimed_until = ? WHERE status = 'claimed' AND claimed_by = ?"
            f" AND id IN ({', '.join('?' * len(ids))}) RETURNING id",
            self._d.encode_time(v.utc(lease_until, "lease_until")),
            worker_id,
            *ids,
        )
        return len(renewed)

    async def retire(self, worker_id: str, now: datetime) -> int:
        released = await self.release_claims(worker_id, now)
        await self._db.execute("DELETE FROM workers WHERE name = ?", worker_id)
        return released

    async def release_claims(self, worker_id: str, now: datetime) -> int:
        released = await self._db.fetch_all(
            "UPDATE deliveries SET status = 'pending', claimed_by = NULL, claimed_until = NULL,"
            " next_attempt_at = ? WHERE status = 'claimed' AND claimed_by = ? RETURNING id",
            self._d.encode_time(v.utc(now, "now")),
            v.ident(worker_id, "worker id"),
        )
        return len(released)

    async def get(self, delivery_id: int) -> Delivery:
        row = await self._db.fetch_one(f"{_SELECT} WHERE id = ?", v.ref(delivery_id, "delivery id"))
        if row is None:
            raise NotFoundError(f"delivery {delivery_id} does not exist")
        return rows.delivery(row, self._d)

    async def find(self, key: str) -> Delivery | None:
        return await self._by_key(v.ident(key, "delivery key"))

    async def revive(self, delivery_id: int, now: datetime) -> Delivery | None:
        row = await self._db.fetch_one(
            "UPDATE deliveries SET status = 'pending', next_attempt_at = ?, failures = 0,"
            " backing_off = 0, claimed_by = NULL, claimed_until = NULL"
            f" WHERE id = ? AND status = 'failed' RETURNING {rows.DELIVERY_COLUMNS}",
            self._d.encode_time(v.utc(now, "now")),
            v.ref(delivery_id, "delivery id"),
        )
        return None if row is None else rows.delivery(row, self._d)

    async def next_due(self, platforms: frozenset[Platform] | None = None) -> datetime | None:
        platform_sql, platform_args = _platform_filter(platforms)
        if platforms is not None and not platform_args:
            return None
        row = await self._db.fetch_one(
            "SELECT MIN(CASE WHEN d.status = 'pending' THEN d.next_attempt_at"
            " WHEN w.alive_until IS NOT NULL AND w.alive_until < d.claimed_until"
            " THEN w.alive_until ELSE d.claimed_until END) AS due"
            " FROM deliveries AS d LEFT JOIN workers AS w"
            " ON d.status = 'claimed' AND w.name = d.claimed_by"
            f" WHERE d.status IN {_ACTIVE} AND {_IS_HEAD}{platform_sql}",
            *platform_args,
        )
        return None if row is None else self._d.time_or_none(row["due"])

    async def counts(self) -> dict[str, int]:
        found = await self._db.fetch_all(
            "SELECT status, COUNT(*) AS n FROM deliveries GROUP BY status"
        )
        counted = {status.value: 0 for status in DeliveryStatus}
        counted.update({row["status"]: row["n"] for row in found})
        return counted
