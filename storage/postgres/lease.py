"""``PostgresLease``: one gateway connection per bot token among every process on a server.

The lease is a session-level advisory lock held on a connection of its own, keyed by a hash
of the token (the token itself never reaches the database). When the holder dies its
connection closes and PostgreSQL releases the lock; a waiting process, trying again every
``retry_seconds``, takes it over. The holder checks its connection every ``check_seconds``
and gives the gateway up when it is gone, since another process may then hold the lock.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from typing import Any

import asyncpg

from storage.postgres.errors import DRIVER_ERRORS

__all__ = ["PostgresLease", "lease_key"]

log = logging.getLogger(__name__)


def lease_key(token: str, purpose: str = "gateway") -> int:
    """The advisory-lock key (signed 64 bits) for ``token``'s ``purpose`` connection."""
    digest = hashlib.sha256(f"briefbot-{purpose}\0{token}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class PostgresLease:
    """The ``Lease`` port on a PostgreSQL advisory lock."""

    def __init__(
        self,
        dsn: str,
        token: str,
        *,
        retry_seconds: float = 1.0,
        check_seconds: float = 1.0,
        connect_timeout_seconds: float = 5.0,
    ) -> None:
        self.key = lease_key(token)
        self._dsn = dsn
        self._retry = retry_seconds
        self._check = check_seconds
        self._timeout = connect_timeout_seconds
        self._conn: asyncpg.Connection | None = None
        self._gone = asyncio.Event()

    @property
    def held(self) -> bool:
        return self._conn is not None and not self._conn.is_closed()

    async def acquire(self) -> None:
        while True:
            try:
                if self._conn is None or self._conn.is_closed():
                    self._conn = await asyncpg.connect(
                        self._dsn,
                        timeout=self._timeout,
                        server_settings={"application_name": "briefbot-gateway-lease"},
                    )
                    self._gone.clear()
                    self._conn.add_termination_listener(self._terminated)
                if await self._conn.fetchval("SELECT pg_try_advisory_lock($1)", self.key):
                    return
            except DRIVER_ERRORS as error:
                log.warning("gateway lease: PostgreSQL unreachable (%s)", type(error).__name__)
                await self._drop()
            await asyncio.sleep(self._retry)

    def _terminated(self, *_args: Any) -> None:
        self._gone.set()

    async def lost(self) -> None:
        while self._conn is not None:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self._check):
                    await self._gone.wait()
            try:
                await self._conn.fetchval("SELECT 1", timeout=self._check)
            except DRIVER_ERRORS:
                break
        await self._drop()

    async def release(self) -> None:
        if self._conn is not None and not self._conn.is_closed():
            with contextlib.suppress(*DRIVER_ERRORS):
                await self._conn.fetchval("SELECT pg_advisory_unlock($1)", self.key, timeout=2)
        await self._drop()

    async def _drop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):
                await conn.close(timeout=1)
