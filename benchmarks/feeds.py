"""Feed polling at scale: 1,000 loopback feeds, a mix of answers, polled for a bounded time.

A loopback server serves FEEDS feeds of 20 invented stories each (full text in
``content:encoded``, tens of KB a feed). Most answer 200 with an ETag and 304 when
unchanged; a share are slow (a delay before answering) and a share fail (HTTP 500).
While the poller runs, a publisher adds a new story to a random healthy feed at a steady
rate and notes when. The real poller (``FeedPoller``, ``SafeFeedFetcher``, a SQLite store,
briefs made from the feed's text) and the real delivery worker post into a recording chat.

Prints JSON: polls per second, CPU per poll, p50/p95 delay from a story's publication to
its brief in the channel, duplicated posts (must be 0), and feedparser alone parsing the
same bodies (CPU per parse), with the ratio of our CPU per 200-poll to it.

    python -m benchmarks.feeds [--feeds 1000] [--seconds 60] [--rate 2]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path
from typing import Any

import feedparser
from aiohttp import web

from adapters.discord.platform import DISCORD
from adapters.fetch.feed import SafeFeedFetcher
from adapters.sandbox.newsroom import Story, write_story
from benchmarks._timing import percentile
from bot.bootstrap import build_context, build_worker
from bot.briefing.model import Brief
from bot.config import load_settings
from bot.domain.model import Place
from bot.feeds.flood import FloodLimits
from bot.feeds.settings import FeedSettings
from bot.ports.chat import PostedBrief
from bot.services.feed_poller import FeedPoller
from storage.sqlite import SqliteStore
from tests.fakes.chat import FakeChat, FakeFetcher

STORIES_PER_FEED = 20
SLOW_SHARE, FAILING_SHARE = 0.05, 0.05
SLOW_SECONDS = 0.5


@dataclass
class Feeds:
    """The loopback newsroom: FEEDS feeds, their stories, how each one answers."""

    count: int
    rng: random.Random
    stories: dict[int, list[Story]] = field(default_factory=dict)
    kinds: dict[int, str] = field(default_factory=dict)
    bodies: dict[int, bytes] = field(default_factory=dict)
    answers: Counter[str] = field(default_factory=Counter)
    published: dict[str, float] = field(default_factory=dict)  # title -> monotonic time
    serial: int = 0

    def __post_init__(self) -> None:
        now = datetime.now(UTC) - timedelta(hours=1)
        for i in range(self.count):
            roll = self.rng.random()
            self.kinds[i] = (
                "slow"
                if roll < SLOW_SHARE
                else "failing"
                if roll < SLOW_SHARE + FAILING_SHARE
                else "ok"
            )
            self.stories[i] = [
                self._story(now - timedelta(minutes=n)) for n in range(STORIES_PER_FEED)
            ]
            self._render(i)

    def _story(self, when: datetime) -> Story:
        self.serial += 1
        base = write_story(self.serial, when)
        return Story(base.n, f"{base.title} (no. {base.n})", base.body, when, full_text=True)

    def _render(self, i: int) -> None:
        items = "".join(
            f"<item><title>{escape(s.title)}</title>"
            f"<link>https://news{i}.example/story/{s.n}</link>"
            f'<guid isPermaLink="false">s-{s.n}</guid>'
            f"<pubDate>{format_datetime(s.published)}</pubDate><content:encoded><![CDATA["
            + "".join(f"<p>{escape(p)}</p>" for p in s.body * 3)
            + "]]></content:encoded></item>"
            for s in self.stories[i]
        )
        self.bodies[i] = (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"'
            ' xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>Feed {i}</title><link>https://news{i}.example/</link>{items}"
            "</channel></rss>"
        ).encode()

    def publish(self) -> None:
        healthy = [i for i, kind in self.kinds.items() if kind == "ok"]
        i = self.rng.choice(healthy)
        story = self._story(datetime.now(UTC))
        self.stories[i] = [story, *self.stories[i][: STORIES_PER_FEED - 1]]
        self._render(i)
        self.published[story.title] = time.monotonic()

    async def serve(self, request: web.Request) -> web.StreamResponse:
        i = int(request.match_info["i"])
        kind = self.kinds[i]
        if kind == "failing":
            self.answers["500"] += 1
            return web.Response(status=500, text="down")
        if kind == "slow":
            await asyncio.sleep(SLOW_SECONDS)
        etag = f'"{i}-{self.stories[i][0].n}"'
        if request.headers.get("If-None-Match") == etag:
            self.answers["304"] += 1
            return web.Response(status=304, headers={"ETag": etag})
        self.answers["200"] += 1
        return web.Response(
            body=self.bodies[i], content_type="application/rss+xml", headers={"ETag": etag}
        )


class RecordingChat(FakeChat):
    """A chat that notes when each brief is posted."""

    def __init__(self) -> None:
        super().__init__(DISCORD)
        self.posted_at: list[tuple[str, str, float]] = []  # (channel, title, time)

    async def post_brief(self, place: Place, brief: Brief) -> PostedBrief:
        self.posted_at.append((place.channel_id, brief.title, time.monotonic()))
        return await super().post_brief(place, brief)


async def run(count: int, seconds: float, rate: float) -> dict[str, Any]:
    rng = random.Random(13)
    feeds = Feeds(count, rng)
    app = web.Application()
    app.router.add_get("/f/{i}.xml", feeds.serve)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    tmp = tempfile.TemporaryDirectory()
    store = SqliteStore(Path(tmp.name) / "feeds.sqlite3")
    await store.open()
    settings = load_settings(
        database_url=f"sqlite:///{tmp.name}/feeds.sqlite3", delivery_poll_seconds=0.05
    )
    ctx = build_context(settings, store, FakeFetcher())
    chat = RecordingChat()
    ctx.platforms[DISCORD] = chat
    now = datetime.now(UTC)
    async with store.transaction() as tx:
        for i in range(count):
            place = await tx.places.ensure(DISCORD, "G", f"C{i}", f"news-{i}")
            await tx.feeds.add(place.id, f"http://127.0.0.1:{port}/f/{i}.xml", 5, now)
        await tx.commit()
    poller = FeedPoller(
        ctx,
        SafeFeedFetcher(allow=["127.0.0.1"]),
        FeedSettings(
            interval_seconds=5,
            min_interval_seconds=5,
            limits=FloodLimits(first=0, per_poll=3, max_age=None),
            concurrency=50,
            per_host=50,
            idle_seconds=0.05,
            lease_seconds=120,
        ),
        name="bench",
    )
    worker = build_worker(settings, ctx, chat)
    tasks = [asyncio.create_task(poller.run()), asyncio.create_task(worker.run())]

    async def publisher() -> None:
        while True:
            await asyncio.sleep(1 / rate)
            feeds.publish()

    # Prime every feed first (the first poll records what is there and posts nothing).
    while poller.stats.counts["fetched"] + poller.stats.counts["failed"] < count:  # noqa: ASYNC110
        await asyncio.sleep(0.2)
    polls_before = Counter(poller.stats.counts)
    cpu_before, wall_before = time.process_time(), time.monotonic()
    tasks.append(asyncio.create_task(publisher()))
    await asyncio.sleep(seconds)
    tasks[-1].cancel()
    await asyncio.sleep(3 * 5)  # let the last publications be polled and delivered
    cpu, wall = time.process_time() - cpu_before, time.monotonic() - wall_before
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    await store.close()
    await runner.cleanup()
    tmp.cleanup()

    polled = poller.stats.counts - polls_before
    polls = polled["fetched"] + polled["failed"] + polled["paced"]
    delays = [
        at - feeds.published[title] for _, title, at in chat.posted_at if title in feeds.published
    ]
    posts = Counter((channel, title) for channel, title, _ in chat.posted_at)
    # feedparser alone, on the same bodies (the 200 answers' work without ours).
    sample = [feeds.bodies[i] for i in range(min(count, 200))]
    start = time.process_time()
    for body in sample:
        feedparser.parse(body)
    parse_cpu = (time.process_time() - start) / len(sample)
    full_reads = max(1, polled["parsed"])
    return {
        "feeds": count,
        "mix": Counter(feeds.kinds.values()),
        "seconds_measured": round(wall, 1),
        "answers": dict(feeds.answers),
        "polls": polls,
        "polls_per_second": round(polls / wall, 1),
        "cpu_ms_per_poll": round(1000 * cpu / max(1, polls), 2),
        "published": len(feeds.published),
        "briefs_posted": len(delays),
        "publication_to_brief_seconds": {
            "p50": round(percentile(delays, 0.5), 2) if delays else None,
            "p95": round(percentile(delays, 0.95), 2) if delays else None,
        },
        "duplicated_posts": sum(n - 1 for n in posts.values() if n > 1),
        "polls_parsed": polled["parsed"],
        "polls_not_modified": polled["not_modified"],
        "feedparser_alone_cpu_ms_per_parse": round(1000 * parse_cpu, 2),
        # Our whole CPU over what feedparser alone spends on the bodies we parsed.
        "ratio_to_feedparser_alone": round(cpu / (full_reads * parse_cpu), 2),
        "note": "CPU is the whole process (poller, delivery, store, briefing, the loopback server)",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--rate", type=float, default=2.0, help="stories published per second")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args.feeds, args.seconds, args.rate)), indent=2))


if __name__ == "__main__":
    main()
