"""Remembering what was handled lately, for platforms that deliver an event more than once.

Discord replays a message after a reconnect and Slack resends an event whose ack was late;
a reply that must be sent once per comment asks :class:`Recent` first.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

__all__ = ["Recent"]

K = TypeVar("K", bound=Hashable)


class Recent(Generic[K]):
    """The last ``size`` keys seen, oldest forgotten first."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._seen: OrderedDict[K, None] = OrderedDict()

    def first_time(self, key: K) -> bool:
        """True the first time ``key`` is offered (while it is remembered), then False."""
        if key in self._seen:
            return False
        self._seen[key] = None
        if len(self._seen) > self._size:
            self._seen.popitem(last=False)
        return True
