"""A world for the Discord adapter tests: emulator, real store, fetcher, article site, bot.

Everything runs on 127.0.0.1: the Discord emulator (driven through its control API, as a
person would act), an aiohttp server with one invented local-news article, a SqliteStore
in a temporary directory, and the real discord.py client inside :class:`DiscordRunner`.
"""

from __future__ import annotations

import asyncio
import warnings
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK

with warnings.catch_warnings():
    # discord.py imports the deprecated ``audioop`` module (voice support) on Python 3.11.
    warnings.simplefilter("ignore", DeprecationWarning)
    import discord  # noqa: F401

from adapters.discord.errors import INTENT_REFUSED, DiscordStartError
from adapters.discord.runner import DiscordRunner
from bot.bootstrap import build_context, build_fetcher, build_worker, open_configured_store
from bot.config import Settings
from bot.domain.model import Comment, Thread
from bot.ports.store import Store
from bot.services.context import Context
from emulators.discord import DiscordEmulator, RateLimitConfig
from tests.app import isolated_settings
from tests.eventually import eventually

__all__ = [
    "INTENT_REFUSED",
    "DiscordRunner",
    "DiscordStartError",
    "World",
    "discord_world",
]

ARTICLE_HTML = """<!doctype html><html lang="en"><head>
<title>Harbour Road library to reopen after flood repairs | Eastbrook Courier</title>
<meta property="og:site_name" content="Eastbrook Courier">
<meta property="article:published_time" content="2026-02-11T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article>
<h1>Harbour Road library to reopen after flood repairs</h1>
<p>The Harbour Road library will reopen on 2 March, five months after autumn floods
soaked its ground floor, the town council said on Wednesday.</p>
<p>Repairs cost £380,000, with 70 percent paid by the council's insurer and the rest
from a reserve fund set aside for emergencies.</p>
<p>Volunteers dried and sorted more than 12,000 books in a borrowed school gym; about
1,400 could not be saved and have been replaced with donations from readers.</p>
<p>The children's room moves upstairs, away from the river, and new flood barriers
will be fitted to the two street doors before next winter.</p>
<p>"People missed the place more than we expected," said librarian Ruth Adeyemi, who
counted 260 visitors a day before the flood. "The homework club asked every week."</p>
<p>Opening hours stay the same, and the council says the mobile library van will keep
its Tuesday stop at Mill Lane until the end of March.</p>
</article><footer>© Eastbrook Courier</footer></body></html>"""

NOT_AN_ARTICLE_HTML = """<!doctype html><html><head><title>Login</title></head>
<body><form><input name="user"><input name="password" type="password"></form></body></html>"""


@asynccontextmanager
async def article_site() -> AsyncIterator[str]:
    """Serve the article at /news/library, a form at /login and 404 elsewhere."""

    async def article(_: web.Request) -> web.Response:
        return web.Response(text=ARTICLE_HTML, content_type="text/html")

    async def login(_: web.Request) -> web.Response:
        return web.Response(text=NOT_AN_ARTICLE_HTML, content_type="text/html")

    app = web.Application()
    app.router.add_get("/news/library", article)
    app.router.add_get("/login", login)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


@dataclass
class Control:
    """The emulator's control API over HTTP: act as people, look at what they see."""

    http: aiohttp.ClientSession
    base: str

    async def call(self, method: str, path: str, body: Any = None) -> Any:
        async with self.http.request(method, f"{self.base}{path}", json=body) as response:
            data = await response.json()
            assert response.status < 300, (response.status, data)
            return data

    async def state(self) -> dict[str, Any]:
        data: dict[str, Any] = await self.call("GET", "/state")
        return data

    async def user_id(self, username: str) -> str:
        users = (await self.state())["users"]
        return str(next(u["id"] for u in users if u["username"] == username))

    async def say(self, channel: str, user: str, content: str, **extra: Any) -> str:
        body = {"channel_id": channel, "user_id": user, "content": content, **extra}
        message = await self.call("POST", "/messages", body)
        return str(message["id"])

    async def edit(self, channel: str, message_id: str, content: str) -> None:
        await self.call("PATCH", f"/messages/{channel}/{message_id}", {"content": content})

    async def delete(self, channel: str, message_id: str) -> None:
        await self.call("DELETE", f"/messages/{channel}/{message_id}")

    async def messages(self, channel: str, *, public: bool = False) -> list[dict[str, Any]]:
        """Messages of a channel, tombstones included; ``public`` leaves out ephemeral ones."""
        data = await self.call("GET", f"/channels/{channel}/messages")
        return [m for m in data["messages"] if not (public and m["ephemeral"])]

    async def channel(self, channel: str) -> dict[str, Any]:
        data: dict[str, Any] = await self.call("GET", f"/channels/{channel}")
        return data

    async def patch_channel(self, channel: str, **body: Any) -> None:
        await self.call("PATCH", f"/channels/{channel}", body)

    async def command(
        self, name: str, channel: str, user: str, options: dict[str, Any], within: float = 15
    ) -> dict[str, Any]:
        """Run a slash command and wait until its (deferred) answer is filled in."""
        body = {"name": name, "channel_id": channel, "user_id": user, "options": options}
        return await self._answered(body, within)

    async def menu(
        self, name: str, channel: str, user: str, message_id: str, within: float = 15
    ) -> dict[str, Any]:
        """Run a message context-menu command on ``message_id``; wait for its answer."""
        body = {
            "name": name,
            "type": 3,
            "target_id": message_id,
            "channel_id": channel,
            "user_id": user,
        }
        return await self._answered(body, within)

    async def _answered(self, body: dict[str, Any], within: float) -> dict[str, Any]:
        started = await self.call("POST", "/commands", body)
        async with asyncio.timeout(within):
            while True:
                view: dict[str, Any] = await self.call("GET", f"/commands/{started['id']}")
                if view["acknowledged"] and not view["thinking"]:
                    return view
                await asyncio.sleep(0.05)


@dataclass
class World:
    emu: DiscordEmulator
    control: Control
    store: Store
    ctx: Context
    site: str
    settings: Settings
    runner: DiscordRunner | None = None
    tasks: list[asyncio.Task[None]] = field(default_factory=list)

    @property
    def article_url(self) -> str:
        return f"{self.site}/news/library"

    async def start_bot(self, **options: Any) -> DiscordRunner:
        guild_id = (await self.control.state())["guild_id"]
        runner = DiscordRunner(
            self.ctx,
            self.emu.bot_token,
            api_base=self.emu.api_base,
            gateway_url=self.emu.gateway_url,
            guild_ids=[guild_id],
            ready_timeout=10,
            guild_ready_timeout=0.1,
            **options,
        )
        await runner.start()
        self.runner = runner
        self.ctx.platforms[DISCORD] = runner.chat
        worker = build_worker(self.settings, self.ctx, runner.chat)
        self.tasks.append(asyncio.create_task(worker.run()))
        return runner

    async def brief(self, channel: str = "news", user: str = "editor.riverside") -> str:
        """Brief the article in ``channel``; returns the discussion thread's id."""
        await self.control.command("brief", channel, user, {"url": self.article_url})
        [brief] = [m for m in await self.control.messages(channel) if m["thread_id"]]
        return str(brief["thread_id"])

    async def slack_thread(self, discord_thread: Thread) -> Thread:
        """Link a Slack channel into the room and give the discussion a Slack thread there.

        No Slack side runs in these tests: comments "from Slack" go straight to the core.
        """
        now = self.ctx.clock()
        async with self.store.transaction() as tx:
            here = await tx.places.get(discord_thread.place_id)
            slack = await tx.places.ensure(SLACK, "T1", "CNEWS", "news")
            await tx.places.link(here.id, slack.id)
            thread = await tx.discussions.add_thread(
                discord_thread.discussion_id, slack.id, "CNEWS/1770800000.000100", "1", now
            )
            await tx.commit()
        return thread

    async def stop_bot(self) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        self.tasks.clear()
        if self.runner is not None:
            await self.runner.stop()
            self.runner = None

    async def threads(self) -> list[Thread]:
        async with self.store.transaction() as tx:
            return await tx.discussions.list_threads(DISCORD)

    async def comments(self, thread: Thread) -> list[Comment]:
        async with self.store.transaction() as tx:
            comments = await tx.comments.list_for_discussion(thread.discussion_id)
        return [c for c in comments if c.thread_id == thread.id]

    async def settle(self, within: float = 5.0) -> None:
        """Wait until the outbox has nothing pending or claimed."""

        async def idle() -> bool:
            async with self.store.transaction() as tx:
                counts = await tx.outbox.counts()
            return counts.get("pending", 0) + counts.get("claimed", 0) == 0

        await eventually(idle, within)


@asynccontextmanager
async def discord_world(
    tmp_path: Path, settings: dict[str, Any] | None = None, **emulator: Any
) -> AsyncIterator[World]:
    """``emulator`` are EmulatorConfig fields; ``settings`` overrides Settings fields. The
    Message Content intent is switched on in the portal unless
    ``allow_privileged_intents=False`` (the emulator's default) is given."""
    emulator.setdefault("allow_privileged_intents", True)
    config = isolated_settings(
        database_url=f"sqlite:///{tmp_path}/t.sqlite3",
        fetch_allow=["127.0.0.1"],
        fetch_timeout_seconds=5,
        brief_wait_seconds=10,
        **(settings or {}),
    )
    store = await open_configured_store(config)
    async with (
        article_site() as site,
        DiscordEmulator(rate_limits=RateLimitConfig.disabled(), **emulator) as emu,
        aiohttp.ClientSession() as http,
    ):
        ctx = build_context(config, store, build_fetcher(config))
        world = World(emu, Control(http, emu.control_url), store, ctx, site, config)
        try:
            yield world
        finally:
            await world.stop_bot()
            await store.close()
