"""Feed subscriptions on the real engines: leases, seen items, one transaction with the outbox."""

from __future__ import annotations

import asyncio
from collections import Counter
from contextlib import AsyncExitStack
from pathlib import Path

import pytest

from adapters.slack.platform import SLACK
from bot.briefing.model import Brief
from bot.domain.model import DeliveryKind
from bot.errors import ClaimLostError, NotFoundError
from bot.ports.feeds import FeedPoll
from bot.ports.store import Store
from storage.sqlite import SqliteStore
from tests.integration.storage.builders import T0, at, ref


async def _feeds(store: Store, count: int) -> list[int]:
    async with store.transaction() as tx:
        place = await tx.places.ensure(SLACK, "T1", ref("C"), "news")
        ids = []
        for n in range(count):
            feed, created = await tx.feeds.add(place.id, f"https://n.example/{n}.xml", 600, T0)
            assert created
            ids.append(feed.id)
        await tx.commit()
    return ids


async def test_add_is_idempotent_per_place_and_url(store: Store) -> None:
    async with store.transaction() as tx:
        place = await tx.places.ensure(SLACK, "T1", ref("C"), "news")
        first, created = await tx.feeds.add(place.id, "https://n.example/rss", 600, T0)
        again, created_again = await tx.feeds.add(place.id, "https://n.example/rss", 120, T0)
        assert created and not created_again and again == first
        assert first.next_due == T0 and not first.primed and not first.paused
        assert await tx.feeds.in_room(place.room_id) == [first]
        await tx.commit()


async def test_a_claimed_feed_is_not_claimed_again_until_its_lease_ends(store: Store) -> None:
    (feed_id,) = await _feeds(store, 1)
    async with store.transaction() as tx:
        assert [f.id for f in await tx.feeds.claim("w1", at(1), 60, 10)] == [feed_id]
        assert await tx.feeds.claim("w2", at(2), 60, 10) == []
        # The first poller died: once the lease ran out another takes the feed over.
        assert [f.id for f in await tx.feeds.claim("w2", at(62), 60, 10)] == [feed_id]
        with pytest.raises(ClaimLostError):
            await tx.feeds.finish(feed_id, "w1", FeedPoll(next_due=at(600), failures=0))
        done = await tx.feeds.finish(
            feed_id,
            "w2",
            FeedPoll(next_due=at(600), failures=0, etag='"v1"', key_kind="guid", primed=True),
        )
        assert done.etag == '"v1"' and done.key_kind == "guid" and done.primed
        assert await tx.feeds.claim("w3", at(599), 60, 10) == []
        assert [f.id for f in await tx.feeds.claim("w3", at(600), 60, 10)] == [feed_id]
        await tx.commit()


async def test_a_poller_restarting_under_its_name_takes_its_feeds_back(store: Store) -> None:
    ids = await _feeds(store, 3)
    async with store.transaction() as tx:
        assert len(await tx.feeds.claim("w1", at(1), 300, 2)) == 2
        assert len(await tx.feeds.claim("w2", at(1), 300, 2)) == 1
        assert await tx.feeds.release("w1") == 2
        again = await tx.feeds.claim("w1", at(2), 300, 10)
        assert len(again) == 2 and set(ids) > {f.id for f in again}
        await tx.commit()


async def test_paused_feeds_are_not_claimed_and_resume_makes_them_due(store: Store) -> None:
    (feed_id,) = await _feeds(store, 1)
    async with store.transaction() as tx:
        paused = await tx.feeds.set_paused(feed_id, "The feed is paused.", at(1))
        assert paused.paused_reason == "The feed is paused."
        assert await tx.feeds.claim("w", at(10_000), 60, 10) == []
        resumed = await tx.feeds.set_paused(feed_id, None, at(20))
        assert not resumed.paused and resumed.failures == 0 and resumed.next_due == at(20)
        assert [f.id for f in await tx.feeds.claim("w", at(20), 60, 10)] == [feed_id]
        await tx.feeds.remove(feed_id)
        with pytest.raises(NotFoundError):
            await tx.feeds.get(feed_id)
        await tx.commit()


async def test_an_item_is_seen_once(store: Store) -> None:
    (feed_id,) = await _feeds(store, 1)
    async with store.transaction() as tx:
        assert await tx.feeds.mark_seen(feed_id, "guid-1", T0)
        assert not await tx.feeds.mark_seen(feed_id, "guid-1", at(1))
        keys = [f"guid-{n}" for n in range(1200)]
        assert await tx.feeds.seen(feed_id, keys) == {"guid-1"}
        await tx.commit()


async def test_seen_and_the_brief_delivery_commit_or_roll_back_together(store: Store) -> None:
    (feed_id,) = await _feeds(store, 1)
    for commit in (False, True):
        async with store.transaction() as tx:
            feed = await tx.feeds.get(feed_id)
            place = await tx.places.get(feed.place_id)
            article, _ = await tx.articles.add_or_get(
                "https://n.example/story", "Story", Brief.empty("Story"), T0
            )
            discussion, _ = await tx.discussions.get_or_create(article.id, place.room_id, T0)
            assert await tx.feeds.mark_seen(feed_id, "story", T0)
            await tx.outbox.enqueue(
                key=f"brief:{discussion.id}:{place.id}",
                kind=DeliveryKind.POST_BRIEF,
                platform=place.platform,
                place_id=place.id,
                discussion_id=discussion.id,
                comment_id=None,
                now=T0,
            )
            if commit:
                await tx.commit()
            # else: a crash before the commit: neither is kept
        async with store.transaction() as tx:
            seen = await tx.feeds.seen(feed_id, ["story"])
            counts = await tx.outbox.counts()
        assert (seen == {"story"}) is commit
        assert (counts.get("pending", 0) == 1) is commit


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
async def test_pollers_claiming_at_once_never_share_a_feed(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    from tests.integration.storage.conftest import make_store

    async with AsyncExitStack() as stack:
        first = await stack.enter_async_context(make_store(kind, tmp_path, request))
        if kind == "sqlite":
            second: Store = SqliteStore(tmp_path / "store.sqlite3")
            await second.open()
            stack.push_async_callback(second.close)
        else:
            second = first  # one pool, separate connections
        ids = await _feeds(first, 60)
        claimed: Counter[int] = Counter()

        async def poller(name: str, store: Store) -> None:
            while True:
                async with store.transaction() as tx:
                    got = await tx.feeds.claim(name, at(1), 300, 3)
                    await tx.commit()
                if not got:
                    return
                claimed.update(f.id for f in got)
                await asyncio.sleep(0)

        await asyncio.gather(*(poller(f"w{n}", first if n % 2 else second) for n in range(8)))
        assert sorted(claimed) == sorted(ids)
        assert set(claimed.values()) == {1}
