"""The pacing shared through PostgreSQL: pacers on separate connections (as separate
processes would be) draw on one budget, and a refusal seen by one holds them all."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest

from bot.ports.pacing import Budget, Pace
from storage.postgres import PostgresStore
from storage.postgres.pacing import PostgresPacer
from tests.integration.storage.conftest import fresh_schema

PACE = Pace(rate=40.0, burst=4)
SHARED = Budget("T0RIVERSIDE", "chat.postMessage", "C0HARBOUR", PACE)


@pytest.fixture
async def schema(postgres_dsn: str) -> AsyncIterator[str]:
    async with fresh_schema(postgres_dsn) as name:
        store = PostgresStore(postgres_dsn, schema=name, max_size=2)
        await store.open()  # the migrations, 0009's pacing table among them
        await store.close()
        yield name


@pytest.fixture
async def pacers(postgres_dsn: str, schema: str) -> AsyncIterator[list[PostgresPacer]]:
    made = [PostgresPacer(postgres_dsn, schema=schema) for _ in range(2)]
    try:
        yield made
    finally:
        for pacer in made:
            await pacer.close()


async def _send_times(
    pacer: PostgresPacer, n: int, budgets: list[Budget]
) -> list[tuple[float, float]]:
    """When each of ``n`` calls made one after another would be sent, on this process's
    monotonic clock: between the turn's asking time and its answer's arrival, plus its wait
    (the database's clock read the time somewhere in between)."""
    times = []
    for _ in range(n):
        asked = time.monotonic()
        wait = await pacer.turn(budgets, within=60)
        times.append((asked + wait, time.monotonic() + wait))
    return times


def _excess(times: list[tuple[float, float]], pace: Pace) -> float:
    """The most calls beyond ``burst + rate * span`` in any run of consecutive sends, each
    span taken at its longest within the round trips' uncertainty."""
    times = sorted(times)
    worst = -pace.burst
    for i, (first_early, _) in enumerate(times):
        for j in range(i, len(times)):
            span = times[j][1] - first_early
            worst = max(worst, (j - i + 1) - (pace.burst + pace.rate * span))
    return worst


async def test_two_pacers_on_one_budget_keep_to_its_rate_together(
    pacers: list[PostgresPacer],
) -> None:
    a, b = pacers
    pace = Pace(rate=20.0, burst=3)
    budget = Budget("T0RIVERSIDE", "chat.postMessage", "C0FERRY", pace)
    calls = 40
    for pacer in pacers:  # connected first, so that each turn below is one short round trip
        await pacer.turn([Budget("T9", "auth.test", "", pace)], within=1)
    results = await asyncio.gather(_send_times(a, calls, [budget]), _send_times(b, calls, [budget]))
    together = results[0] + results[1]
    # Together never more than the burst plus the rate in any span...
    assert _excess(together, pace) <= 0
    # ...and no slower either: 80 calls at 20/s after a burst of 3.
    span = max(t for _, t in together) - min(t for t, _ in together)
    assert span == pytest.approx((2 * calls - pace.burst) / pace.rate, abs=0.25)
    # Each alone would have had its turns at the full rate: they were interleaved.
    alone = max(t for _, t in results[0]) - min(t for t, _ in results[0])
    assert alone > 1.2 * (calls - pace.burst) / pace.rate


async def test_a_refusal_recorded_by_one_holds_the_other(pacers: list[PostgresPacer]) -> None:
    a, b = pacers
    assert await b.turn([SHARED], within=1) == 0
    await a.refused([(SHARED, 2.0)])  # Slack's 429 with Retry-After: 2
    wait = await b.turn([SHARED], within=10)
    assert wait == pytest.approx(2.0, abs=0.1)
    # After the hold, one call; the next keeps to the rate.
    assert await a.turn([SHARED], within=10) == pytest.approx(2.0 + PACE.interval, abs=0.1)


async def test_a_refusal_gives_the_refused_turn_back(pacers: list[PostgresPacer]) -> None:
    a, b = pacers
    slow = Budget(SHARED.scope, "chat.update", "", Pace(rate=0.5, burst=3))
    for _ in range(3):
        assert await a.turn([slow], within=1) == 0
    assert await b.turn([slow], within=5) > 1  # the fourth waits for a refill
    await b.refused([(slow, 0.0)])  # both refused, with no wait: their turns come back
    await a.refused([(slow, 0.0)])
    assert await b.turn([slow], within=1) == 0


async def test_a_turn_too_far_away_is_not_taken(pacers: list[PostgresPacer]) -> None:
    a, b = pacers
    await a.refused([(SHARED, 30.0)])
    assert await b.turn([SHARED], within=5) > 25
    assert await b.turn([SHARED], within=5) == pytest.approx(30, abs=0.5)  # nothing queued
    other = Budget(SHARED.scope, SHARED.name, "C0MARKET", PACE)
    assert await b.turn([other], within=5) == 0  # another channel is not held


async def test_a_call_waits_for_the_slowest_of_its_budgets(
    pacers: list[PostgresPacer],
) -> None:
    a, b = pacers
    workspace = Budget(SHARED.scope, SHARED.name, "", Pace(rate=2.0, burst=1))
    assert await a.turn([workspace, SHARED], within=5) == 0
    assert 0.3 < await b.turn([SHARED, workspace], within=5) <= 0.5


async def test_one_round_trip_per_turn(
    postgres_dsn: str, schema: str, pacers: list[PostgresPacer]
) -> None:
    a, _ = pacers
    await a.turn([SHARED], within=1)
    conn = await asyncpg.connect(postgres_dsn, server_settings={"search_path": schema})
    try:
        rows = await conn.fetch("SELECT scope, name, channel, step FROM pacing")
        persistence = await conn.fetchval(
            "SELECT relpersistence FROM pg_class WHERE relname = 'pacing'"
            " AND relnamespace = $1::regnamespace",
            schema,
        )
    finally:
        await conn.close()
    assert [tuple(r) for r in rows] == [(*SHARED.key, PACE.interval)]
    assert persistence == b"u"  # unlogged: no WAL write per call
    started = time.perf_counter()
    for _ in range(50):
        await a.turn([Budget("T1", "users.info", "", Pace(1000.0, 1000))], within=1)
    assert (time.perf_counter() - started) / 50 < 0.05


async def test_without_the_database_calls_are_still_paced(caplog: pytest.LogCaptureFixture) -> None:
    pacer = PostgresPacer("postgresql://nobody@127.0.0.1:1/none", connect_timeout_seconds=1)
    try:
        waits = [await pacer.turn([SHARED], within=5) for _ in range(int(PACE.burst) + 1)]
    finally:
        await pacer.close()
    assert waits[: int(PACE.burst)] == [0.0] * int(PACE.burst)
    assert waits[-1] == pytest.approx(PACE.interval, abs=0.01)
    assert sum("pacing this process's calls alone" in r.message for r in caplog.records) == 1


async def test_bootstrap_shares_the_pacer_only_on_postgresql(
    postgres_dsn: str, schema: str, tmp_path: Path
) -> None:
    from bot.bootstrap import shared_pacer
    from bot.services.pacing import InProcessPacer
    from storage.sqlite import SqliteStore

    shared = shared_pacer(PostgresStore(postgres_dsn, schema=schema))
    try:
        assert isinstance(shared, PostgresPacer)
        assert await shared.turn([SHARED], within=1) == 0
    finally:
        await shared.close()
    assert isinstance(shared_pacer(SqliteStore(tmp_path / "one.sqlite3")), InProcessPacer)
