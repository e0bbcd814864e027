"""Schema migrations: a database made by an older briefbot is upgraded with its data intact."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

import asyncpg
import pytest

from bot.domain.model import DeliveryKind, DeliveryStatus, Standing
from bot.errors import StorageError
from storage.postgres import PostgresStore
from storage.postgres.db import numbered
from storage.sqlite import SqliteStore
from storage.sqlite.db import encode_time
from tests.integration.storage.builders import T0, at
from tests.integration.storage.conftest import fresh_schema

LATEST = [1, 2, 3, 4, 5]

# Rows as the 0001 schema knew them (no claimed_until, no last_error yet).
OLD_ROWS: Sequence[tuple[str, tuple[object, ...]]] = (
    ("INSERT INTO articles (id, url, title, brief, created_at) VALUES (1, ?, 'Old', ?, ?)",
     ("https://n.example/old", '{"sentences": ["kept"]}', T0)),
    ("INSERT INTO rooms (id, created_at) VALUES (1, ?)", (T0,)),
    ("INSERT INTO places (id, platform, workspace_id, channel_id, name, room_id, created_at)"
     " VALUES (1, 'discord', 'g', 'c', 'news', 1, ?)", (T0,)),
    ("INSERT INTO discussions (id, article_id, room_id, created_at) VALUES (1, 1, 1, ?)", (T0,)),
    ("INSERT INTO threads (id, discussion_id, place_id, platform, workspace_id, thread_ref,"
     " message_id, created_at) VALUES (1, 1, 1, 'discord', 'g', 'th', 'm', ?)", (T0,)),
    ("INSERT INTO comments (id, discussion_id, thread_id, platform_message_id, author_platform,"
     " author_user_id, author_name, text, created_at) VALUES (1, 1, 1, 'msg', 'discord', 'u',"
     " 'Ana', 'still here', ?)", (T0,)),
    ("INSERT INTO deliveries (id, key, kind, platform, place_id, discussion_id, comment_id, lane,"
     " status, attempts, next_attempt_at, created_at, claimed_by) VALUES (1, 'k', 'post_comment',"
     " 'discord', 1, 1, 1, '1:1', 'claimed', 1, ?, ?, 'old-worker')", (T0, T0)),
)  # fmt: skip


async def _check_upgraded(store: SqliteStore | PostgresStore) -> None:
    await store.open()
    try:
        async with store.transaction() as tx:
            article = await tx.articles.get(1)
            # a brief stored in an older shape degrades to its title rather than failing
            assert article.brief.title == article.title and article.brief.summary == ()
            assert article.created_at == T0
            comment = await tx.comments.get(1)
            assert comment.text == "still here" and comment.author.display_name == "Ana"
            assert (comment.standing, comment.rule) == (Standing.VISIBLE, None)  # from 0005 on
            assert not (await tx.discussions.get(1)).closed
            old = await tx.outbox.get(1)
            # a claim from before leases existed was released, its attempt kept
            assert old.status is DeliveryStatus.PENDING and old.attempts == 1
            assert old.last_error is None and old.claimed_until is None
            assert (old.failures, old.backing_off) == (0, False)  # counted from 0003 on
            (claimed,) = await tx.outbox.claim("new-worker", at(1), 30)
            assert claimed.claimed_until == at(31) and claimed.attempts == 2
            await tx.outbox.retry(1, "new-worker", "503 from the new column", at(60), failure=True)
            await tx.commit()
        async with store.transaction() as tx:
            upgraded = await tx.outbox.get(1)
            assert upgraded.last_error == "503 from the new column"
            assert (upgraded.failures, upgraded.backing_off) == (1, True)
    finally:
        await store.close()


async def test_sqlite_upgrade_from_0001(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    old = SqliteStore(path, schema_version=1)
    await old.open()
    await old.close()
    with sqlite3.connect(path) as conn:
        for sql, args in OLD_ROWS:
            conn.execute(sql, [encode_time(a) if a is T0 else a for a in args])
        assert [r[0] for r in conn.execute("SELECT version FROM schema_version")] == [1]
    conn.close()
    await _check_upgraded(SqliteStore(path))
    with sqlite3.connect(path) as conn:
        assert [r[0] for r in conn.execute("SELECT version FROM schema_version")] == LATEST
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        assert "deliveries_active" in indexes
    conn.close()


async def test_postgres_upgrade_from_0001(postgres_dsn: str) -> None:
    async with fresh_schema(postgres_dsn) as schema:
        old = PostgresStore(postgres_dsn, schema=schema, schema_version=1)
        await old.open()
        await old.close()
        conn = await asyncpg.connect(postgres_dsn, server_settings={"search_path": schema})
        try:
            for sql, args in OLD_ROWS:
                await conn.execute(numbered(sql), *args)
        finally:
            await conn.close()
        await _check_upgraded(PostgresStore(postgres_dsn, schema=schema))
        conn = await asyncpg.connect(postgres_dsn, server_settings={"search_path": schema})
        insert = (
            "INSERT INTO deliveries (id, key, kind, platform, place_id, discussion_id, lane,"
            " status, next_attempt_at, created_at) VALUES ($1, $2, $3, 'discord', 1, 1, '1:1',"
            " 'pending', now(), now())"
        )
        try:  # 0005 lets the new kinds of delivery in, and no others
            await conn.execute(insert, 2, "k2", DeliveryKind.CLOSE_THREAD.value)
            await conn.execute(insert, 3, "k3", DeliveryKind.REMOVE_ORIGINAL.value)
            with pytest.raises(asyncpg.CheckViolationError):
                await conn.execute(insert, 4, "k4", "bogus")
        finally:
            await conn.close()


async def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    store = SqliteStore(path)
    await store.open()
    await store.close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_version VALUES (99, 'future', 'x')")
    conn.close()
    with pytest.raises(StorageError, match="schema version 99, newer"):
        await SqliteStore(path).open()


async def test_reopening_applies_nothing_twice(tmp_path: Path) -> None:
    path = tmp_path / "again.sqlite3"
    for _ in range(2):
        store = SqliteStore(path)
        await store.open()
        await store.close()
    with sqlite3.connect(path) as conn:
        assert [r[0] for r in conn.execute("SELECT version FROM schema_version")] == LATEST
    conn.close()


async def test_sqlite_kind_check_is_relaxed_for_connections_already_open(tmp_path: Path) -> None:
    """0005 rewrites the deliveries CHECK in place and bumps the schema version, so a
    connection that read the old schema reads it again; unknown kinds stay refused."""
    path = tmp_path / "open.sqlite3"
    old = SqliteStore(path, schema_version=4)
    await old.open()
    await old.close()
    with sqlite3.connect(path) as conn:
        for sql, args in OLD_ROWS[:5]:
            conn.execute(sql, [encode_time(a) if a is T0 else a for a in args])
    conn.close()
    early = sqlite3.connect(path)
    insert = (
        "INSERT INTO deliveries (key, kind, platform, place_id, discussion_id, lane, status,"
        " next_attempt_at, created_at) VALUES (?, ?, 'discord', 1, 1, '1:1', 'pending', 'x', 'x')"
    )
    try:
        with pytest.raises(sqlite3.IntegrityError):
            early.execute(insert, ("k0", "remove_original"))  # before 0005
        early.rollback()
        store = SqliteStore(path)
        await store.open()
        await store.close()
        with early:
            early.execute(insert, ("k1", "remove_original"))
            early.execute(insert, ("k2", "open_thread"))
        with pytest.raises(sqlite3.IntegrityError):
            early.execute(insert, ("k3", "bogus"))
        assert early.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        early.close()
