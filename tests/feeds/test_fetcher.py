"""SafeFeedFetcher against a loopback server: conditional GET, redirects, limits, waits."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from ipaddress import ip_address

import pytest
from aiohttp import web

from adapters.fetch import SafeFetcher
from adapters.fetch.feed import SafeFeedFetcher, retry_after_seconds
from adapters.fetch.policy import IPAddress
from bot.errors import BlockedAddressError
from bot.feeds import FeedProblem, PauseReason
from bot.feeds.settings import FeedSettings
from bot.ports.feeds import FeedResponse
from bot.services.feed_poller import FeedPoller
from tests.app import plain_context

RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'


@asynccontextmanager
async def server(app: web.Application) -> AsyncIterator[str]:
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


def _app() -> web.Application:
    async def feed(request: web.Request) -> web.Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return web.Response(status=304)
        if request.headers.get("If-Modified-Since") == "Tue, 03 Mar 2026 09:00:00 GMT":
            return web.Response(status=304)
        return web.Response(body=RSS, headers={"ETag": '"v1"', "Last-Modified": "x"})

    async def to_private(_: web.Request) -> web.Response:
        raise web.HTTPFound("http://169.254.169.254/latest/meta-data")

    async def huge(_: web.Request) -> web.StreamResponse:
        return web.Response(body=b"<rss>" + b" " * 50_000)

    app = web.Application()
    app.router.add_get("/feed", feed)
    app.router.add_get("/redirect", to_private)
    app.router.add_get("/huge", huge)
    return app


async def test_conditional_get_and_the_answers_that_refuse() -> None:
    fetcher = SafeFeedFetcher(allow=["127.0.0.1"], max_bytes=10_000)
    async with server(_app()) as base:
        fresh = await fetcher.fetch_feed(f"{base}/feed")
        assert fresh.status == 200 and fresh.body == RSS and fresh.etag == '"v1"'
        again = await fetcher.fetch_feed(f"{base}/feed", etag='"v1"')
        assert again.status == 304 and again.body == b""
        dated = await fetcher.fetch_feed(
            f"{base}/feed", last_modified="Tue, 03 Mar 2026 09:00:00 GMT"
        )
        assert dated.status == 304
        for path, reason in (("/redirect", PauseReason.REFUSED), ("/huge", PauseReason.TOO_LARGE)):
            with pytest.raises(FeedProblem) as caught:
                await fetcher.fetch_feed(f"{base}{path}")
            assert caught.value.reason is reason and caught.value.permanent


async def test_a_feed_at_a_private_address_is_refused_without_an_allow_list() -> None:
    with pytest.raises(FeedProblem) as caught:
        await SafeFeedFetcher().fetch_feed("http://127.0.0.1:9/feed")
    assert caught.value.reason is PauseReason.REFUSED


def test_retry_after_reads_seconds_and_dates() -> None:
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds("Thu, 01 Jan 1970 00:02:00 GMT", now=0) == 120
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None
    assert retry_after_seconds("99999999") == 24 * 3600


class SlowFetcher:
    """Counts how many fetches of each host run at once."""

    def __init__(self) -> None:
        self.running: dict[str, int] = {}
        self.peak: dict[str, int] = {}

    async def fetch_feed(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FeedResponse:
        host = url.split("/")[2]
        self.running[host] = self.running.get(host, 0) + 1
        self.peak[host] = max(self.peak.get(host, 0), self.running[host])
        await asyncio.sleep(0.05)
        self.running[host] -= 1
        return FeedResponse(304, url)


async def test_at_most_per_host_fetches_of_one_host_at_once() -> None:
    from datetime import UTC, datetime

    from adapters.discord.platform import DISCORD

    ctx = plain_context()
    await ctx.store.open()
    now = datetime.now(UTC)
    async with ctx.store.transaction() as tx:
        place = await tx.places.ensure(DISCORD, "G", "C", "news")
        for n in range(12):
            await tx.feeds.add(place.id, f"https://{'a' if n % 2 else 'b'}.example/{n}", 600, now)
        await tx.commit()
    fetcher = SlowFetcher()
    poller = FeedPoller(ctx, fetcher, FeedSettings(per_host=2, concurrency=12), name="t")
    assert await poller.poll_due() == 12
    assert fetcher.peak == {"a.example": 2, "b.example": 2}


class _Names:
    """A resolver that knows two names: one public, one on the office network."""

    async def resolve(self, host: str) -> list[IPAddress]:
        known = {"ledger.example": "93.184.216.34", "intranet.example": "10.0.0.8"}
        if host not in known:
            raise OSError("no such name")
        return [ip_address(known[host])]


async def test_check_link_refuses_what_fetch_would_refuse_without_connecting() -> None:
    fetcher = SafeFetcher(resolver=_Names())
    await fetcher.check_link("https://ledger.example/story/1")
    await fetcher.check_link("https://gone.example/story/1")  # no such name: reaches nothing
    for link in (
        "javascript:alert(1)",
        "data:text/html,hi",
        "http://10.1.2.3/wiki",
        "http://[::1]/admin",
        "https://intranet.example/payroll",
        "https://ledger.example:22/",
        "http:///nohost",
    ):
        with pytest.raises(BlockedAddressError):
            await fetcher.check_link(link)
