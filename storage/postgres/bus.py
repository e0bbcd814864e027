"""``PostgresBus``: the event bus shared by every process on one PostgreSQL database.

Each published event becomes a small row of ``bus_events`` (the event's name and ids, as
JSON); the transaction that inserts it also sends ``NOTIFY <channel>, '<last id>'``. Every
process LISTENs on that channel on a connection of its own and, when notified, reads the
rows after the last id it has seen and hands the ones other processes published to its
own subscribers. The rows are the source of truth: after a dropped connection the listener
reconnects and reads what it missed from the last id it saw (delivery is at least once:
a write retried after a lost reply may repeat an event). Rows older than
``retention_seconds`` are deleted (events are hints: workers still poll, web pages re-read
from their last comment id).

Inserts take a transaction-scoped advisory lock, so ids commit in the order they were taken
and a reader never steps over an id that commits later. The channel (and lock) names
include the schema, so schemas on one server (parallel tests) do not hear each other.

The table comes from migration ``0008_bus_events``: open a ``PostgresStore`` on the same
database and schema (it migrates) before starting a bus.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import secrets
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg

from bot.domain.events import Event
from bot.errors import StorageError
from bot.ports.bus import Subscription
from bot.services.bus import InProcessBus
from storage.postgres.errors import DRIVER_ERRORS
from storage.postgres.event_codec import decode_event, encode_event
from storage.url import redact_url

__all__ = ["PostgresBus", "channel_name"]

log = logging.getLogger(__name__)

_BATCH = 500


def channel_name(schema: str | None) -> str:
    """The NOTIFY channel of one schema's bus (at most 63 bytes, PostgreSQL's limit)."""
    return (f"briefbot_events_{schema}" if schema else "briefbot_events")[:63]


def _lock_key(name: str) -> int:
    """A signed 64-bit advisory-lock key for ``name``."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


class PostgresBus:
    """The ``EventBus`` port across processes (see the module's docstring).

    ``publish`` hands the events to this process's subscribers at once and queues them for
    the others; a background task writes them. ``start`` connects both connections (the
    publisher's and the listener's) and returns once the listener is listening.
    """

    def __init__(
        self,
        dsn: str,
        *,
        schema: str | None = None,
        retention_seconds: float = 600.0,
        reconnect_seconds: float = 1.0,
        ping_seconds: float = 2.0,
        connect_timeout_seconds: float = 10.0,
        max_pending: int = 10_000,
    ) -> None:
        self.url = redact_url(dsn)
        self.channel = channel_name(schema)
        self.origin = secrets.token_hex(8)
        self._dsn = dsn
        self._schema = schema
        self._retention = retention_seconds
        self._reconnect = reconnect_seconds
        self._ping = ping_seconds
        self._timeout = connect_timeout_seconds
        self._local = InProcessBus()
        self._pending: deque[Event] = deque(maxlen=max_pending)
        self._send_wake = asyncio.Event()
        self._drained = asyncio.Event()
        self._behind = False
        self._dropped = 0
        self._read_wake = asyncio.Event()
        self._listening = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._last_seen: int | None = None
        self.reconnects = 0
        """How many times the listener connected again after losing its connection."""

    # -- the port ----------------------------------------------------------------------

    def publish(self, *events: Event) -> None:
        self._local.publish(*events)
        room = (self._pending.maxlen or 0) - len(self._pending)
        if len(events) > room:
            self._dropped += len(events) - room  # the deque drops that many from the left
        if len(events) > room and not self._behind:
            self._behind = True  # said once until it catches up
            log.warning("the shared bus is behind; the oldest unsent events are dropped")
        self._pending.extend(events)
        self._drained.clear()
        self._send_wake.set()

    @asynccontextmanager
    async def subscribe(self, maxsize: int = 1000) -> AsyncIterator[Subscription]:
        async with self._local.subscribe(maxsize) as subscription:
            yield subscription

    async def start(self) -> None:
        """Start listening; raises ``StorageError`` when PostgreSQL cannot be reached within
        the connect timeout or the schema has no ``bus_events`` table (not migrated)."""
        if self._tasks:
            return
        try:
            conn = await self._connect("send")
        except DRIVER_ERRORS as error:
            raise StorageError(
                f"the shared event bus cannot reach PostgreSQL at {self.url}: "
                f"{type(error).__name__}"
            ) from None
        try:
            # The schema the tables live in (``schema``, or the DSN's search_path) names
            # the channel, so buses of other schemas on this server do not hear it.
            self.channel = channel_name(await conn.fetchval("SELECT current_schema()"))
            if await conn.fetchval("SELECT to_regclass('bus_events')") is None:
                raise StorageError(
                    f"the shared event bus has no bus_events table at {self.url}: "
                    "open the store first (migration 0008 creates it)"
                )
            self._last_seen = await conn.fetchval("SELECT coalesce(max(id), 0) FROM bus_events")
        except BaseException as error:
            await conn.close()
            if isinstance(error, DRIVER_ERRORS):
                raise StorageError(
                    f"the shared event bus could not read its table at {self.url}: "
                    f"{type(error).__name__}"
                ) from None
            raise
        # The setup connection stays as the publisher's: the first event goes out at once.
        self._tasks = [
            asyncio.create_task(self._listen_forever(), name="bus-listen"),
            asyncio.create_task(self._send_forever(conn), name="bus-send"),
        ]
        await self._listening.wait()

    async def close(self) -> None:
        """Stop listening; events not yet written get one last chance."""
        if self._tasks and self._pending:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(2):
                    await self._drained.wait()
        tasks, self._tasks = self._tasks, []
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    # -- connections -------------------------------------------------------------------

    def application_name(self, role: str) -> str:
        """What this bus's ``role`` connection ("listen", "send") shows in pg_stat_activity."""
        return f"briefbot-bus-{role}-{self.origin}"

    async def _connect(self, role: str) -> asyncpg.Connection:
        settings = {"application_name": self.application_name(role)}
        if self._schema:
            settings["search_path"] = self._schema
        return await asyncpg.connect(self._dsn, timeout=self._timeout, server_settings=settings)

    # -- listening ---------------------------------------------------------------------

    def _notified(self, *_args: Any) -> None:
        self._read_wake.set()

    async def _listen_forever(self) -> None:
        first = True
        while True:
            conn: asyncpg.Connection | None = None
            try:
                conn = await self._connect("listen")
                conn.add_termination_listener(self._notified)
                await conn.add_listener(self.channel, self._notified)
                if not first:
                    self.reconnects += 1
                    log.info("shared bus listening again; reading what it missed")
                first = False
                self._listening.set()
                await self._read_new(conn)
                while True:
                    try:
                        async with asyncio.timeout(self._ping):
                            await self._read_wake.wait()
                    except TimeoutError:
                        await conn.fetchval("SELECT 1", timeout=self._ping)
                        continue
                    self._read_wake.clear()
                    await self._read_new(conn)
            except DRIVER_ERRORS as error:
                log.warning(
                    "shared bus lost its PostgreSQL connection (%s); reconnecting",
                    type(error).__name__,
                )
            finally:
                if conn is not None:
                    with contextlib.suppress(Exception):
                        await conn.close(timeout=1)
            await asyncio.sleep(self._reconnect)

    async def _read_new(self, conn: asyncpg.Connection) -> None:
        """Every row after the last one seen; other processes' events go to subscribers."""
        while True:
            rows = await conn.fetch(
                "SELECT id, origin, body FROM bus_events WHERE id > $1 ORDER BY id LIMIT $2",
                self._last_seen or 0,
                _BATCH,
            )
            for row in rows:
                self._last_seen = row["id"]
                if row["origin"] == self.origin:
                    continue
                try:
                    event = decode_event(row["body"])
                except StorageError:
                    log.warning("shared bus skipped an event it cannot read (id %d)", row["id"])
                    continue
                self._local.publish(event)
            if len(rows) < _BATCH:
                return

    # -- sending -----------------------------------------------------------------------

    async def _send_forever(self, conn: asyncpg.Connection | None) -> None:
        loop = asyncio.get_running_loop()
        pruned = loop.time()
        try:
            while True:
                await self._send_wake.wait()
                self._send_wake.clear()
                while self._pending:
                    batch = [self._pending[i] for i in range(min(_BATCH, len(self._pending)))]
                    self._dropped = 0
                    try:
                        if conn is None or conn.is_closed():
                            conn = await self._connect("send")
                        await self._insert(conn, batch)
                    except DRIVER_ERRORS as error:
                        log.warning(
                            "shared bus could not publish (%s); retrying",
                            type(error).__name__,
                        )
                        if conn is not None:
                            with contextlib.suppress(Exception):
                                await conn.close(timeout=1)
                        conn = None
                        await asyncio.sleep(self._reconnect)
                        continue
                    # What publish dropped meanwhile came off the left: the batch's own.
                    for _ in range(max(0, len(batch) - self._dropped)):
                        self._pending.popleft()
                    if loop.time() - pruned > min(60.0, self._retention):
                        pruned = loop.time()
                        try:
                            await self._prune(conn)
                        except DRIVER_ERRORS as error:
                            log.warning("shared bus could not prune (%s)", type(error).__name__)
                self._drained.set()
                self._behind = False
        finally:
            if conn is not None:
                with contextlib.suppress(Exception):
                    await conn.close(timeout=1)

    async def _insert(self, conn: asyncpg.Connection, batch: list[Event]) -> None:
        async with conn.transaction():
            # Taken before the ids: ids then commit in order, so readers miss none.
            await conn.execute("SELECT pg_advisory_xact_lock($1)", _lock_key(self.channel))
            last = await conn.fetchval(
                "WITH added AS (INSERT INTO bus_events (origin, body)"
                " SELECT $1, body FROM unnest($2::text[]) WITH ORDINALITY AS t(body, n)"
                " ORDER BY n RETURNING id) SELECT max(id) FROM added",
                self.origin,
                [encode_event(event) for event in batch],
            )
            await conn.execute("SELECT pg_notify($1, $2)", self.channel, str(last))

    async def _prune(self, conn: asyncpg.Connection) -> None:
        await conn.execute(
            "DELETE FROM bus_events WHERE created_at < now() - make_interval(secs => $1)",
            self._retention,
        )
