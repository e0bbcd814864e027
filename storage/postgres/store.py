"""``PostgresStore``: the durable store on a PostgreSQL server through an asyncpg pool."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import asyncpg

from bot.errors import StorageError, StorageUnavailableError
from bot.ports.store import Transaction
from storage import migrations
from storage.postgres.db import PostgresDb
from storage.postgres.errors import DRIVER_ERRORS, translate
from storage.postgres.migrate import migrate
from storage.sql.transaction import SqlTransaction
from storage.url import redact_url

if TYPE_CHECKING:
    from storage.postgres.bus import PostgresBus
    from storage.postgres.lease import PostgresLease
    from storage.postgres.pacing import PostgresPacer

__all__ = ["PostgresStore"]

# asyncpg raises ValueError for a malformed DSN.
_CONNECT_ERRORS: tuple[type[Exception], ...] = (*DRIVER_ERRORS, ValueError)


class PostgresStore:
    """The ``Store`` port on PostgreSQL. Each unit of work holds one pooled connection.

    ``schema`` puts every table in that schema (``search_path``; tests use a fresh schema
    each); ``schema_version`` stops migrations at that version (tests of upgrades).
    """

    def __init__(
        self,
        dsn: str,
        *,
        schema: str | None = None,
        min_size: int = 1,
        max_size: int = 10,
        connect_timeout_seconds: float = 10.0,
        schema_version: int | None = None,
    ) -> None:
        self.url = redact_url(dsn)
        self._dsn = dsn
        self._schema = schema
        self._min_size = min_size
        self._max_size = max_size
        self._timeout = connect_timeout_seconds
        self._schema_version = schema_version
        self._pool: asyncpg.Pool | None = None

    def event_bus(self) -> PostgresBus:
        """A bus shared by every process on this database (and schema); not yet started."""
        from storage.postgres.bus import PostgresBus

        return PostgresBus(self._dsn, schema=self._schema)

    def gateway_lease(self, token: str) -> PostgresLease:
        """The lease on ``token``'s gateway connection among every process on this server."""
        from storage.postgres.lease import PostgresLease

        return PostgresLease(self._dsn, token)

    def call_pacer(self) -> PostgresPacer:
        """Pacing of platform calls shared by every process on this database (and schema)."""
        from storage.postgres.pacing import PostgresPacer

        return PostgresPacer(self._dsn, schema=self._schema)

    def _unavailable(self, exc: BaseException) -> StorageUnavailableError:
        reason = f"{type(exc).__name__}: {exc}"
        password = urlsplit(self._dsn).password if "://" in self._dsn else None
        if password:
            reason = reason.replace(password, "***")
        return StorageUnavailableError(f"cannot connect to PostgreSQL at {self.url}: {reason}")

    async def open(self) -> None:
        """Connect the pool and apply pending migrations."""
        if self._pool is not None:
            return
        settings = {"search_path": self._schema} if self._schema else None
        try:
            pool = await asyncpg.create_pool(
                self._dsn,
                min_size=self._min_size,
                max_size=self._max_size,
                timeout=self._timeout,
                server_settings=settings,
            )
        except _CONNECT_ERRORS as exc:
            raise self._unavailable(exc) from exc
        try:
            async with pool.acquire() as conn:
                await migrate(
                    conn,
                    migrations.load("postgres", upto=self._schema_version),
                    migrations.load("postgres"),
                    self.url,
                )
        except BaseException as exc:
            await pool.close()
            if isinstance(exc, DRIVER_ERRORS):
                raise translate(exc, self.url) from exc
            raise
        self._pool = pool

    async def close(self) -> None:
        """Close every pooled connection (a no-op when not open)."""
        pool, self._pool = self._pool, None
        if pool is not None:
            try:
                await pool.close()
            except DRIVER_ERRORS as exc:
                raise translate(exc, self.url) from exc

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        """A transaction on one pooled connection; rolled back unless committed."""
        pool = self._pool
        if pool is None:
            raise StorageUnavailableError(f"PostgreSQL database {self.url} is not open")
        try:
            conn = await pool.acquire(timeout=self._timeout)
        except DRIVER_ERRORS as exc:
            raise translate(exc, self.url) from exc
        try:
            db = PostgresDb(conn, self.url)
            started = conn.transaction()
            try:
                await started.start()
            except DRIVER_ERRORS as exc:
                raise translate(exc, self.url) from exc

            async def finish(commit: bool) -> None:
                db.closed = True
                try:
                    await (started.commit() if commit else started.rollback())
                except DRIVER_ERRORS as exc:
                    raise translate(exc, self.url) from exc

            tx = SqlTransaction(db, finish)
            try:
                yield tx
            except BaseException:
                if not tx.finished:
                    # The error (or cancellation) in flight matters more than a failed
                    # rollback; the pool discards a connection it cannot reset.
                    with contextlib.suppress(StorageError):
                        await asyncio.shield(tx.rollback())
                raise
            if not tx.finished:
                await tx.rollback()
        finally:
            await pool.release(conn)
