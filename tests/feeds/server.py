"""A local newsroom for feed tests: an RSS feed of invented stories and their pages.

Serves ``/feed.xml`` with an ``ETag`` (answering 304 to a matching ``If-None-Match``) and
``/story/<n>`` article pages; a test publishes stories, makes the feed fail, and reads
how often each was requested.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape

from aiohttp import web

__all__ = ["Newsroom", "Story", "newsroom"]

_TOWNS = ("Millbrook", "Ashford", "Kelso Bay", "Dunmore", "Pinehurst")
_THINGS = ("library", "ferry", "market hall", "swimming pool", "bus depot")


@dataclass(frozen=True)
class Story:
    n: int
    title: str
    body: tuple[str, ...]
    published: datetime
    link: str | None = None
    """Where the item points, when not at this server's own page (a private address)."""
    full_text: bool = False


def _story(n: int, published: datetime, **kw: object) -> Story:
    town, thing = _TOWNS[n % len(_TOWNS)], _THINGS[n % len(_THINGS)]
    body = (
        f"The {thing} in {town} will reopen on {n + 3} May after a refit that took"
        f" {n + 10} weeks and cost about {n + 2} hundred thousand pounds, the council said.",
        f"About {n * 40 + 300} people used the {thing} each week before it closed, and a"
        f" survey found that most of them wanted longer opening hours at weekends.",
        f"Councillor Dana Mills said the work had come in under budget. “We kept {town}"
        f" informed at every step,” she said, adding that volunteers had helped with the move.",
        f"A small ceremony is planned for the first morning, with free tea for the first"
        f" {n + 50} visitors and a talk by the local history society.",
    )
    title = f"{town} {thing} to reopen after {n + 10}-week refit"
    return Story(n, title, body, published, **kw)  # type: ignore[arg-type]


@dataclass
class Newsroom:
    base: str = ""
    stories: list[Story] = field(default_factory=list)
    status: int = 200
    retry_after: str | None = None
    hits: Counter[str] = field(default_factory=Counter)
    not_modified: int = 0
    version: int = 0

    def publish(
        self, *, link: str | None = None, full_text: bool = False, age_hours: float = 0
    ) -> Story:
        n = len(self.stories) + 1
        when = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=age_hours)
        story = _story(n, when, link=link, full_text=full_text)
        self.stories.append(story)
        self.version += 1
        return story

    def url(self, story: Story) -> str:
        return story.link or f"{self.base}/story/{story.n}"

    @property
    def feed_url(self) -> str:
        return f"{self.base}/feed.xml"

    def rss(self) -> str:
        items = []
        for story in reversed(self.stories):
            full = ""
            if story.full_text:
                html = "".join(f"<p>{escape(p)}</p>" for p in story.body)
                full = f"<content:encoded><![CDATA[{html}]]></content:encoded>"
            items.append(
                f"<item><title>{escape(story.title)}</title><link>{escape(self.url(story))}</link>"
                f'<guid isPermaLink="false">millbrook-{story.n}</guid>'
                f"<pubDate>{format_datetime(story.published)}</pubDate>{full}</item>"
            )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"'
            ' xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            "<title>Millbrook Ledger</title><link>"
            + escape(self.base)
            + "/</link>"
            + "".join(items)
            + "</channel></rss>"
        )

    async def feed(self, request: web.Request) -> web.StreamResponse:
        self.hits["feed"] += 1
        if self.status != 200:
            headers = {"Retry-After": self.retry_after} if self.retry_after else {}
            return web.Response(status=self.status, text="no", headers=headers)
        etag = f'"v{self.version}"'
        if request.headers.get("If-None-Match") == etag:
            self.not_modified += 1
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(
            text=self.rss(), content_type="application/rss+xml", headers={"ETag": etag}
        )

    async def page(self, request: web.Request) -> web.StreamResponse:
        n = int(request.match_info["n"])
        self.hits[f"story/{n}"] += 1
        story = self.stories[n - 1]
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in story.body)
        return web.Response(
            text=(
                f"<!doctype html><html><head><title>{escape(story.title)}</title></head>"
                f"<body><article><h1>{escape(story.title)}</h1>{paragraphs}</article>"
                "</body></html>"
            ),
            content_type="text/html",
        )


@asynccontextmanager
async def newsroom() -> AsyncIterator[Newsroom]:
    room = Newsroom()
    app = web.Application()
    app.router.add_get("/feed.xml", room.feed)
    app.router.add_get("/story/{n}", room.page)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    room.base = f"http://127.0.0.1:{port}"
    try:
        yield room
    finally:
        await runner.cleanup()
