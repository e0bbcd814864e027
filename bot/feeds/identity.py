"""Which items are the same story: a stable key per item, chosen per feed.

Like MonitoRSS: the guid if the feed gives one, else the link, else title and date. A
feed's key kind is the first of those that every item has and that no two items share,
so a feed that repeats one guid (or one link) for different stories is not mistaken
for one that lists a single story.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from enum import StrEnum

from bot.feeds.model import FeedItem

__all__ = ["MAX_KEY_CHARS", "KeyKind", "choose_key_kind", "item_key", "key_kind_for"]

MAX_KEY_CHARS = 120
"""Longer keys are stored as their SHA-256 (a title and date can be long)."""


class KeyKind(StrEnum):
    GUID = "guid"
    LINK = "link"
    TITLE_DATE = "title_date"


def item_key(item: FeedItem, kind: KeyKind) -> str | None:
    """The item's key of that kind, or ``None`` when the item lacks it."""
    key = _raw_key(item, kind)
    if key is not None and len(key) > MAX_KEY_CHARS:
        return "sha256:" + hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()
    return key


def _raw_key(item: FeedItem, kind: KeyKind) -> str | None:
    if kind is KeyKind.GUID:
        return _clean(item.guid)
    if kind is KeyKind.LINK:
        return _clean(item.link)
    title = _clean(item.title)
    if title is None and item.published is None:
        return None
    when = item.published.isoformat() if item.published else ""
    return f"{title or ''}|{when}"


def choose_key_kind(items: Sequence[FeedItem]) -> KeyKind:
    """The first kind whose keys are present on every item and unique among them.

    When none is, the kind that tells the most items apart wins (ties in the order
    guid, link, title and date).
    """
    best, best_distinct = KeyKind.GUID, -1
    for kind in KeyKind:
        keys = [item_key(item, kind) for item in items]
        present = [k for k in keys if k is not None]
        if len(present) == len(keys) and len(set(present)) == len(present):
            return kind
        if len(set(present)) > best_distinct:
            best, best_distinct = kind, len(set(present))
    return best


def key_kind_for(items: Sequence[FeedItem], stored: KeyKind | None) -> KeyKind:
    """The kind to use for this poll: the feed's own once chosen, while it still tells the
    items apart; when it no longer does (the feed gives every item one guid, or drops the
    guids), a kind that does. Items are never told apart worse than on the first poll; the
    switch makes every item look new once, which the flood limit caps."""
    if stored is None:
        return choose_key_kind(items)
    if _tells_apart(items, stored):
        return stored
    better = choose_key_kind(items)
    return better if _tells_apart(items, better) else stored


def _tells_apart(items: Sequence[FeedItem], kind: KeyKind) -> bool:
    keys = [item_key(item, kind) for item in items]
    present = [k for k in keys if k is not None]
    return len(present) == len(keys) and len(set(present)) == len(present)


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None
