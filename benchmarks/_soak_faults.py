"""The faults ``benchmarks/soak.py`` injects, each bounded in count and time.

Every fault is a coroutine that starts it, waits until it is over (or its deadline), clears
it and records a :class:`~benchmarks._soak_audit.Window` from its start to the moment the
platform answered again:

* ``slack_slow``: Slack's per-channel ``chat.postMessage`` bucket lowered to one post per
  ``retry_after`` seconds (real 429s with a long ``Retry-After``) for ``seconds``; cleared
  when the default limits are back. A brief posted meanwhile gets its first message through
  and its invitation refused, which is when :mod:`benchmarks.soak` has a reader reply.
* ``slack_429s_then_5xx``: ``count`` injected 429s (``Retry-After: 1``) on
  ``chat.postMessage``, then one 500; cleared when the 500 has been served.
* ``discord_global``: Discord's global limit lowered to 1 request per ``per`` seconds (real
  global 429s with a long ``retry_after``) for ``seconds``.
* ``server_errors``: a few 502s on Discord's webhook execute route and 503s on Slack's
  ``chat.postMessage``; cleared when served.
* ``disconnects``: the bot's Discord gateway socket (resumed, or with ``invalidate`` a new
  session) and its Slack socket dropped; holds up what the bot hears from both.
* ``kill``: SIGKILL of the bot, ``down`` seconds dead, restart; cleared when it is up again.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from benchmarks._soak_audit import PLACES, Window
from benchmarks._sync_world import World, get_json, post_json

__all__ = ["Faults"]

ALL = frozenset(PLACES)


@dataclass
class Faults:
    http: aiohttp.ClientSession
    world: World
    windows: list[Window] = field(default_factory=list)
    injected: Counter[str] = field(default_factory=Counter)
    restart_seconds: list[float] = field(default_factory=list)
    _slack_limits: dict[str, Any] = field(default_factory=dict)
    _discord_global: dict[str, Any] = field(default_factory=dict)
    _webhook_route: str = ""

    @property
    def _discord(self) -> str:
        assert self.world.discord is not None
        return self.world.discord.control_url

    @property
    def _slack(self) -> str:
        assert self.world.slack is not None
        return self.world.slack.control_url

    async def prepare(self) -> None:
        """Remember the default limits (to restore them) and the webhook route's name."""
        limits = await get_json(self.http, f"{self._slack}/ratelimits")
        self._slack_limits = {
            "post_per_channel_per_second": limits["post_per_channel_per_second"],
            "post_per_channel_burst": limits["post_per_channel_burst"],
        }
        self._discord_global = (await get_json(self.http, f"{self._discord}/ratelimits"))["global"]
        routes = (await get_json(self.http, f"{self._discord}/routes"))["routes"]
        self._webhook_route = next(
            r["route"]
            for r in routes
            if r["bucket"] == "webhooks.execute" and r["method"] == "POST"
        )

    def _record(self, kind: str, started: float, **places: frozenset[str]) -> None:
        self.windows.append(Window(kind, started, time.time(), **places))
        self.injected[kind] += 1

    async def clear_all(self) -> None:
        """No fault left anywhere: default limits back, injected faults forgotten."""
        await _delete(self.http, f"{self._slack}/faults")
        await _delete(self.http, f"{self._discord}/faults")
        await post_json(self.http, f"{self._slack}/ratelimits", self._slack_limits)
        await post_json(self.http, f"{self._discord}/ratelimits", {"global": self._discord_global})

    # --- rate limits ---------------------------------------------------------------------

    async def slack_slow(self, seconds: float, retry_after: float) -> None:
        started = time.time()
        await post_json(
            self.http,
            f"{self._slack}/ratelimits",
            {"post_per_channel_per_second": 1 / retry_after, "post_per_channel_burst": 1},
        )
        try:
            await asyncio.sleep(seconds)
        finally:
            await post_json(self.http, f"{self._slack}/ratelimits", self._slack_limits)
            self._record("slack_429_window", started, targets=frozenset({"slack"}))

    async def slack_429s_then_5xx(self, count: int, deadline: float) -> None:
        started = time.time()
        url = f"{self._slack}/faults"
        method = "chat.postMessage"
        await post_json(
            self.http, url, {"method": method, "status": 429, "retry_after": 1, "count": count}
        )
        await post_json(self.http, url, {"method": method, "status": 500, "count": 1})
        await self._until_served(url, deadline)
        self._record("slack_429s_then_5xx", started, targets=frozenset({"slack"}))

    async def discord_global(self, seconds: float, per: float) -> None:
        started = time.time()
        url = f"{self._discord}/ratelimits"
        await post_json(self.http, url, {"global": {"limit": 1, "per": per}})
        try:
            await asyncio.sleep(seconds)
        finally:
            await post_json(self.http, url, {"global": self._discord_global})
            self._record("discord_429_window", started, targets=frozenset({"discord"}))

    # --- errors and sockets --------------------------------------------------------------

    async def server_errors(self, discord: int, slack: int, deadline: float) -> None:
        started = time.time()
        discord_faults = f"{self._discord}/faults"
        slack_faults = f"{self._slack}/faults"
        await post_json(
            self.http,
            discord_faults,
            {"route": self._webhook_route, "method": "POST", "status": 502, "count": discord},
        )
        await post_json(
            self.http, slack_faults, {"method": "chat.postMessage", "status": 503, "count": slack}
        )
        await asyncio.gather(
            self._until_served(discord_faults, deadline), self._until_served(slack_faults, deadline)
        )
        self._record("server_errors", started, targets=frozenset({"discord", "slack"}))

    async def disconnects(self, invalidate: bool) -> None:
        started = time.time()
        await post_json(self.http, f"{self._discord}/disconnect", {"invalidate": invalidate})
        await post_json(self.http, f"{self._slack}/disconnect", {})
        kind = "disconnect_new_session" if invalidate else "disconnect_resume"
        self._record(kind, started, origins=frozenset({"discord", "slack"}))

    async def kill(self, down: float) -> None:
        started = time.time()
        await self.world.kill_bot()
        await asyncio.sleep(down)
        restart = time.monotonic()
        async with asyncio.timeout(120):
            await self.world.start_bot(self.http)
        self.restart_seconds.append(round(time.monotonic() - restart, 2))
        self._record("sigkill", started, targets=ALL, origins=ALL)

    async def _until_served(self, url: str, deadline: float) -> None:
        """Until no injected fault is left at ``url`` (or ``deadline`` seconds, then clear)."""
        give_up = time.monotonic() + deadline
        while time.monotonic() < give_up:
            faults = (await get_json(self.http, url))["faults"]
            if not any(_left(f) for f in faults):
                return
            await asyncio.sleep(0.25)
        await _delete(self.http, url)
        self.injected["faults_cleared_at_deadline"] += 1


def _left(fault: dict[str, Any]) -> int:
    return int(fault.get("remaining", fault.get("count", 0)))


async def _delete(http: aiohttp.ClientSession, url: str) -> None:
    async with http.delete(url) as response:
        response.raise_for_status()
