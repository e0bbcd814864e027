"""Parsing a feed body with feedparser (RSS 0.9x-2.0, RSS 1.0, Atom)."""

from __future__ import annotations

import calendar
import time
from datetime import UTC, datetime
from typing import Any

import feedparser

from bot.feeds.failures import FeedProblem, PauseReason
from bot.feeds.model import FeedItem, ParsedFeed

__all__ = ["parse_feed"]


def parse_feed(body: bytes, url: str | None = None) -> ParsedFeed:
    """The feed in ``body``; raises :class:`FeedProblem` (not a feed) when it is none.

    feedparser is given bytes only, never a URL, so it fetches nothing itself.
    """
    parsed = feedparser.parse(body, response_headers={"content-location": url or ""})
    if not parsed.get("version") and not parsed.entries:
        raise FeedProblem(PauseReason.NOT_A_FEED)
    feed = parsed.get("feed", {})
    items = tuple(_item(entry) for entry in parsed.entries)
    return ParsedFeed(title=_text(feed.get("title")), items=items)


def _item(entry: Any) -> FeedItem:
    content = None
    for block in entry.get("content", ()) or ():
        if block.get("value"):
            content = str(block["value"])
            break
    return FeedItem(
        guid=_text(entry.get("id")),
        link=_text(entry.get("link")),
        title=_text(entry.get("title")),
        published=_when(entry.get("published_parsed") or entry.get("updated_parsed")),
        content_html=content,
        summary=_text(entry.get("summary")),
    )


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


def _when(value: object) -> datetime | None:
    if not isinstance(value, time.struct_time):
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), UTC)
    except (OverflowError, ValueError, OSError):
        return None
