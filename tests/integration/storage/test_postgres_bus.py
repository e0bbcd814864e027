"""The shared event bus on the real PostgreSQL: two buses on their own connections stand for
two processes (each has its own origin, its own listener and publisher connections)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
import pytest

from bot.domain.events import CommentPosted, CommentRemoved, DeliveryQueued, Event
from bot.domain.model import Platform, Standing
from bot.errors import StorageError
from bot.ports.bus import Subscription
from storage.postgres import PostgresStore
from storage.postgres.bus import PostgresBus, channel_name
from storage.postgres.event_codec import decode_event, encode_event
from tests.eventually import eventually
from tests.integration.storage.conftest import fresh_schema

pytestmark = pytest.mark.timeout(60)


@asynccontextmanager
async def migrated_schema(postgres_dsn: str) -> AsyncIterator[str]:
    """A fresh schema with the store's tables, ``bus_events`` among them (migration 0008)."""
    async with fresh_schema(postgres_dsn) as made:
        store = PostgresStore(postgres_dsn, schema=made)
        await store.open()
        await store.close()
        yield made


@pytest.fixture
async def schema(postgres_dsn: str) -> AsyncIterator[str]:
    async with migrated_schema(postgres_dsn) as made:
        yield made


@pytest.fixture
async def pair(postgres_dsn: str, schema: str) -> AsyncIterator[tuple[PostgresBus, PostgresBus]]:
    a = PostgresBus(postgres_dsn, schema=schema, reconnect_seconds=0.1, ping_seconds=0.5)
    b = PostgresBus(postgres_dsn, schema=schema, reconnect_seconds=0.1, ping_seconds=0.5)
    await a.start()
    await b.start()
    try:
        yield a, b
    finally:
        await a.close()
        await b.close()


async def _take(sub: Subscription, count: int, within: float) -> list[Event]:
    got: list[Event] = []
    async with asyncio.timeout(within):
        while len(got) < count:
            got.append(await sub.get())
    return got


def test_events_survive_the_codec() -> None:
    events: list[Event] = [
        CommentPosted(7, 3),
        CommentRemoved(8, 3, Standing.ERASED),
        DeliveryQueued(Platform("slack")),
    ]
    decoded = [decode_event(encode_event(e)) for e in events]
    assert decoded == events
    assert isinstance(decoded[1], CommentRemoved) and decoded[1].standing is Standing.ERASED


async def test_an_event_published_by_one_process_reaches_the_other_within_a_second(
    pair: tuple[PostgresBus, PostgresBus],
) -> None:
    a, b = pair
    async with b.subscribe() as at_b, a.subscribe() as at_a:
        started = time.perf_counter()
        a.publish(CommentPosted(101, 5), DeliveryQueued(Platform("discord")))
        got = await _take(at_b, 2, within=1.0)
        latency = time.perf_counter() - started
        assert got == [CommentPosted(101, 5), DeliveryQueued(Platform("discord"))]
        # The publisher's own subscribers get it once, from memory, not again from the table.
        assert await _take(at_a, 2, within=1.0) == got
        await asyncio.sleep(0.3)
        assert at_a._queue.empty() and at_b._queue.empty()
    print(f"NOTIFY latency between two buses: {latency * 1000:.1f} ms")


async def test_other_schemas_do_not_hear_it(postgres_dsn: str, schema: str) -> None:
    async with migrated_schema(postgres_dsn) as other_schema:
        a = PostgresBus(postgres_dsn, schema=schema)
        b = PostgresBus(postgres_dsn, schema=other_schema)
        await a.start()
        await b.start()
        try:
            assert a.channel != b.channel == channel_name(other_schema)
            async with b.subscribe() as at_b:
                a.publish(CommentPosted(1, 1))
                with pytest.raises(TimeoutError):
                    await _take(at_b, 1, within=0.5)
        finally:
            await a.close()
            await b.close()


async def test_a_dropped_listener_reconnects_and_catches_up_with_nothing_lost(
    postgres_dsn: str, schema: str
) -> None:
    a = PostgresBus(postgres_dsn, schema=schema)
    # b waits a whole second before reconnecting: everything below is published meanwhile.
    b = PostgresBus(postgres_dsn, schema=schema, reconnect_seconds=1.0, ping_seconds=0.5)
    await a.start()
    await b.start()
    try:
        await _lose_nothing(postgres_dsn, a, b)
    finally:
        await a.close()
        await b.close()


async def _lose_nothing(postgres_dsn: str, a: PostgresBus, b: PostgresBus) -> None:
    async with b.subscribe() as at_b:
        a.publish(CommentPosted(1, 9))
        assert await _take(at_b, 1, within=1.0) == [CommentPosted(1, 9)]
        admin = await asyncpg.connect(postgres_dsn)
        try:
            # Kill b's listener (the connection LISTENing on the channel), then publish
            # while it is gone: the reconnect's catch-up read must bring every event.
            killed = await admin.fetchval(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE application_name = $1",
                b.application_name("listen"),
            )
        finally:
            await admin.close()
        assert killed == 1
        sent = [CommentPosted(n, 9) for n in range(2, 52)]
        a.publish(*sent)
        await asyncio.sleep(0.3)
        assert at_b._queue.empty()  # b is still away
        got = await _take(at_b, len(sent), within=10.0)
        assert got == sent
    assert b.reconnects >= 1


async def test_rows_older_than_the_retention_are_deleted(postgres_dsn: str, schema: str) -> None:
    bus = PostgresBus(postgres_dsn, schema=schema, retention_seconds=0.5)
    await bus.start()
    admin = await asyncpg.connect(postgres_dsn, server_settings={"search_path": schema})
    try:
        await admin.execute(
            "INSERT INTO bus_events (origin, body, created_at)"
            " VALUES ('gone', '{}', now() - interval '1 hour')"
        )
        await asyncio.sleep(0.6)
        bus.publish(CommentPosted(1, 1))

        async def pruned() -> bool:
            origins = await admin.fetch("SELECT origin FROM bus_events")
            return [r["origin"] for r in origins] == [bus.origin]

        await eventually(pruned, within=5)
    finally:
        await admin.close()
        await bus.close()


async def test_events_published_before_start_are_sent_and_overflow_drops_the_oldest(
    postgres_dsn: str, schema: str
) -> None:
    early = PostgresBus(postgres_dsn, schema=schema, max_pending=3)
    listener = PostgresBus(postgres_dsn, schema=schema)
    await listener.start()
    try:
        early.publish(*(CommentPosted(n, 2) for n in range(5)))
        async with listener.subscribe() as heard:
            await early.start()
            got = await _take(heard, 3, within=2.0)
        assert got == [CommentPosted(n, 2) for n in (2, 3, 4)]
    finally:
        await early.close()
        await listener.close()


async def test_a_bus_on_an_unmigrated_schema_says_so_in_one_sentence(postgres_dsn: str) -> None:
    async with fresh_schema(postgres_dsn) as bare:
        bus = PostgresBus(postgres_dsn, schema=bare)
        with pytest.raises(StorageError, match=r"no bus_events table .*migration 0008"):
            await bus.start()
        await bus.close()
