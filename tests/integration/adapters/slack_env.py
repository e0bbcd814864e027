"""A briefbot Slack side against the Slack emulator: real slack-bolt and slack_sdk, a real
SqliteStore, a real SafeFetcher and a local article page, wired as production wires them.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

import storage
from adapters.slack import messages as slack_messages
from adapters.slack.platform import SLACK
from adapters.slack.runner import SlackRunner
from bot.bootstrap import build_context, build_fetcher, build_worker, open_configured_store
from bot.config import Settings
from bot.domain.model import Comment, Thread
from bot.ports.store import Store
from bot.services.context import Context
from emulators.slack import RateLimitSettings, SlackEmulator
from tests.app import isolated_settings
from tests.eventually import eventually

NO_LIMITS = RateLimitSettings(enabled=False)

ARTICLE_PATH = "/local/2026/03/harbour-ferry-timetable.html"
ARTICLE_TITLE = "Harbour ferry adds evening crossings after commuter petition"
ARTICLE_HTML = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{ARTICLE_TITLE} | Eastbay Courier</title>
<meta property="og:site_name" content="Eastbay Courier">
<meta property="article:published_time" content="2026-03-02T08:00:00Z"></head>
<body><article><h1>{ARTICLE_TITLE}</h1>
<p>The Eastbay harbour ferry will run four extra evening crossings from 16 March, the port
authority said on Monday, after a petition signed by 2,300 commuters.</p>
<p>The last boat currently leaves the north pier at 7.15pm, which riders say strands people
who work late shifts at the hospital and the container terminal.</p>
<p>The new timetable adds departures at 8pm, 9pm, 10pm and 11pm. Each crossing takes about
25 minutes and single fares stay at $3.50.</p>
<p>The authority estimates the extra sailings will cost $410,000 a year, paid partly by a
regional transport grant and partly by a small rise in parking charges at the pier.</p>
<p>"We heard the petition loud and clear," said harbour master Ines Okonkwo. "If the late
boats are busy, we will keep them beyond the six-month trial."</p>
<p>Riders will be asked for feedback in a survey at the end of the summer.</p>
</article></body></html>"""


class Control:
    """A small client of the emulator's ``/_control/`` API."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session

    async def call(self, verb: str, path: str, body: dict[str, Any] | None = None) -> Any:
        async with self.session.request(verb, f"/_control/{path}", json=body) as resp:
            data = await resp.json()
            data["_status"] = resp.status
            return data

    async def get(self, path: str) -> Any:
        return await self.call("GET", path)

    async def post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        return await self.call("POST", path, body or {})

    async def thread(self, channel: str, thread_ts: str) -> list[dict[str, Any]]:
        listing = await self.get(f"channels/{channel}/messages?thread_ts={thread_ts}")
        messages: list[dict[str, Any]] = listing["messages"]
        return messages

    async def top_level(self, channel: str) -> list[dict[str, Any]]:
        messages: list[dict[str, Any]] = (await self.get(f"channels/{channel}/messages"))[
            "messages"
        ]
        return messages

    async def command(self, command: str, text: str, channel: str, user: str) -> str:
        answer = await self.post(
            "commands", {"command": command, "text": text, "channel": channel, "user": user}
        )
        assert answer["ok"], answer
        return str(answer["id"])

    async def finished(self, command_id: str, seconds: float = 15.0) -> dict[str, Any]:
        """The command record once ``respond()`` has given its answer.

        ``record["answers"]`` are the ``response_url`` posts other than the progress message.
        """
        record: dict[str, Any] = {}

        async def answered() -> bool:
            nonlocal record
            record = await self.get(f"commands/{command_id}")
            record["answers"] = [
                r for r in record.get("responses", []) if r.get("text") != slack_messages.WORKING
            ]
            return bool(record["answers"] or record.get("errors"))

        await eventually(answered, seconds)
        return record

    async def reply(self, channel: str, user: str, text: str, thread_ts: str | None) -> str:
        body: dict[str, Any] = {"channel": channel, "user": user, "text": text}
        if thread_ts:
            body["thread_ts"] = thread_ts
        answer = await self.post("messages", body)
        assert answer["ok"], answer
        return str(answer["message"]["ts"])


@dataclass
class SlackEnv:
    emu: SlackEmulator
    control: Control
    store: Store
    store_url: str
    ctx: Context
    article_base: str
    settings: Settings
    runner: SlackRunner | None = None
    tasks: list[asyncio.Task[None]] = field(default_factory=list)

    @property
    def article_url(self) -> str:
        return self.article_base + ARTICLE_PATH

    @property
    def news(self) -> str:
        return self.emu.channel_id("news")

    def new_runner(self, **kw: Any) -> SlackRunner:
        runner = SlackRunner(
            self.ctx,
            self.emu.bot_token,
            api_url=self.emu.api_url,
            connect_timeout=5,
            **({"app_token": self.emu.app_token} | kw),
        )
        self.runner = runner
        self.ctx.platforms = {SLACK: runner.chat}
        return runner

    def start_worker(self) -> None:
        assert self.runner is not None
        worker = build_worker(self.settings, self.ctx, self.runner.chat)
        self.tasks.append(asyncio.create_task(worker.run()))

    async def stop_workers(self) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        self.tasks.clear()

    async def restart(self) -> None:
        """Stop everything and open the store afresh, as a new bot process would."""
        await self.stop_workers()
        if self.runner is not None:
            await self.runner.stop()
            self.runner = None
        await self.store.close()
        self.store = storage.open_store(self.store_url)
        await self.store.open()
        self.ctx = build_context(self.settings, self.store, self.ctx.fetcher)

    async def threads(self) -> list[Thread]:
        async with self.store.transaction() as tx:
            return await tx.discussions.list_threads(SLACK)

    async def comments(self, thread: Thread) -> list[Comment]:
        async with self.store.transaction() as tx:
            found = await tx.comments.list_for_discussion(thread.discussion_id)
        return [c for c in found if c.thread_id == thread.id]

    async def settle(self, seconds: float = 15.0) -> None:
        async def idle() -> bool:
            async with self.store.transaction() as tx:
                counts = await tx.outbox.counts()
            return counts.get("claimed", 0) == 0 and not await self._due_slack()

        await eventually(idle, seconds)

    async def _due_slack(self) -> bool:
        async with self.store.transaction() as tx:
            return await tx.outbox.next_due(frozenset({SLACK})) is not None

    async def brief(self) -> Thread:
        """Run ``/brief`` in #news as Ana and return the discussion's Slack thread."""
        command_id = await self.control.command("/brief", self.article_url, "news", "ana")
        record = await self.control.finished(command_id)
        assert record["answers"], record
        threads = await self.threads()
        assert len(threads) == 1
        return threads[0]


async def _article_server() -> tuple[web.AppRunner, str]:
    async def article(request: web.Request) -> web.Response:
        return web.Response(text=ARTICLE_HTML, content_type="text/html")

    app = web.Application()
    app.router.add_get(ARTICLE_PATH, article)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    return runner, f"http://127.0.0.1:{port}"


@asynccontextmanager
async def slack_env(tmp_path: Path, **emulator: Any) -> AsyncIterator[SlackEnv]:
    settings: dict[str, Any] = {"rate_limits": NO_LIMITS, **emulator}
    pages, base = await _article_server()
    store_url = f"sqlite:///{tmp_path}/t.sqlite3"
    config = isolated_settings(
        database_url=store_url, fetch_allow=["127.0.0.1"], brief_wait_seconds=10
    )
    store = await open_configured_store(config)
    ctx = build_context(config, store, build_fetcher(config))
    env: SlackEnv | None = None
    try:
        async with (
            SlackEmulator(**settings) as emu,
            aiohttp.ClientSession(base_url=emu.base_url) as session,
        ):
            env = SlackEnv(emu, Control(session), store, store_url, ctx, base, config)
            try:
                yield env
            finally:
                await env.stop_workers()
                if env.runner is not None:
                    await env.runner.stop()
    finally:
        await (env.store if env is not None else store).close()
        await pages.cleanup()
