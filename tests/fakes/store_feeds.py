"""The fake's feed subscriptions: same leases, pauses and seen items as the SQL one."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.errors import ClaimLostError, NotFoundError
from bot.feeds.model import Feed
from bot.ports.feeds import FeedPoll

if TYPE_CHECKING:
    from tests.fakes.store import FakeUnitOfWork

__all__ = ["FakeFeeds"]


class FakeFeeds:
    def __init__(self, work: FakeUnitOfWork) -> None:
        self._work = work

    async def add(
        self, place_id: int, url: str, interval_seconds: int, now: datetime
    ) -> tuple[Feed, bool]:
        state = self._work.state
        if place_id not in state.places:
            raise NotFoundError(f"place {place_id} does not exist")
        for feed in state.feeds.values():
            if feed.place_id == place_id and feed.url == url:
                return feed, False
        feed = Feed(
            id=state.next_id("feeds"),
            place_id=place_id,
            url=url,
            title=None,
            etag=None,
            last_modified=None,
            interval_seconds=interval_seconds,
            next_due=now,
            failures=0,
            paused_reason=None,
            key_kind=None,
            primed=False,
            created_at=now,
        )
        state.feeds[feed.id] = feed
        return feed, True

    async def get(self, feed_id: int) -> Feed:
        feed = self._work.state.feeds.get(feed_id)
        if feed is None:
            raise NotFoundError(f"feed {feed_id} does not exist")
        return feed

    async def in_room(self, room_id: int) -> list[Feed]:
        state = self._work.state
        return [
            f for _, f in sorted(state.feeds.items()) if state.places[f.place_id].room_id == room_id
        ]

    async def every(self) -> list[Feed]:
        return [f for _, f in sorted(self._work.state.feeds.items())]

    async def remove(self, feed_id: int) -> None:
        await self.get(feed_id)
        state = self._work.state
        del state.feeds[feed_id]
        state.feed_leases.pop(feed_id, None)
        state.feed_items = {(f, k) for f, k in state.feed_items if f != feed_id}

    async def set_paused(self, feed_id: int, reason: str | None, now: datetime) -> Feed:
        feed = await self.get(feed_id)
        if reason is None:
            feed = dataclasses.replace(feed, paused_reason=None, failures=0, next_due=now)
        else:
            feed = dataclasses.replace(feed, paused_reason=reason)
        self._work.state.feeds[feed_id] = feed
        return feed

    async def claim(
        self, worker_id: str, now: datetime, lease_seconds: float, limit: int
    ) -> list[Feed]:
        state = self._work.state
        due = sorted(
            (
                f
                for f in state.feeds.values()
                if f.paused_reason is None
                and f.next_due <= now
                and (f.id not in state.feed_leases or state.feed_leases[f.id][1] <= now)
            ),
            key=lambda f: (f.next_due, f.id),
        )[:limit]
        for feed in due:
            state.feed_leases[feed.id] = (worker_id, now + timedelta(seconds=lease_seconds))
        return sorted(due, key=lambda f: f.id)

    async def release(self, worker_id: str) -> int:
        leases = self._work.state.feed_leases
        mine = [feed_id for feed_id, (holder, _) in leases.items() if holder == worker_id]
        for feed_id in mine:
            del leases[feed_id]
        return len(mine)

    async def finish(self, feed_id: int, worker_id: str, poll: FeedPoll) -> Feed:
        feed = await self.get(feed_id)
        state = self._work.state
        if state.feed_leases.get(feed_id, ("", None))[0] != worker_id:
            raise ClaimLostError(f"worker {worker_id} no longer holds feed {feed_id}")
        del state.feed_leases[feed_id]
        feed = dataclasses.replace(
            feed,
            next_due=poll.next_due,
            failures=poll.failures,
            etag=poll.etag,
            last_modified=poll.last_modified,
            title=poll.title or feed.title,
            key_kind=poll.key_kind or feed.key_kind,
            primed=poll.primed,
            paused_reason=poll.paused_reason or feed.paused_reason,
        )
        state.feeds[feed_id] = feed
        return feed

    async def seen(self, feed_id: int, keys: Collection[str]) -> set[str]:
        items = self._work.state.feed_items
        return {k for k in keys if (feed_id, k) in items}

    async def mark_seen(self, feed_id: int, key: str, now: datetime) -> bool:
        items = self._work.state.feed_items
        if (feed_id, key) in items:
            return False
        items.add((feed_id, key))
        return True
