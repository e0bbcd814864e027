"""Three ``briefbot run`` processes on one PostgreSQL schema, driven from all three places.

Every process has the roles ``gateway,workers,web``: the leases let one of them receive
from Discord (the gateway) and one from Slack (Socket Mode; Slack would otherwise hand a
thread's consecutive events to the three connections in turn, and two processes storing
them at once may swap them); all three deliver and serve the web page. Two articles are briefed
with ``/brief`` in Discord #news, linked to Slack #news, so each has a discussion on
Discord, Slack and the web. Then 300 comments arrive at once: 50 per discussion from each
place, Discord and Slack readers writing through the emulators, web readers through the
three web servers in turn. Every place must show every comment of its discussion exactly
once (lost 0, duplicated 0) and, for each place a comment came from, in the order it was
written there (out of order 0); each ``/brief`` is answered exactly once.

The emulators' rate limits and Slack pacing are off: the order and the counts are under
test here, not the limits (``benchmarks/sync.py --processes`` measures those).
"""

from __future__ import annotations

import asyncio
import itertools
import re
import secrets
import warnings
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # discord.py imports audioop
    import discord  # noqa: F401

from adapters.discord.platform import DISCORD
from adapters.sandbox.bot_env import bot_env
from adapters.sandbox.cluster import Child
from adapters.sandbox.network import free_port
from adapters.slack.platform import SLACK
from emulators.discord import DiscordEmulator, RateLimitConfig
from emulators.slack import RateLimitSettings, SlackEmulator
from storage import open_store
from tests.eventually import eventually
from tests.integration.storage.conftest import fresh_schema, postgres_dsn  # noqa: F401

pytestmark = [pytest.mark.slow, pytest.mark.timeout(150)]

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "adapters" / "sandbox" / "samples"
PER_PLACE = 50  # comments per discussion and place: 2 x 3 x 50 = 300
# Markdown conversions may escape the brackets on the way.
TAG = re.compile(r"\\?\[(discord|slack|web) (\d) (\d{3})\\?\]")
DISCORD_READERS = ("maria.lopez", "dev_okafor", "hannah.k")
SLACK_READERS = ("ana", "ben", "cara")


@dataclass
class Discussion:
    discord_thread: str
    slack_ts: str
    web_id: int


@asynccontextmanager
async def _articles() -> AsyncIterator[list[str]]:
    """Two local articles to brief."""
    pages = {"ferry": "river-cleanup.html", "library": "library-reopening.html"}

    async def page(request: web.Request) -> web.Response:
        text = (SAMPLES / pages[request.match_info["name"]]).read_text(encoding="utf-8")
        return web.Response(text=text, content_type="text/html")

    app = web.Application()
    app.router.add_get("/{name}", page)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    port = free_port("127.0.0.1")
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield [f"http://127.0.0.1:{port}/{name}" for name in pages]
    finally:
        await runner.cleanup()


async def _json(http: aiohttp.ClientSession, method: str, url: str, body: Any = None) -> Any:
    async with http.request(method, url, json=body) as response:
        data = await response.json()
        assert response.status < 300, (method, url, response.status, data)
        return data


@dataclass
class World:
    http: aiohttp.ClientSession
    discord: DiscordEmulator
    slack: SlackEmulator
    discord_news: str
    slack_news: str
    web_urls: list[str]

    async def brief(self, url: str, known: set[str]) -> tuple[str, str]:
        """``/brief url`` in Discord #news, answered once; the new Discord thread and Slack
        brief ``ts``."""
        body = {
            "name": "brief",
            "options": {"url": url},
            "channel_id": self.discord_news,
            "user_id": "maria.lopez",
        }
        started = await _json(self.http, "POST", f"{self.discord.control_url}/commands", body)

        async def answered() -> Any:
            record = await _json(
                self.http, "GET", f"{self.discord.control_url}/commands/{started['id']}"
            )
            return record if record["acknowledged"] and not record["thinking"] else None

        record = await eventually(answered, within=60)
        assert "Posted the brief" in record["original"]["content"], record["original"]

        async def new_thread() -> str | None:
            data = await _json(
                self.http,
                "GET",
                f"{self.discord.control_url}/channels/{self.discord_news}/messages",
            )
            found = [m["thread_id"] for m in data["messages"] if m.get("thread_id")]
            return next((t for t in found if t not in known), None)

        async def new_ts() -> str | None:
            data = await _json(
                self.http, "GET", f"{self.slack.control_url}/channels/{self.slack_news}/messages"
            )
            found = [m["ts"] for m in data["messages"] if m.get("bot_id") and m.get("blocks")]
            return next((t for t in found if t not in known), None)

        return await eventually(new_thread, within=30), await eventually(new_ts, within=30)

    async def discord_texts(self, thread: str) -> list[tuple[bool, str]]:
        """(is a copy, text) of every message in a Discord thread, oldest first."""
        url = f"{self.discord.control_url}/channels/{thread}/messages"
        data = await _json(self.http, "GET", url)
        return [
            (bool(m.get("webhook_id")), str(m["content"]))
            for m in data["messages"]
            if not m.get("ephemeral") and not m.get("deleted")
        ]

    async def slack_texts(self, ts: str) -> list[tuple[bool, str]]:
        url = f"{self.slack.control_url}/channels/{self.slack_news}/messages?thread_ts={ts}"
        data = await _json(self.http, "GET", url)
        return [
            (bool(m.get("bot_id") and m.get("username")), str(m["text"]))
            for m in data["messages"]
            if m["ts"] != ts and not m.get("deleted")
        ]

    async def web_texts(self, discussion_id: int) -> list[tuple[bool, str]]:
        """Every comment on the web page of the discussion (read from web server 1)."""
        texts: list[tuple[bool, str]] = []
        after: int | None = None
        while True:
            url = f"{self.web_urls[0]}/api/discussions/{discussion_id}/comments"
            page = await _json(self.http, "GET", url + (f"?after={after}" if after else ""))
            texts += [(True, str(c["text"])) for c in page["comments"]]
            if not page["comments"]:
                return texts
            after = page["next_after"]


def _tags(texts: list[tuple[bool, str]], copies_only: bool) -> list[tuple[str, int, int]]:
    found = []
    for is_copy, text in texts:
        match = TAG.search(text)
        if match and (is_copy or not copies_only):
            found.append((match.group(1), int(match.group(2)), int(match.group(3))))
    return found


def _audit(place: str, shown: list[tuple[str, int, int]], discussion: int) -> dict[str, int]:
    """What ``place`` should show of ``discussion``: every comment of the other places (and
    on the web, of the web too), once each, in the order each place had them written."""
    origins = [o for o in ("discord", "slack", "web") if o != place or place == "web"]
    expected = {(o, discussion, n) for o in origins for n in range(PER_PLACE)}
    counts: dict[tuple[str, int, int], int] = {}
    for tag in shown:
        counts[tag] = counts.get(tag, 0) + 1
    out_of_order = 0
    for origin in origins:
        numbers = [n for o, d, n in shown if o == origin and d == discussion]
        out_of_order += sum(1 for a, b in itertools.pairwise(numbers) if b < a)
    return {
        "lost": len(expected - counts.keys()),
        "duplicated": sum(c - 1 for c in counts.values() if c > 1),
        "misplaced": len(counts.keys() - expected),
        "out_of_order": out_of_order,
    }


async def _post_all(world: World, discussions: list[Discussion]) -> None:
    """Six writers at once (three places x two discussions), each in its own order."""

    async def discord_writer(d: int, thread: str) -> None:
        for n in range(PER_PLACE):
            body = {
                "channel_id": thread,
                "user_id": DISCORD_READERS[n % len(DISCORD_READERS)],
                "content": f"Ferry talk [discord {d} {n:03d}] from the quay",
            }
            await _json(world.http, "POST", f"{world.discord.control_url}/messages", body)

    async def slack_writer(d: int, ts: str) -> None:
        for n in range(PER_PLACE):
            body = {
                "channel": world.slack_news,
                "user": SLACK_READERS[n % len(SLACK_READERS)],
                "text": f"Harbour note [slack {d} {n:03d}] by the docks",
                "thread_ts": ts,
            }
            await _json(world.http, "POST", f"{world.slack.control_url}/messages", body)

    async def web_writer(d: int, discussion_id: int) -> None:
        for n in range(PER_PLACE):
            server = world.web_urls[n % len(world.web_urls)]  # the three processes in turn
            body = {"name": f"Reader {n % 4}", "text": f"Web view [web {d} {n:03d}] on the line"}
            url = f"{server}/api/discussions/{discussion_id}/comments"
            await _json(world.http, "POST", url, body)

    await asyncio.gather(
        *(discord_writer(i, d.discord_thread) for i, d in enumerate(discussions)),
        *(slack_writer(i, d.slack_ts) for i, d in enumerate(discussions)),
        *(web_writer(i, d.web_id) for i, d in enumerate(discussions)),
    )


async def _link_news(database: str, world: World) -> str:
    """Link the two #news channels in the store; the Discord guild's id."""
    dstate = await _json(world.http, "GET", f"{world.discord.control_url}/state")
    sstate = await _json(world.http, "GET", f"{world.slack.control_url}/state")
    world.discord_news = str(dstate["channels"]["news"])
    world.slack_news = str(sstate["channels"]["news"])
    store = open_store(database)
    await store.open()  # migrates the fresh schema before any process starts
    try:
        async with store.transaction() as tx:
            a = await tx.places.ensure(DISCORD, str(dstate["guild_id"]), world.discord_news, "news")
            b = await tx.places.ensure(SLACK, str(sstate["team_id"]), world.slack_news, "news")
            await tx.places.link(a.id, b.id)
            await tx.commit()
    finally:
        await store.close()
    return str(dstate["guild_id"])


async def _stop(children: list[Child]) -> None:
    for child in reversed(children):
        await child.stop()


async def test_300_comments_from_three_places_through_three_processes_in_order(
    postgres_dsn: str,  # noqa: F811
) -> None:
    # A token of its own: the gateway lease is keyed by the token on the whole server.
    discord_emu = DiscordEmulator(
        rate_limits=RateLimitConfig.disabled(),
        allow_privileged_intents=True,
        bot_token=f"three-{secrets.token_hex(8)}",
    )
    slack_emu = SlackEmulator(rate_limits=RateLimitSettings(enabled=False))
    await discord_emu.start()
    await slack_emu.start()
    children: list[Child] = []
    try:
        async with (
            fresh_schema(postgres_dsn) as schema,
            _articles() as articles,
            aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as http,
            AsyncExitStack() as stack,
        ):
            database = f"{postgres_dsn}?search_path={schema}"
            ports = [free_port("127.0.0.1") for _ in range(3)]
            world = World(
                http, discord_emu, slack_emu, "", "", [f"http://127.0.0.1:{p}" for p in ports]
            )
            guild = await _link_news(database, world)
            env = bot_env(
                database,
                discord_emu,
                slack_emu,
                guild=guild,
                SLACK_PACING="false",
                FETCH_ALLOW="127.0.0.1",
                BRIEF_COOLDOWN_SECONDS="0",
                MOD_HOLD_FIRST_WEB="false",
                MOD_BURST="0/60",
                WEB_HOST="127.0.0.1",
                WEB_COMMENTS_PER_MINUTE="600",
                LOG_LEVEL="INFO",
            )
            roles = ["gateway,workers,web"] * 3
            children = [
                Child(
                    f"p{i + 1}", roles[i], {**env, "WEB_PORT": str(p), "WORKER_NAME": f"p{i + 1}"}
                )
                for i, p in enumerate(ports)
            ]
            for child in children:
                await child.start()
            # Stopped before the schema is dropped, so they never see it gone.
            stack.push_async_callback(_stop, children)
            async with asyncio.timeout(60):
                for child in children:
                    await child.ready.wait()
            assert all(c.process and c.process.returncode is None for c in children), [
                line for c in children for line in c.lines[-5:]
            ]
            # The leased connections come up after "briefbot is running": a /brief typed
            # before Discord's is held would reach no session.
            for label in ("Discord", "Slack"):
                holds = f"{label}: this process now holds the connection"

                async def held(holds: str = holds) -> bool:
                    return any(holds in line for c in children for line in c.lines)

                # generous: three processes and two emulators share two loaded cores
                await eventually(held, within=90)

            known: set[str] = set()
            briefed = []
            for url in articles:
                thread, ts = await world.brief(url, known)
                known |= {thread, ts}
                briefed.append((thread, ts))
            listing = await _json(http, "GET", f"{world.web_urls[1]}/api/articles")
            by_url = {a["url"]: a["id"] for a in listing["articles"]}
            discussions = []
            for url, (thread, ts) in zip(articles, briefed, strict=True):
                detail = await _json(http, "GET", f"{world.web_urls[2]}/api/articles/{by_url[url]}")
                [only] = detail["discussions"]
                discussions.append(Discussion(thread, ts, int(only["id"])))

            await _post_all(world, discussions)

            async def shown() -> dict[str, dict[str, int]] | None:
                report: dict[str, dict[str, int]] = {}
                for i, d in enumerate(discussions):
                    places = {
                        "discord": _tags(await world.discord_texts(d.discord_thread), True),
                        "slack": _tags(await world.slack_texts(d.slack_ts), True),
                        "web": _tags(await world.web_texts(d.web_id), False),
                    }
                    for place, tags in places.items():
                        report[f"{place} {i}"] = {**_audit(place, tags, i), "shown": len(tags)}
                done = all(r["lost"] == 0 for r in report.values())
                return report if done else None

            try:
                report = await eventually(shown, within=60, every=0.5)
            except TimeoutError:
                report = await shown() or {}
                raise AssertionError(f"copies still missing after 60 s: {report}") from None
            await asyncio.sleep(1.0)  # a late duplicate would show by now
            report = await shown() or {}
            assert len(report) == 6 and all(
                r == {"lost": 0, "duplicated": 0, "misplaced": 0, "out_of_order": 0, "shown": shows}
                for place, r in report.items()
                for shows in [3 * PER_PLACE if place.startswith("web") else 2 * PER_PLACE]
            ), report
            print(f"three processes, 300 comments: {report}")

            stats = await _json(http, "GET", f"{discord_emu.control_url}/stats")
            assert int(stats["gateway"]["open"]) == 1
            slack_state = await _json(http, "GET", f"{slack_emu.control_url}/state")
            assert slack_state["socket"]["connections"] == 1
            # A second answer to an interaction is refused with 400 ("already acknowledged").
            assert "400" not in stats["statuses"], stats["statuses"]
            briefs_d = await _json(
                http, "GET", f"{discord_emu.control_url}/channels/{world.discord_news}/messages"
            )
            assert sum(1 for m in briefs_d["messages"] if m.get("thread_id")) == 2
            briefs_s = await _json(
                http, "GET", f"{slack_emu.control_url}/channels/{world.slack_news}/messages"
            )
            assert sum(1 for m in briefs_s["messages"] if m.get("bot_id") and m.get("blocks")) == 2
            assert len(listing["articles"]) == 2
            assert not any("Traceback" in line for c in children for line in c.lines)
    finally:
        await _stop(children)  # already stopped on the way out of the schema, unless it failed
        await slack_emu.stop()
        await discord_emu.stop()
