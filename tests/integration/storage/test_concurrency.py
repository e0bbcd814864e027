"""Several workers claiming from the outbox at once never share a delivery or break a lane.

PostgreSQL: 8 tasks on separate pooled connections (``FOR UPDATE SKIP LOCKED``).
SQLite: 8 tasks over two ``SqliteStore`` instances on the same file (two connections;
``BEGIN IMMEDIATE`` and the busy timeout serialise them).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from contextlib import AsyncExitStack

import pytest

from adapters.slack.platform import SLACK
from bot.briefing.model import Brief
from bot.domain.model import WEB, DeliveryKind, DeliveryStatus
from bot.ports.store import Store
from storage.sqlite import SqliteStore
from tests.integration.storage.builders import T0, at, discussion_setup, new_comment

LANES = 100
PER_LANE = 5
WORKERS = 8


async def _fill(store: Store) -> dict[str, list[int]]:
    """500 deliveries over 100 lanes (5 articles x 20 single-place rooms); ids per lane."""
    lanes: dict[str, list[int]] = {}
    async with store.transaction() as tx:
        places = [await tx.places.ensure(SLACK, "T1", f"C{n}", f"c{n}") for n in range(20)]
        for a in range(LANES // len(places)):
            article, _ = await tx.articles.add_or_get(
                f"https://n.example/{a}", "t", Brief.empty("t"), T0
            )
            for place in places:
                discussion, _ = await tx.discussions.get_or_create(article.id, place.room_id, T0)
                for k in range(PER_LANE):
                    delivery, _ = await tx.outbox.enqueue(
                        key=f"d{discussion.id}-p{place.id}-{k}",
                        kind=DeliveryKind.POST_BRIEF,
                        platform=SLACK,
                        place_id=place.id,
                        discussion_id=discussion.id,
                        comment_id=None,
                        now=T0,
                    )
                    lanes.setdefault(delivery.lane, []).append(delivery.id)
        await tx.commit()
    return lanes


@pytest.mark.slow
async def test_concurrent_claimers_get_each_delivery_once_in_lane_order(db_store: Store) -> None:
    lanes = await _fill(db_store)
    total = sum(len(ids) for ids in lanes.values())
    assert total == LANES * PER_LANE
    previous = {ids[k]: ids[k - 1] for ids in lanes.values() for k in range(1, len(ids))}
    claims: Counter[int] = Counter()
    completed: set[int] = set()
    violations: list[str] = []

    async with AsyncExitStack() as stack:
        stores = [db_store]
        if isinstance(db_store, SqliteStore):
            second = SqliteStore(db_store.path)
            await second.open()
            stack.push_async_callback(second.close)
            stores.append(second)

        async def worker(n: int) -> None:
            store, name = stores[n % len(stores)], f"worker-{n}"
            while len(completed) < total:
                async with store.transaction() as tx:
                    got = await tx.outbox.claim(name, at(1), lease_seconds=600, limit=5)
                    await tx.commit()
                if not got:
                    await asyncio.sleep(0.001)
                    continue
                for delivery in got:
                    claims[delivery.id] += 1
                    before = previous.get(delivery.id)
                    if before is not None and before not in completed:
                        violations.append(f"{delivery.id} claimed before {before} was done")
                async with store.transaction() as tx:
                    for delivery in got:
                        await tx.outbox.complete(delivery.id, name, at(2))
                    # counted before the commit returns, so the check above never lags
                    completed.update(d.id for d in got)
                    await tx.commit()

        await asyncio.wait_for(asyncio.gather(*(worker(n) for n in range(WORKERS))), 60)

    assert violations == []
    assert len(claims) == total and set(claims.values()) == {1}
    async with db_store.transaction() as tx:
        assert await tx.outbox.counts() == {"pending": 0, "claimed": 0, "done": total, "failed": 0}
        sample = await tx.outbox.get(next(iter(lanes.values()))[-1])
        assert sample.status is DeliveryStatus.DONE and sample.attempts == 1


async def test_racing_duplicates_are_stored_once(db_store: Store) -> None:
    """Two gateways delivering the same channel and message at once: one place, one comment,
    one mirror per thread, and every racer gets the stored record back."""
    async with db_store.transaction() as tx:
        s = await discussion_setup(tx)
        original, _ = await tx.comments.add(new_comment(s.discord_thread, "orig"))
        await tx.commit()

    async def racer(n: int) -> tuple[int, int, int]:
        async with db_store.transaction() as tx:
            place = await tx.places.ensure(WEB, "site", "page-1", f"name-{n % 2}")
            comment, _ = await tx.comments.add(new_comment(s.discord_thread, "same-message"))
            mirror = await tx.comments.add_mirror(original.id, s.slack_thread.id, "copy", at(2))
            await tx.commit()
        return place.id, comment.id, mirror.id

    results = await asyncio.gather(*(racer(n) for n in range(8)))
    assert len(set(results)) == 1
    async with db_store.transaction() as tx:
        stored = await tx.comments.list_for_discussion(s.discussion.id)
        assert [c.platform_message_id for c in stored] == ["orig", "same-message"]
        assert len(await tx.comments.mirrors(original.id)) == 1


async def test_a_delivery_enqueued_first_but_committed_last_is_never_overtaken(
    db_store: Store,
) -> None:
    """The bug of ordering by identity ids: one writer takes the lower id, another the
    higher one and commits first, and a claim in between starts the lane with the higher.
    Positions are taken under the discussion's lock, so the second writer waits for the
    first to commit: what it stores comes after, and nothing can be claimed out of order."""
    async with db_store.transaction() as tx:
        s = await discussion_setup(tx)
        await tx.commit()
    async with AsyncExitStack() as stack:
        other: Store = db_store
        if isinstance(db_store, SqliteStore):  # a second connection, as a second process has
            other = SqliteStore(db_store.path)
            await other.open()
            stack.push_async_callback(other.close)

        async def store_comment(store: Store, name: str) -> int:
            async with store.transaction() as tx:
                comment, _ = await tx.comments.add(new_comment(s.discord_thread, name))
                delivery, _ = await tx.outbox.enqueue(
                    key=f"post:{name}",
                    kind=DeliveryKind.POST_COMMENT,
                    platform=SLACK,
                    place_id=s.slack.id,
                    discussion_id=s.discussion.id,
                    comment_id=comment.id,
                    now=T0,
                )
                await tx.commit()
            return delivery.id

        async with db_store.transaction() as first:
            early, _ = await first.comments.add(new_comment(s.discord_thread, "early"))
            second = asyncio.create_task(store_comment(other, "late"))
            await asyncio.sleep(0.5)
            # The second writer waits for the discussion: nothing of it is committed yet.
            assert not second.done()
            if not isinstance(db_store, SqliteStore):  # SQLite: a claim is a write; it waits
                async with other.transaction() as tx:
                    assert await tx.outbox.claim("w", at(1), 30) == []
            head, _ = await first.outbox.enqueue(
                key="post:early",
                kind=DeliveryKind.POST_COMMENT,
                platform=SLACK,
                place_id=s.slack.id,
                discussion_id=s.discussion.id,
                comment_id=early.id,
                now=T0,
            )
            await first.commit()
        late = await asyncio.wait_for(second, 30)
    async with db_store.transaction() as tx:
        assert [d.id for d in await tx.outbox.claim("w", at(1), 30)] == [head.id]
        assert await tx.outbox.claim("w", at(1), 30) == []
        await tx.outbox.complete(head.id, "w", at(2))
        assert [d.id for d in await tx.outbox.claim("w", at(3), 30)] == [late]
        stored = await tx.comments.list_for_discussion(s.discussion.id)
        assert [c.platform_message_id for c in stored] == ["early", "late"]
        await tx.commit()
