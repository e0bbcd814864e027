"""``PostgresPacer``: the pacing port shared by every process on one PostgreSQL database.

Each budget is a row of ``pacing`` (migration 0009) holding when its next call is due, as
:mod:`bot.services.pacing` keeps it in memory, on the database's clock so that processes on
several hosts agree. A call's turn is one ``INSERT … ON CONFLICT … DO UPDATE … RETURNING``
over its budgets: one round trip, row locks held only for that statement (the rows are
taken in key order, so two calls on overlapping budgets cannot deadlock). A turn too far
away is given back by a second statement (rare: the caller is then refused its call).
A refusal (429) moves the rows' next time on for every process at once.

When the database cannot be reached the calls are paced by this process alone (logged once
per outage) rather than not made: pacing must not stop the bot.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence

import asyncpg

from bot.ports.pacing import Budget
from bot.services.pacing import InProcessPacer
from storage.postgres.errors import DRIVER_ERRORS

__all__ = ["PostgresPacer"]

log = logging.getLogger(__name__)

_KEYS = """
keys AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[])
        AS k(scope, name, channel, step, x)
)"""

_TURN = f"""
WITH clock AS (SELECT extract(epoch FROM clock_timestamp())::float8 AS t), {_KEYS},
taken AS (
    INSERT INTO pacing AS p (scope, name, channel, due, step)
    SELECT keys.scope, keys.name, keys.channel, clock.t + keys.step, keys.step
    FROM keys, clock ORDER BY keys.scope, keys.name, keys.channel
    ON CONFLICT (scope, name, channel) DO UPDATE
    SET due = GREATEST(p.due, EXCLUDED.due - EXCLUDED.step) + EXCLUDED.step,
        step = EXCLUDED.step
    RETURNING p.scope, p.name, p.channel, p.due
)
SELECT MAX(GREATEST(clock.t, taken.due - keys.step - keys.x)) - MIN(clock.t)
FROM taken JOIN keys USING (scope, name, channel), clock
"""
"""``x`` is each budget's burst tolerance; the answer is the wait in seconds."""

_GIVE_BACK = f"""
WITH {_KEYS.strip()}
UPDATE pacing AS p SET due = p.due - keys.step
FROM keys WHERE (p.scope, p.name, p.channel) = (keys.scope, keys.name, keys.channel)
"""

_REFUSED = f"""
WITH clock AS (SELECT extract(epoch FROM clock_timestamp())::float8 AS t), {_KEYS}
INSERT INTO pacing AS p (scope, name, channel, due, step)
SELECT keys.scope, keys.name, keys.channel, clock.t + keys.x, keys.step
FROM keys, clock ORDER BY keys.scope, keys.name, keys.channel
ON CONFLICT (scope, name, channel) DO UPDATE
SET due = GREATEST(p.due - EXCLUDED.step, EXCLUDED.due), step = EXCLUDED.step
"""
"""Here ``x`` is the hold plus the tolerance: nothing before the hold ends, then one call."""

_PRUNE = "DELETE FROM pacing WHERE due < extract(epoch FROM clock_timestamp()) - 3600"


def _columns(budgets: Sequence[Budget], x: Sequence[float]) -> list[list[object]]:
    return [
        [b.scope for b in budgets],
        [b.name for b in budgets],
        [b.channel for b in budgets],
        [b.pace.interval for b in budgets],
        list(x),
    ]


class PostgresPacer:
    """The ``CallPacer`` port on a ``pacing`` table (see the module's docstring)."""

    def __init__(
        self,
        dsn: str,
        *,
        schema: str | None = None,
        max_connections: int = 4,
        connect_timeout_seconds: float = 5.0,
        retry_seconds: float = 5.0,
    ) -> None:
        self._dsn = dsn
        self._schema = schema
        self._max = max_connections
        self._timeout = connect_timeout_seconds
        self._retry = retry_seconds
        self._pool: asyncpg.Pool | None = None
        self._opening = asyncio.Lock()
        self._down_until = 0.0
        self._down = False
        self._local = InProcessPacer()

    async def _connected(self) -> asyncpg.Pool | None:
        if self._pool is not None:
            return self._pool
        if time.monotonic() < self._down_until:
            return None
        async with self._opening:
            if self._pool is None and time.monotonic() >= self._down_until:
                try:
                    pool = await asyncpg.create_pool(
                        self._dsn,
                        min_size=1,
                        max_size=self._max,
                        timeout=self._timeout,
                        server_settings={
                            "application_name": "briefbot-pacing",
                            **({"search_path": self._schema} if self._schema else {}),
                        },
                    )
                    await pool.execute(_PRUNE)
                    self._pool = pool
                except DRIVER_ERRORS as error:
                    self._unreachable(error)
        return self._pool

    def _unreachable(self, error: BaseException) -> None:
        if not self._down:
            self._down = True
            log.warning(
                "pacing: PostgreSQL unreachable (%s); pacing this process's calls alone",
                type(error).__name__,
            )
        self._down_until = time.monotonic() + self._retry

    async def turn(self, budgets: Sequence[Budget], *, within: float) -> float:
        if not budgets:
            return 0.0
        ordered = sorted(budgets, key=lambda b: b.key)
        pool = await self._connected()
        if pool is not None:
            try:
                wait = float(
                    await pool.fetchval(
                        _TURN, *_columns(ordered, [b.pace.tolerance for b in ordered])
                    )
                )
                if wait > within:
                    await pool.execute(_GIVE_BACK, *_columns(ordered, [0.0] * len(ordered)))
                self._down = False
                return wait
            except DRIVER_ERRORS as error:
                self._unreachable(error)
        return await self._local.turn(budgets, within=within)

    async def refused(self, holds: Sequence[tuple[Budget, float]]) -> None:
        if not holds:
            return
        ordered = sorted(holds, key=lambda h: h[0].key)
        budgets = [b for b, _ in ordered]
        x = [max(0.0, hold) + b.pace.tolerance for b, hold in ordered]
        pool = await self._connected()
        if pool is not None:
            try:
                await pool.execute(_REFUSED, *_columns(budgets, x))
                return
            except DRIVER_ERRORS as error:
                self._unreachable(error)
        await self._local.refused(holds)

    async def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            try:
                await pool.close()
            except DRIVER_ERRORS:
                pool.terminate()
