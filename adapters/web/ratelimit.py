"""A sliding-window rate limit per client, in memory (one process)."""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import Callable

__all__ = ["RateLimiter"]


class RateLimiter:
    """Allow ``limit`` hits per ``window`` seconds per key.

    ``hit`` records an attempt and returns 0 when it is allowed, or how many seconds remain
    until the next one would be. Refused attempts are not recorded, so waiting always helps.
    At most ``max_keys`` clients are remembered; the least recently seen are forgotten first.
    """

    def __init__(
        self,
        limit: int,
        window: float,
        clock: Callable[[], float],
        max_keys: int = 10_000,
    ) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("the rate limit needs limit >= 1 and window > 0")
        self._limit = limit
        self._window = window
        self._clock = clock
        self._max_keys = max_keys
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()

    def wait(self, key: str) -> float:
        """The seconds ``key`` must wait before a hit would be allowed; records nothing."""
        hits = self._hits.get(key)
        if hits is None or len(hits) < self._limit:
            return 0.0
        now = self._clock()
        while hits and hits[0] <= now - self._window:
            hits.popleft()
        if len(hits) >= self._limit:
            return max(hits[0] + self._window - now, 0.001)
        return 0.0

    def release(self, key: str) -> None:
        """Take back the latest hit of ``key`` (the attempt turned out not to count)."""
        hits = self._hits.get(key)
        if hits:
            hits.pop()

    def hit(self, key: str) -> float:
        """Record one attempt by ``key``; 0.0 if allowed, else the seconds to wait."""
        now = self._clock()
        hits = self._hits.get(key)
        if hits is None:
            hits = self._hits[key] = deque()
            while len(self._hits) > self._max_keys:
                self._hits.popitem(last=False)
        else:
            self._hits.move_to_end(key)
        while hits and hits[0] <= now - self._window:
            hits.popleft()
        if len(hits) >= self._limit:
            return max(hits[0] + self._window - now, 0.001)
        hits.append(now)
        return 0.0
