"""The ``store`` fixture: every contract test runs on SQLite, PostgreSQL and the fake.

PostgreSQL comes from ``BRIEFBOT_TEST_POSTGRES_DSN`` (default: the local server); each
test gets a fresh schema, dropped afterwards. Without a server the postgres half is
skipped, unless ``BRIEFBOT_REQUIRE_POSTGRES=1`` (CI), where it fails.
"""

from __future__ import annotations

import asyncio
import os
import secrets
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import pytest

from bot.ports.store import Store
from storage.postgres import PostgresStore
from storage.sqlite import SqliteStore
from storage.url import redact_url
from tests.fakes.store import FakeStore

DEFAULT_DSN = "postgresql://postgres@127.0.0.1:5432/test"


async def _probe(dsn: str) -> str | None:
    try:
        conn = await asyncpg.connect(dsn, timeout=5)
    except Exception as exc:
        return f"no PostgreSQL at {redact_url(dsn)}: {type(exc).__name__}: {exc}"
    await conn.close()
    return None


@pytest.fixture(scope="session")
def postgres_dsn() -> str:
    """The test server's DSN, or a skip (a failure when PostgreSQL is required)."""
    dsn = os.environ.get("BRIEFBOT_TEST_POSTGRES_DSN", DEFAULT_DSN)
    # A thread of its own: this may be requested from inside a running event loop.
    with ThreadPoolExecutor(1) as pool:
        reason = pool.submit(asyncio.run, _probe(dsn)).result()
    if reason is not None:
        if os.environ.get("BRIEFBOT_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"BRIEFBOT_REQUIRE_POSTGRES=1 but {reason}")
        pytest.skip(reason)
    return dsn


@asynccontextmanager
async def fresh_schema(dsn: str) -> AsyncIterator[str]:
    """A new empty schema, dropped on exit."""
    schema = f"bb_test_{secrets.token_hex(6)}"
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(f"CREATE SCHEMA {schema}")
        yield schema
    finally:
        await conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        await conn.close()


@asynccontextmanager
async def make_store(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> AsyncIterator[Store]:
    """An open store of that kind, closed (and its schema dropped) on exit."""
    if kind == "postgres":
        dsn = request.getfixturevalue("postgres_dsn")
        async with fresh_schema(dsn) as schema:
            store = PostgresStore(dsn, schema=schema, max_size=10)
            await store.open()
            try:
                yield store
            finally:
                await store.close()
        return
    made: Store = SqliteStore(tmp_path / "store.sqlite3") if kind == "sqlite" else FakeStore()
    await made.open()
    try:
        yield made
    finally:
        await made.close()


@pytest.fixture(params=["sqlite", "postgres", "fake"])
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store]:
    async with make_store(request.param, tmp_path, request) as made:
        yield made


@pytest.fixture(params=["sqlite", "postgres"])
async def db_store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store]:
    """The real engines only (for tests about concurrency and durability)."""
    async with make_store(request.param, tmp_path, request) as made:
        yield made
