"""Feeds and their items: plain, immutable data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

__all__ = ["Feed", "FeedItem", "ParsedFeed"]


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One story as a feed lists it. Any field may be missing; ``content_html`` is the
    full text when the feed carries it (RSS ``content:encoded``, Atom ``content``)."""

    guid: str | None
    link: str | None
    title: str | None
    published: datetime | None
    content_html: str | None = None
    summary: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A feed's title and items, in the order the feed lists them."""

    title: str | None
    items: tuple[FeedItem, ...]


@dataclass(frozen=True, slots=True)
class Feed:
    """A subscription: one feed URL briefed into one place (and so its whole room).

    ``key_kind`` is the item identity chosen on the first successful poll (``None``
    before); ``primed`` says that first poll happened. ``paused_reason`` is the one
    sentence people were told when the feed was paused (by failures or a moderator).
    """

    id: int
    place_id: int
    url: str
    title: str | None
    etag: str | None
    last_modified: str | None
    interval_seconds: int
    next_due: datetime
    failures: int
    paused_reason: str | None
    key_kind: str | None
    primed: bool
    created_at: datetime

    @property
    def paused(self) -> bool:
        return self.paused_reason is not None

    @property
    def name(self) -> str:
        """What people see: the feed's own title, else its address."""
        return self.title or self.url
