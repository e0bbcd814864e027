"""Article to brief: extraction or plain text in, summary and key figures out.

The pure entry points (:func:`brief_from_html`, :func:`brief_from_text`,
:func:`brief_from_page`) do CPU work only; :func:`fetch_brief` fetches through a
:class:`~bot.ports.fetch.PageFetcher` and runs the CPU work in a worker thread so
an event loop is not held up.
"""

from __future__ import annotations

import asyncio
from datetime import date

from bot.briefing.extract import (
    MIN_ARTICLE_WORDS,
    ExtractedArticle,
    article_words,
    extract_article,
)
from bot.briefing.figures import find_key_figures
from bot.briefing.figures.localised import local_key_figures, supports
from bot.briefing.language import Language, detect_language, language_name
from bot.briefing.lead import choose_summary
from bot.briefing.model import Brief, KeyFigure
from bot.briefing.text import body_text, join_blocks, split_blocks, split_title
from bot.errors import NotAnArticleError
from bot.messages import figures_unsupported
from bot.ports.briefing import BriefBuilder
from bot.ports.fetch import FetchedPage, PageFetcher

__all__ = [
    "brief_from_html",
    "brief_from_page",
    "brief_from_text",
    "fetch_brief",
    "text_article",
    "warm_up",
]

_UNTITLED = "Untitled article"


def _brief(
    article: ExtractedArticle, *, url: str | None, sentences: int, fallback_title: str
) -> Brief:
    body = body_text(article.text) or article.text
    # A stand-in title (the text's first words) names the brief but is not a headline:
    # the summary must not step over the sentence it was cut from, nor the figures
    # treat that sentence's numbers as the headline's.
    title = article.title or fallback_title
    language = detect_language(body, article.language)
    summary = choose_summary(
        body, title=article.title, count=sentences, english=language.is_english
    )
    figures, notice = _figures(body, article.title, article, language)
    return Brief(
        title=title,
        text=article.text,
        summary=summary.sentences,
        key_figures=figures,
        url=url,
        site_name=article.site_name,
        author=article.author,
        published=article.published,
        language=language.code,
        summary_method=summary.method,
        notice=notice,
    )


def _figures(
    body: str, title: str | None, article: ExtractedArticle, language: Language
) -> tuple[tuple[KeyFigure, ...], str | None]:
    """Key figures read in the article's language, or none and a notice saying why."""
    if language.is_english:
        return find_key_figures(body, title=title, published=article.published), None
    if language.code is not None and supports(language.code):
        return local_key_figures(body, language.code), None
    return (), figures_unsupported(language_name(language.code or ""))


def brief_from_html(html: str, url: str | None = None, *, sentences: int = 3) -> Brief:
    """Brief a web page. Raises :class:`~bot.errors.NotAnArticleError` without article text."""
    article = extract_article(html, url)
    return _brief(article, url=url, sentences=sentences, fallback_title=_UNTITLED)


def text_article(
    text: str, title: str | None = None, *, published: date | None = None
) -> ExtractedArticle:
    """Plain text as an article: headline split off, furniture dropped, blocks rejoined."""
    first_line, rest = split_title(text)
    if title is None:
        title = first_line
        body = rest if first_line else text
    else:
        same = first_line is not None and " ".join(first_line.split()) == " ".join(title.split())
        body = rest if same else text
    cleaned = join_blocks(split_blocks(body))
    if article_words(cleaned) < MIN_ARTICLE_WORDS:
        raise NotAnArticleError("There is not enough text there to brief.")
    return ExtractedArticle(text=cleaned, title=title, published=published)


def brief_from_text(
    text: str, title: str | None = None, url: str | None = None, *, sentences: int = 3
) -> Brief:
    """Brief plain text. The first line is the title when it reads like a headline."""
    article = text_article(text, title)
    fallback = _first_words(article.text)
    return _brief(article, url=url, sentences=sentences, fallback_title=fallback)


def _first_words(text: str, count: int = 8) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


_WARM_UP_TEXT = (
    "Harbour ferry fares to rise\n\n"
    "Ferry fares across the harbour will rise by 12% in April, the transport board said on "
    "Tuesday, after running costs climbed to £4.2 million last year. About 3,100 people use "
    "the crossing each weekday, down from 3,600 before the pandemic. The board said the rise "
    "would pay for two new boats and longer evening hours, and that season tickets would "
    "stay at last year's price for residents of the two harbour villages."
)


def warm_up() -> None:
    """Brief a short built-in story once, so that the language model and the tagger's
    lexicon (both loaded on first use) are in memory before a real brief is timed."""
    brief_from_text(_WARM_UP_TEXT)


def brief_from_page(page: FetchedPage, *, sentences: int = 3) -> Brief:
    """Brief a fetched page: HTML through extraction, anything else as plain text."""
    if page.is_html:
        return brief_from_html(page.text, page.url, sentences=sentences)
    return brief_from_text(page.text, url=page.url, sentences=sentences)


async def fetch_brief(
    url: str, fetcher: PageFetcher, *, sentences: int = 3, builder: BriefBuilder | None = None
) -> Brief:
    """Fetch ``url`` with ``fetcher`` and brief it with ``builder`` (the application's
    worker processes, with size and time limits); without one, in a worker thread."""
    page = await fetcher.fetch(url)
    if builder is not None:
        return await builder.build(page, sentences=sentences)
    return await asyncio.to_thread(brief_from_page, page, sentences=sentences)
