"""Token buckets per method (by tier) and, for chat.postMessage, per channel and workspace."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from .config import RateLimitSettings

__all__ = ["METHOD_TIERS", "RateLimiter", "TokenBucket"]

# Tiers from Slack's method reference; chat.postMessage is "special" and handled apart.
METHOD_TIERS: dict[str, int] = {
    "apps.connections.open": 1,
    "auth.test": 4,
    "bots.info": 3,
    "chat.delete": 3,
    "chat.getPermalink": 4,
    "chat.postEphemeral": 4,
    "chat.update": 3,
    "conversations.history": 3,
    "conversations.info": 3,
    "conversations.list": 2,
    "conversations.members": 4,
    "conversations.replies": 3,
    "reactions.add": 3,
    "reactions.get": 3,
    "reactions.remove": 2,
    "team.info": 3,
    "users.info": 4,
    "users.list": 2,
    "usergroups.list": 2,
    "usergroups.users.list": 2,
    "views.open": 4,
    "views.push": 4,
    "views.update": 4,
}
_POST = "chat.postMessage"


@dataclass
class TokenBucket:
    """``capacity`` requests at once, refilled at ``rate`` per second."""

    rate: float
    capacity: float
    tokens: float
    updated: float

    def wait_time(self, now: float) -> float:
        """Seconds until one token is available (0 when one is available now)."""
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        if self.tokens >= 1:
            return 0.0
        return (1 - self.tokens) / self.rate if self.rate > 0 else math.inf

    def take(self) -> None:
        self.tokens -= 1


class RateLimiter:
    """Answers "how long must this call wait?"; 0 means it may go ahead (and is counted)."""

    def __init__(
        self, settings: RateLimitSettings, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.settings = settings
        self._clock = clock
        self._buckets: dict[str, TokenBucket] = {}

    def reset(self, settings: RateLimitSettings | None = None) -> None:
        """Forget all spent tokens, optionally switching to new settings."""
        if settings is not None:
            self.settings = settings
        self._buckets.clear()

    def check(self, method: str, channel: str | None = None) -> int:
        """0 if the call may proceed, else the integer ``Retry-After`` in seconds."""
        if not self.settings.enabled:
            return 0
        now = self._clock()
        buckets = self._buckets_for(method, channel, now)
        wait = max((bucket.wait_time(now) for bucket in buckets), default=0.0)
        if wait > 0:
            return max(1, math.ceil(wait))
        for bucket in buckets:
            bucket.take()
        return 0

    def _buckets_for(self, method: str, channel: str | None, now: float) -> list[TokenBucket]:
        s = self.settings
        if method == _POST and method not in s.methods:
            buckets = [
                self._bucket(
                    "post:workspace", s.post_workspace_per_minute / 60, s.post_workspace_burst, now
                )
            ]
            if channel:
                buckets.append(
                    self._bucket(
                        f"post:{channel}",
                        s.post_per_channel_per_second,
                        s.post_per_channel_burst,
                        now,
                    )
                )
            return buckets
        per_minute = s.methods.get(method)
        if per_minute is None:
            per_minute = s.tiers.get(METHOD_TIERS.get(method, 3), 50)
        return [self._bucket(f"method:{method}", per_minute / 60, per_minute, now)]

    def _bucket(self, key: str, rate: float, capacity: float, now: float) -> TokenBucket:
        bucket = self._buckets.get(key)
        if bucket is None or bucket.rate != rate or bucket.capacity != capacity:
            bucket = TokenBucket(
                rate=rate, capacity=max(1.0, capacity), tokens=max(1.0, capacity), updated=now
            )
            self._buckets[key] = bucket
        return bucket
