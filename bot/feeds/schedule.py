"""When a feed is polled next: its interval with jitter, or a backoff while it fails."""

from __future__ import annotations

import random
from collections.abc import Callable

__all__ = ["failure_delay", "next_poll_delay"]

Jitter = Callable[[float, float], float]


def next_poll_delay(
    interval_seconds: float,
    *,
    jitter: float = 0.1,
    retry_after: float | None = None,
    uniform: Jitter = random.uniform,
) -> float:
    """The interval, spread by ±``jitter`` of itself so feeds added together drift apart;
    a server's ``Retry-After`` longer than that is honoured."""
    spread = interval_seconds * jitter
    delay = interval_seconds + uniform(-spread, spread)
    if retry_after is not None:
        delay = max(delay, retry_after)
    return max(1.0, delay)


def failure_delay(
    failures: int,
    interval_seconds: float,
    *,
    cap_seconds: float = 6 * 3600,
    retry_after: float | None = None,
    uniform: Jitter = random.uniform,
) -> float:
    """Exponential backoff with jitter after ``failures`` failures in a row (1 or more).

    The base is the feed's interval, doubled per failure up to ``cap_seconds``; the wait is
    drawn between half and all of that, so failing feeds do not come back together.
    A server's ``Retry-After`` longer than that is honoured.
    """
    ceiling = min(cap_seconds, interval_seconds * 2 ** max(0, failures - 1))
    delay = uniform(ceiling / 2, ceiling)
    if retry_after is not None:
        delay = max(delay, retry_after)
    return max(1.0, delay)
