"""SIGKILL of ``briefbot run`` in the middle of a feed poll, then a restart: the story is
posted once in each linked channel, never twice."""

from __future__ import annotations

import asyncio
import warnings
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # discord.py imports audioop
    import discord  # noqa: F401

from adapters.sandbox.bot_env import bot_env
from adapters.sandbox.network import free_port
from emulators.discord import DiscordEmulator, RateLimitConfig
from emulators.slack import RateLimitSettings, SlackEmulator
from storage import open_store
from tests.e2e.test_crash import Bot, json_call
from tests.eventually import eventually
from tests.feeds.server import newsroom

pytestmark = pytest.mark.slow


async def test_sigkill_during_a_poll_then_restart_posts_each_story_once(tmp_path: Path) -> None:
    discord_emu = DiscordEmulator(
        rate_limits=RateLimitConfig.disabled(), allow_privileged_intents=True
    )
    slack_emu = SlackEmulator(rate_limits=RateLimitSettings(enabled=False))
    await discord_emu.start()
    await slack_emu.start()
    database = f"sqlite:///{tmp_path}/feeds.sqlite3"
    bot: Bot | None = None
    try:
        async with aiohttp.ClientSession() as http, newsroom() as room:
            dstate = await json_call(http, "GET", f"{discord_emu.control_url}/state")
            sstate = await json_call(http, "GET", f"{slack_emu.control_url}/state")
            guild, dnews = dstate["guild_id"], dstate["channels"]["news"]
            team, snews = sstate["team_id"], sstate["channels"]["news"]
            first = room.publish()
            room.page_delay = 60.0  # the poll hangs on the article page until killed

            store = open_store(database)
            await store.open()
            async with store.transaction() as tx:
                a = await tx.places.ensure(DISCORD, guild, dnews, "news")
                b = await tx.places.ensure(SLACK, team, snews, "news")
                await tx.places.link(a.id, b.id)
                feed, _ = await tx.feeds.add(a.id, room.feed_url, 600, datetime.now(UTC))
                await tx.commit()

            env = bot_env(
                database,
                discord_emu,
                slack_emu,
                guild=guild,
                FETCH_ALLOW="127.0.0.1",
                WEB_PORT=str(free_port("127.0.0.1")),
                # The default 300 s lease: the restarted process takes its feeds back at
                # once (same WORKER_NAME), it does not wait for the lease to run out.
                WORKER_NAME="feeds-crash",
                FEED_POLL_SECONDS="0.5",
            )
            bot = Bot(env, tmp_path)
            await bot.start()

            async def fetching_page() -> bool:
                return room.hits[f"story/{first.n}"] > 0

            await eventually(fetching_page, 30)
            await bot.kill()  # mid-poll: the feed fetched, the story's page half-read

            room.page_delay = 0.0
            env["WEB_PORT"] = str(free_port("127.0.0.1"))
            bot = Bot(env, tmp_path)
            await bot.start()

            async def titles() -> tuple[list[str], list[str]]:
                d = await json_call(
                    http, "GET", f"{discord_emu.control_url}/channels/{dnews}/messages"
                )
                s = await json_call(
                    http, "GET", f"{slack_emu.control_url}/channels/{snews}/messages"
                )
                in_discord = [m["embeds"][0]["title"] for m in d["messages"] if m["embeds"]]
                in_slack = [
                    m["blocks"][0]["text"]["text"]
                    for m in s["messages"]
                    if m.get("blocks") and m.get("bot_id")
                ]
                return in_discord, in_slack

            async def posted(*wanted: str) -> Any:
                found = await titles()
                return found if all(t in found[0] and t in found[1] for t in wanted) else None

            await eventually(lambda: posted(first.title), 40)
            second = room.publish()
            async with store.transaction() as tx:
                await tx.feeds.set_paused(feed.id, None, datetime.now(UTC))  # due now
                await tx.commit()
            await eventually(lambda: posted(first.title, second.title), 40)
            await asyncio.sleep(2)  # more polls: 304s, nothing posted again
            in_discord, in_slack = await titles()
            assert in_discord.count(first.title) == 1 and in_slack.count(first.title) == 1
            assert in_discord.count(second.title) == 1 and in_slack.count(second.title) == 1
            await store.close()
    finally:
        if bot is not None:
            await bot.stop()
        await discord_emu.stop()
        await slack_emu.stop()
