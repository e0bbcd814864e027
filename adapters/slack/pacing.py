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
The buckets live in a :class:`~bot.ports.pacing.CallPacer`: this process's own, or one
shared through PostgreSQL by every process calling with the same bot token.
"""

from __future__ import annotations

import hashlib

from slack_sdk.errors import SlackClientError

from bot.ports.pacing import Budget, CallPacer, Pace
from bot.services.pacing import InProcessPacer

__all__ = [
    "POST_MESSAGE",
    "POST_PER_CHANNEL",
    "POST_PER_WORKSPACE",
    "TIER_LIMITS",
    "Limit",
    "PacedOutError",
    "SlackPacer",
    "limit_for",
    "scope_of",
]


class PacedOutError(SlackClientError):
    """A call was not sent: its turn was too far away (``retry_after`` seconds)."""

    def __init__(self, method: str, retry_after: float) -> None:
        super().__init__(f"{method} paced: its turn is in {retry_after:.1f} s")
        self.retry_after = retry_after


Limit = Pace


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
# and a few for Tier 1 ("A small amount of burst behavior is tolerated", same page, with no
# number): a Socket Mode client asked to reconnect calls apps.connections.open again at
# once, and each process of a cluster opens its own connection. The emulator grants no
# Tier 1 burst by default (never kinder than Slack); should Slack refuse one, slack_sdk
# waits out the Retry-After of apps.connections.open and tries again.
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


def scope_of(token: str) -> str:
    """The pacing scope of a token: Slack's limits are per app per workspace, which one
    bot token names. A hash, so the token itself is never stored."""
    return hashlib.sha256(f"slack\0{token}".encode()).hexdigest()[:24]


class SlackPacer:
    """When each Web API call may go; one per workspace token, shared by its clients."""

    def __init__(
        self,
        pacer: CallPacer | None = None,
        *,
        scope: str = "",
        enabled: bool = True,
        per_channel: Pace = POST_PER_CHANNEL,
        per_workspace: Pace = POST_PER_WORKSPACE,
    ) -> None:
        """``enabled=False`` lets every call go at once (``SLACK_PACING=false``: only for an
        emulator whose limits are switched off; real Slack would refuse the bursts).
        ``per_channel`` and ``per_workspace`` pace ``chat.postMessage`` otherwise than
        Slack does: only for tests and benchmarks against an emulator set to match."""
        self.pacer: CallPacer = pacer if pacer is not None else InProcessPacer()
        self.scope = scope
        self.enabled = enabled
        self.per_channel = per_channel
        self.per_workspace = per_workspace

    def budgets(self, method: str, channel: str | None = None) -> list[Budget]:
        """The budgets a call draws on (the workspace's first, then the channel's)."""
        if method == POST_MESSAGE:
            budgets = [Budget(self.scope, method, "", self.per_workspace)]
            if channel:
                budgets.append(Budget(self.scope, method, channel, self.per_channel))
            return budgets
        return [Budget(self.scope, method, "", limit_for(method))]

    async def turn(self, method: str, channel: str | None = None, *, within: float) -> float:
        """Take this call's turn; the seconds to wait before sending it. A turn more than
        ``within`` seconds away is not taken: :class:`PacedOutError` says when it would be."""
        if not self.enabled:
            return 0.0
        wait = await self.pacer.turn(self.budgets(method, channel), within=within)
        if wait > within:
            raise PacedOutError(method, wait)
        return max(0.0, wait)

    async def refused(self, method: str, channel: str | None, retry_after: float) -> None:
        """Slack answered 429 with ``Retry-After``: nothing more on that key until then.

        Which of ``chat.postMessage``'s two buckets was exceeded is not said: the channel
        waits the whole ``Retry-After`` and the workspace bucket is cut to one call (holding
        every channel for one channel's refusal would cost more than the odd second 429).
        The refused call's own turn is given back first: Slack did not count it.
        """
        if not self.enabled:
            return
        budgets = self.budgets(method, channel)
        holds = [(b, 0.0) for b in budgets[:-1]] + [(budgets[-1], retry_after)]
        await self.pacer.refused(holds)
