"""Storage benchmark: SQLite and PostgreSQL behind the same Store port. Prints JSON.

    .venv/bin/python benchmarks/storage.py            # full: lookups at 10k and 1M comments
    .venv/bin/python benchmarks/storage.py --quick    # stops at 100k

Measures comment inserts per second (one per transaction, and 500 per transaction), mirror
lookups by platform message id at 10k and at the large size (their cost must stay flat:
``lookup_ratio`` = time per lookup at the large size / at 10k), and outbox claim+complete
cycles per second. Bulk rows for the lookup test are generated in SQL (recursive CTE on
SQLite, ``generate_series`` on PostgreSQL). PostgreSQL uses ``BRIEFBOT_TEST_POSTGRES_DSN``
(default: the local server) in a throw-away schema; it is skipped with a reason if absent.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import secrets
import sqlite3
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg

from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK
from bot.domain.model import WEB

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.briefing.model import Brief
from bot.domain.model import Author, DeliveryKind, Thread
from bot.ports.store import NewComment, Store
from storage.postgres import PostgresStore
from storage.sqlite import SqliteStore

DSN = os.environ.get("BRIEFBOT_TEST_POSTGRES_DSN", "postgresql://postgres@127.0.0.1:5432/test")
T0 = datetime(2026, 1, 1, tzinfo=UTC)
AUTHOR = Author(DISCORD, "bench-user", "Bench", None)
BATCH = 500
SMALL = 10_000
LOOKUPS = 20_000
LOOKUPS_PER_TX = 1_000
SINGLE_LOOKUPS = 2_000
REPEATS = 3
BASE = 1_000_000_000  # bulk comment ids start above the ids the insert test used

# Bulk rows: comment n is message "c<n>" on thread A, its mirror is message "m<n>" on thread B.
# Its position in the discussion is n too (unique, and above any the insert test took).
SQLITE_BULK = """
WITH RECURSIVE seq(n) AS (SELECT :lo UNION ALL SELECT n + 1 FROM seq WHERE n < :hi)
INSERT INTO comments (id, discussion_id, thread_id, platform_message_id, author_platform,
    author_user_id, author_name, text, created_at, seq)
SELECT n, :d, :a, 'c' || n, 'discord', 'u' || (n % 5000), 'Reader',
    'generated comment number ' || n, '2026-01-01 00:00:00.000000', n FROM seq
"""
SQLITE_BULK_MIRRORS = """
INSERT INTO mirrors (comment_id, thread_id, platform_message_id, created_at)
SELECT id, :b, 'm' || id, created_at FROM comments WHERE id BETWEEN :lo AND :hi
"""
PG_BULK = """
INSERT INTO comments (id, discussion_id, thread_id, platform_message_id, author_platform,
    author_user_id, author_name, text, created_at, seq)
SELECT n, $3, $4, 'c' || n, 'discord', 'u' || (n % 5000), 'Reader',
    'generated comment number ' || n, '2026-01-01 00:00:00+00', n
FROM generate_series($1::bigint, $2::bigint) AS n
"""
PG_BULK_MIRRORS = """
INSERT INTO mirrors (comment_id, thread_id, platform_message_id, created_at)
SELECT id, $3, 'm' || id, created_at FROM comments WHERE id BETWEEN $1 AND $2
"""


def rate(count: int, seconds: float) -> float:
    return round(count / seconds, 1)


async def timed(fn: Callable[[], Awaitable[None]]) -> float:
    start = time.perf_counter()
    await fn()
    return time.perf_counter() - start


async def prepare(store: Store) -> tuple[Thread, Thread]:
    async with store.transaction() as tx:
        article, _ = await tx.articles.add_or_get(
            "https://bench.example/a", "Bench", Brief.empty("Bench"), T0
        )
        a = await tx.places.ensure(DISCORD, "g", "bench-a", "a")
        b = await tx.places.ensure(SLACK, "T", "bench-b", "b")
        room = await tx.places.link(a.id, b.id)
        discussion, _ = await tx.discussions.get_or_create(article.id, room, T0)
        thread_a = await tx.discussions.add_thread(discussion.id, a.id, "ta", "ma", T0)
        thread_b = await tx.discussions.add_thread(discussion.id, b.id, "C/tb", "mb", T0)
        await tx.commit()
    return thread_a, thread_b


async def inserts(store: Store, thread: Thread, single: int, batches: int) -> dict[str, float]:
    counter = iter(range(10**9))

    def comment() -> NewComment:
        return NewComment(thread.id, f"ins-{next(counter)}", AUTHOR, "A reader's comment.", T0)

    async def one_per_tx() -> None:
        for _ in range(single):
            async with store.transaction() as tx:
                await tx.comments.add(comment())
                await tx.commit()

    async def batched() -> None:
        for _ in range(batches):
            async with store.transaction() as tx:
                for _ in range(BATCH):
                    await tx.comments.add(comment())
                await tx.commit()

    return {
        "comment_inserts_per_s_single_tx": rate(single, await timed(one_per_tx)),
        f"comment_inserts_per_s_batched_{BATCH}": rate(batches * BATCH, await timed(batched)),
    }


async def lookups(store: Store, thread: Thread, total: int) -> dict[str, float]:
    """Mirror lookups by platform message id among ``total`` mirrored comments.

    Random message ids (no locality), a warm-up pass, then the best of ``REPEATS`` runs:
    the machine is shared, and the minimum is the least disturbed measurement.
    """
    rng = random.Random(total)
    wanted = [f"m{BASE + rng.randint(1, total)}" for _ in range(LOOKUPS)]

    async def in_batches() -> None:
        for start in range(0, LOOKUPS, LOOKUPS_PER_TX):
            async with store.transaction() as tx:
                for message_id in wanted[start : start + LOOKUPS_PER_TX]:
                    found = await tx.comments.find_mirror(thread.id, message_id)
                    assert found is not None

    async def one_per_tx() -> None:
        for message_id in wanted[:SINGLE_LOOKUPS]:
            async with store.transaction() as tx:
                assert await tx.comments.find_mirror(thread.id, message_id) is not None

    await in_batches()  # warm-up
    batched_s = min([await timed(in_batches) for _ in range(REPEATS)])
    single_s = min([await timed(one_per_tx) for _ in range(REPEATS)])
    return {
        "lookups_per_s": rate(LOOKUPS, batched_s),
        "us_per_lookup": round(batched_s / LOOKUPS * 1e6, 2),
        "lookups_per_s_one_per_tx": rate(SINGLE_LOOKUPS, single_s),
    }


async def outbox_cycles(
    store: Store, count: int, analyze: Callable[[], Awaitable[None]]
) -> dict[str, float]:
    async with store.transaction() as tx:
        places = [await tx.places.ensure(WEB, "site", f"ob{n}", "p") for n in range(20)]
        article, _ = await tx.articles.add_or_get(
            "https://bench.example/ob", "Ob", Brief.empty("Ob"), T0
        )
        for n in range(count):
            place = places[n % len(places)]
            discussion, _ = await tx.discussions.get_or_create(article.id, place.room_id, T0)
            await tx.outbox.enqueue(
                key=f"ob-{n}",
                kind=DeliveryKind.POST_BRIEF,
                platform=WEB,
                place_id=place.id,
                discussion_id=discussion.id,
                comment_id=None,
                now=T0,
            )
        await tx.commit()
    await analyze()  # what autovacuum does for a table that just grew
    now = T0 + timedelta(seconds=1)

    async def cycle() -> None:
        done = 0
        while done < count:
            async with store.transaction() as tx:
                got = await tx.outbox.claim("bench", now, 60, limit=1)
                for delivery in got:
                    await tx.outbox.complete(delivery.id, "bench", now)
                await tx.commit()
            assert got
            done += len(got)

    return {"outbox_claim_complete_cycles_per_s": rate(count, await timed(cycle))}


async def bench_engine(
    store: Store,
    bulk: Callable[[int, int], Awaitable[None]],
    analyze: Callable[[], Awaitable[None]],
    large: int,
) -> dict[str, Any]:
    await store.open()
    try:
        thread_a, thread_b = await prepare(store)
        result: dict[str, Any] = await inserts(store, thread_a, single=1000, batches=20)
        result["outbox"] = await outbox_cycles(store, 2000, analyze)
        start = time.perf_counter()
        await bulk(BASE + 1, BASE + SMALL)
        small = await lookups(store, thread_b, SMALL)
        await bulk(BASE + SMALL + 1, BASE + large)
        generated_s = time.perf_counter() - start
        big = await lookups(store, thread_b, large)
        result["mirror_lookups"] = {
            "at_10k": small,
            f"at_{large // 1000}k": big,
            "lookup_ratio_large_vs_10k": round(big["us_per_lookup"] / small["us_per_lookup"], 3),
            "bulk_generation_s": round(generated_s, 1),
        }
        return result
    finally:
        await store.close()


async def run_sqlite(directory: Path, large: int) -> dict[str, Any]:
    normal = SqliteStore(directory / "normal.sqlite3", synchronous="NORMAL")
    await normal.open()
    try:
        thread, _ = await prepare(normal)
        compared = await inserts(normal, thread, 1000, 20)
    finally:
        await normal.close()

    path = directory / "bench.sqlite3"

    def ids(conn: sqlite3.Connection) -> dict[str, int]:
        query = "SELECT id, discussion_id FROM threads WHERE thread_ref = ?"
        a, d = conn.execute(query, ("ta",)).fetchone()
        (b, _) = conn.execute(query, ("C/tb",)).fetchone()
        return {"a": a, "b": b, "d": d}

    def run(*statements: str, **params: int) -> None:
        with sqlite3.connect(path, timeout=60) as conn:
            for statement in statements:
                conn.execute(statement, {**params, **ids(conn)})
        conn.close()

    def checkpoint() -> None:
        # Fold the bulk load's WAL into the database, as the bot's own auto-checkpoints do.
        with sqlite3.connect(path, timeout=60) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()

    async def bulk(lo: int, hi: int) -> None:
        await asyncio.to_thread(run, SQLITE_BULK, SQLITE_BULK_MIRRORS, lo=lo, hi=hi)
        await asyncio.to_thread(checkpoint)

    async def analyze() -> None:
        await asyncio.to_thread(run, "ANALYZE")

    result = await bench_engine(SqliteStore(path), bulk, analyze, large)
    result["synchronous_normal_for_comparison"] = compared
    result["settings"] = {
        "journal_mode": "wal",
        "synchronous": "FULL",
        "sqlite_version": sqlite3.sqlite_version,
    }
    return result


async def run_postgres(large: int) -> dict[str, Any] | str:
    try:
        admin = await asyncpg.connect(DSN, timeout=5)
    except Exception as exc:
        return f"skipped: no PostgreSQL at {DSN}: {type(exc).__name__}: {exc}"
    schema = f"bb_bench_{secrets.token_hex(4)}"
    await admin.execute(f"CREATE SCHEMA {schema}")
    try:
        store = PostgresStore(DSN, schema=schema)

        async def bulk(lo: int, hi: int) -> None:
            conn = await asyncpg.connect(DSN, server_settings={"search_path": schema})
            try:
                a = await conn.fetchrow(
                    "SELECT id, discussion_id FROM threads WHERE thread_ref = 'ta'"
                )
                b = await conn.fetchval("SELECT id FROM threads WHERE thread_ref = 'C/tb'")
                await conn.execute(PG_BULK, lo, hi, a["discussion_id"], a["id"])
                await conn.execute(PG_BULK_MIRRORS, lo, hi, b)
                await conn.execute("ANALYZE comments; ANALYZE mirrors")
            finally:
                await conn.close()

        async def analyze() -> None:
            conn = await asyncpg.connect(DSN, server_settings={"search_path": schema})
            try:
                await conn.execute("ANALYZE")
            finally:
                await conn.close()

        return await bench_engine(store, bulk, analyze, large)
    finally:
        await admin.execute(f"DROP SCHEMA {schema} CASCADE")
        await admin.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="stop at 100k stored comments")
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args()
    large = 100_000 if args.quick else 1_000_000
    report: dict[str, Any] = {
        "run": "quick (10k and 100k comments)" if args.quick else "full (10k and 1M comments)",
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }
    if args.engine in {"sqlite", "both"}:
        with tempfile.TemporaryDirectory(prefix="briefbot-bench-") as directory:
            report["sqlite"] = await run_sqlite(Path(directory), large)
    if args.engine in {"postgres", "both"}:
        report["postgres"] = await run_postgres(large)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    asyncio.run(main())
