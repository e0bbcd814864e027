from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

from bot.briefing import (
    Brief,
    FetchedPage,
    brief_from_html,
    brief_from_page,
    brief_from_text,
    fetch_brief,
)
from bot.errors import BlockedAddressError, NotAnArticleError
from tests.unit.briefing.stories import (
    LIBRARY_PARAGRAPHS,
    LIBRARY_TITLE,
    SEED_LIKE_TEXT,
    SITE,
    library_html,
)

URL = "https://www.millbrookcourier.example/news/library"
FERRY_TITLE = "Harbour Ferry Service Returns After Two-Year Pause"
FERRY_HEADINGS = ("Why the Service Stopped", "What Islanders Say")


@dataclass
class FakeFetcher:
    """A PageFetcher double: serves pages from a dict, records what was asked."""

    pages: dict[str, FetchedPage] = field(default_factory=dict)
    asked: list[str] = field(default_factory=list)

    async def fetch(self, url: str) -> FetchedPage:
        self.asked.append(url)
        if url not in self.pages:
            raise BlockedAddressError()
        return self.pages[url]


def _assert_summary_is_clean(brief: Brief, body: str, headings: tuple[str, ...] = ()) -> None:
    assert 1 <= len(brief.summary) <= 3
    for sentence in brief.summary:
        assert sentence in " ".join(body.split())
        assert not any(heading in sentence for heading in headings)
        assert "Write A Comment" not in sentence


# --- HTML ----------------------------------------------------------------------------------


def test_brief_from_html_metadata_and_text() -> None:
    brief = brief_from_html(library_html(), URL)
    assert brief.title == LIBRARY_TITLE
    assert brief.url == URL
    assert (brief.site_name, brief.author) == (SITE, "Tom Ellery")
    assert brief.published == date(2026, 3, 3)
    assert brief.language == "en"
    assert brief.text == "\n\n".join(LIBRARY_PARAGRAPHS)
    assert brief.reading_minutes == 1


def test_brief_from_html_summary_and_figures() -> None:
    brief = brief_from_html(library_html(), URL, sentences=2)
    assert len(brief.summary) == 2
    _assert_summary_is_clean(brief, brief.text)
    assert len(brief.key_figures) <= 6
    assert all(f.value in brief.text for f in brief.key_figures)


def test_brief_round_trips_through_a_dict() -> None:
    brief = brief_from_html(library_html(), URL)
    assert Brief.from_dict(brief.to_dict()) == brief


def test_brief_from_html_refuses_a_page_without_article() -> None:
    with pytest.raises(NotAnArticleError):
        brief_from_html("<html><body><nav>Home</nav></body></html>", URL)


# --- plain text ----------------------------------------------------------------------------


def test_brief_from_text_takes_the_headline_and_drops_furniture() -> None:
    brief = brief_from_text(SEED_LIKE_TEXT)
    assert brief.title == FERRY_TITLE
    assert not brief.text.startswith(FERRY_TITLE)
    assert "Write A Comment" not in brief.text
    assert brief.url is None and brief.published is None


def test_brief_from_text_keeps_headings_out_of_the_summary() -> None:
    brief = brief_from_text(SEED_LIKE_TEXT, sentences=3)
    _assert_summary_is_clean(brief, brief.text, FERRY_HEADINGS)


def test_brief_from_text_with_an_explicit_title() -> None:
    body = SEED_LIKE_TEXT.split("\n", 1)[1]
    brief = brief_from_text(body, title="Ferry is back", url="https://example.org/ferry")
    assert brief.title == "Ferry is back"
    assert brief.url == "https://example.org/ferry"
    assert brief.text.startswith("The Kestrel Bay ferry")


def test_explicit_title_equal_to_first_line_is_not_repeated() -> None:
    brief = brief_from_text(SEED_LIKE_TEXT, title=FERRY_TITLE)
    assert not brief.text.startswith(FERRY_TITLE)


def test_text_without_a_headline_gets_a_title_from_its_first_words() -> None:
    body = " ".join(LIBRARY_PARAGRAPHS)
    brief = brief_from_text(body)
    assert brief.title.startswith("Millbrook's town council voted")
    assert brief.title.endswith("…")


@pytest.mark.parametrize("text", ["", "   \n ", "Short headline\nJust one line of text."])
def test_brief_from_text_refuses_too_little_text(text: str) -> None:
    with pytest.raises(NotAnArticleError):
        brief_from_text(text)


# --- pages and fetching --------------------------------------------------------------------


def test_brief_from_page_dispatches_on_content_type() -> None:
    html_page = FetchedPage(URL, "Text/HTML; charset=utf-8", library_html())
    text_page = FetchedPage("https://example.org/ferry.txt", "text/plain", SEED_LIKE_TEXT)
    assert brief_from_page(html_page).title == LIBRARY_TITLE
    from_text = brief_from_page(text_page)
    assert (from_text.title, from_text.url) == (FERRY_TITLE, "https://example.org/ferry.txt")


async def test_fetch_brief_uses_the_fetcher_and_the_final_url() -> None:
    final = URL + "?amp=0"
    fetcher = FakeFetcher({URL: FetchedPage(final, "application/xhtml+xml", library_html())})
    brief = await fetch_brief(URL, fetcher, sentences=1)
    assert fetcher.asked == [URL]
    assert brief.url == final
    assert brief.title == LIBRARY_TITLE
    assert len(brief.summary) == 1


async def test_fetch_brief_passes_fetch_errors_through() -> None:
    with pytest.raises(BlockedAddressError):
        await fetch_brief("http://10.0.0.1/", FakeFetcher())


def test_core_package_imports_no_http_client() -> None:
    import subprocess
    import sys

    code = (
        "import sys, bot.briefing, bot.briefing.pipeline, bot.cli; "
        "bad = [m for m in ('aiohttp', 'discord', 'slack_sdk', 'slack_bolt') if m in sys.modules]; "
        "print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == ""
