"""Pacing Web API calls to Slack's published rate limits, before sending, not after a 429.

Slack limits "per API method per app per workspace" by tier, and ``chat.postMessage``
apart: about one message per second per channel with short bursts, under a workspace-wide
limit (https://docs.slack.dev/apis/web-api/rate-limits, "Posting messages";
https://docs.slack.dev/reference/methods/chat.postMessage, "Rate limiting"). Tiers
(same page): Tier 1 1+ per minute, Tier 2 20+, Tier 3 50+, Tier 4 100+; each method's
tier is on its reference page (https://docs.slack.dev/reference/methods/<method>).

:class:`SlackPacer` keeps one token bucket per key, ``(method, channel)`` for
``chat.postMessage`` plus one for the workspace, ``(method, None)`` for everything else,
and tells a caller when its call may go. Bursts are kept a little under Slack's, since
calls that leave in their turn can arrive out of step with Slack's own buckets. A 429's
``Retry-After`` still holds the key until then (and is never counted as a failure).
In-process only: several processes on one workspace each pace themselves.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from slack_sdk.errors import SlackClientError

__all__ = [
    "POST_MESSAGE",
    "POST_PER_CHANNEL",
    "POST_PER_WORKSPACE",
    "TIER_LIMITS",
    "Limit",
    "PacedOutError",
    "SlackPacer",
    "limit_for",
]


class PacedOutError(SlackClientError):
    """A call was not sent: its turn was too far away (``retry_after`` seconds)."""

    def __init__(self, method: str, retry_after: float) -> None:
        super().__init__(f"{method} paced: its turn is in {retry_after:.1f} s")
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class Limit:
    """``rate`` calls per second on average, ``burst`` of them at once after a rest."""

    rate: float
    burst: float


def _per_minute(calls: float, burst: float) -> Limit:
    return Limit(calls / 60, burst)


POST_MESSAGE = "chat.postMessage"
# "1 per second per channel; short bursts >1 allowed" (Slack names no size; the
# emulator's is 4). One short of it: Slack counts a call when it arrives, and the first
# call of a burst can arrive late (a new connection) while the next ones arrive on time;
# measured with equal bursts, 4 of 104 posts were refused, with this one 0 of 100.
POST_PER_CHANNEL = Limit(1.0, 3)
# "a workspace-wide limit" (several hundred a minute; the emulator's 300, burst 30).
POST_PER_WORKSPACE = _per_minute(300, 28)

# The published floor of each tier ("N+ per minute"); bursts a fifth of a minute's worth,
# and a few for Tier 1 ("a small amount of burst behavior is tolerated"): a Socket Mode
# client asked to reconnect calls apps.connections.open again at once.
TIER_LIMITS: dict[int, Limit] = {
    1: _per_minute(1, 3),
    2: _per_minute(20, 4),
    3: _per_minute(50, 10),
    4: _per_minute(100, 20),
}

# The tier of each method briefbot calls, from its reference page (unknown ones: Tier 3).
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
    "conversations.join": 3,
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
_DEFAULT_TIER = 3


def limit_for(method: str) -> Limit:
    """The pace of ``method`` (``chat.postMessage``: its per-channel pace)."""
    if method == POST_MESSAGE:
        return POST_PER_CHANNEL
    return TIER_LIMITS[METHOD_TIERS.get(method, _DEFAULT_TIER)]


@dataclass
class _Bucket:
    limit: Limit
    tokens: float
    at: float
    """The time ``tokens`` was counted at (in the future while a Retry-After holds it)."""

    def _tokens_at(self, now: float) -> tuple[float, float]:
        t = max(now, self.at)
        return t, min(self.limit.burst, self.tokens + (t - self.at) * self.limit.rate)

    def ready_at(self, now: float) -> float:
        t, tokens = self._tokens_at(now)
        return t if tokens >= 1 else t + (1 - tokens) / self.limit.rate

    def take(self, now: float) -> None:
        """Spend one token; below zero, it is owed by calls already waiting their turn."""
        self.at, self.tokens = self._tokens_at(now)
        self.tokens -= 1

    def refund(self) -> None:
        """Give back a spent token: a refused call is not counted by Slack either."""
        self.tokens = min(self.limit.burst, self.tokens + 1)

    def hold(self, until: float) -> None:
        """Nothing before ``until``, then one call (as a ``Retry-After`` allows)."""
        if until > self.at:
            _, tokens = self._tokens_at(until)
            self.at, self.tokens = until, min(tokens, 1.0)


class SlackPacer:
    """When each Web API call may go; one per workspace token, shared by its clients."""

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, *, enabled: bool = True
    ) -> None:
        """``enabled=False`` lets every call go at once (``SLACK_PACING=false``: only for an
        emulator whose limits are switched off; real Slack would refuse the bursts)."""
        self._clock = clock
        self.enabled = enabled
        self._buckets: dict[tuple[str, str | None], _Bucket] = {}

    def _bucket(self, key: tuple[str, str | None], limit: Limit) -> _Bucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = _Bucket(limit, limit.burst, self._clock())
        return bucket

    def _buckets_for(self, method: str, channel: str | None) -> list[_Bucket]:
        if method == POST_MESSAGE:
            buckets = [self._bucket((method, None), POST_PER_WORKSPACE)]
            if channel:
                buckets.append(self._bucket((method, channel), POST_PER_CHANNEL))
            return buckets
        return [self._bucket((method, None), limit_for(method))]

    def delay(self, method: str, channel: str | None = None) -> float:
        """Seconds until a call of ``method`` (to ``channel``) may go; nothing is spent."""
        if not self.enabled:
            return 0.0
        now = self._clock()
        ready = max(b.ready_at(now) for b in self._buckets_for(method, channel))
        return max(0.0, ready - now)

    def reserve(self, method: str, channel: str | None = None) -> float:
        """Spend this call's turn; the seconds to wait before sending it."""
        if not self.enabled:
            return 0.0
        now = self._clock()
        buckets = self._buckets_for(method, channel)
        ready = max(b.ready_at(now) for b in buckets)
        for bucket in buckets:
            bucket.take(now)
        return max(0.0, ready - now)

    def refused(self, method: str, channel: str | None, retry_after: float) -> None:
        """Slack answered 429 with ``Retry-After``: nothing more on that key until then.

        Which of ``chat.postMessage``'s two buckets was exceeded is not said: the channel
        waits the whole ``Retry-After`` and the workspace bucket is cut to one call (holding
        every channel for one channel's refusal would cost more than the odd second 429).
        The refused call's own token is given back first: Slack did not count it.
        """
        if not self.enabled:
            return
        now = self._clock()
        buckets = self._buckets_for(method, channel)
        for bucket in buckets:
            bucket.refund()
        buckets[-1].hold(now + max(0.0, retry_after))
        for bucket in buckets[:-1]:
            bucket.hold(now)
