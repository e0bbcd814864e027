"""``briefbot erase`` through the whole product: the operator erases one person on the command
line (the real entry point, its own process-like context on the same SQLite file) while the
sandbox's bot runs; the running bot's delivery workers find the queued work on their next
pass (``DELIVERY_POLL_SECONDS`` is the knob that makes that quick here).
"""

from __future__ import annotations

import asyncio
import warnings
from pathlib import Path

import aiohttp
import pytest
from typer.testing import CliRunner

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # discord.py imports audioop
    import discord  # noqa: F401

from bot.cli import app
from bot.domain.model import WEB
from bot.domain.moderation import Moderator
from bot.services.moderation import audit_log
from tests.e2e.stack import Stack, running_stack
from tests.eventually import eventually

pytestmark = pytest.mark.slow

MARIA = "maria.lopez"  # Discord: María López, who asks to be erased
DEV = "dev_okafor"  # Discord: replies to her
BEN = "U0BEN000001"  # Slack: replies in the thread after her
HERS = "The old reading room smelled of damp carpets"
DEVS = "It did, they replaced them in 2019"
BENS = "Looking forward to the reopening"


async def _discord_user_id(stack: Stack, username: str) -> str:
    state = await stack.call("GET", f"{stack.discord_control}/state")
    return str(next(u["id"] for u in state["users"] if u["username"] == username))


def _erase_on_the_command_line(person: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["erase", person, "--yes", "--name", "Night desk"])
    return result.exit_code, result.stdout


async def test_erase_on_the_command_line_leaves_tombstones_everywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DELIVERY_POLL_SECONDS", "0.2")
    async with running_stack(tmp_path) as stack:
        brief = await stack.brief_from_discord()
        thread, ts = brief["discord_thread"], brief["slack_ts"]
        hers = await stack.discord_say(thread, MARIA, HERS)
        await stack.stored(1)
        body = {"channel_id": thread, "user_id": DEV, "content": DEVS, "reply_to": hers["id"]}
        devs = await stack.call("POST", f"{stack.discord_control}/messages", body)
        await stack.stored(2)
        await stack.slack_say(ts, BEN, BENS)

        async def copied() -> bool:
            slack = [c["text"] for c in await stack.slack_copies(ts)]
            discord = [c["content"] for c in await stack.discord_copies(thread)]
            return len(slack) == 2 and len(discord) == 1 and len(await stack.web_comments()) == 3

        await eventually(copied)
        [her_copy, devs_copy] = await stack.slack_copies(ts)
        assert HERS in her_copy["text"]
        assert "Replying to María López" in devs_copy["text"]  # her words, quoted in his copy

        page_url = await _article_url(stack)
        seen: list[str] = []  # the data of each live event an open page receives
        events = asyncio.create_task(_live_events(stack, f"{page_url}/events", seen))
        await _stream_open(stack)

        # The operator, at a terminal on the bot's host, with the bot's configuration.
        maria_id = await _discord_user_id(stack, MARIA)
        monkeypatch.setenv("DATABASE_URL", stack.info["database_url"])
        monkeypatch.setenv("DISCORD_TOKEN", "the-bots-token")
        monkeypatch.setenv("PUBLIC_BASE_URL", stack.sandbox.web_url)
        code, said = await asyncio.to_thread(_erase_on_the_command_line, f"discord:{maria_id}")
        assert (code, said.strip()) == (0, f"Erased 1 comment by discord:{maria_id}.")

        async def erased_everywhere() -> bool:
            discord = await stack.discord_thread_messages(thread)
            slack = await stack.slack_thread_messages(ts)
            original = next(m for m in discord if m["id"] == hers["id"])
            copy = next(m for m in slack if m["ts"] == her_copy["ts"])
            return bool(original["deleted"] and copy["deleted"])

        await eventually(erased_everywhere)

        # The others' words stay, and the thread still reads: a tombstone where she was.
        comments = await stack.web_comments()
        assert [(c["erased"], c["text"] or "") for c in comments] == [
            (True, ""),
            (False, DEVS),
            (False, BENS),
        ]
        assert comments[0]["tombstone"] and comments[0]["author"]["name"] != "María López"
        assert comments[1]["reply_to"] == comments[0]["id"]
        discord_now = {m["id"]: m for m in await stack.discord_thread_messages(thread)}
        assert not discord_now[devs["id"]]["deleted"]
        assert [BENS in c["content"] for c in await stack.discord_copies(thread)] == [True]

        # Her words leave the quotes in others' copies too; nothing was relayed twice.
        async def requoted() -> list[str]:
            copies = [c for c in await stack.slack_copies(ts) if not c.get("deleted")]
            texts = [str(c["text"]) for c in copies]
            return texts if not any("María" in t for t in texts) else []

        [devs_now] = await eventually(requoted)
        assert DEVS in devs_now and HERS not in devs_now
        assert "Replying to a deleted comment" in devs_now
        assert len([c for c in await stack.slack_copies(ts) if DEVS in c["text"]]) == 1
        assert len([c for c in await stack.discord_copies(thread) if BENS in c["content"]]) == 1
        page = await _article_page(stack)
        assert HERS not in page and "María López" not in page
        assert DEVS in page and BENS in page

        # A reader's page open all along hears of it (through the bot, which deleted her
        # message on Discord: the command line's own events stay in its process).
        async def tombstone_sent() -> bool:
            return any(f'"id":{comments[0]["id"]},' in e and "erased" in e for e in seen)

        await eventually(tombstone_sent)
        events.cancel()

        # The audit log says who erased whom.
        assert stack.sandbox.app is not None
        operator = Moderator(WEB, "cli:audit-reader", "Auditor", rooms=None)
        entries = await audit_log(stack.sandbox.app.ctx, operator)
        [entry] = [e for e in entries if e.action == "erase"]
        assert (entry.moderator_name, entry.target) == ("Night desk", f"discord:{maria_id}")
        assert entry.detail == "1 comment"


async def _live_events(stack: Stack, url: str, into: list[str]) -> None:
    """Read an article's live stream as a reader's page does, keeping each event's data."""
    timeout = aiohttp.ClientTimeout(total=None, sock_read=None)
    async with stack.http.get(url, timeout=timeout) as stream:
        async for line in stream.content:
            if line.startswith(b"data: "):
                into.append(line[6:].decode())


async def _stream_open(stack: Stack) -> None:
    async def connected() -> bool:
        async with stack.http.get(f"{stack.sandbox.web_url}/healthz") as health:
            return bool((await health.json())["live_streams"])

    await eventually(connected)


async def _article_url(stack: Stack) -> str:
    web = stack.sandbox.web_url
    articles = await stack.call("GET", f"{web}/api/articles")
    return f"{web}/a/{articles['articles'][0]['id']}"


async def _article_page(stack: Stack) -> str:
    async with stack.http.get(await _article_url(stack)) as page:
        assert page.status == 200
        return await page.text()
