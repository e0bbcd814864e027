"""A policy changed from chat, through the whole product: a word banned with Slack's
``/briefbot mod ban-word`` is rejected when written on Discord, and reaches neither Slack
nor the web page."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # discord.py imports audioop
    import discord  # noqa: F401

from bot import messages
from tests.e2e.stack import Stack, running_stack
from tests.eventually import eventually

pytestmark = pytest.mark.slow

MARIA = "maria.lopez"  # Discord: María López
ANA = "U0ANA000001"  # Slack: ana, the workspace's primary owner


async def _slack_texts(stack: Stack, ts: str) -> list[str]:
    return [m["text"] for m in await stack.slack_copies(ts) if not m.get("deleted")]


async def test_a_word_banned_from_slack_is_rejected_when_written_on_discord(
    tmp_path: Path,
) -> None:
    async with running_stack(tmp_path) as stack:
        brief = await stack.brief_from_discord()
        thread, ts = brief["discord_thread"], brief["slack_ts"]

        answer = await stack.slack_command("mod ban-word turnip", ANA)
        assert answer == messages.word_added("banned", "turnip")
        await stack.discord_say(thread, MARIA, "Tùrnip soup is the council's fault")
        await stack.discord_say(thread, MARIA, "The reading room looks lovely")

        async def relayed() -> list[str]:
            return await _slack_texts(stack, ts)

        # The later, clean comment arrives; the one with the banned word never does.
        assert await eventually(relayed) == ["The reading room looks lovely"]
        assert [c["text"] for c in await stack.web_comments()] == ["The reading room looks lovely"]

        async def told() -> list[str]:
            dms = await stack.call("GET", f"{stack.discord_control}/dms/{MARIA}")
            return [m["content"] for m in dms["messages"]]

        [dm] = await eventually(told)
        assert "not shared" in dm
        # The word was said to Ana alone: nothing public on Slack names it.
        public = await stack.slack_thread_messages(ts)
        assert not [m for m in public if "turnip" in str(m["text"]).lower()]
