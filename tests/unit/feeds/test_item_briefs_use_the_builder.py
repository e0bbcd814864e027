"""A feed item's brief is built where /brief builds one: in the brief workers, if any."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.briefing import Brief
from bot.briefing.pipeline import brief_from_page
from bot.feeds.model import Feed, FeedItem
from bot.ports.fetch import FetchedPage
from bot.services.feed_briefs import brief_for_item

_STORY = (
    "<p>The Millbrook lido will reopen on 1 June after a £1.4 million repair of its "
    "leaking pool, the town council said on Monday. About 38,000 swimmers used it in "
    "its last full season, up from 29,000 five years earlier. Councillors voted 9-2 to "
    "pay for the work from reserves rather than raise the summer ticket price, which "
    "stays at £3.50 for adults and £1.75 for children under sixteen this year.</p>"
)


class RecordingBuilder:
    def __init__(self) -> None:
        self.pages: list[FetchedPage] = []

    async def build(self, page: FetchedPage, *, sentences: int) -> Brief:
        self.pages.append(page)
        return brief_from_page(page, sentences=sentences)

    async def close(self) -> None:
        return None


class NoFetcher:
    async def fetch(self, url: str) -> FetchedPage:
        raise AssertionError(f"the full text was in the feed; {url} should not be fetched")


async def test_full_text_items_are_briefed_by_the_application_builder() -> None:
    now = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
    feed = Feed(1, 1, "https://news.example/feed.xml", "Millbrook News", None, None,
                600, now, 0, None, "guid", True, now)  # fmt: skip
    item = FeedItem("lido-1", "https://news.example/lido", "Lido to reopen", now, _STORY)
    builder = RecordingBuilder()
    brief = await brief_for_item(item, feed, None, NoFetcher(), sentences=3, builder=builder)
    assert [p.url for p in builder.pages] == ["https://news.example/lido"]
    assert brief.site_name == "Millbrook News"
    assert any("38,000" in f.value for f in brief.key_figures)
