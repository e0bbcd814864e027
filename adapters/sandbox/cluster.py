"""``make cluster``: briefbot as several processes on one PostgreSQL, against the emulators.

``python -m adapters.sandbox.cluster`` starts the Discord and Slack emulators (in this
process), links their ``#news`` channels in the database, then five ``briefbot run``
processes: one ``gateway``, two ``workers`` and two ``web`` servers on distinct ports. Each
child's log lines are printed with its name. Ctrl-C stops them all.

``--check`` starts everything, then proves the cluster works end to end and stops: a
``/brief`` typed in Discord (received by the gateway process) is posted on both platforms
by a worker; a comment posted through web server 2 appears on web server 1's live stream
and is copied to Discord and Slack; exactly one gateway connection is open throughout.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import aiohttp
import asyncpg
from aiohttp import web

from adapters.discord.platform import DISCORD
from adapters.sandbox.bot_env import bot_env
from adapters.sandbox.network import choose_port, free_port
from adapters.slack.platform import SLACK
from emulators.discord import DiscordEmulator
from emulators.slack import RateLimitSettings, SlackEmulator
from storage import open_store

__all__ = ["main"]

T = TypeVar("T")
ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "adapters" / "sandbox" / "samples" / "bus-routes.html"
DEFAULT_DSN = "postgresql://postgres@127.0.0.1:5432/test"


@dataclass
class Child:
    """One ``briefbot run`` process."""

    name: str
    roles: str
    env: dict[str, str]
    process: asyncio.subprocess.Process | None = None
    lines: list[str] = field(default_factory=list)
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    _drain: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            "from bot.cli import main; main()",
            "run",
            "--roles",
            self.roles,
            env=self.env,
            cwd=ROOT,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        self._drain = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.process is not None and self.process.stderr is not None
        while raw := await self.process.stderr.readline():
            line = raw.decode(errors="replace").rstrip()
            self.lines.append(line)
            print(f"[{self.name:9}] {line}", flush=True)
            if "briefbot is running" in line:
                self.ready.set()
        self.ready.set()  # it exited: whoever waits finds out

    async def stop(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                async with asyncio.timeout(15):
                    await self.process.wait()
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        if self._drain is not None:
            await self._drain


def _children(env: dict[str, str], web_ports: tuple[int, int]) -> list[Child]:
    """The cluster: what each process runs and what its environment adds."""
    return [
        Child("gateway", "gateway", {**env, "WORKER_NAME": "gateway"}),
        Child("workers-1", "workers", {**env, "WORKER_NAME": "workers-1"}),
        Child("workers-2", "workers", {**env, "WORKER_NAME": "workers-2"}),
        Child("web-1", "web", {**env, "WEB_PORT": str(web_ports[0]), "WORKER_NAME": "web-1"}),
        Child("web-2", "web", {**env, "WEB_PORT": str(web_ports[1]), "WORKER_NAME": "web-2"}),
    ]


async def _prepare_database(dsn: str, schema: str) -> str:
    """The schema made afresh (the emulators start afresh too); the URL every process uses."""
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        await conn.execute(f'CREATE SCHEMA "{schema}"')
    finally:
        await conn.close()
    return f"{dsn}{'&' if '?' in dsn else '?'}search_path={schema}"


@dataclass(frozen=True)
class Seeded:
    """Where the emulators' ``#news`` channels are."""

    guild_id: str
    discord_news: str
    team_id: str
    slack_news: str


async def _link_news(database_url: str, discord: DiscordEmulator, slack: SlackEmulator) -> Seeded:
    async with aiohttp.ClientSession() as http:
        dstate = await _json(http, "GET", f"{discord.control_url}/state")
        sstate = await _json(http, "GET", f"{slack.control_url}/state")
    seeded = Seeded(
        str(dstate["guild_id"]),
        str(dstate["channels"]["news"]),
        str(sstate["team_id"]),
        str(sstate["channels"]["news"]),
    )
    store = open_store(database_url)
    await store.open()
    try:
        async with store.transaction() as tx:
            a = await tx.places.ensure(DISCORD, seeded.guild_id, seeded.discord_news, "news")
            b = await tx.places.ensure(SLACK, seeded.team_id, seeded.slack_news, "news")
            await tx.places.link(a.id, b.id)
            await tx.commit()
    finally:
        await store.close()
    return seeded


@asynccontextmanager
async def _article_site() -> AsyncIterator[str]:
    """One local article for ``--check``'s /brief."""

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


async def _eventually(check: Callable[[], Awaitable[T]], within: float) -> T:
    async with asyncio.timeout(within):
        while True:
            if found := await check():
                return found
            await asyncio.sleep(0.05)


async def _json(http: aiohttp.ClientSession, method: str, url: str, body: Any = None) -> Any:
    async with http.request(method, url, json=body) as response:
        data = await response.json()
        if response.status >= 300:
            raise RuntimeError(f"{method} {url}: {response.status} {data}")
        return data


async def _gateways(http: aiohttp.ClientSession, discord: DiscordEmulator) -> int:
    stats = await _json(http, "GET", f"{discord.control_url}/stats")
    return int(stats["gateway"]["open"])


async def _next_comment(stream: aiohttp.ClientResponse) -> dict[str, Any]:
    buffer = ""
    while True:
        buffer += (await stream.content.readany()).decode()
        while "\n\n" in buffer:
            frame, buffer = buffer.split("\n\n", 1)
            lines = dict(line.split(": ", 1) for line in frame.splitlines() if ": " in line)
            if lines.get("event") == "comment":
                return dict(json.loads(lines["data"]))


async def _check(
    discord: DiscordEmulator,
    slack: SlackEmulator,
    seeded: Seeded,
    web_urls: tuple[str, str],
    article: str,
) -> None:
    """The end-to-end proof behind ``--check`` (raises on any failure)."""
    news_d, news_s = seeded.discord_news, seeded.slack_news
    async with aiohttp.ClientSession() as http:
        await _eventually(lambda: _gateways(http, discord), 30)
        assert await _gateways(http, discord) == 1, "not exactly one gateway connection"
        body = {
            "name": "brief",
            "options": {"url": article},
            "channel_id": news_d,
            "user_id": "maria.lopez",
        }
        interaction = await _json(http, "POST", f"{discord.control_url}/commands", body)

        async def discord_thread() -> str | None:
            data = await _json(http, "GET", f"{discord.control_url}/channels/{news_d}/messages")
            return next((m["thread_id"] for m in data["messages"] if m["thread_id"]), None)

        async def slack_brief() -> str | None:
            data = await _json(http, "GET", f"{slack.control_url}/channels/{news_s}/messages")
            return next((m["ts"] for m in data["messages"] if m.get("bot_id")), None)

        thread = await _eventually(discord_thread, 30)
        ts = await _eventually(slack_brief, 30)
        seen_by_user = await _json(
            http, "GET", f"{discord.control_url}/commands/{interaction['id']}"
        )
        stats = await _json(http, "GET", f"{discord.control_url}/stats")
        assert seen_by_user["acknowledged"], "/brief was not answered"
        # A second answer would be refused with 400 ("already acknowledged").
        assert "400" not in stats["statuses"], f"Discord refused calls: {stats['statuses']}"
        print("check: /brief answered once by the gateway, posted on Discord and Slack")

        articles = await _json(http, "GET", f"{web_urls[0]}/api/articles")
        article_id = articles["articles"][0]["id"]
        page = await _json(http, "GET", f"{web_urls[0]}/api/articles/{article_id}")
        discussion_id = page["discussions"][0]["id"]
        stream = await http.get(f"{web_urls[0]}/a/{article_id}/events")
        await asyncio.sleep(0.2)
        started = time.perf_counter()
        url = f"{web_urls[1]}/api/discussions/{discussion_id}/comments"
        posted = await _json(http, "POST", url, {"name": "Ines", "text": "Ferry back at nine"})
        async with asyncio.timeout(1.0):
            event = await _next_comment(stream)
        seen = time.perf_counter() - started
        stream.close()
        assert event["id"] == posted["id"], "web-1 did not show web-2's comment"
        assert event["action"] == "posted", f"web-1 shows it as {event['action']}"

        async def copied() -> bool:
            d = await _json(http, "GET", f"{discord.control_url}/channels/{thread}/messages")
            s = await _json(
                http,
                "GET",
                f"{slack.control_url}/channels/{news_s}/messages?thread_ts={ts}",
            )
            texts = [m.get("content", "") for m in d["messages"]] + [
                m.get("text", "") for m in s["messages"]
            ]
            return sum("Ferry back at nine" in t for t in texts) >= 2

        await _eventually(copied, 10)
        copies = time.perf_counter() - started
        assert await _gateways(http, discord) == 1, "not exactly one gateway connection"
        print(
            f"check: a comment posted through web-2 was on web-1's live stream after "
            f"{seen * 1000:.0f} ms and copied to Discord and Slack after {copies * 1000:.0f} ms"
        )


async def run_cluster(args: argparse.Namespace) -> int:
    discord = DiscordEmulator(
        "127.0.0.1", choose_port("127.0.0.1", args.discord_port), allow_privileged_intents=True
    )
    slack = SlackEmulator(
        "127.0.0.1",
        choose_port("127.0.0.1", args.slack_port),
        rate_limits=RateLimitSettings(enabled=True),
    )
    children: list[Child] = []
    await discord.start()
    await slack.start()
    try:
        database_url = await _prepare_database(args.database_url, args.schema)
        seeded = await _link_news(database_url, discord, slack)
        first = choose_port("127.0.0.1", args.web_ports[0])
        web_ports = (first, choose_port("127.0.0.1", args.web_ports[1]))
        async with _article_site() as article:
            env = bot_env(
                database_url,
                discord,
                slack,
                guild=seeded.guild_id,
                # the shell's moderation, brief and feed settings still apply here
                keep_out=("DISCORD_", "SLACK_", "WEB_", "FETCH_", "DATABASE_"),
                FETCH_ALLOW="127.0.0.1",
                LOG_LEVEL="INFO",
            )
            if args.check:  # its web comment is copied at once, not held as a first one
                env["MOD_HOLD_FIRST_WEB"] = "false"
            children = _children(env, web_ports)
            for child in children:
                await child.start()
            async with asyncio.timeout(60):
                for child in children:
                    await child.ready.wait()
            failed = [c.name for c in children if c.process and c.process.returncode is not None]
            if failed:
                print(f"cluster: {', '.join(failed)} exited; see the lines above.")
                return 1
            web_urls = (f"http://127.0.0.1:{web_ports[0]}", f"http://127.0.0.1:{web_ports[1]}")
            print(
                f"cluster: gateway, workers-1, workers-2, web-1 {web_urls[0]}/, "
                f"web-2 {web_urls[1]}/ on {args.schema}; Discord emulator "
                f"{discord.control_url}, Slack emulator {slack.control_url}",
                flush=True,
            )
            if args.check:
                await _check(discord, slack, seeded, web_urls, article)
                print("cluster: check passed")
                return 0
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(sig, stop.set)
            print("cluster: press Ctrl-C to stop.", flush=True)
            await stop.wait()
            return 0
    finally:
        for child in reversed(children):
            with contextlib.suppress(Exception):
                await child.stop()
        await slack.stop()
        await discord.stop()


def _ports(text: str) -> tuple[int, int]:
    first, second = (int(part) for part in text.split(","))
    return first, second


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--database-url", default=os.environ.get("CLUSTER_DATABASE_URL", DEFAULT_DSN)
    )
    parser.add_argument("--schema", default="briefbot_cluster")
    parser.add_argument("--web-ports", type=_ports, default=(8090, 8091), metavar="P1,P2")
    parser.add_argument("--discord-port", type=int, default=8081)
    parser.add_argument("--slack-port", type=int, default=8082)
    parser.add_argument("--check", action="store_true", help="prove it works, then stop")
    args = parser.parse_args(argv)
    sys.exit(asyncio.run(run_cluster(args)))


if __name__ == "__main__":
    main()
