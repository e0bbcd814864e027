"""The in-process event bus: handlers publish past-tense events, listeners subscribe.

Used by the delivery workers (to wake up), the web page (live updates) and ``/brief``
(to learn when its own brief is posted). Publishing never blocks; a listener that falls
far behind loses its oldest events, which is right for live views. With several processes
on one PostgreSQL, ``storage.postgres.PostgresBus`` carries the same events between them
and uses this bus for the listeners of its own process.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.domain.events import Event
from bot.ports.bus import Subscription

__all__ = ["EventBus", "InProcessBus", "Subscription"]


class InProcessBus:
    """The ``EventBus`` port within one process (SQLite, tests, a single ``briefbot run``)."""

    def __init__(self) -> None:
        self._subscriptions: set[Subscription] = set()

    def publish(self, *events: Event) -> None:
        for event in events:
            for subscription in tuple(self._subscriptions):
                subscription.put(event)

    @asynccontextmanager
    async def subscribe(self, maxsize: int = 1000) -> AsyncIterator[Subscription]:
        subscription = Subscription(maxsize)
        self._subscriptions.add(subscription)
        try:
            yield subscription
        finally:
            self._subscriptions.discard(subscription)

    async def start(self) -> None:
        return None

    async def close(self) -> None:
        return None


EventBus = InProcessBus
"""The former name of :class:`InProcessBus` (the port is ``bot.ports.bus.EventBus``)."""
