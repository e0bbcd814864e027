from __future__ import annotations

from datetime import date

import pytest

from bot.briefing.extract import article_words, extract_article, tidy_text
from bot.briefing.meta import clean_title, language_code, parse_date
from bot.errors import NotAnArticleError
from tests.unit.briefing.stories import LIBRARY_PARAGRAPHS, LIBRARY_TITLE, SITE, library_html

URL = "https://www.millbrookcourier.example/news/2026/03/library"


def test_extracts_the_article_paragraphs_as_blocks() -> None:
    article = extract_article(library_html(), URL)
    assert article.text.split("\n\n") == LIBRARY_PARAGRAPHS


def test_leaves_out_navigation_comments_and_footer() -> None:
    text = extract_article(library_html(), URL).text
    for noise in ("What's on", "Bridge repairs delayed", "About time too", "Privacy", "©"):
        assert noise not in text


def test_does_not_repeat_the_headline_in_the_text() -> None:
    assert not extract_article(library_html(), URL).text.startswith(LIBRARY_TITLE)


def test_metadata() -> None:
    article = extract_article(library_html(), URL)
    assert article.title == LIBRARY_TITLE  # the " | Millbrook Courier" suffix is gone
    assert article.site_name == SITE
    assert article.author == "Tom Ellery"
    assert article.published == date(2026, 3, 3)
    assert article.language == "en"


def test_works_without_a_url() -> None:
    article = extract_article(library_html(title_suffix=False))
    assert article.title == LIBRARY_TITLE
    assert article.word_count > 100


def test_falls_back_to_the_title_tag_without_meta_tags() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in LIBRARY_PARAGRAPHS)
    html = f"<html><head><title>Library vote</title></head><body>{paragraphs}</body></html>"
    article = extract_article(html)
    assert article.title == "Library vote"
    assert article.published is None


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<html><head><title>Login</title></head><body><form><input></form></body></html>",
        "<html><body><p>Too short to be an article.</p></body></html>",
        "<html><body><nav><a href='/'>Home</a><a href='/news'>News</a></nav></body></html>",
    ],
)
def test_pages_without_article_text_are_refused(html: str) -> None:
    with pytest.raises(NotAnArticleError) as caught:
        extract_article(html)
    assert caught.value.user_message.endswith(".")


def test_tidy_text_drops_repeated_title_and_furniture() -> None:
    raw = "Library Vote\nFirst paragraph here.\nAdvertisement\nSecond paragraph here."
    assert tidy_text(raw, titles=("Library vote",)) == (
        "First paragraph here.\n\nSecond paragraph here."
    )


def test_article_words_counts_unspaced_scripts() -> None:
    assert article_words("one two three") == 3
    assert article_words("図書館の建設が決まりました") >= 6


@pytest.mark.parametrize(
    ("title", "site", "host", "expected"),
    [
        ("Library vote | Millbrook Courier", "Millbrook Courier", None, "Library vote"),
        ("Library vote - Millbrook Courier", "Millbrook Courier", None, "Library vote"),
        ("Millbrook Courier: Library vote", None, None, "Millbrook Courier: Library vote"),
        ("Millbrook Courier | Library vote", "Millbrook Courier", None, "Library vote"),
        ("Library vote — courier", None, "www.courier.example", "Library vote"),
        ("Design week | Lights on the river", "Courier", None, "Design week | Lights on the river"),
        ("Library vote", "Millbrook Courier", None, "Library vote"),
    ],
)
def test_clean_title(title: str, site: str | None, host: str | None, expected: str) -> None:
    assert clean_title(title, site, host) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-03T18:30:00+00:00", date(2026, 3, 3)),
        ("2026-03-03", date(2026, 3, 3)),
        ("2026-02-30", None),
        ("yesterday", None),
        (None, None),
    ],
)
def test_parse_date(value: str | None, expected: date | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("en-GB", "en"), ("pt_BR", "pt"), ("DE", "de"), ("", None), ("not a language", None)],
)
def test_language_code(value: str, expected: str | None) -> None:
    assert language_code(value) == expected
