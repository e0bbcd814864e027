"""``SqliteStore``: the durable store in one SQLite file.

Durability choices:

* WAL journal: readers never block the writer, and a crash (even ``SIGKILL`` mid-write)
  leaves every committed transaction intact.
* ``synchronous=FULL`` (default): each commit fsyncs the WAL, so a committed comment or
  a completed delivery also survives a power cut or an OS crash. ``NORMAL`` would be safe
  against process crashes only and could lose the last commits on power loss, after the
  bot already posted the matching message to a platform (a duplicate post on retry). Chat
  traffic is a few writes per second; an fsync per commit is cheap at that rate, and bulk
  work commits many rows per transaction.
* One writer connection, serialised by an ``asyncio.Lock`` and ``BEGIN IMMEDIATE``, so a
  unit of work never meets ``SQLITE_BUSY`` halfway through; ``busy_timeout`` covers
  another process (a CLI, a second bot) holding the write lock for a moment.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Literal

import aiosqlite

from bot.errors import StorageError, StorageUnavailableError
from bot.ports.store import Transaction
from storage import migrations
from storage.sql.transaction import SqlTransaction
from storage.sqlite.db import SqliteDb
from storage.sqlite.errors import DRIVER_ERRORS, translate
from storage.sqlite.migrate import migrate

__all__ = ["SqliteStore"]


class SqliteStore:
    """The ``Store`` port on a SQLite file (created, with its directory, when missing).

    ``schema_version`` stops migrations at that version (tests of upgrades use it);
    by default every migration is applied.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        synchronous: Literal["FULL", "NORMAL"] = "FULL",
        busy_timeout_seconds: float = 10.0,
        cache_mb: int = 64,
        schema_version: int | None = None,
    ) -> None:
        self.path = Path(path)
        self.url = f"sqlite:///{self.path}"
        self._synchronous = synchronous
        self._busy_timeout = busy_timeout_seconds
        self._cache_mb = cache_mb
        self._schema_version = schema_version
        self._conn: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()

    async def open(self) -> None:
        """Create the file if needed, switch on WAL and foreign keys, apply migrations."""
        if self._conn is not None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            pending = aiosqlite.connect(self.path, isolation_level=None, timeout=self._busy_timeout)
            # aiosqlite's worker thread is not a daemon: a store that was never closed (a
            # crash path, a failed test) would keep the process alive at exit forever.
            # Every commit is atomic in SQLite's WAL, so ending the thread at exit is safe.
            worker = getattr(pending, "_thread", None)
            if worker is not None and not worker.is_alive():
                worker.daemon = True
            conn = await pending
        except DRIVER_ERRORS as exc:
            raise StorageUnavailableError(f"cannot open SQLite database {self.url}: {exc}") from exc
        try:
            conn.row_factory = sqlite3.Row
            await self._configure(conn)
            known = migrations.load("sqlite")
            wanted = migrations.load("sqlite", upto=self._schema_version)
            await migrate(conn, wanted, known, self.url)
        except BaseException as exc:
            await conn.close()
            if isinstance(exc, DRIVER_ERRORS):
                raise translate(exc, self.url) from exc
            raise
        self._conn = conn

    async def _configure(self, conn: aiosqlite.Connection) -> None:
        await conn.execute_fetchall(f"PRAGMA busy_timeout = {int(self._busy_timeout * 1000)}")
        mode = list(await conn.execute_fetchall("PRAGMA journal_mode = WAL"))
        if str(mode[0][0]).lower() != "wal":
            raise StorageError(f"SQLite database {self.url} refused WAL mode ({mode[0][0]})")
        await conn.execute_fetchall(f"PRAGMA synchronous = {self._synchronous}")
        await conn.execute_fetchall("PRAGMA foreign_keys = ON")
        # The default 2 MB page cache keeps too little of the comment and mirror indexes.
        await conn.execute_fetchall(f"PRAGMA cache_size = -{self._cache_mb * 1024}")

    async def close(self) -> None:
        """Close the connection (a no-op when not open)."""
        conn, self._conn = self._conn, None
        if conn is not None:
            async with self._lock:
                try:
                    await conn.close()
                except DRIVER_ERRORS as exc:
                    raise translate(exc, self.url) from exc

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        """A write transaction (``BEGIN IMMEDIATE``); rolled back unless committed."""
        async with self._lock:
            conn = self._conn
            if conn is None:
                raise StorageUnavailableError(f"SQLite database {self.url} is not open")
            db = SqliteDb(conn, self.url)

            async def finish(commit: bool) -> None:
                db.closed = True
                try:
                    await conn.execute_fetchall("COMMIT" if commit else "ROLLBACK")
                except DRIVER_ERRORS as exc:
                    if commit and conn.in_transaction:
                        await conn.execute_fetchall("ROLLBACK")
                    raise translate(exc, self.url) from exc

            try:
                await db.execute("BEGIN IMMEDIATE")
            except BaseException:
                # Cancelled (or failed) while BEGIN sat in aiosqlite's queue: the statement
                # still runs in the worker thread, so queue a ROLLBACK behind it, or the
                # shared connection stays inside a transaction nobody owns.
                await asyncio.shield(_rollback_quietly(conn))
                raise
            tx = SqlTransaction(db, finish)
            try:
                yield tx
            except BaseException:
                if not tx.finished:
                    # The error (or cancellation) in flight matters more than a failed rollback.
                    with contextlib.suppress(StorageError):
                        await asyncio.shield(tx.rollback())
                raise
            if not tx.finished:
                await asyncio.shield(tx.rollback())


async def _rollback_quietly(conn: aiosqlite.Connection) -> None:
    """ROLLBACK if a transaction is open; "no transaction is active" is fine."""
    with contextlib.suppress(*DRIVER_ERRORS):
        await conn.execute_fetchall("ROLLBACK")
