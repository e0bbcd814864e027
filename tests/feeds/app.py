"""The app ``briefbot run`` builds, with a Discord and a Slack #news linked and one feed
followed there, fetched through the real safe fetcher from loopback."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from adapters.discord.platform import DISCORD
from adapters.fetch import SafeFetcher
from adapters.slack.platform import SLACK
from bot.feeds.model import Feed
from bot.services.linking import link_places
from tests.app import AppUnderTest, running_app


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@asynccontextmanager
async def app_following(
    feed_url: str, clock: Clock, tmp_path: Path | None = None, **settings: object
) -> AsyncIterator[tuple[AppUnderTest, Feed]]:
    """The running app and the feed at ``feed_url``, followed in the linked #news."""
    fetcher = SafeFetcher(allow=["127.0.0.1"])
    async with running_app(
        tmp_path, fetcher=fetcher, clock=clock, fetch_allow=["127.0.0.1"], **settings
    ) as app:
        async with app.store.transaction() as tx:
            d = await tx.places.ensure(DISCORD, "G1", "C-news", "news")
            s = await tx.places.ensure(SLACK, "T1", "CNEWS", "news")
            await tx.commit()
        await link_places(app.ctx, d, s)
        async with app.store.transaction() as tx:
            feed, _ = await tx.feeds.add(d.id, feed_url, 600, clock())
            await tx.commit()
        yield app, feed
