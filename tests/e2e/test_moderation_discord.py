"""Moderation that starts on Discord, through the whole product: both emulators, the bot
built by the production composition root, SQLite and the web server."""

from __future__ import annotations

import warnings
from pathlib import Path

import aiohttp
import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # discord.py imports audioop
    import discord  # noqa: F401

from adapters.discord import messages as discord_messages
from bot.domain.model import Comment
from bot.domain.moderation import Standing
from tests.e2e.stack import Stack, running_stack
from tests.eventually import eventually

pytestmark = pytest.mark.slow

MARIA = "maria.lopez"
READERS = ("dev_okafor", "hannah.k", "oldtownfrank")
BEN = "U0BEN000001"  # Slack: ben


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


async def test_held_from_discord_then_approved_on_the_web_comes_back_in_its_place(
    tmp_path: Path,
) -> None:
    """Hold for review on Discord, a reply written meanwhile on Slack, approval in the web
    queue.

    Where the copies land: a chat thread only grows at its end, so the approved comment's
    Slack copy is posted again *after* what was written while it was held (deleting and
    re-posting the later messages to keep the order would be worse: their copies would
    lose their reactions and replies). The web page, which we draw ourselves, shows it at
    its original position, in the order comments were written. The Discord original is
    never touched: holding hides the copies, not a reader's own message.
    """
    async with running_stack(tmp_path) as stack:
        brief = await stack.brief_from_discord()
        thread, ts = brief["discord_thread"], brief["slack_ts"]
        dev = READERS[0]
        await stack.call(
            "PATCH", f"{stack.discord_control}/members/{dev}", {"roles": ["Moderators"]}
        )
        said = await stack.discord_say(thread, MARIA, "The council should publish the costs")

        async def copied() -> bool:
            return bool(await _slack_texts(stack, ts)) and bool(await stack.web_comments())

        await eventually(copied)
        answer = await stack.discord_menu("Hold for review", thread, dev, said["id"])
        assert answer == discord_messages.HELD

        async def hidden() -> bool:
            return not await _slack_texts(stack, ts) and not await stack.web_comments()

        await eventually(hidden)
        await stack.slack_say(ts, BEN, "Meanwhile: is the café open too?")

        async def meanwhile_copied() -> bool:
            return len(await stack.discord_copies(thread)) == 1 and bool(await stack.web_comments())

        await eventually(meanwhile_copied)

        web = stack.sandbox.web_url
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as moderator:
            csrf = await stack.sign_in(moderator)
            async with moderator.get(f"{web}/mod") as queue:
                assert "The council should publish the costs" in await queue.text()
            [held] = [c for c in await _stored(stack) if c.standing is Standing.HELD]
            approve = f"{web}/mod/c/{held.id}/approve"
            async with moderator.post(approve, data={"csrf_token": csrf}) as done:
                assert done.status == 200

        async def back() -> list[str]:
            return await _slack_texts(stack, ts)

        assert await eventually(back) == ["The council should publish the costs"]
        slack_thread = [
            m["text"] for m in await stack.slack_thread_messages(ts) if not m.get("deleted")
        ]
        assert slack_thread[-2:] == [
            "Meanwhile: is the café open too?",
            "The council should publish the costs",
        ]
        assert [c["text"] for c in await stack.web_comments()] == [
            "The council should publish the costs",
            "Meanwhile: is the café open too?",
        ]
        discord = await stack.discord_thread_messages(thread)
        [original] = [m for m in discord if m["id"] == said["id"]]
        assert not original["deleted"]
        assert len([m for m in discord if "council" in m["content"]]) == 1  # no copy back home
        live_copies = [m for m in await stack.slack_copies(ts) if not m.get("deleted")]
        assert len(live_copies) == 1  # re-posted once, not twice


async def _stored(stack: Stack) -> list[Comment]:
    assert stack.sandbox.app is not None
    discussion = await stack.discussion_id()  # not inside the transaction: it asks the web
    async with stack.sandbox.app.store.transaction() as tx:
        return await tx.comments.list_for_discussion(discussion)
