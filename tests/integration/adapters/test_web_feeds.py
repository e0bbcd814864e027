"""``GET /feeds``: the followed feeds, read-only, escaped."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer

from adapters.discord.platform import DISCORD
from adapters.web import WebOptions, create_web_app
from storage.sqlite import SqliteStore
from tests.app import plain_context


async def test_feeds_page_lists_feeds_and_why_one_is_paused(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "web.sqlite3")
    await store.open()
    client = TestClient(
        TestServer(create_web_app(plain_context(store), options=WebOptions(secret=b"k" * 32)))
    )
    await client.start_server()
    try:
        response = await client.get("/feeds")
        assert response.status == 200
        assert "No feed is followed yet" in await response.text()
        now = datetime.now(UTC)
        async with store.transaction() as tx:
            place = await tx.places.ensure(DISCORD, "G1", "C1", "news")
            await tx.feeds.add(place.id, "https://ledger.example/rss?a=1&b=<2>", 600, now)
            paused, _ = await tx.feeds.add(place.id, "https://ledger.example/atom", 600, now)
            await tx.feeds.set_paused(paused.id, "The feed is paused because <it> failed.", now)
            await tx.commit()
        html = await (await client.get("/feeds")).text()
        assert "https://ledger.example/rss?a=1&amp;b=&lt;2&gt;" in html
        assert "checked every 10 minutes" in html
        assert "The feed is paused because &lt;it&gt; failed." in html
        assert "<it>" not in html
        # Read-only: nothing on the page changes a feed.
        assert "<form" not in html
    finally:
        await client.close()
        await store.close()
