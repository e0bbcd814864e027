"""The delivery path under faults, end to end: rate limits are not failures, and a place
briefbot can no longer post in is reported to people, not only to the log.

The whole product runs in-process (both emulators, briefbot built by the production
composition root, SQLite, the web server); faults are injected through the emulators'
``/_control/faults`` and checked through the control APIs and ``/healthz``.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # discord.py imports audioop
    import discord  # noqa: F401

from tests.e2e.stack import eventually, running_stack

pytestmark = pytest.mark.slow

MARIA = "maria.lopez"  # Discord: María López
POST = "chat.postMessage"


async def test_thirty_rate_limits_then_a_server_error_still_reach_slack(tmp_path: Path) -> None:
    async with running_stack(tmp_path) as stack:
        brief = await stack.brief_from_discord()
        thread, ts = brief["discord_thread"], brief["slack_ts"]
        # Slack paces a busy channel: 30 refusals (Retry-After: 0 keeps the test short; the
        # count is what matters), then one transient 500, then it answers again.
        for fault in (
            {"method": POST, "status": 429, "retry_after": 0, "count": 30},
            {"method": POST, "status": 500, "count": 1},
        ):
            await stack.call("POST", f"{stack.slack_control}/faults", fault)
        await stack.discord_say(thread, MARIA, "Through thirty rate limits and a 500")

        [copy] = await eventually(lambda: stack.slack_copies(ts), within=60)
        assert copy["text"] == "Through thirty rate limits and a 500"
        faults = await stack.call("GET", f"{stack.slack_control}/faults")
        assert faults["faults"] == []  # every injected fault was really served
        stats = await stack.call("GET", f"{stack.slack_control}/stats")
        assert stats["ratelimited_total"] >= 30
        health = await stack.call("GET", f"{stack.sandbox.web_url}/healthz")
        assert health["outbox"]["failed"] == 0
