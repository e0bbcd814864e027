"""The feed ports: subscriptions and seen items in the store, and fetching a feed."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable

from bot.domain.model import Place
from bot.feeds.model import Feed

__all__ = ["ChannelNotices", "FeedFetcher", "FeedPoll", "FeedRepository", "FeedResponse"]


@dataclass(frozen=True, slots=True)
class FeedPoll:
    """What a finished poll leaves on the subscription (the lease is released)."""

    next_due: datetime
    failures: int
    etag: str | None = None
    last_modified: str | None = None
    title: str | None = None
    key_kind: str | None = None
    primed: bool = False
    paused_reason: str | None = None


class FeedRepository(Protocol):
    """Subscriptions and the items already recorded, inside a unit of work.

    ``claim`` takes due, unpaused feeds with a lease (``FOR UPDATE SKIP LOCKED`` on
    PostgreSQL): two pollers never hold the same feed, and a crashed poller's feed is
    claimed again when its lease runs out. ``mark_seen`` goes in the same unit of work as
    the brief's deliveries, so an item is posted once, whatever crashes in between.
    """

    async def add(
        self, place_id: int, url: str, interval_seconds: int, now: datetime
    ) -> tuple[Feed, bool]:
        """Subscribe the place; an existing subscription to that URL is returned as is."""
        ...

    async def get(self, feed_id: int) -> Feed:
        """Raises ``NotFoundError``."""
        ...

    async def in_room(self, room_id: int) -> list[Feed]:
        """The feeds of every place of the room, oldest first."""
        ...

    async def every(self) -> list[Feed]: ...

    async def remove(self, feed_id: int) -> None:
        """Unsubscribe (its seen items go too). Raises ``NotFoundError``."""
        ...

    async def set_paused(self, feed_id: int, reason: str | None, now: datetime) -> Feed:
        """Pause with ``reason``, or resume (``None``): due now with no failures counted."""
        ...

    async def claim(
        self, worker_id: str, now: datetime, lease_seconds: float, limit: int
    ) -> list[Feed]: ...

    async def release(self, worker_id: str) -> int:
        """Drop every lease ``worker_id`` holds (a poller starting under the name of one
        that died need not wait for them to run out). Returns how many."""
        ...

    async def finish(self, feed_id: int, worker_id: str, poll: FeedPoll) -> Feed:
        """Record the poll and release the lease. Raises ``ClaimLostError`` when
        ``worker_id`` no longer holds it (then roll back: another poller took over)."""
        ...

    async def seen(self, feed_id: int, keys: Collection[str]) -> set[str]:
        """Which of ``keys`` are recorded for the feed."""
        ...

    async def mark_seen(self, feed_id: int, key: str, now: datetime) -> bool:
        """Record an item; ``True`` only the first time."""
        ...


@dataclass(frozen=True, slots=True)
class FeedResponse:
    """A feed fetch's answer. ``status`` 304: not modified, ``body`` empty."""

    status: int
    url: str
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None


class FeedFetcher(Protocol):
    """Fetches a feed politely and safely.

    Implementations obey the same address policy as the page fetcher (redirects
    included), send ``If-None-Match``/``If-Modified-Since``, refuse bodies over the size
    limit, and raise :class:`bot.feeds.FeedProblem` for every failure (with the server's
    ``Retry-After`` on 429 and 503).
    """

    async def fetch_feed(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FeedResponse: ...


@runtime_checkable
class ChannelNotices(Protocol):
    """A chat platform that can post one plain sentence into a channel itself (not a
    thread): how a paused or flooding feed is reported where it was subscribed."""

    async def post_channel_notice(self, place: Place, text: str) -> None:
        """Post ``text`` as the bot, pinging nobody; raises ``DeliveryError``."""
        ...
