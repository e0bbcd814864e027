"""What one poll may post: no floods, no repeats, nothing stale.

* The first poll of a subscription records everything listed and posts at most the
  ``first`` newest items (1 by default).
* Later polls post at most ``per_poll`` new items (the newest); the others are recorded
  as seen and counted as held back, so people are told how many were not posted.
* Items older than ``max_age`` are recorded and never posted.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.feeds.identity import KeyKind, item_key
from bot.feeds.model import FeedItem

__all__ = ["FloodLimits", "Selection", "select_items"]


@dataclass(frozen=True, slots=True)
class FloodLimits:
    first: int = 1
    per_poll: int = 3
    max_age: timedelta | None = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Selection:
    """``post``: (key, item) to brief, oldest first; ``seen``: every new key to record
    (posted ones included); ``held_back``: new items not posted for the flood limit;
    ``too_old``: new items skipped for their age."""

    post: tuple[tuple[str, FeedItem], ...]
    seen: tuple[str, ...]
    held_back: int
    too_old: int


_EPOCH = datetime.min.replace(tzinfo=UTC)


def select_items(
    items: Sequence[FeedItem],
    kind: KeyKind,
    already_seen: Collection[str],
    *,
    first_poll: bool,
    limits: FloodLimits,
    now: datetime,
) -> Selection:
    """Choose what to post from a parsed feed.

    "Newest" is by publication date when items have one, else by their place in the
    feed (feeds list newest first). Items without a key of ``kind`` are ignored, and so
    are repeats of a key within the feed.
    """
    fresh: list[tuple[int, str, FeedItem]] = []
    keys: set[str] = set()
    for position, item in enumerate(items):
        key = item_key(item, kind)
        if key is None or key in keys or key in already_seen:
            continue
        keys.add(key)
        fresh.append((position, key, item))
    too_old = 0
    candidates: list[tuple[int, str, FeedItem]] = []
    for entry in fresh:
        published = entry[2].published
        if limits.max_age is not None and published and now - published > limits.max_age:
            too_old += 1
        else:
            candidates.append(entry)
    # Newest first: by date, then by position (earlier in the feed is newer).
    candidates.sort(key=lambda e: (e[2].published or _EPOCH, -e[0]), reverse=True)
    allowed = max(0, limits.first if first_poll else limits.per_poll)
    chosen = candidates[:allowed]
    held = 0 if first_poll else len(candidates) - len(chosen)
    return Selection(
        post=tuple((key, item) for _, key, item in reversed(chosen)),
        seen=tuple(key for _, key, _ in fresh),
        held_back=held,
        too_old=too_old,
    )
