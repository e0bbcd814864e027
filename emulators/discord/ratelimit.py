"""Per-route buckets keyed with the top-level resource, plus a global limit.

Fixed windows: a bucket's window opens at its first request and lasts ``per`` seconds.
Responses carry Discord's ``X-RateLimit-*`` headers; an exhausted bucket answers 429 with
``{"message", "retry_after", "global"}``, ``Retry-After``, ``X-RateLimit-Scope`` and
``Via: 1.1 google`` (without ``Via`` discord.py takes a 429 for a Cloudflare ban).
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from .config import Limit, RateLimitConfig

__all__ = ["Decision", "RateLimiter"]


@dataclass
class _Window:
    limit: int
    per: float
    remaining: int
    reset_at: float  # time.monotonic()


@dataclass(frozen=True)
class Decision:
    headers: dict[str, str]
    retry_after: float | None = None  # set => answer 429
    is_global: bool = False

    @property
    def limited(self) -> bool:
        return self.retry_after is not None


def bucket_hash(name: str) -> str:
    return hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest()[:32]


class RateLimiter:
    def __init__(self, config: RateLimitConfig) -> None:
        self._config = config
        self._windows: dict[str, _Window] = {}

    @property
    def config(self) -> RateLimitConfig:
        return self._config

    @config.setter
    def config(self, value: RateLimitConfig) -> None:
        self._config = value
        self._windows.clear()

    def reset(self) -> None:
        self._windows.clear()

    def _take(self, key: str, limit: Limit, now: float) -> _Window | None:
        """Consume one request; None when the window is exhausted."""
        window = self._windows.get(key)
        if window is None or now >= window.reset_at or window.limit != limit.limit:
            window = _Window(limit.limit, limit.per, limit.limit, now + limit.per)
            self._windows[key] = window
        if window.remaining <= 0:
            return None
        window.remaining -= 1
        return window

    def check(self, bucket: str, major: str, global_key: str | None) -> Decision:
        """Account one request to ``bucket`` for resource ``major`` (and the global limit)."""
        if not self._config.enabled:
            return Decision({})
        now = time.monotonic()
        if global_key is not None:
            g = self._config.global_limit
            if self._take(f"global:{global_key}", g, now) is None:
                window = self._windows[f"global:{global_key}"]
                retry = _ceil_ms(window.reset_at - now)
                return Decision(
                    {
                        "X-RateLimit-Global": "true",
                        "X-RateLimit-Scope": "global",
                        "Retry-After": str(max(1, math.ceil(retry))),
                    },
                    retry_after=retry,
                    is_global=True,
                )
        limit = self._config.route(bucket)
        key = f"{bucket}:{major}"
        taken = self._take(key, limit, now)
        window = taken or self._windows[key]
        reset_after = _ceil_ms(window.reset_at - now)
        headers = {
            "X-RateLimit-Limit": str(window.limit),
            "X-RateLimit-Remaining": str(window.remaining),
            "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
            "X-RateLimit-Reset-After": f"{reset_after:.3f}",
            "X-RateLimit-Bucket": bucket_hash(bucket),
        }
        if taken is not None:
            return Decision(headers)
        headers["X-RateLimit-Scope"] = "user"
        headers["Retry-After"] = str(max(1, math.ceil(reset_after)))
        return Decision(headers, retry_after=reset_after)


def _ceil_ms(seconds: float) -> float:
    return max(0.001, math.ceil(seconds * 1000) / 1000)
