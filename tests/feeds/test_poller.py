"""The feed poller against a local newsroom over HTTP, through the real safe fetchers.

The app is the one ``briefbot run`` builds (fake chats, a FakeStore or a SQLite file); the
feed and its article pages come from a loopback server the fetchers are allowed to reach.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from bot.bootstrap import build_feed_poller
from bot.feeds.model import Feed
from bot.services.feed_poller import FeedPoller
from tests.app import AppUnderTest
from tests.feeds.app import Clock, app_following
from tests.feeds.server import Newsroom, newsroom


@dataclass
class World:
    app: AppUnderTest
    room: Newsroom
    clock: Clock
    poller: FeedPoller
    feed: Feed

    async def poll(self, poller: FeedPoller | None = None) -> int:
        """Make the feed due and poll once."""
        self.clock.advance(3600)
        return await (poller or self.poller).poll_due()

    async def current(self) -> Feed:
        async with self.app.store.transaction() as tx:
            return await tx.feeds.get(self.feed.id)

    def briefs(self) -> list[str]:
        return [b.title for _, b, _ in self.app.discord.briefs + self.app.slack.briefs]


@asynccontextmanager
async def world(tmp_path: Path | None = None, **settings: object) -> AsyncIterator[World]:
    clock = Clock()
    async with (
        newsroom() as room,
        app_following(room.feed_url, clock, tmp_path, **settings) as (
            app,
            feed,
        ),
    ):
        yield World(app, room, clock, build_feed_poller(app.settings, app.ctx), feed)


async def test_first_poll_posts_the_newest_story_once_in_every_linked_channel() -> None:
    async with world() as w:
        for _ in range(5):
            w.room.publish()
        assert await w.poll() == 1
        await w.app.settle()
        newest = w.room.stories[-1].title
        assert w.briefs() == [newest, newest]  # one on Discord, one on Slack
        (_, brief, _) = w.app.discord.briefs[0]
        assert brief.site_name == "Millbrook Ledger"  # the brief names its feed
        assert len(w.app.discord.invitations) == 1 and len(w.app.slack.invitations) == 1
        await w.poll()
        await w.app.settle()
        assert len(w.briefs()) == 2  # nothing new, nothing posted


async def test_a_304_costs_no_parse_and_a_new_story_is_posted_once() -> None:
    async with world() as w:
        w.room.publish()
        await w.poll()
        parsed = w.poller.stats.counts["parsed"]
        await w.poll()
        assert w.room.not_modified == 1
        assert w.poller.stats.counts["parsed"] == parsed  # the 304 was not parsed
        story = w.room.publish()
        await w.poll()
        await w.poll()
        await w.app.settle()
        assert w.briefs().count(story.title) == 2


async def test_full_text_in_the_feed_is_used_without_fetching_the_page() -> None:
    async with world() as w:
        story = w.room.publish(full_text=True)
        await w.poll()
        await w.app.settle()
        assert w.briefs().count(story.title) == 2
        assert w.room.hits[f"story/{story.n}"] == 0


async def test_a_flood_posts_k_and_tells_how_many_were_held_back() -> None:
    async with world(feed_posts_per_poll=3) as w:
        w.room.publish()
        await w.poll()
        for _ in range(12):
            w.room.publish()
        await w.poll()
        await w.app.settle()
        assert len(w.app.discord.briefs) == 1 + 3
        (notice,) = [text for _, text in w.app.discord.channel_notices]
        assert "9 more new stories" in notice and "Millbrook Ledger" in notice
        assert [t for _, t in w.app.slack.channel_notices] == [notice]


async def test_old_stories_are_skipped() -> None:
    async with world(feed_max_age_hours=24) as w:
        w.room.publish()
        await w.poll()
        w.room.publish(age_hours=48)
        await w.poll()
        await w.app.settle()
        assert len(w.app.discord.briefs) == 1


async def test_an_item_pointing_at_a_private_address_is_refused() -> None:
    async with world() as w:
        w.room.publish()
        await w.poll()
        w.room.publish(link="http://10.20.30.40/internal/report")
        await w.poll()
        await w.app.settle()
        assert len(w.app.discord.briefs) == 1
        assert w.poller.stats.counts["items_refused"] == 1
        await w.poll()  # recorded as seen: not tried again
        assert w.poller.stats.counts["items_refused"] == 1


async def test_a_failing_feed_backs_off_then_is_paused_with_a_notice() -> None:
    async with world(feed_max_failures=3) as w:
        w.room.publish()
        await w.poll()
        w.room.status = 404
        await w.poll()
        feed = await w.current()
        assert feed.failures == 1 and not feed.paused
        assert feed.next_due > w.clock.now + timedelta(seconds=250)  # backed off
        await w.poll()
        await w.poll()
        feed = await w.current()
        assert feed.paused and "not found" in (feed.paused_reason or "")
        (notice,) = [t for _, t in w.app.discord.channel_notices]
        assert notice == feed.paused_reason and notice.count(".") == 1
        hits = w.room.hits["feed"]
        assert await w.poll() == 0  # paused feeds are not polled
        assert w.room.hits["feed"] == hits


async def test_429_and_503_with_retry_after_are_waits_not_failures() -> None:
    async with world(feed_max_failures=1) as w:
        w.room.publish()
        await w.poll()
        for status in (429, 503):
            w.room.status, w.room.retry_after = status, "7200"
            w.clock.advance(7200)  # past the previous wait
            assert await w.poll() == 1
            feed = await w.current()
            assert feed.failures == 0 and not feed.paused
            assert feed.next_due >= w.clock.now + timedelta(seconds=7200)


async def test_a_feed_over_the_size_limit_is_refused() -> None:
    async with world(fetch_max_bytes=2000) as w:
        for _ in range(10):
            w.room.publish(full_text=True)
        await w.poll()
        feed = await w.current()
        assert feed.paused and "size limit" in (feed.paused_reason or "")


async def test_a_poller_that_lost_its_lease_posts_nothing_twice(tmp_path: Path) -> None:
    async with world(tmp_path, feed_lease_seconds=60) as w:
        w.room.publish()
        await w.poll()
        await w.app.settle()
        story = w.room.publish()
        second = build_feed_poller(w.app.settings, w.app.ctx)
        second.worker_id = "other/feeds"
        # The first poller claims the feed and stalls (as if frozen mid-poll)...
        gate = asyncio.Event()
        fetch = w.poller.fetcher.fetch_feed

        async def stalled(url: str, **kw: str | None):  # type: ignore[no-untyped-def]
            await gate.wait()
            return await fetch(url, **kw)

        w.poller.fetcher.fetch_feed = stalled  # type: ignore[method-assign]
        w.clock.advance(3600)
        first = asyncio.create_task(w.poller.poll_due())
        await asyncio.sleep(0.2)
        # ...its lease runs out, the other poller takes the feed and posts the story...
        w.clock.advance(120)
        assert await second.poll_due() == 1
        # ...and when the first wakes up, its work is rolled back.
        queued_before = w.poller.stats.counts["briefs_queued"]
        gate.set()
        await first
        await w.app.settle()
        assert w.poller.stats.counts["briefs_queued"] == queued_before  # rolled back
        assert second.stats.counts["briefs_queued"] == 1
        assert w.briefs().count(story.title) == 2


async def test_a_story_whose_page_cannot_be_reached_now_is_tried_again() -> None:
    async with world() as w:
        w.room.publish()
        await w.poll()
        story = w.room.publish(link="http://127.0.0.1:9/closed-port")
        await w.poll()
        await w.poll()  # the feed is unchanged, but it is read again (no 304) for the story
        assert w.room.not_modified == 0
        assert w.poller.stats.counts["parsed"] == 3
        async with w.app.store.transaction() as tx:
            assert await tx.feeds.seen(w.feed.id, [f"ledger-{story.n}"]) == set()
