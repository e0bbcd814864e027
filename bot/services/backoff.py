"""How long to wait after a real failure: one schedule for every retry in the core.

A rate limit is not a failure and never uses it: a 429 waits what the platform asked.
"""

from __future__ import annotations

__all__ = ["MAX_BACKOFF", "backoff_seconds"]

MAX_BACKOFF = 60.0


def backoff_seconds(failures: int) -> float:
    """1, 2, 4, ... seconds after the 1st, 2nd, 3rd real failure, capped at a minute.

    No jitter: each lane sends one request per try, and a platform that answers again
    has its waiting lanes retried at once anyway (``Outbox.expedite``).
    """
    return float(min(MAX_BACKOFF, 2 ** max(0, failures - 1)))
