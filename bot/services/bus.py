"""An in-process event bus: handlers publish past-tense events, listeners subscribe.

Used by the delivery workers (to wake up), the web page (live updates) and ``/brief``
(to learn when its own brief is posted). Publishing never blocks; a listener that falls
far behind loses its oldest events, which is right for live views.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.domain.events import Event

__all__ = ["EventBus", "Subscription"]


class Subscription:
    def __init__(self, maxsize: int) -> None:
        self._queue: asyncio.Queue[Event] = asyncio.Queue(maxsize)

    def _put(self, event: Event) -> None:
        if self._queue.full():
            self._queue.get_nowait()
        self._queue.put_nowait(event)

    async def get(self) -> Event:
        return await self._queue.get()

    def __aiter__(self) -> AsyncIterator[Event]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[Event]:
        while True:
            yield await self._queue.get()


class EventBus:
    def __init__(self) -> None:
        self._subscriptions: set[Subscription] = set()

    def publish(self, *events: Event) -> None:
        for event in events:
            for subscription in tuple(self._subscriptions):
                subscription._put(event)

    @asynccontextmanager
    async def subscribe(self, maxsize: int = 1000) -> AsyncIterator[Subscription]:
        subscription = Subscription(maxsize)
        self._subscriptions.add(subscription)
        try:
            yield subscription
        finally:
            self._subscriptions.discard(subscription)
