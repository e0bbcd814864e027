"""The delivery path under faults, end to end: rate limits are not failures, and a place
briefbot can no longer post in is reported to people, not only to the log.

The whole product runs in-process (both emulators, briefbot built by the production
composition root, SQLite, the web server); faults are injected through the emulators'
``/_control/faults`` and checked through the control APIs and ``/healthz``.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # discord.py imports audioop
    import discord  # noqa: F401

from bot import messages
from tests.e2e.stack import running_stack
from tests.eventually import eventually

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


async def test_a_slack_channel_the_bot_was_removed_from_is_reported_once_in_discord(
    tmp_path: Path,
) -> None:
    async with running_stack(tmp_path) as stack:
        brief = await stack.brief_from_discord()
        thread = brief["discord_thread"]
        # The bot was removed from #news: Slack refuses every post there with not_in_channel.
        await stack.call(
            "POST",
            f"{stack.slack_control}/faults",
            {"method": POST, "error": "not_in_channel", "count": 2},
        )
        await stack.discord_say(thread, MARIA, "Is anyone on Slack reading this?")
        await stack.discord_say(thread, MARIA, "Hello?")
        sentence = messages.place_unreachable("Slack", "news")

        async def notices() -> list[dict[str, Any]]:
            found = await stack.discord_thread_messages(thread)
            return [m for m in found if m["content"] == sentence]

        [notice] = await eventually(notices)
        assert notice["author"]["bot"] and not notice.get("webhook_id")

        async def both_failed() -> dict[str, Any] | None:
            health = await stack.call("GET", f"{stack.sandbox.web_url}/healthz")
            return health if health["outbox"]["failed"] == 2 else None

        health = await eventually(both_failed)
        assert [
            (p["platform"], p["channel"], p["cause"]) for p in health["unreachable_places"]
        ] == [("slack", "news", "not_in_channel")]
        assert len(await notices()) == 1  # once per place and cause, not once per comment
        # briefbot's own sentence is not a reader's comment: nothing collected or relayed
        assert [c["text"] for c in await stack.web_comments()] == [
            "Is anyone on Slack reading this?",
            "Hello?",
        ]
