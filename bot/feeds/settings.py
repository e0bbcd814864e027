"""How feeds are polled: one frozen object, built from the ``FEED_*`` settings by bootstrap."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.feeds.flood import FloodLimits

__all__ = ["FeedSettings"]


@dataclass(frozen=True, slots=True)
class FeedSettings:
    interval_seconds: int = 600
    """A new subscription's polling interval (``FEED_INTERVAL_MINUTES``)."""
    min_interval_seconds: int = 120
    """No feed is polled more often (``FEED_MIN_INTERVAL_MINUTES``)."""
    jitter: float = 0.1
    """Each interval is spread by this share of itself, so feeds drift apart."""
    limits: FloodLimits = field(default_factory=FloodLimits)
    max_failures: int = 5
    """Failures in a row before a feed is paused and its channel told why."""
    backoff_cap_seconds: float = 6 * 3600
    per_host: int = 2
    """Feeds of one host fetched at once, at most (politeness)."""
    concurrency: int = 8
    """Feeds polled at once by one process."""
    lease_seconds: float = 300.0
    """How long a claimed feed is held before another poller may take it."""
    idle_seconds: float = 5.0
    """How often an idle poller looks for due feeds."""
