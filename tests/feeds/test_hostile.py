"""Feeds written by a hostile owner or a clumsy moderator, through the real safe fetchers.

The feed is served from a loopback server the fetchers may reach; what it says is chosen
by each test: links that redirect to private addresses, ``javascript:`` links, pings in
titles, bombs, floods, items with nothing to tell them apart, changed guid schemes.
"""

from __future__ import annotations

import gzip
import time
import warnings
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path

from aiohttp import web

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import discord  # noqa: F401  (its audioop warning, once, before any test)

from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK
from bot.bootstrap import build_feed_poller
from bot.feeds.model import Feed
from bot.services.feed_poller import FeedPoller
from tests.app import AppUnderTest
from tests.feeds.app import Clock, app_following

STORY = (
    "The ferry pier in Kelso Bay reopened on Saturday after a refit that took eleven weeks and"
    " cost about £300,000, the harbour board said. About 450 people crossed on the first day,"
    " and the board said the timetable would add two evening sailings from June."
)


@dataclass
class Item:
    title: str | None = None
    link: str | None = None
    guid: str | None = None
    full_text: bool = True
    hours_ago: float = 0.0

    def xml(self, now: datetime) -> str:
        parts = ["<item>"]
        if self.title is not None:
            parts.append(f"<title>{escape(self.title)}</title>")
        if self.link is not None:
            parts.append(f"<link>{escape(self.link)}</link>")
        if self.guid is not None:
            parts.append(f'<guid isPermaLink="false">{escape(self.guid)}</guid>')
        when = now - timedelta(hours=self.hours_ago)
        parts.append(f"<pubDate>{format_datetime(when)}</pubDate>")
        if self.full_text:
            html = "".join(f"<p>{escape(STORY)}</p>" for _ in range(3))
            parts.append(f"<content:encoded><![CDATA[{html}]]></content:encoded>")
        parts.append("</item>")
        return "".join(parts)


def rss(items: list[Item], title: str = "Kelso Bay Courier") -> bytes:
    now = datetime.now(UTC).replace(microsecond=0)
    body = "".join(item.xml(now) for item in items)
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{escape(title)}</title><link>https://courier.example/</link>"
        f"{body}</channel></rss>"
    ).encode()


@dataclass
class Site:
    """What the loopback server answers: the feed's body and headers, article pages."""

    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    base: str = ""
    hits: dict[str, int] = field(default_factory=dict)

    def app(self) -> web.Application:
        async def feed(_: web.Request) -> web.Response:
            self.hits["feed"] = self.hits.get("feed", 0) + 1
            return web.Response(body=self.body, headers=self.headers)

        async def page(request: web.Request) -> web.Response:
            self.hits[request.path] = self.hits.get(request.path, 0) + 1
            text = "".join(f"<p>{escape(STORY)}</p>" for _ in range(3))
            html = f"<html><head><title>Pier</title></head><body><article>{text}</article>"
            return web.Response(text=html + "</body></html>", content_type="text/html")

        async def to_private(_: web.Request) -> web.Response:
            self.hits["to-private"] = self.hits.get("to-private", 0) + 1
            raise web.HTTPFound("http://10.9.8.7/internal/payroll")

        async def to_loopback(_: web.Request) -> web.Response:
            # Loopback on a port the allow-list does not open: 127.0.0.1 is allowed only
            # because tests need it, so [::1] stands for "this machine" here.
            raise web.HTTPFound("http://[::1]:8080/admin")

        app = web.Application()
        app.router.add_get("/feed.xml", feed)
        app.router.add_get("/story/{n}", page)
        app.router.add_get("/go/private", to_private)
        app.router.add_get("/go/loopback", to_loopback)
        return app


@dataclass
class World:
    app: AppUnderTest
    site: Site
    clock: Clock
    poller: FeedPoller
    feed: Feed

    async def poll(self) -> int:
        self.clock.advance(3600)
        return await self.poller.poll_due()

    async def current(self) -> Feed:
        async with self.app.store.transaction() as tx:
            return await tx.feeds.get(self.feed.id)

    def posted(self) -> list[tuple[str, str | None, str | None]]:
        """(title, url, byline site name) of every brief on Discord."""
        return [(b.title, b.url, b.site_name) for _, b, _ in self.app.discord.briefs]

    def story(self, n: int) -> str:
        return f"{self.site.base}/story/{n}"


@asynccontextmanager
async def world(tmp_path: Path | None = None, **settings: object) -> AsyncIterator[World]:
    clock = Clock()
    site = Site()
    runner = web.AppRunner(site.app(), shutdown_timeout=1.0)
    await runner.setup()
    tcp = web.TCPSite(runner, "127.0.0.1", 0)
    await tcp.start()
    port = tcp._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    site.base = f"http://127.0.0.1:{port}"
    try:
        async with app_following(f"{site.base}/feed.xml", clock, tmp_path, **settings) as (
            app,
            feed,
        ):
            yield World(app, site, clock, build_feed_poller(app.settings, app.ctx), feed)
    finally:
        await runner.cleanup()


async def primed(w: World, items: Callable[[World], list[Item]]) -> None:
    """The first poll of a feed listing ``items`` (it posts at most the newest)."""
    w.site.body = rss(items(w))
    assert await w.poll() == 1
    await w.app.settle()


# --- links ------------------------------------------------------------------------------


async def test_item_links_that_redirect_to_private_or_loopback_addresses_are_refused() -> None:
    async with world() as w:
        await primed(w, lambda w: [Item("Pier reopens", w.story(1), "g1")])
        w.site.body = rss(
            [
                Item("Payroll", f"{w.site.base}/go/private", "g2", full_text=False),
                Item("Admin", f"{w.site.base}/go/loopback", "g3", full_text=False),
                Item("Pier reopens", w.story(1), "g1"),
            ]
        )
        await w.poll()
        await w.app.settle()
        assert [title for title, _, _ in w.posted()] == ["Pier reopens"]
        assert w.poller.stats.counts["items_refused"] == 2
        assert w.site.hits["to-private"] == 1  # followed to the redirect, no further
        await w.poll()  # recorded: never tried again
        assert w.site.hits["to-private"] == 1


async def test_a_full_text_item_linking_to_a_private_address_is_refused() -> None:
    # The feed carries the story, so no page is fetched; the brief would still send
    # readers to an internal address, and the issue says every article URL obeys the policy.
    async with world() as w:
        await primed(w, lambda w: [Item("Pier reopens", w.story(1), "g1")])
        w.site.body = rss(
            [Item("Internal", "http://10.1.2.3/wiki", "g2"), Item("Pier reopens", w.story(1), "g1")]
        )
        await w.poll()
        await w.app.settle()
        assert [url for _, url, _ in w.posted()] == [w.story(1)]
        assert w.poller.stats.counts["items_refused"] == 1


async def test_javascript_and_data_links_are_never_briefed() -> None:
    async with world() as w:
        await primed(w, lambda w: [Item("Pier reopens", w.story(1), "g1")])
        hostile = [
            Item("Script (full text)", "javascript:alert(document.cookie)", "g2"),
            Item("Script (no text)", "javascript:alert(1)", "g3", full_text=False),
            Item("Data (full text)", "data:text/html,<script>alert(1)</script>", "g4"),
            Item("Data (no text)", "data:text/html;base64,PHNjcmlwdD4=", "g5", full_text=False),
            Item("Vbscript", "vbscript:msgbox(1)", "g6"),
        ]
        w.site.body = rss([*hostile, Item("Pier reopens", w.story(1), "g1")])
        await w.poll()
        await w.app.settle()
        assert [url for _, url, _ in w.posted()] == [w.story(1)]
        assert all(b.url and b.url.startswith("http") for _, b, _ in w.app.slack.briefs)
        await w.poll()
        assert len(w.posted()) == 1  # refused for good: recorded as seen


# --- text that must not ping ------------------------------------------------------------


async def test_pings_in_titles_and_the_feed_name_reach_the_brief_as_plain_text() -> None:
    from adapters.discord.embed import brief_embed, thread_name
    from adapters.slack.blocks import brief_blocks, brief_fallback_text

    pings = "@everyone @here <@&1234567890> <!channel> <!here> <@U0BEN000001>"
    async with world() as w:
        w.site.body = rss([Item(f"Pier {pings}", w.story(1), "g1")], title=f"Courier {pings}")
        await w.poll()
        await w.app.settle()
        [(_, brief, _)] = w.app.discord.briefs
        assert brief.site_name is not None and "<!channel>" in brief.site_name  # as written
        # Discord: the brief is an embed (embeds never ping); its text is made literal.
        embed = brief_embed(brief)
        assert "@everyone" not in embed["title"] and "<@&" not in embed["title"]
        assert "@everyone" not in embed["footer"]["text"] and "<@&" not in embed["footer"]["text"]
        assert thread_name(brief).startswith("Pier")  # a channel name: never parsed for pings
        # Slack: the notification text and the byline are escaped; the header is plain text.
        assert "<!" not in brief_fallback_text(brief) and "<@" not in brief_fallback_text(brief)
        for block in brief_blocks(brief):
            for element in [block.get("text"), *block.get("elements", [])]:
                if isinstance(element, dict) and element.get("type") == "mrkdwn":
                    assert "<!" not in element["text"] and "<@" not in element["text"]


async def test_a_flood_notice_naming_a_hostile_feed_title_pings_nobody() -> None:
    async with world(feed_posts_per_poll=1) as w:
        title = "Courier @everyone <!channel> <@&1234567890>"
        await primed(w, lambda w: [Item("First", w.story(1), "g1")])
        w.site.body = rss(
            [Item(f"Story {n}", w.story(n), f"g{n}") for n in range(2, 6)], title=title
        )
        await w.poll()
        await w.app.settle()
        [(_, notice)] = w.app.discord.channel_notices
        assert "3 more new stories" in notice and title in notice  # said as written...
        # ...and posted pinging nobody: Discord with no allowed mentions, Slack escaped.
        from adapters.discord.chat import NO_MENTIONS
        from adapters.slack.mrkdwn import escape_slack

        assert NO_MENTIONS.everyone is False and NO_MENTIONS.roles is False
        assert "<!channel>" not in escape_slack(notice)


# --- size -------------------------------------------------------------------------------


async def test_a_gzip_bomb_is_measured_after_decoding_and_refused() -> None:
    async with world(fetch_max_bytes=200_000) as w:
        # 40 MB of spaces inside a valid-looking feed, 40 KB on the wire.
        inflated = rss([Item("Pier reopens", w.story(1), "g1")]).replace(
            b"</channel>", b" " * 40_000_000 + b"</channel>"
        )
        w.site.body = gzip.compress(inflated, compresslevel=9)
        w.site.headers = {"Content-Encoding": "gzip", "Content-Type": "application/rss+xml"}
        assert len(w.site.body) < 200_000
        await w.poll()
        feed = await w.current()
        assert feed.paused and "size limit" in (feed.paused_reason or "")
        assert w.posted() == []


async def test_a_feed_of_ten_thousand_items_posts_the_newest_once_and_records_the_rest(
    tmp_path: Path,
) -> None:
    async with world(tmp_path, fetch_max_bytes=8_000_000) as w:
        items = [Item(f"Story {n}", w.story(n), f"g{n}", full_text=False) for n in range(10_000)]
        w.site.body = rss(items)
        started = time.monotonic()
        await w.poll()
        took = time.monotonic() - started
        await w.app.settle()
        assert [title for title, _, _ in w.posted()] == ["Story 0"]  # the first listed
        async with w.app.store.transaction() as tx:
            seen = await tx.feeds.seen(w.feed.id, [f"g{n}" for n in range(10_000)])
        assert len(seen) == 10_000
        await w.poll()
        await w.app.settle()
        assert len(w.posted()) == 1
        assert took < 60, took


# --- identity ---------------------------------------------------------------------------


async def test_an_item_with_no_link_no_guid_and_no_title_is_ignored() -> None:
    async with world() as w:
        await primed(w, lambda w: [Item("Pier reopens", w.story(1), "g1")])
        w.site.body = rss([Item(None, None, None), Item("Pier reopens", w.story(1), "g1")])
        await w.poll()
        await w.app.settle()
        feed = await w.current()
        assert not feed.paused and feed.failures == 0
        assert len(w.posted()) == 1


async def test_a_feed_that_gives_every_story_one_guid_still_posts_each_story_once() -> None:
    async with world() as w:
        await primed(w, lambda w: [Item("Pier reopens", w.story(1), "same")])
        w.site.body = rss(
            [
                Item("Pool reopens", w.story(2), "same"),
                Item("Library reopens", w.story(3), "same"),
                Item("Pier reopens", w.story(1), "same"),
            ]
        )
        for _ in range(3):
            await w.poll()
        await w.app.settle()
        # The guid no longer tells the stories apart, the links do: the new stories are
        # posted (the one already briefed is not posted again), each once.
        titles = [title for title, _, _ in w.posted()]
        assert sorted(titles) == ["Library reopens", "Pier reopens", "Pool reopens"]
        assert (await w.current()).key_kind == "link"


async def test_a_feed_that_changes_its_guid_scheme_reposts_at_most_the_flood_limit() -> None:
    async with world(feed_posts_per_poll=2) as w:
        stories = [(f"Story {n}", w.story(n)) for n in range(1, 21)]
        await primed(
            w, lambda w: [Item(t, link, f"old-{i}") for i, (t, link) in enumerate(stories)]
        )
        assert len(w.posted()) == 1
        w.site.body = rss([Item(t, link, f"new/{i}") for i, (t, link) in enumerate(stories)])
        await w.poll()
        await w.app.settle()
        # Every item looks new; the flood limit caps the damage and says so. A story already
        # briefed in the room is not posted again (its delivery is keyed per discussion).
        assert len(w.posted()) <= 1 + 2
        [(_, notice)] = w.app.discord.channel_notices
        assert "more new stories were not posted" in notice
        await w.poll()
        await w.app.settle()
        assert len(w.posted()) <= 1 + 2  # and only once


# --- not a feed -------------------------------------------------------------------------


async def test_an_html_page_instead_of_a_feed_is_paused_at_once_with_one_sentence() -> None:
    async with world() as w:
        w.site.body = b"<!doctype html><html><head><title>Courier</title></head><body><p>Hi"
        w.site.headers = {"Content-Type": "text/html"}
        await w.poll()
        await w.app.settle()
        feed = await w.current()
        assert feed.paused and "not an RSS or Atom feed" in (feed.paused_reason or "")
        [(_, notice)] = w.app.discord.channel_notices
        assert notice == feed.paused_reason and "\n" not in notice and notice.endswith(".")


async def test_a_feed_that_once_worked_and_shows_an_html_page_is_retried_before_pausing() -> None:
    async with world(feed_max_failures=3) as w:
        await primed(w, lambda w: [Item("Pier reopens", w.story(1), "g1")])
        w.site.body = b"<!doctype html><html><body>Down for maintenance</body></html>"
        await w.poll()
        feed = await w.current()
        assert not feed.paused and feed.failures == 1


# --- a clumsy moderator -----------------------------------------------------------------


async def test_adding_the_same_feed_again_here_or_in_a_linked_channel_is_one_subscription() -> None:
    from bot.services.feeds import parse_feed_command, run_feed_command

    async with world() as w:
        url = w.feed.url
        shouted = url.replace("http://", "HTTP://").replace("/feed.xml", "/feed.xml#top")
        answers = [
            await run_feed_command(w.app.ctx, parse_feed_command(f"add {text}"), *where)
            for text, where in (
                (url, (DISCORD, "G1", "C-news", "news")),
                (f"<{shouted}>", (DISCORD, "G1", "C-news", "news")),
                (url, (SLACK, "T1", "CNEWS", "news")),  # linked with the Discord channel
            )
        ]
        expected = f"This channel or one linked with it already follows {url} (feed #1)."
        assert answers == [expected] * 3
        async with w.app.store.transaction() as tx:
            assert [f.id for f in await tx.feeds.every()] == [w.feed.id]
