"""Engine specifics: SQLite pragmas, ``open_store`` URLs, unreachable databases."""

from __future__ import annotations

import asyncio
import os
import sqlite3
from contextlib import AsyncExitStack
from pathlib import Path

import asyncpg
import pytest

from bot.errors import (
    ConfigError,
    ConflictError,
    InvalidDataError,
    NotFoundError,
    StorageError,
    StorageUnavailableError,
)
from bot.ports.store import Store
from storage import open_store
from storage.postgres import PostgresStore
from storage.postgres.db import PostgresDb
from storage.sql.db import Db
from storage.sqlite import SqliteStore
from storage.sqlite.db import SqliteDb
from storage.url import parse_database_url, redact_url
from tests.integration.storage.conftest import fresh_schema


async def test_sqlite_runs_wal_with_foreign_keys_and_full_sync(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "p.sqlite3")
    await store.open()
    try:
        conn = store._conn  # the engine's own connection: what its transactions really use
        assert conn is not None
        pragmas = {
            name: (await conn.execute_fetchall(f"PRAGMA {name}"))
            for name in ("journal_mode", "foreign_keys", "synchronous", "busy_timeout")
        }
    finally:
        await store.close()
    values = {name: next(iter(rows))[0] for name, rows in pragmas.items()}
    assert values == {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "synchronous": 2,
        "busy_timeout": 10000,
    }
    # WAL is a property of the file: a fresh connection sees it too
    with sqlite3.connect(tmp_path / "p.sqlite3") as plain:
        assert plain.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    plain.close()


async def test_sqlite_foreign_keys_are_enforced_at_the_database(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "fk.sqlite3")
    await store.open()
    try:
        conn = store._conn
        assert conn is not None
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            await conn.execute_fetchall(
                "INSERT INTO discussions (article_id, room_id, created_at) VALUES (7, 7, 'x')"
            )
    finally:
        await store.close()


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("sqlite:///data/briefbot.sqlite3", Path("data/briefbot.sqlite3")),
        ("sqlite:////var/lib/briefbot/db.sqlite3", Path("/var/lib/briefbot/db.sqlite3")),
        ("SQLITE:///x.db", Path("x.db")),
    ],
)
def test_open_store_parses_sqlite_urls(url: str, path: Path) -> None:
    store = open_store(url)
    assert isinstance(store, SqliteStore) and store.path == path


def test_open_store_parses_postgres_urls() -> None:
    for url in ("postgresql://u:pw@db:5432/briefbot", "postgres://u@db/briefbot"):
        store = open_store(url)
        assert isinstance(store, PostgresStore) and "pw" not in store.url
    assert parse_database_url("postgresql://u@db/b").dsn == "postgresql://u@db/b"


@pytest.mark.parametrize(
    "url", ["sqlite:///:memory:", "sqlite://", "sqlite:///", "mysql://u@h/db", "data/x.sqlite3"]
)
def test_open_store_refuses_other_urls(url: str) -> None:
    with pytest.raises(ConfigError, match="DATABASE_URL"):
        open_store(url)


def test_redact_url_hides_only_the_password() -> None:
    assert redact_url("postgresql://bot:s3cr%40t@db:5432/b?sslmode=require") == (
        "postgresql://bot:***@db:5432/b?sslmode=require"
    )
    assert redact_url("postgresql://bot@db/b") == "postgresql://bot@db/b"


async def test_open_store_creates_the_sqlite_directory(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "er" / "bot.sqlite3"
    store = open_store(f"sqlite:///{target}")
    await store.open()
    await store.close()
    assert target.is_file()


async def test_unopenable_sqlite_file_is_unavailable(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StorageUnavailableError, match="cannot open SQLite database"):
        await SqliteStore(tmp_path / "file" / "db.sqlite3").open()
    (tmp_path / "not-a-db.sqlite3").write_bytes(b"garbage" * 1000)
    with pytest.raises(StorageUnavailableError, match="not-a-db"):
        await SqliteStore(tmp_path / "not-a-db.sqlite3").open()


async def test_a_closed_store_refuses_transactions(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "c.sqlite3")
    with pytest.raises(StorageUnavailableError, match="not open"):
        async with store.transaction():
            pass


async def test_unreachable_postgres_names_the_url_without_password() -> None:
    store = PostgresStore(
        "postgresql://bot:hunter2-secret@127.0.0.1:1/briefbot", connect_timeout_seconds=2
    )
    with pytest.raises(StorageUnavailableError) as caught:
        await store.open()
    message = str(caught.value)
    assert "postgresql://bot:***@127.0.0.1:1/briefbot" in message
    assert "hunter2" not in message and "hunter2" not in repr(caught.value.args)
    assert isinstance(caught.value, StorageError)


async def test_missing_postgres_database_is_unavailable(postgres_dsn: str) -> None:
    base = postgres_dsn.rsplit("/", 1)[0]
    store = PostgresStore(f"{base}/bb_no_such_db_{os.getpid()}")
    with pytest.raises(StorageUnavailableError, match="bb_no_such_db"):
        await store.open()


async def test_driver_errors_are_translated_at_the_boundary(db_store: Store) -> None:
    async with AsyncExitStack() as stack:
        if isinstance(db_store, SqliteStore):
            assert db_store._conn is not None
            db: Db = SqliteDb(db_store._conn, db_store.url)
        else:
            assert isinstance(db_store, PostgresStore) and db_store._pool is not None
            conn = await stack.enter_async_context(db_store._pool.acquire())
            await stack.enter_async_context(conn.transaction())
            db = PostgresDb(conn, db_store.url)
        await db.execute("INSERT INTO rooms (id, created_at) VALUES (1, CURRENT_TIMESTAMP)")
        with pytest.raises(ConflictError, match="already exists"):
            await db.execute("INSERT INTO rooms (id, created_at) VALUES (1, CURRENT_TIMESTAMP)")
        if isinstance(db_store, PostgresStore):
            return  # the failed statement aborted PostgreSQL's transaction; enough said
        with pytest.raises(NotFoundError, match="refers to"):
            await db.execute(
                "INSERT INTO discussions (article_id, room_id, created_at) VALUES (7, 7, 'x')"
            )
        with pytest.raises(InvalidDataError):
            await db.execute(
                "INSERT INTO places (platform, workspace_id, channel_id, name,"
                " room_id, created_at) VALUES ('ICQ 98', 'w', 'c', 'n', 1, 'x')"
            )
        with pytest.raises(StorageError, match="no such table"):
            await db.execute("SELECT * FROM nowhere")


async def test_postgres_check_violation_is_invalid_data(postgres_dsn: str) -> None:
    async with fresh_schema(postgres_dsn) as schema:
        store = PostgresStore(postgres_dsn, schema=schema)
        await store.open()
        try:
            assert store._pool is not None
            async with store._pool.acquire() as conn, conn.transaction():
                db = PostgresDb(conn, store.url)
                await db.execute("INSERT INTO rooms (id, created_at) VALUES (1, now())")
                with pytest.raises(InvalidDataError, match="check"):
                    await db.execute(
                        "INSERT INTO places (platform, workspace_id, channel_id, name, room_id,"
                        " created_at) VALUES ('ICQ 98', 'w', 'c', 'n', 1, now())"
                    )
        finally:
            await store.close()


async def test_a_dropped_postgres_connection_never_leaks_a_driver_error(
    postgres_dsn: str,
) -> None:
    """The server kills our connection; using the store raises StorageUnavailableError or
    (when asyncpg noticed in time and reconnected) just works, and then works again."""
    async with fresh_schema(postgres_dsn) as schema:
        store = PostgresStore(postgres_dsn, schema=schema, min_size=1, max_size=1)
        await store.open()
        admin = await asyncpg.connect(postgres_dsn)
        try:
            for _ in range(5):
                assert store._pool is not None
                async with store._pool.acquire() as conn:
                    pid = await conn.fetchval("SELECT pg_backend_pid()")
                await admin.execute("SELECT pg_terminate_backend($1)", pid)
                try:
                    async with store.transaction() as tx:
                        await tx.articles.list_recent()
                except StorageUnavailableError as exc:
                    assert "unavailable" in str(exc)
                async with store.transaction() as tx:
                    assert await tx.articles.list_recent() == []
        finally:
            await admin.close()
            await store.close()


async def test_cancelling_a_running_postgres_statement_stays_a_cancellation(
    postgres_dsn: str,
) -> None:
    async with fresh_schema(postgres_dsn) as schema:
        store = PostgresStore(postgres_dsn, schema=schema, max_size=1)
        await store.open()
        try:

            async def slow() -> None:
                async with store.transaction() as tx:
                    db = tx.articles._db  # type: ignore[attr-defined]
                    await db.execute("SELECT pg_sleep(5)")

            for delay in (0.02, 0.2):
                task = asyncio.create_task(slow())
                await asyncio.sleep(delay)
                task.cancel()
                (outcome,) = await asyncio.gather(task, return_exceptions=True)
                assert isinstance(outcome, asyncio.CancelledError)
                async with store.transaction() as tx:  # the only pooled connection works
                    assert await tx.articles.list_recent() == []
        finally:
            await store.close()
