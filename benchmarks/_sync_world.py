"""The world ``benchmarks/sync.py`` and ``benchmarks/soak.py`` run in.

:class:`World` serves invented articles from a loopback aiohttp server, starts the Discord
and Slack emulators in this process with their default (realistic) rate limits and one
extra channel pair per discussion, links each pair with ``briefbot link``, starts
``briefbot run`` as a child process (so that its CPU time can be read from ``/proc``, and
so that it can be killed while the emulators live on), runs ``/brief`` once per Discord
channel and waits until every brief and its thread exist on both sides. ``spares`` more
channel pairs are linked but left unbriefed, for briefs posted later.

``processes`` > 1 (PostgreSQL only) starts that many ``briefbot run`` processes, each with
its own web port and worker name. The first has every role; the others ``other_roles``:
``workers`` by default (the traffic here needs no second web server), or every role
(``--others-roles all``): the leases then let one of them hold the Discord gateway and
one the Slack Socket Mode connection (before Slack was leased, every one opened one, and
the emulator handed consecutive events to the connections in turn). The Discord emulator
gets a bot token of its own, since the lease is keyed by the token on the whole server and
other runs may share it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import secrets
import shutil
import signal
import time
import traceback
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from adapters.sandbox.network import free_port
from emulators.discord import DiscordEmulator
from emulators.slack import SlackEmulator
from emulators.slack.seed import seed_workspace
from emulators.slack.state import Channel

__all__ = [
    "BenchError",
    "Discussion",
    "World",
    "bot_log_summary",
    "cpu_seconds",
    "run_and_print",
    "tree_cpu_seconds",
]

REPO = Path(__file__).resolve().parents[1]
BRIEFBOT = REPO / ".venv" / "bin" / "briefbot"
PYTHON = REPO / ".venv" / "bin" / "python"
HOST = "127.0.0.1"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
READY_LINE = b"briefbot is running on"
# On PostgreSQL the gateway is leased and connects after the ready line: a /brief typed
# before this line would reach no session.
HOLDS_DISCORD = b"Discord: this process now holds the connection"


class BenchError(Exception):
    """The benchmark could not run; the message says what went wrong."""


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a running process, from ``/proc/<pid>/stat``."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime (fields 14, 15)


def _descendants(pids: list[int]) -> set[int]:
    """``pids`` and every live process below them (brief pools are children of the bot)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = set(), list(pids)
    while todo:
        pid = todo.pop()
        if pid not in found:
            found.add(pid)
            todo.extend(parents.get(pid, []))
    return found


def tree_cpu_seconds(pids: list[int]) -> dict[int, float]:
    """CPU seconds of ``pids`` and their live descendants, by pid (a process that ended
    meanwhile is left out; compare two readings pid by pid)."""
    seconds: dict[int, float] = {}
    for pid in _descendants(pids):
        with contextlib.suppress(OSError, ValueError, IndexError):
            seconds[pid] = cpu_seconds(pid)
    return seconds


@dataclass
class Discussion:
    """One brief's discussion: a linked channel pair and the thread on each side."""

    index: int
    url: str
    discord_channel: str
    slack_channel: str
    discord_thread: str = ""
    slack_thread_ts: str = ""


_PARAGRAPHS = (
    "The Riverside harbour authority approved a plan on Tuesday to add a {n}th ferry line "
    "between the old town quay and the northern docks, after two years of consultation.",
    "The new line will run every 20 minutes from 6 a.m. to 11 p.m., and officials expect "
    "about 4,{n:03d} passengers a day once it is fully running next spring.",
    "The project costs 12.{n} million euros, of which the regional government pays 60 per "
    "cent; the rest comes from the harbour's own budget and a European transport grant.",
    "Residents of the northern docks, where the nearest bridge is 3 kilometres away, had "
    "asked for a crossing for years. Their association welcomed the decision but warned "
    "that the quay needs a ramp for wheelchairs and bicycles before the first boat sails.",
    "Two electric boats, each carrying 120 passengers, have been ordered from a shipyard "
    "in the south of the country. The first is due to arrive in March for trials.",
    "Opposition councillors questioned the passenger forecast, saying that the existing "
    "lines carry on average only half of their capacity outside the rush hours.",
    "The harbour director said fares would match the city's bus tickets and that monthly "
    "passes would be valid on every line, including the new one.",
)


def article_html(index: int) -> str:
    """An invented news article; every ``index`` has its own title and figures."""
    title = f"Harbour approves ferry line {index + 1} to the northern docks"
    body = "\n".join(f"<p>{p.format(n=index + 1)}</p>" for p in _PARAGRAPHS)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Riverside Gazette</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Riverside Gazette">
<meta name="author" content="Lena Marsh">
<meta property="article:published_time" content="2026-11-24T08:00:00Z">
</head><body><header><nav><a href="/">Home</a></nav></header>
<main><article><h1>{title}</h1><p class="byline">By Lena Marsh</p>
{body}
</article></main><footer>© Riverside Gazette</footer></body></html>"""


@dataclass
class World:
    discussions: int
    workdir: Path
    profile: Path | None = None
    spares: int = 0
    database_url: str | None = None  # a SQLite file in ``workdir`` when None
    extra_env: dict[str, str] = field(default_factory=dict)
    processes: int = 1
    other_roles: str = "workers"
    log_path: Path = field(init=False)
    discord: DiscordEmulator | None = None
    slack: SlackEmulator | None = None
    bot: asyncio.subprocess.Process | None = None
    others: list[asyncio.subprocess.Process] = field(default_factory=list)
    """The second and later ``briefbot run`` processes (``processes`` > 1)."""
    threads: list[Discussion] = field(default_factory=list)
    spare: list[Discussion] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    _articles: web.AppRunner | None = None
    _log: Any = None

    def __post_init__(self) -> None:
        self.log_path = self.workdir / "briefbot.log"

    # --- start ---------------------------------------------------------------------------

    async def start(self, http: aiohttp.ClientSession) -> None:
        """Everything up and every discussion open on both sides (or ``BenchError``)."""
        names = [f"bench-{i + 1:02d}" for i in range(self.discussions + self.spares)]
        article_port = await self._serve_articles()
        self.discord = DiscordEmulator(
            HOST,
            0,
            extra_channels=tuple(names),
            allow_privileged_intents=True,
            bot_token=f"bench-{secrets.token_hex(8)}",
        )
        await self.discord.start()
        workspace = seed_workspace()
        created = int(time.time()) - 3600
        # The bot was invited to every bench channel (the Slack emulator enforces membership).
        members = {workspace.bot.user_id, *workspace.users}
        for i, name in enumerate(names):
            channel = Channel(
                id=f"C0BENCH{i + 1:04d}", name=name, created=created, members=set(members)
            )
            workspace.add_channel(channel)
        self.slack = SlackEmulator(HOST, 0, workspace=workspace)
        await self.slack.start()
        guild_id = str(next(iter(self.discord.state.guilds)))
        pairs = [
            Discussion(
                i,
                f"http://{HOST}:{article_port}/story/{i + 1}",
                str(self.discord.channel_id(name)),
                f"C0BENCH{i + 1:04d}",
            )
            for i, name in enumerate(names)
        ]
        self.threads, self.spare = pairs[: self.discussions], pairs[self.discussions :]
        self.env = env = self._bot_env(guild_id)
        for d in pairs:
            await self._briefbot(
                env,
                "link",
                f"discord:{guild_id}/{d.discord_channel}",
                f"slack:T0RIVGAZ001/{d.slack_channel}",
            )
        await self.start_bot(http)
        await self._open_discussions(http)

    @property
    def web_url(self) -> str:
        """The bot's web comment section (the same port across restarts)."""
        return f"http://{HOST}:{self.env['WEB_PORT']}"

    @property
    def pids(self) -> list[int]:
        """Every ``briefbot run`` process's pid."""
        return [p.pid for p in (self.bot, *self.others) if p is not None]

    async def start_bot(self, http: aiohttp.ClientSession) -> None:
        """Start ``briefbot run`` (again), its output appended to the log; wait until ready.

        With ``processes`` > 1 the others start too (once), each on a web port of its own."""
        if self._log is None:
            self._log = self.log_path.open("ab")
        command = [str(BRIEFBOT), "run"]
        if self.profile is not None:
            command = [str(PYTHON), "-m", "cProfile", "-o", str(self.profile), str(BRIEFBOT), "run"]
        ready_before = self._ready_lines()
        held_before = self._ready_lines(HOLDS_DISCORD)
        self.bot = await self._spawn(command, self.env)
        starting = 1
        if not self.others:
            for n in range(2, self.processes + 1):
                env = {**self.env, "WEB_PORT": str(free_port(HOST)), "WORKER_NAME": f"bench-{n}"}
                command = [str(BRIEFBOT), "run", "--roles", self.other_roles]
                self.others.append(await self._spawn(command, env))
                starting += 1
        await self._wait_ready(http, ready_before + starting - 1, held_before)

    async def _spawn(self, command: list[str], env: dict[str, str]) -> asyncio.subprocess.Process:
        return await asyncio.create_subprocess_exec(
            *command,
            env=env,
            cwd=self.workdir,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=self._log,
            stderr=self._log,
        )

    async def kill_bot(self) -> None:
        """SIGKILL the bot: no clean-up of any kind, as in a crash or an OOM kill."""
        if self.bot is not None and self.bot.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.bot.send_signal(signal.SIGKILL)
            await self.bot.wait()

    def _ready_lines(self, line: bytes = READY_LINE) -> int:
        """How many times the log says the bot is up (one per start), or ``line``."""
        try:
            return self.log_path.read_bytes().count(line)
        except OSError:
            return 0

    async def _serve_articles(self) -> int:
        async def story(request: web.Request) -> web.Response:
            index = int(request.match_info["n"]) - 1
            if not 0 <= index < self.discussions + self.spares:
                raise web.HTTPNotFound()
            return web.Response(text=article_html(index), content_type="text/html")

        app = web.Application()
        app.router.add_get("/story/{n:\\d+}", story)
        self._articles = web.AppRunner(app, access_log=None)
        await self._articles.setup()
        port = free_port(HOST)
        await web.TCPSite(self._articles, HOST, port).start()
        return port

    def _bot_env(self, guild_id: str) -> dict[str, str]:
        assert self.discord is not None and self.slack is not None
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SLACK_"))}
        env.update(
            DATABASE_URL=self.database_url or f"sqlite:///{self.workdir / 'bench.sqlite3'}",
            DISCORD_TOKEN=self.discord.bot_token,
            DISCORD_API_BASE=self.discord.api_base,
            DISCORD_GATEWAY_URL=self.discord.gateway_url,
            DISCORD_GUILD_IDS=guild_id,
            SLACK_BOT_TOKEN=self.slack.bot_token,
            SLACK_APP_TOKEN=self.slack.app_token,
            SLACK_API_URL=self.slack.api_url,
            FETCH_ALLOW=HOST,
            BRIEF_COOLDOWN_SECONDS="0",
            # Traffic here is bursts from a few authors and new web readers: moderation's
            # own holds would keep it from being relayed (word lists still apply).
            MOD_HOLD_FIRST_WEB="false",
            MOD_BURST="0/60",
            WEB_HOST=HOST,
            WEB_PORT=str(free_port(HOST)),
            LOG_LEVEL="INFO",
            PYTHONUNBUFFERED="1",
        )
        env.update(self.extra_env)
        return env

    async def _briefbot(self, env: dict[str, str], *args: str) -> None:
        process = await asyncio.create_subprocess_exec(
            str(BRIEFBOT),
            *args,
            env=env,
            cwd=self.workdir,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        output, _ = await process.communicate()
        if process.returncode != 0:
            raise BenchError(f"briefbot {' '.join(args)} failed: {output.decode()[-500:]}")

    async def _wait_ready(
        self, http: aiohttp.ClientSession, ready_before: int, held_before: int
    ) -> None:
        assert self.discord is not None and self.slack is not None
        while True:
            for process in (self.bot, *self.others):
                if process is not None and process.returncode is not None:
                    raise BenchError(f"briefbot run exited with {process.returncode}; see the log")
            commands = await get_json(http, f"{self.discord.control_url}/commands")
            state = await get_json(http, f"{self.slack.control_url}/state")
            started = self._ready_lines() > ready_before
            if self.database_url is not None:  # leased: wait for the gateway itself
                started = started and self._ready_lines(HOLDS_DISCORD) > held_before
            # One Socket Mode connection whatever the processes: Slack is leased like Discord.
            if started and commands["commands"] and state["socket"]["connections"]:
                return
            await asyncio.sleep(0.2)

    async def brief(self, http: aiohttp.ClientSession, d: Discussion) -> str:
        """Run ``/brief`` on ``d``'s article in its Discord channel; the interaction's id."""
        assert self.discord is not None
        record = await post_json(
            http,
            f"{self.discord.control_url}/commands",
            {
                "name": "brief",
                "options": {"url": d.url},
                "channel_id": d.discord_channel,
                "user_id": "maria.lopez",
            },
        )
        return str(record["id"])

    async def _open_discussions(self, http: aiohttp.ClientSession) -> None:
        assert self.discord is not None and self.slack is not None
        for d in self.threads:
            await self.brief(http, d)
        pending = list(self.threads)
        while pending:
            await asyncio.sleep(0.5)
            for d in list(pending):
                if not d.discord_thread:
                    channel = await get_json(
                        http, f"{self.discord.control_url}/channels/{d.discord_channel}"
                    )
                    if channel["threads"]:
                        d.discord_thread = str(channel["threads"][0]["id"])
                if not d.slack_thread_ts:
                    listing = await get_json(
                        http, f"{self.slack.control_url}/channels/{d.slack_channel}/messages"
                    )
                    for message in listing["messages"]:
                        if message.get("bot_id") and message.get("replies"):
                            d.slack_thread_ts = message["ts"]
                if d.discord_thread and d.slack_thread_ts:
                    pending.remove(d)

    # --- stop ----------------------------------------------------------------------------

    async def stop(self) -> int | None:
        """SIGTERM the bot (kill it after 20 s), stop the emulators; the bot's exit code
        (the first non-zero one when there are several processes)."""
        codes = await asyncio.gather(*(_terminate(p) for p in self.others))
        code = await _terminate(self.bot) if self.bot is not None else None
        code = next((c for c in (code, *codes) if c), code)
        if self._log is not None:
            self._log.close()
        for server in (self.discord, self.slack):
            if server is not None:
                with contextlib.suppress(Exception):
                    await server.stop()
        if self._articles is not None:
            await self._articles.cleanup()
        return code


async def _terminate(process: asyncio.subprocess.Process) -> int | None:
    if process.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGTERM)
        try:
            async with asyncio.timeout(20):
                await process.wait()
        except TimeoutError:
            process.kill()
            await process.wait()
    return process.returncode


def bot_log_summary(path: Path) -> dict[str, Any]:
    """Counts of warnings, errors, retried and abandoned deliveries in the bot's log."""
    try:
        lines = path.read_text(errors="replace").splitlines()
    except OSError:
        return {}
    levels = {
        level: sum(1 for line in lines if f" {level} " in line)
        for level in ("WARNING", "ERROR", "CRITICAL")
    }
    retried = sum(1 for line in lines if "will be retried" in line)
    given_up = [line[:300] for line in lines if " gave up: " in line]
    return {
        "path": str(path),
        "lines": len(lines),
        **{k.lower(): v for k, v in levels.items()},
        "deliveries_retried": retried,
        "deliveries_given_up": len(given_up),
        "first_errors": [line[:300] for line in lines if " ERROR " in line][:5],
        "first_given_up": given_up[:5],
    }


async def get_json(http: aiohttp.ClientSession, url: str) -> Any:
    async with http.get(url) as response:
        if response.status >= 400:
            raise BenchError(f"GET {url}: {response.status} {await response.text()}")
        return await response.json()


async def post_json(http: aiohttp.ClientSession, url: str, body: dict[str, Any]) -> Any:
    async with http.post(url, json=body) as response:
        if response.status >= 400:
            raise BenchError(f"POST {url}: {response.status} {await response.text()}")
        return await response.json()


def run_and_print(
    name: str,
    run: Callable[[Path], Awaitable[dict[str, Any]]],
    workdir: Path,
    max_seconds: float,
    keep: bool,
) -> int:
    """Run a benchmark within ``max_seconds`` and print its JSON report (or its error).

    The exit code is 1 only when the benchmark itself could not run; ``workdir`` (the bot's
    log and database) is removed after a good run unless ``keep``.
    """

    async def bounded() -> dict[str, Any]:
        async with asyncio.timeout(max_seconds):
            try:
                return await run(workdir)
            except TimeoutError as error:  # a step's own timeout, not the whole run's
                raise BenchError("a step of the benchmark timed out") from error

    code = 0
    try:
        report = asyncio.run(bounded())
    except TimeoutError:
        report = {"benchmark": name, "error": f"aborted after {max_seconds:g} s"}
        code = 1
    except Exception as error:
        report = {
            "benchmark": name,
            "error": f"{type(error).__name__}: {error}",
            "traceback": traceback.format_exc(limit=-8),
        }
        code = 1
    report["workdir"] = str(workdir)
    if not keep and code == 0:
        shutil.rmtree(workdir, ignore_errors=True)
        report.pop("workdir")
        report.get("bot_log", {}).pop("path", None)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return code
