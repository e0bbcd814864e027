"""Schema migrations: a database made by an older briefbot is upgraded with its data intact."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import aiosqlite
import asyncpg
import pytest

from adapters.discord.platform import DISCORD
from bot.domain.events import CommentPosted, Event
from bot.domain.model import Author, DeliveryKind, DeliveryStatus, Platform, Standing
from bot.errors import StorageError
from bot.ports.store import NewComment
from storage import migrations
from storage.migrations import Migration
from storage.postgres import PostgresStore
from storage.postgres.bus import PostgresBus
from storage.postgres.db import numbered
from storage.sqlite import SqliteStore
from storage.sqlite.db import encode_time
from storage.sqlite.migrate import migrate
from tests.integration.storage.builders import T0, at
from tests.integration.storage.conftest import fresh_schema

LATEST = [m.version for m in migrations.load("sqlite")]

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


# Rows as 0003 left them, one per platform-bearing column, plus a fourth platform's name that
# 0004 makes storable.
_PLATFORM_COLUMNS = (
    ("places", "platform"),
    ("threads", "platform"),
    ("comments", "author_platform"),
    ("deliveries", "platform"),
)


async def _check_open_platforms(store: SqliteStore | PostgresStore) -> None:
    """Rows from 0003 read back with their platforms; a new platform's name is storable."""
    await store.open()
    try:
        async with store.transaction() as tx:
            (place,) = await tx.places.in_room(1)
            assert place.platform == DISCORD and place.platform.label == "Discord"
            assert (await tx.comments.get(1)).author.platform == DISCORD
            assert (await tx.outbox.get(1)).platform == DISCORD
            matrix = await tx.places.ensure(Platform("matrix"), "hs", "!room", "news")
            await tx.places.link(place.id, matrix.id)
            await tx.commit()
        async with store.transaction() as tx:
            members = await tx.places.in_room(place.room_id)
        assert {m.platform for m in members} == {"discord", "matrix"}
        assert all(isinstance(m.platform, Platform) for m in members)
    finally:
        await store.close()


async def test_sqlite_0004_opens_the_platform_columns_to_any_slug(tmp_path: Path) -> None:
    path = tmp_path / "from3.sqlite3"
    old = SqliteStore(path, schema_version=3)
    await old.open()
    await old.close()
    with sqlite3.connect(path) as conn:
        for sql, args in OLD_ROWS:
            conn.execute(sql, [encode_time(a) if a is T0 else a for a in args])
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):  # 0003 lists three platforms
            conn.execute("UPDATE places SET platform = 'matrix' WHERE id = 1")
    conn.close()
    await _check_open_platforms(SqliteStore(path))
    with sqlite3.connect(path) as conn:
        assert [r[0] for r in conn.execute("SELECT version FROM schema_version")] == LATEST
        assert list(conn.execute("PRAGMA integrity_check")) == [("ok",)]
        assert list(conn.execute("PRAGMA writable_schema")) == [(0,)]
        schemas = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"))
        for table, column in _PLATFORM_COLUMNS:
            assert "'discord'" not in schemas[table], table
            # the database itself still refuses what is not a platform name
            for bad in ("Matrix", "9chat", "a b", "x" * 33, ""):
                with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
                    conn.execute(f"UPDATE {table} SET {column} = ? WHERE id = 1", (bad,))
            conn.execute(f"UPDATE {table} SET {column} = 'matrix-2_x' WHERE id = 1")
        # the delivery kinds keep their own CHECK (0005 on another branch relaxes it)
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            conn.execute("UPDATE deliveries SET kind = 'bogus' WHERE id = 1")
        conn.rollback()
    conn.close()


async def test_sqlite_0004_is_seen_by_a_connection_opened_before_it(tmp_path: Path) -> None:
    """The schema version bump makes a connection already open read the new schema."""
    path = tmp_path / "shared.sqlite3"
    old = SqliteStore(path, schema_version=3)
    await old.open()
    await old.close()
    with sqlite3.connect(path, isolation_level=None) as early:
        early.execute("SELECT count(*) FROM places").fetchall()  # schema read and cached
        store = SqliteStore(path)
        await store.open()
        await store.close()
        early.execute("INSERT INTO rooms (id, created_at) VALUES (5, 'x')")
        early.execute(
            "INSERT INTO places (platform, workspace_id, channel_id, name, room_id, created_at)"
            " VALUES ('matrix', 'hs', '!r', 'news', 5, 'x')"
        )
        assert early.execute("SELECT platform FROM places").fetchall() == [("matrix",)]
    early.close()


async def test_postgres_0004_opens_the_platform_columns_to_any_slug(postgres_dsn: str) -> None:
    async with fresh_schema(postgres_dsn) as schema:
        old = PostgresStore(postgres_dsn, schema=schema, schema_version=3)
        await old.open()
        await old.close()
        conn = await asyncpg.connect(postgres_dsn, server_settings={"search_path": schema})
        try:
            for sql, args in OLD_ROWS:
                await conn.execute(numbered(sql), *args)
            for table in ("rooms", "places"):  # the rows above gave their ids by hand
                await conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 1)")
            with pytest.raises(asyncpg.CheckViolationError):
                await conn.execute("UPDATE places SET platform = 'matrix' WHERE id = 1")
        finally:
            await conn.close()
        await _check_open_platforms(PostgresStore(postgres_dsn, schema=schema))
        conn = await asyncpg.connect(postgres_dsn, server_settings={"search_path": schema})
        try:
            versions = await conn.fetch("SELECT version FROM schema_version ORDER BY version")
            assert [r[0] for r in versions] == LATEST
            for table, column in _PLATFORM_COLUMNS:
                for bad in ("Matrix", "9chat", "a b", "x" * 33, ""):
                    with pytest.raises(asyncpg.CheckViolationError):
                        await conn.execute(f"UPDATE {table} SET {column} = $1 WHERE id = 1", bad)
                await conn.execute(f"UPDATE {table} SET {column} = 'matrix-2_x' WHERE id = 1")
            with pytest.raises(asyncpg.CheckViolationError):
                await conn.execute("UPDATE deliveries SET kind = 'bogus' WHERE id = 1")
        finally:
            await conn.close()


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


async def test_sqlite_schema_bump_may_follow_a_comment(tmp_path: Path) -> None:
    """``statements`` keeps a comment with the statement after it: a bump introduced by one
    is still computed here (SQLite itself refuses ``schema_version + 1``)."""
    bump = Migration(
        1,
        "commented_bump",
        "CREATE TABLE t (x INTEGER);\n-- the schema changed in place:\n"
        "PRAGMA schema_version = schema_version + 1;\n",
    )
    async with aiosqlite.connect(tmp_path / "bump.sqlite3", isolation_level=None) as conn:
        [(before,)] = await conn.execute_fetchall("PRAGMA schema_version")
        await migrate(conn, [bump], [bump], "test")
        [(after,)] = await conn.execute_fetchall("PRAGMA schema_version")
        versions = [r[0] for r in await conn.execute_fetchall("SELECT version FROM schema_version")]
    assert versions == [1]
    assert int(after) >= int(before) + 2  # the CREATE TABLE and the bump


# Two discussions as 0005 left them: comments and deliveries numbered only by their ids.
_BEFORE_POSITIONS: Sequence[tuple[str, tuple[object, ...]]] = (
    ("INSERT INTO articles (id, url, title, brief, created_at) VALUES (1, ?, 'Old', ?, ?)",
     ("https://n.example/old", '{"sentences": ["kept"]}', T0)),
    ("INSERT INTO rooms (id, created_at) VALUES (1, ?)", (T0,)),
    ("INSERT INTO rooms (id, created_at) VALUES (2, ?)", (T0,)),
    ("INSERT INTO places (id, platform, workspace_id, channel_id, name, room_id, created_at)"
     " VALUES (1, 'discord', 'g', 'c', 'news', 1, ?)", (T0,)),
    ("INSERT INTO discussions (id, article_id, room_id, created_at) VALUES (1, 1, 1, ?)", (T0,)),
    ("INSERT INTO discussions (id, article_id, room_id, created_at) VALUES (2, 1, 2, ?)", (T0,)),
    ("INSERT INTO threads (id, discussion_id, place_id, platform, workspace_id, thread_ref,"
     " message_id, created_at) VALUES (1, 1, 1, 'discord', 'g', 'th', 'm', ?)", (T0,)),
    *(
        ("INSERT INTO comments (id, discussion_id, thread_id, platform_message_id,"
         " author_platform, author_user_id, author_name, text, created_at)"
         f" VALUES ({n}, {d}, 1, 'msg{n}', 'discord', 'u', 'Ana', 'words', ?)", (T0,))
        for n, d in ((1, 1), (2, 2), (3, 1), (4, 1))
    ),
    *(
        ("INSERT INTO deliveries (id, key, kind, platform, place_id, discussion_id, comment_id,"
         f" lane, status, attempts, next_attempt_at, created_at) VALUES ({n}, 'k{n}',"
         f" 'post_comment', 'discord', 1, {d}, {n}, '{d}:1', '{status}', 0, ?, ?)", (T0, T0))
        for n, d, status in ((1, 1, "done"), (2, 2, "pending"), (3, 1, "pending"),
                             (4, 1, "pending"))
    ),
)  # fmt: skip

_POSITIONS = (
    "SELECT 'c' || id AS what, seq FROM comments UNION ALL"
    " SELECT 'd' || id, seq FROM deliveries UNION ALL"
    " SELECT 'n' || id, next_seq FROM discussions ORDER BY what"
)


async def _check_positions(store: SqliteStore | PostgresStore) -> None:
    """Old rows numbered per discussion in id order; new ones go on from there, after them."""
    await store.open()
    try:
        async with store.transaction() as tx:
            heads = await tx.outbox.claim("w", at(1), 30)
            await tx.commit()
        assert sorted(d.id for d in heads) == [2, 3]  # lane 1:1 after the done 1; lane 2:1
        async with store.transaction() as tx:
            comment, _ = await tx.comments.add(
                NewComment(1, "msg5", Author(DISCORD, "u", "Ana", None), "new", at(2))
            )
            delivery, _ = await tx.outbox.enqueue(
                key="k5",
                kind=DeliveryKind.POST_COMMENT,
                platform=DISCORD,
                place_id=1,
                discussion_id=1,
                comment_id=comment.id,
                now=at(2),
            )
            await tx.commit()
        assert (comment.id, delivery.id) == (5, 5)
    finally:
        await store.close()


_EXPECTED_POSITIONS = {
    # discussion 1: comments 1, 3, 4 then the new 5; deliveries 1, 3, 4 then the new 5
    "c1": 1, "c3": 2, "c4": 3, "c5": 4, "d1": 1, "d3": 2, "d4": 3, "d5": 5, "n1": 5,
    # discussion 2: one comment, one delivery
    "c2": 1, "d2": 1, "n2": 1,
}  # fmt: skip


async def test_sqlite_0007_numbers_old_rows_in_id_order(tmp_path: Path) -> None:
    path = tmp_path / "from5.sqlite3"
    old = SqliteStore(path, schema_version=5)
    await old.open()
    await old.close()
    with sqlite3.connect(path) as conn:
        for sql, args in _BEFORE_POSITIONS:
            conn.execute(sql, [encode_time(a) if a is T0 else a for a in args])
    conn.close()
    await _check_positions(SqliteStore(path))
    with sqlite3.connect(path) as conn:
        assert dict(conn.execute(_POSITIONS).fetchall()) == _EXPECTED_POSITIONS
    conn.close()


async def test_postgres_0007_numbers_old_rows_in_id_order(postgres_dsn: str) -> None:
    async with fresh_schema(postgres_dsn) as schema:
        old = PostgresStore(postgres_dsn, schema=schema, schema_version=5)
        await old.open()
        await old.close()
        conn = await asyncpg.connect(postgres_dsn, server_settings={"search_path": schema})
        try:
            for sql, args in _BEFORE_POSITIONS:
                await conn.execute(numbered(sql), *args)
            for table in ("comments", "deliveries"):  # ids given above: identity goes on
                await conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 4)")
        finally:
            await conn.close()
        await _check_positions(PostgresStore(postgres_dsn, schema=schema))
        conn = await asyncpg.connect(postgres_dsn, server_settings={"search_path": schema})
        try:
            assert dict(list(await conn.fetch(_POSITIONS))) == _EXPECTED_POSITIONS  # type: ignore[arg-type]
        finally:
            await conn.close()


async def test_a_migration_merged_below_the_latest_applied_still_runs(tmp_path: Path) -> None:
    """Numbers are reserved by features developed side by side: a database that already
    has 0007 gets a 0006 that arrives later, and nothing is applied twice."""
    early = [Migration(1, "one", "CREATE TABLE one (x INTEGER);"),
             Migration(3, "three", "CREATE TABLE three (x INTEGER);")]  # fmt: skip
    later = [*early[:1], Migration(2, "two", "CREATE TABLE two (x INTEGER);"), early[1]]
    async with aiosqlite.connect(tmp_path / "gaps.sqlite3", isolation_level=None) as conn:
        await migrate(conn, early, early, "test")
        await migrate(conn, later, later, "test")
        await migrate(conn, later, later, "test")
        versions = [r[0] for r in await conn.execute_fetchall("SELECT version FROM schema_version")]
        tables = {r[0] for r in await conn.execute_fetchall("SELECT name FROM sqlite_master")}
    assert sorted(versions) == [1, 2, 3]
    assert {"one", "two", "three"} <= tables


# The table as the bus made it on start before 0008 existed, with an event in it.
_BUS_TABLE_BEFORE_0008 = (
    "CREATE TABLE bus_events (id BIGSERIAL PRIMARY KEY, origin TEXT NOT NULL,"
    " body TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now())"
)


async def _bus_round_trip(postgres_dsn: str, schema: str) -> list[Event]:
    """An event published by one bus in ``schema``, as a second bus hears it."""
    a = PostgresBus(postgres_dsn, schema=schema)
    b = PostgresBus(postgres_dsn, schema=schema)
    await a.start()
    await b.start()
    try:
        async with b.subscribe() as heard:
            a.publish(CommentPosted(11, 4))
            async with asyncio.timeout(5):
                return [await heard.get()]
    finally:
        await a.close()
        await b.close()


@pytest.mark.parametrize("bus_ran_before", [False, True], ids=["fresh", "bus-made-table"])
async def test_postgres_0008_gives_the_shared_bus_its_table(
    postgres_dsn: str, bus_ran_before: bool
) -> None:
    async with fresh_schema(postgres_dsn) as schema:
        old = PostgresStore(postgres_dsn, schema=schema, schema_version=7)
        await old.open()
        await old.close()
        conn = await asyncpg.connect(postgres_dsn, server_settings={"search_path": schema})
        try:
            assert await conn.fetchval("SELECT to_regclass('bus_events')") is None
            if bus_ran_before:  # a database the older bus already used: its rows are kept
                await conn.execute(_BUS_TABLE_BEFORE_0008)
                await conn.execute("INSERT INTO bus_events (origin, body) VALUES ('old', '{}')")
        finally:
            await conn.close()
        new = PostgresStore(postgres_dsn, schema=schema)
        await new.open()
        await new.close()
        conn = await asyncpg.connect(postgres_dsn, server_settings={"search_path": schema})
        try:
            rows = await conn.fetch("SELECT version FROM schema_version")
            versions = [r["version"] for r in rows]
            assert sorted(versions) == [m.version for m in migrations.load("postgres")]
            assert 8 in versions
            columns = await conn.fetch(
                "SELECT column_name, data_type, is_nullable FROM information_schema.columns"
                " WHERE table_schema = $1 AND table_name = 'bus_events' ORDER BY ordinal_position",
                schema,
            )
            assert [tuple(c) for c in columns] == [
                ("id", "bigint", "NO"),
                ("origin", "text", "NO"),
                ("body", "text", "NO"),
                ("created_at", "timestamp with time zone", "NO"),
            ]
            kept = [r["origin"] for r in await conn.fetch("SELECT origin FROM bus_events")]
            assert kept == (["old"] if bus_ran_before else [])
        finally:
            await conn.close()
        assert await _bus_round_trip(postgres_dsn, schema) == [CommentPosted(11, 4)]


async def test_sqlite_0008_is_recorded_and_changes_no_table(tmp_path: Path) -> None:
    path = tmp_path / "from7.sqlite3"
    old = SqliteStore(path, schema_version=7)
    await old.open()
    await old.close()
    with sqlite3.connect(path) as conn:
        before = sorted(conn.execute("SELECT name, sql FROM sqlite_master").fetchall())
    conn.close()
    new = SqliteStore(path)
    await new.open()
    await new.close()
    with sqlite3.connect(path) as conn:
        after = sorted(conn.execute("SELECT name, sql FROM sqlite_master").fetchall())
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_version")]
    conn.close()
    assert after == before and "bus_events" not in {name for name, _ in after}
    assert versions == LATEST and 8 in versions
