"""Page metadata fallbacks and clean-ups: what trafilatura misses or leaves untidy.

Read from the page head (Open Graph, ``<title>``, ``<html lang>``...). Pure functions
over an lxml tree or strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from lxml.html import HtmlElement

__all__ = ["HeadMeta", "clean_title", "language_code", "parse_date", "read_head"]

_TITLE_SEPARATORS = re.compile(r"\s+[|–—·•:»-]\s+|\s*\|\s*")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_LANGUAGE = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class HeadMeta:
    """What the page head says, each field ``None`` when the page does not say it."""

    title: str | None = None
    site_name: str | None = None
    author: str | None = None
    published: date | None = None
    language: str | None = None


def _first(tree: HtmlElement, *xpaths: str) -> str | None:
    for xpath in xpaths:
        for found in tree.xpath(xpath):
            value = " ".join(str(found).split())
            if value:
                return value
    return None


def read_head(tree: HtmlElement) -> HeadMeta:
    """Metadata from ``<meta>`` tags, ``<title>``, the first ``<h1>`` and ``<html lang>``."""
    title = _first(
        tree,
        '//meta[@property="og:title"]/@content',
        '//meta[@name="twitter:title"]/@content',
        "//title/text()",
        "//h1//text()",
    )
    site_name = _first(
        tree,
        '//meta[@property="og:site_name"]/@content',
        '//meta[@name="application-name"]/@content',
    )
    author = _first(
        tree, '//meta[@name="author"]/@content', '//meta[@property="article:author"]/@content'
    )
    if author and author.startswith(("http://", "https://", "@")):
        author = None  # a profile link, not a name
    published = parse_date(
        _first(
            tree,
            '//meta[@property="article:published_time"]/@content',
            '//meta[@name="date"]/@content',
            '//meta[@itemprop="datePublished"]/@content',
            "//time/@datetime",
        )
    )
    language = language_code(
        _first(
            tree,
            "/html/@lang",
            '//meta[@http-equiv="content-language"]/@content',
            '//meta[@property="og:locale"]/@content',
        )
    )
    return HeadMeta(title, site_name, author, published, language)


def parse_date(value: str | None) -> date | None:
    """The calendar date at the start of an ISO-8601 date or timestamp, if valid."""
    if not value:
        return None
    match = _ISO_DATE.search(value)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def language_code(value: str | None) -> str | None:
    """The primary language subtag, lower case: ``"en-US"`` and ``"en_us"`` give ``"en"``."""
    if not value:
        return None
    match = _LANGUAGE.match(value.strip().split(",")[0].strip())
    return match[1].lower() if match else None


def _key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def clean_title(title: str, site_name: str | None = None, host: str | None = None) -> str:
    """Drop a leading or trailing site name ("Story | Site", "Site - Story").

    Only a segment that matches the site name or the host (``example.com`` matches
    "Example", "example.com") is dropped, so titles with their own separators
    ("Milan Design Week | Lights") stay whole.
    """
    title = " ".join(title.split())
    names = {_key(n) for n in (site_name, host) if n}
    if host:
        names.add(_key(host.removeprefix("www.").split(".")[0]))
    names.discard("")
    if not names:
        return title
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    if _key(parts[-1]) in names:
        return _rejoin(title, parts[:-1])
    if _key(parts[0]) in names:
        return _rejoin(title, parts[1:])
    return title


def _rejoin(title: str, parts: list[str]) -> str:
    """The span of ``title`` that covers ``parts``, with its original separators."""
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    kept = title[start:end].strip()
    return kept or title
