"""The sandbox's newsroom: an RSS feed of invented local stories, published on demand.

``GET /newsroom/feed.xml`` is the feed (RSS 2.0, with an ``ETag``: a poll that finds
nothing new gets a 304), ``GET /newsroom/story/<n>`` each story's page, and
``POST /sandbox/newsroom/publish`` (the page's button, or any JSON POST from this machine)
publishes the next story and makes the feed due at once, so the story reaches both
channels within seconds. Tests mount the same routes to get a feed server that can also
fail, pace or point an item elsewhere.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from typing import TYPE_CHECKING

from aiohttp import web

from adapters.sandbox.proxy import from_the_page

if TYPE_CHECKING:
    from bot.bootstrap import Application
    from bot.domain.model import Place
    from bot.feeds.model import Feed

__all__ = ["FEED_PATH", "Newsroom", "Story", "follow_newsroom", "write_story"]

FEED_PATH = "/newsroom/feed.xml"
FEED_TITLE = "Millbrook Ledger"

_TOWNS = ("Millbrook", "Ashford", "Kelso Bay", "Dunmore", "Pinehurst", "Larch Hill")
_PLACES = ("library", "ferry pier", "market hall", "swimming pool", "bus depot", "bandstand")


@dataclass(frozen=True)
class Story:
    n: int
    title: str
    body: tuple[str, ...]
    published: datetime
    link: str | None = None
    """Where the item points when not at the newsroom's own page (tests: elsewhere)."""
    full_text: bool = False
    """Whether the feed carries the whole story (``content:encoded``)."""


def write_story(n: int, published: datetime, **extra: object) -> Story:
    """The n-th invented story: a town's public building reopening after a refit."""
    town, place = _TOWNS[n % len(_TOWNS)], _PLACES[(n // 2) % len(_PLACES)]
    weeks, cost, visitors = n + 9, n + 2, n * 40 + 310
    body = (
        f"The {place} in {town} will reopen on {n % 27 + 2} May after a refit that took"
        f" {weeks} weeks and cost about £{cost}00,000, the town council said on Monday.",
        f"About {visitors} people used the {place} each week before it closed, and a survey"
        f" of residents found that most of them wanted longer opening hours at weekends.",
        f"Councillor Dana Mills said the work had come in under budget. “We kept {town}"
        " informed at every step,” she said, adding that volunteers had helped with the move.",
        f"A small ceremony is planned for the first morning, with free tea for the first"
        f" {n + 50} visitors and a short talk by the {town} history society.",
    )
    title = f"{town} {place} to reopen after {weeks}-week refit"
    return Story(n, title, body, published, **extra)  # type: ignore[arg-type]


@dataclass
class Newsroom:
    """The feed's stories and how it answers; ``base`` is the server's URL.

    ``on_publish`` runs after each publication from the control endpoint (the sandbox makes
    the feed due there). ``status``/``retry_after`` make the feed answer an error instead.
    """

    base: str
    stories: list[Story] = field(default_factory=list)
    status: int = 200
    retry_after: str | None = None
    hits: Counter[str] = field(default_factory=Counter)
    not_modified: int = 0
    page_delay: float = 0.0
    """Seconds each story page takes to answer (tests: a poll caught mid-fetch)."""
    on_publish: Callable[[], Awaitable[None]] | None = None

    @property
    def feed_url(self) -> str:
        return f"{self.base}{FEED_PATH}"

    def url(self, story: Story) -> str:
        return story.link or f"{self.base}/newsroom/story/{story.n}"

    def publish(
        self, *, link: str | None = None, full_text: bool = False, age_hours: float = 0
    ) -> Story:
        when = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=age_hours)
        story = write_story(len(self.stories) + 1, when, link=link, full_text=full_text)
        self.stories.append(story)
        return story

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get(FEED_PATH, self.feed, name="newsroom_feed"),
            web.get("/newsroom/story/{n}", self.page, name="newsroom_story"),
            web.post("/sandbox/newsroom/publish", self.publish_now, name="newsroom_publish"),
        ]

    def rss(self) -> str:
        items = []
        for story in reversed(self.stories):
            full = ""
            if story.full_text:
                html = "".join(f"<p>{escape(p)}</p>" for p in story.body)
                full = f"<content:encoded><![CDATA[{html}]]></content:encoded>"
            items.append(
                f"<item><title>{escape(story.title)}</title>"
                f"<link>{escape(self.url(story))}</link>"
                f'<guid isPermaLink="false">ledger-{story.n}</guid>'
                f"<pubDate>{format_datetime(story.published)}</pubDate>{full}</item>"
            )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"'
            ' xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>{FEED_TITLE}</title><link>{escape(self.base)}/</link>"
            "<description>Invented local news for the briefbot sandbox</description>"
            + "".join(items)
            + "</channel></rss>"
        )

    async def feed(self, request: web.Request) -> web.Response:
        self.hits["feed"] += 1
        if self.status != 200:
            headers = {"Retry-After": self.retry_after} if self.retry_after else {}
            return web.Response(status=self.status, text="Unavailable.", headers=headers)
        etag = f'"ledger-{len(self.stories)}"'
        if request.headers.get("If-None-Match") == etag:
            self.not_modified += 1
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(
            text=self.rss(), content_type="application/rss+xml", headers={"ETag": etag}
        )

    async def page(self, request: web.Request) -> web.Response:
        n = request.match_info["n"]
        self.hits[f"story/{n}"] += 1
        if self.page_delay:
            await asyncio.sleep(self.page_delay)
        if not n.isdigit() or not 1 <= int(n) <= len(self.stories):
            raise web.HTTPNotFound(text="No such story.")
        story = self.stories[int(n) - 1]
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in story.body)
        return web.Response(
            text=(
                f"<!doctype html><html><head><title>{escape(story.title)}</title>"
                f'<meta property="og:site_name" content="{FEED_TITLE}"></head>'
                f"<body><article><h1>{escape(story.title)}</h1>{paragraphs}</article>"
                "</body></html>"
            ),
            content_type="text/html",
        )

    async def publish_now(self, request: web.Request) -> web.Response:
        """``POST /sandbox/newsroom/publish``: ``{"title", "url"}`` of the new story."""
        if not from_the_page(request):
            raise web.HTTPForbidden(text="Only the sandbox page may publish stories.")
        story = self.publish()
        if self.on_publish is not None:
            await self.on_publish()
        return web.json_response({"title": story.title, "url": self.url(story)})


async def follow_newsroom(app: Application, newsroom: Newsroom, place: Place) -> Feed:
    """Subscribe ``place`` (and so its linked channels) to the newsroom's feed; each story
    published from the page makes the feed due at once and wakes the poller."""
    from bot.services.feeds import add_feed

    feed, _ = await add_feed(app.ctx, place, newsroom.feed_url)

    async def due_now() -> None:
        async with app.store.transaction() as tx:
            await tx.feeds.set_paused(feed.id, None, app.ctx.clock())
            await tx.commit()
        if app.feeds is not None:
            app.feeds.wake()

    newsroom.on_publish = due_now
    return feed
