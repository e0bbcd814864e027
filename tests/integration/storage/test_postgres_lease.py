"""The gateway lease on the real PostgreSQL: one holder per token, taken over when the
holder's connection dies, and the token never reaches the database."""

from __future__ import annotations

import asyncio
import secrets
import time

import asyncpg
import pytest

from storage.postgres.lease import PostgresLease, lease_key

pytestmark = pytest.mark.timeout(60)


async def test_one_holder_per_token_and_a_takeover_when_its_connection_dies(
    postgres_dsn: str,
) -> None:
    token = f"lease-test-{secrets.token_hex(8)}"
    first = PostgresLease(postgres_dsn, token, retry_seconds=0.2, check_seconds=0.2)
    second = PostgresLease(postgres_dsn, token, retry_seconds=0.2, check_seconds=0.2)
    other = PostgresLease(postgres_dsn, f"{token}-other", retry_seconds=0.2)
    try:
        await first.acquire()
        await other.acquire()  # another token is another lease
        waiting = asyncio.create_task(second.acquire())
        await asyncio.sleep(1.0)
        assert not waiting.done()

        admin = await asyncpg.connect(postgres_dsn)
        try:
            held = await admin.fetch(
                "SELECT l.pid, a.query FROM pg_locks l JOIN pg_stat_activity a USING (pid)"
                " WHERE l.locktype = 'advisory' AND l.granted"
                " AND (l.classid::bigint << 32 | l.objid::bigint) = $1",
                lease_key(token),
            )
            assert len(held) == 1
            queries = await admin.fetch("SELECT query FROM pg_stat_activity")
            assert all(token not in str(row["query"]) for row in queries)
            lost = asyncio.create_task(first.lost())
            started = time.monotonic()
            await admin.execute("SELECT pg_terminate_backend($1)", held[0]["pid"])
        finally:
            await admin.close()
        async with asyncio.timeout(5):
            await lost  # the holder learns it no longer holds the lease
            await waiting
        print(f"lease taken over {time.monotonic() - started:.2f} s after the kill")
    finally:
        for lease in (first, second, other):
            await lease.release()
