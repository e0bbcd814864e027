"""Moderation from Slack through the whole product: both emulators, the bot as production
builds it, and the web page; acting only through the emulators' control APIs and the web
JSON API, as moderators and readers would."""

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

MARIA = "maria.lopez"  # Discord: María López
ANA = "U0ANA000001"  # Slack: ana, the workspace's primary owner
BEN = "U0BEN000001"  # Slack: ben, a plain member


async def _one_slack_copy(stack: Stack, ts: str) -> dict[str, object]:
    async def arrived() -> list[dict[str, object]]:
        return [c for c in await stack.slack_copies(ts) if not c["deleted"]]

    [copy] = await eventually(arrived)
    return copy


async def test_remove_everywhere_from_slack_deletes_the_discord_and_web_copies(
    tmp_path: Path,
) -> None:
    async with running_stack(tmp_path) as stack:
        brief = await stack.brief_from_discord()
        thread, ts = brief["discord_thread"], brief["slack_ts"]
        said = await stack.discord_say(thread, MARIA, "Something nobody should read")
        await stack.stored(1)
        copy = await _one_slack_copy(stack, ts)

        # A plain member is refused and nothing changes.
        await stack.slack_shortcut("briefbot_remove_everywhere", BEN, str(copy["ts"]))
        await eventually(lambda: stack.slack_told(BEN))
        [comment] = await stack.web_comments()
        assert comment["text"] == "Something nobody should read"

        # The workspace owner removes it from the Slack copy: gone from every place.
        await stack.slack_shortcut("briefbot_remove_everywhere", ANA, str(copy["ts"]))

        async def gone_everywhere() -> bool:
            discord = {m["id"]: m for m in await stack.discord_thread_messages(thread)}
            slack = {m["ts"]: m for m in await stack.slack_thread_messages(ts)}
            web = await stack.web_comments()
            return bool(
                discord[said["id"]]["deleted"]
                and slack[copy["ts"]]["deleted"]
                and all(c["text"] != "Something nobody should read" for c in web)
            )

        await eventually(gone_everywhere)
        told = await stack.slack_told(ANA)
        assert told == ["María López's comment was removed everywhere."]


async def test_a_closed_discussion_relays_nothing(tmp_path: Path) -> None:
    async with running_stack(tmp_path) as stack:
        brief = await stack.brief_from_discord()
        thread, ts = brief["discord_thread"], brief["slack_ts"]
        await stack.discord_say(thread, MARIA, "Before closing")
        await stack.stored(1)
        await _one_slack_copy(stack, ts)

        answer = await stack.slack_command("mod close", ANA)
        assert "closed" in answer

        async def notice_posted() -> bool:
            messages = await stack.slack_thread_messages(ts)
            return any("closed this discussion" in m["text"] for m in messages)

        await eventually(notice_posted)
        # Discord locks the thread; on Slack a reply can still be written, and goes nowhere.
        await stack.slack_say(ts, BEN, "After closing, from Slack")

        async def ben_told() -> list[str]:
            return await stack.slack_told(BEN)

        assert await eventually(ben_told) == [
            "This discussion is closed, so your reply was not shared."
        ]

        # Reopened, comments flow again; the closed-time reply, handled before them on
        # its platform, went nowhere.
        assert "open" in await stack.slack_command("mod open", ANA)

        async def unlocked() -> bool:  # reopening reaches Discord through the outbox
            view = await stack.call("GET", f"{stack.discord_control}/channels/{thread}")
            return not view["locked"]

        await eventually(unlocked)
        await stack.slack_say(ts, BEN, "After reopening, from Slack")
        await stack.discord_say(thread, MARIA, "After reopening, from Discord")

        async def reopened_copies() -> bool:
            slack = [c["text"] for c in await stack.slack_copies(ts)]
            discord = [c["content"] for c in await stack.discord_copies(thread)]
            return "After reopening, from Discord" in slack and len(discord) == 1

        await eventually(reopened_copies)
        assert [c["text"] for c in await stack.slack_copies(ts)] == [
            "Before closing",
            "After reopening, from Discord",
        ]
        [discord_copy] = await stack.discord_copies(thread)
        assert discord_copy["content"].endswith("After reopening, from Slack")
        texts = [c["text"] for c in await stack.web_comments()]
        assert "After closing, from Slack" not in texts


async def test_an_edit_into_a_banned_word_takes_the_comment_back_everywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOD_BANNED_WORDS", "turnip")
    async with running_stack(tmp_path) as stack:
        brief = await stack.brief_from_discord()
        thread, ts = brief["discord_thread"], brief["slack_ts"]
        said = await stack.slack_say(ts, BEN, "The new opening hours suit me")

        async def copied() -> bool:
            discord = [c["content"] for c in await stack.discord_copies(thread)]
            web = [c["text"] for c in await stack.web_comments()]
            return any("opening hours" in c for c in discord) and bool(web)

        await eventually(copied)
        [copy] = await stack.discord_copies(thread)
        articles = await stack.call("GET", f"{stack.sandbox.web_url}/api/articles")
        page_url = articles["articles"][0]["page_url"]
        async with stack.http.get(page_url) as page:
            assert "opening hours" in await page.text()
        news = stack.info["slack"]["channels"]["news"]
        body = {"text": "The new opening hours are a T.U.R.N.I.P"}
        await stack.call("PATCH", f"{stack.slack_control}/messages/{news}/{said['ts']}", body)

        async def taken_back() -> bool:
            discord = {m["id"]: m for m in await stack.discord_thread_messages(thread)}
            return bool(discord[copy["id"]]["deleted"]) and not await stack.web_comments()

        await eventually(taken_back)
        # The edited words were never shown: the Discord copy was deleted, not edited first.
        discord = await stack.discord_thread_messages(thread)
        assert not any("T.U.R.N.I.P" in m["content"] for m in discord)
        async with stack.http.get(page_url) as page:
            html = await page.text()
            assert "opening hours" not in html and "T.U.R.N.I.P" not in html

        async def ben_told() -> list[str]:
            return await stack.slack_told(BEN)

        [told] = await eventually(ben_told)
        assert told == (
            "Your comment was not shared: it breaks this community's rules (a banned word)."
        )
