"""The event-bus port: how past-tense events travel from the handlers to their listeners.

Listeners are the delivery workers (a ``DeliveryQueued`` wakes them), the web page's live
stream and ``/brief`` (waiting for its own ``BriefPosted``). Events are hints about rows the
store already holds (ids only); a listener that misses one still finds the rows on its next
read, so a bus may drop the oldest events of a listener that falls far behind.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager
from typing import Protocol

from bot.domain.events import Event

__all__ = ["EventBus", "Subscription"]


class Subscription:
    """One listener's events, in the order they were published; when ``maxsize`` are
    waiting, the oldest is dropped for the newest."""

    def __init__(self, maxsize: int) -> None:
        self._queue: asyncio.Queue[Event] = asyncio.Queue(maxsize)

    def put(self, event: Event) -> None:
        """For buses: hand over one event, never blocking."""
        if self._queue.full():
            self._queue.get_nowait()
        self._queue.put_nowait(event)

    async def get(self) -> Event:
        """The next event (waits for one)."""
        return await self._queue.get()

    def __aiter__(self) -> AsyncIterator[Event]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[Event]:
        while True:
            yield await self._queue.get()


class EventBus(Protocol):
    """Publishes events to every subscriber: in this process, or in every process sharing
    the database (PostgreSQL's LISTEN/NOTIFY)."""

    def publish(self, *events: Event) -> None:
        """Hand the events to every subscriber. Never blocks and never raises: the
        transaction that made them true is already committed."""
        ...

    def subscribe(self, maxsize: int = 1000) -> AbstractAsyncContextManager[Subscription]:
        """Events published from now on, until the context ends."""
        ...

    async def start(self) -> None:
        """Connect whatever the bus needs (a no-op in process)."""
        ...

    async def close(self) -> None:
        """Disconnect; subscribers simply receive nothing more."""
        ...
