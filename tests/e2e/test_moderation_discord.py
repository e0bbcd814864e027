"""Moderation that starts on Discord, through the whole product: both emulators, the bot
built by the production composition root, SQLite and the web server."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # discord.py imports audioop
    import discord  # noqa: F401

from tests.e2e.stack import Stack, running_stack
from tests.eventually import eventually

pytestmark = pytest.mark.slow

MARIA = "maria.lopez"
READERS = ("dev_okafor", "hannah.k", "oldtownfrank")


async def _slack_texts(stack: Stack, ts: str) -> list[str]:
    return [m["text"] for m in await stack.slack_copies(ts) if not m.get("deleted")]


async def test_a_banned_word_written_on_discord_never_reaches_slack_or_the_web(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOD_BANNED_WORDS", "turnip")
    async with running_stack(tmp_path) as stack:
        brief = await stack.brief_from_discord()
        thread, ts = brief["discord_thread"], brief["slack_ts"]
        await stack.discord_say(thread, MARIA, "T U R N I P pie for everyone")
        await stack.discord_say(thread, MARIA, "The reading room looks lovely")

        async def relayed() -> list[str]:
            return await _slack_texts(stack, ts)

        # The later, clean comment arrives; the earlier one never does.
        assert await eventually(relayed) == ["The reading room looks lovely"]
        assert [c["text"] for c in await stack.web_comments()] == ["The reading room looks lovely"]
        dms = await stack.call("GET", f"{stack.discord_control}/dms/{MARIA}")
        [dm] = dms["messages"]
        assert "not shared" in dm["content"]


async def test_three_flags_on_discord_hold_a_comment_and_its_copies_go(tmp_path: Path) -> None:
    async with running_stack(tmp_path) as stack:
        brief = await stack.brief_from_discord()
        thread, ts = brief["discord_thread"], brief["slack_ts"]
        said = await stack.discord_say(thread, MARIA, "Everyone at the council is a crook")

        async def copied() -> bool:
            return bool(await _slack_texts(stack, ts)) and bool(await stack.web_comments())

        await eventually(copied)
        for reader in READERS:
            body = {
                "channel_id": thread,
                "message_id": said["id"],
                "user_id": reader,
                "emoji": "🚩",
            }
            await stack.call("POST", f"{stack.discord_control}/reactions", body)

        async def held_everywhere() -> bool:
            slack_gone = not await _slack_texts(stack, ts)
            web_gone = not [c for c in await stack.web_comments() if c["text"]]
            return slack_gone and web_gone

        await eventually(held_everywhere)
        # The reader's own message stays on Discord: held is not removed.
        [original] = [
            m for m in await stack.discord_thread_messages(thread) if m["id"] == said["id"]
        ]
        assert not original["deleted"]
