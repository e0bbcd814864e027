"""The fastest a perfect relay could deliver copies under the emulators' rate limits.

A pure simulation, no I/O. Copies arrive at known times in lanes (one thread each); each
copy must pass its lane's bucket and the platform-wide bucket, and a lane is delivered in
order. The ideal relay has zero latency and sends every copy at the first instant both
buckets allow it, so the time its last copy lands bounds any real relay from below; the
number of copies divided by that time is the ceiling rate.

Two bucket kinds, as the emulators implement them:

* :class:`TokenBucket` (Slack): ``burst`` tokens, refilled continuously at ``rate`` per second.
* :class:`FixedWindow` (Discord): ``limit`` requests per window of ``per`` seconds; a window
  opens with the first request after the previous one closed.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

__all__ = ["FixedWindow", "Limiter", "TokenBucket", "ideal_send_times"]

EPSILON = 1e-9


class Limiter(Protocol):
    def available_at(self, now: float) -> float:
        """The earliest time ≥ ``now`` at which one request may go."""
        ...

    def take(self, now: float) -> None:
        """Spend one request at ``now`` (which must be ≥ ``available_at(now)``)."""
        ...

    def fresh(self) -> Limiter:
        """A copy of this limiter at rest (full)."""
        ...


@dataclass
class TokenBucket:
    rate: float
    burst: float
    _tokens: float | None = None
    _at: float = 0.0

    def _refill(self, now: float) -> float:
        if self._tokens is None:
            return self.burst
        return min(self.burst, self._tokens + (now - self._at) * self.rate)

    def available_at(self, now: float) -> float:
        tokens = self._refill(now)
        if tokens >= 1 - EPSILON:
            return now
        return now + (1 - tokens) / self.rate

    def take(self, now: float) -> None:
        self._tokens = max(0.0, self._refill(now) - 1)
        self._at = now

    def fresh(self) -> TokenBucket:
        return TokenBucket(self.rate, self.burst)


@dataclass
class FixedWindow:
    limit: int
    per: float
    _remaining: int = 0
    _reset_at: float = float("-inf")

    def available_at(self, now: float) -> float:
        if now >= self._reset_at or self._remaining > 0:
            return now
        return self._reset_at

    def take(self, now: float) -> None:
        if now >= self._reset_at:
            self._remaining, self._reset_at = self.limit, now + self.per
        self._remaining -= 1

    def fresh(self) -> FixedWindow:
        return FixedWindow(self.limit, self.per)


def ideal_send_times(
    arrivals: Iterable[tuple[float, str]], lane_limit: Limiter, global_limit: Limiter
) -> list[float]:
    """When a perfect relay sends each copy; ``arrivals`` are ``(time, lane)`` pairs.

    Returns the send times sorted. Every lane gets its own fresh copy of ``lane_limit``;
    all lanes share ``global_limit`` (also started fresh).
    """
    queues: dict[str, deque[float]] = {}
    for at, lane in sorted(arrivals):
        queues.setdefault(lane, deque()).append(at)
    lanes = {lane: lane_limit.fresh() for lane in queues}
    shared = global_limit.fresh()
    sent: list[float] = []
    now = min((q[0] for q in queues.values()), default=0.0)
    while queues:
        progressed = False
        # Longest queue first: the lane with the most copies left is the one that would
        # otherwise finish last, so it gets the shared bucket's next token.
        for lane in sorted(queues, key=lambda name: -len(queues[name])):
            queue = queues[lane]
            if queue[0] <= now + EPSILON and lanes[lane].available_at(now) <= now + EPSILON:
                if shared.available_at(now) > now + EPSILON:
                    break
                lanes[lane].take(now)
                shared.take(now)
                sent.append(now)
                queue.popleft()
                progressed = True
                if not queue:
                    del queues[lane]
        if progressed or not queues:
            continue
        ready = min(max(q[0], lanes[lane].available_at(now)) for lane, q in queues.items())
        now = max(ready, shared.available_at(max(now, ready)))
    return sorted(sent)
