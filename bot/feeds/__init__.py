"""Feeds: a newsroom's RSS or Atom feed, briefed item by item into a channel.

The pure core: parsing (:mod:`.parse`), item identity (:mod:`.identity`), what a poll may
post (:mod:`.flood`), when a feed is polled next (:mod:`.schedule`) and why a failing feed
is paused (:mod:`.failures`). Nothing here fetches, stores or knows a chat platform.
"""

from bot.feeds.failures import FeedProblem, PauseReason
from bot.feeds.flood import FloodLimits, Selection, select_items
from bot.feeds.identity import KeyKind, choose_key_kind, item_key, key_kind_for
from bot.feeds.model import Feed, FeedItem, ParsedFeed
from bot.feeds.parse import parse_feed
from bot.feeds.schedule import failure_delay, next_poll_delay

__all__ = [
    "Feed",
    "FeedItem",
    "FeedProblem",
    "FloodLimits",
    "KeyKind",
    "ParsedFeed",
    "PauseReason",
    "Selection",
    "choose_key_kind",
    "failure_delay",
    "item_key",
    "key_kind_for",
    "next_poll_delay",
    "parse_feed",
    "select_items",
]
