"""SIGKILL of the bot in the middle of a burst of 200 comments, then a restart.

The bot runs as its own process (``briefbot run``, the production entry point) against
both emulators; comments keep arriving while it is dead. After the restart every comment
must be present exactly once on every platform, in order per thread.
"""

from __future__ import annotations

import asyncio
import signal
import sys
import warnings
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web

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
from tests.eventually import eventually

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "adapters" / "sandbox" / "samples" / "bus-routes.html"
COMMENTS = 200
KILL_AFTER = 70


@asynccontextmanager
async def article_site() -> AsyncIterator[str]:
    async def page(_: web.Request) -> web.Response:
        return web.Response(text=SAMPLE.read_text(encoding="utf-8"), content_type="text/html")

    app = web.Application()
    app.router.add_get("/bus-routes", page)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port("127.0.0.1")
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield f"http://127.0.0.1:{port}/bus-routes"
    finally:
        await runner.cleanup()


class Bot:
    """``briefbot run`` in a child process, configured through its environment only."""

    def __init__(self, env: dict[str, str], cwd: Path) -> None:
        self.env, self.cwd = env, cwd
        self.process: asyncio.subprocess.Process | None = None
        self.log: list[str] = []
        self._drainer: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            "from bot.cli import main; main()",
            "run",
            env=self.env,
            cwd=self.cwd,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        assert self.process.stderr is not None
        async with asyncio.timeout(30):
            while True:
                line = (await self.process.stderr.readline()).decode()
                assert line, "briefbot run exited:\n" + "".join(self.log)
                self.log.append(line)
                if "briefbot is running on" in line:
                    break
        self._drainer = asyncio.create_task(self._drain())

    async def _drain(self) -> None:
        assert self.process is not None and self.process.stderr is not None
        while line := await self.process.stderr.readline():
            self.log.append(line.decode())

    async def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        await self.process.wait()

    async def stop(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            async with asyncio.timeout(15):
                await self.process.wait()


async def json_call(http: aiohttp.ClientSession, method: str, url: str, body: Any = None) -> Any:
    async with http.request(method, url, json=body) as response:
        data = await response.json()
        assert response.status < 300, (response.status, data)
        return data


async def test_sigkill_mid_burst_then_restart_loses_and_duplicates_nothing(
    tmp_path: Path,
) -> None:
    discord_emu = DiscordEmulator(
        rate_limits=RateLimitConfig.disabled(), allow_privileged_intents=True
    )
    slack_emu = SlackEmulator(rate_limits=RateLimitSettings(enabled=False))
    await discord_emu.start()
    await slack_emu.start()
    database = f"sqlite:///{tmp_path}/crash.sqlite3"
    bot: Bot | None = None
    try:
        async with aiohttp.ClientSession() as http, article_site() as article:
            dstate = await json_call(http, "GET", f"{discord_emu.control_url}/state")
            sstate = await json_call(http, "GET", f"{slack_emu.control_url}/state")
            guild, dnews = dstate["guild_id"], dstate["channels"]["news"]
            team, snews = sstate["team_id"], sstate["channels"]["news"]

            store = open_store(database)
            await store.open()
            async with store.transaction() as tx:
                a = await tx.places.ensure(DISCORD, guild, dnews, "news")
                b = await tx.places.ensure(SLACK, team, snews, "news")
                await tx.places.link(a.id, b.id)
                await tx.commit()
            await store.close()

            env = bot_env(
                database,
                discord_emu,
                slack_emu,
                guild=guild,
                # The emulator's limits are off (200 comments in one thread): no pace either.
                SLACK_PACING="false",
                FETCH_ALLOW="127.0.0.1",
                WEB_PORT=str(free_port("127.0.0.1")),
                BRIEF_COOLDOWN_SECONDS="0",
                MOD_BURST="0/60",  # a burst from one author is what this test sends
            )
            bot = Bot(env, tmp_path)
            await bot.start()

            body = {
                "name": "brief",
                "options": {"url": article},
                "channel_id": dnews,
                "user_id": "maria.lopez",
            }
            await json_call(http, "POST", f"{discord_emu.control_url}/commands", body)

            async def discord_thread() -> str | None:
                data = await json_call(
                    http, "GET", f"{discord_emu.control_url}/channels/{dnews}/messages"
                )
                return next((m["thread_id"] for m in data["messages"] if m["thread_id"]), None)

            async def slack_ts() -> str | None:
                data = await json_call(
                    http, "GET", f"{slack_emu.control_url}/channels/{snews}/messages"
                )
                return next((m["ts"] for m in data["messages"] if m.get("bot_id")), None)

            thread = await eventually(discord_thread)
            ts = await eventually(slack_ts)

            sent: dict[str, list[str]] = {"discord": [], "slack": []}
            for n in range(COMMENTS):
                if n == KILL_AFTER:
                    await bot.kill()  # mid-burst, with deliveries in flight
                if n % 2 == 0:
                    text = f"comment {n:03d} from Discord"
                    await json_call(
                        http,
                        "POST",
                        f"{discord_emu.control_url}/messages",
                        {"channel_id": thread, "user_id": "maria.lopez", "content": text},
                    )
                    sent["discord"].append(text)
                else:
                    text = f"comment {n:03d} from Slack"
                    await json_call(
                        http,
                        "POST",
                        f"{slack_emu.control_url}/messages",
                        {"channel": snews, "user": "U0ANA000001", "text": text, "thread_ts": ts},
                    )
                    sent["slack"].append(text)
                await asyncio.sleep(0.01)
            bot = Bot(env, tmp_path)
            await bot.start()

            async def copies() -> tuple[list[str], list[str]]:
                d = await json_call(
                    http, "GET", f"{discord_emu.control_url}/channels/{thread}/messages"
                )
                s = await json_call(
                    http,
                    "GET",
                    f"{slack_emu.control_url}/channels/{snews}/messages?thread_ts={ts}",
                )
                on_discord = [
                    m["content"] for m in d["messages"] if m["webhook_id"] and not m["deleted"]
                ]
                on_slack = [
                    m["text"]
                    for m in s["messages"]
                    if m.get("username") and m.get("bot_id") and not m["deleted"]
                ]
                return on_discord, on_slack

            async def all_copied() -> bool:
                on_discord, on_slack = await copies()
                return len(on_discord) >= len(sent["slack"]) and len(on_slack) >= len(
                    sent["discord"]
                )

            try:
                await eventually(all_copied, within=60)
                await asyncio.sleep(1.0)  # anything extra (a duplicate) would show up by now
            except TimeoutError:
                print("".join(bot.log[-80:]))  # shown by pytest when the asserts below fail
            on_discord, on_slack = await copies()
            assert on_discord == sent["slack"]  # each exactly once, in order
            assert on_slack == sent["discord"]
            await bot.stop()
            bot = None

            store = open_store(database)
            await store.open()
            async with store.transaction() as tx:
                comments = await tx.comments.list_for_discussion(1)
            await store.close()
            texts = [c.text for c in comments]
            assert sorted(texts) == sorted(sent["discord"] + sent["slack"])
            assert len(texts) == COMMENTS
            for platform in ("discord", "slack"):
                mine = [c.text for c in comments if c.author.platform.value == platform]
                assert mine == sent[platform]  # stored in the order written, per thread
    finally:
        if bot is not None:
            await bot.stop()
        await slack_emu.stop()
        await discord_emu.stop()
