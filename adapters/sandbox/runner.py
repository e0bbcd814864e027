"""The whole product on one machine: both emulators, the real bot, SQLite and the web pages.

:class:`Sandbox` starts the Discord and Slack emulators (realistic rate limits on), builds
briefbot with the same composition root as production but pointed at them, links the two
``#news`` channels into one room, serves the sandbox page at ``/`` and writes
``sandbox.json``. Every run starts from a fresh database, as the emulators do.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
from collections.abc import Awaitable, Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from rich.console import Console

from adapters.discord.platform import DISCORD
from adapters.sandbox.errors import SandboxError
from adapters.sandbox.info import SandboxInfo, WebInfo, discord_info, slack_info, write_info
from adapters.sandbox.moderate import BANNED_ENTRY, SUSPECT_ENTRY, SandboxModeration
from adapters.sandbox.network import choose_port, free_port, port_is_free
from adapters.sandbox.newsroom import Newsroom, follow_newsroom
from adapters.sandbox.page import SandboxPage
from adapters.sandbox.pasted import PastedArticles
from adapters.sandbox.proxy import ControlProxy
from adapters.sandbox.samples import load_samples, sample_routes
from adapters.slack.platform import SLACK
from bot.bootstrap import Application, build_application
from bot.config import Settings, load_settings
from bot.domain.model import Place
from bot.services.linking import link_places
from emulators.discord import DiscordEmulator, RateLimitConfig
from emulators.slack import RateLimitSettings, SlackEmulator

__all__ = [
    "ARTICLES_PATH",
    "INFO_FILE",
    "Progress",
    "Sandbox",
    "SandboxOptions",
    "run_sandbox",
]

log = logging.getLogger(__name__)
_START_ATTEMPTS = 3  # a port taken between choosing and binding it: start again

ARTICLES_PATH = "/articles"
INFO_FILE = "sandbox.json"
DATABASE_FILE = "sandbox.sqlite3"

Progress = Callable[[str], AbstractContextManager[None]]
"""Reports one start-up step: entered before the step, left when it is done or failed."""


@contextlib.contextmanager
def _quiet(_: str) -> Iterator[None]:
    yield


@dataclass(frozen=True, slots=True)
class SandboxOptions:
    """Where the sandbox listens and keeps its files.

    ``port`` is the web page's and must be free (0 picks one). The emulators use
    ``discord_port`` and ``slack_port`` when free and any free port otherwise.
    """

    port: int = 8080
    data_dir: Path = Path("data")
    host: str = "127.0.0.1"
    discord_port: int = 8081
    slack_port: int = 8082
    brief_cooldown_seconds: float = 3.0
    rate_limits: bool = True


@dataclass
class Sandbox:
    """``await start()``, then ``info`` says where everything is; ``await stop()`` ends it all."""

    options: SandboxOptions = field(default_factory=SandboxOptions)
    progress: Progress = _quiet
    info: SandboxInfo | None = None
    app: Application | None = None
    discord: DiscordEmulator | None = None
    slack: SlackEmulator | None = None
    newsroom: Newsroom | None = None
    """The sandbox's own feed (tests publish, fail or redirect its stories)."""
    _proxy: ControlProxy | None = None

    @property
    def info_path(self) -> Path:
        return self.options.data_dir / INFO_FILE

    @property
    def web_url(self) -> str:
        assert self.info is not None, "start() first"
        return self.info["web"]["url"]

    async def start(self) -> None:
        """Start everything; on any failure stop what started and raise :class:`SandboxError`.

        A port found free can be taken before its server binds it (the emulators' own
        connections draw from the same range): then everything starts again, on freshly
        chosen ports, up to :data:`_START_ATTEMPTS` times.
        """
        for attempt in range(1, _START_ATTEMPTS + 1):
            try:
                await self._start()
                return
            except OSError as error:
                await self.stop()
                if error.errno != errno.EADDRINUSE or attempt == _START_ATTEMPTS:
                    raise
                log.warning("a chosen port was taken meanwhile; starting again (%s)", error)
            except BaseException:
                await self.stop()
                raise

    async def _start(self) -> None:
        options = self.options
        web_port = self._web_port()
        web_url = f"http://{options.host}:{web_port}"
        self._fresh_data_dir()
        await self._start_emulators()
        assert self.discord is not None and self.slack is not None
        info = await self._describe(web_url, web_port)
        self._proxy = ControlProxy(
            {"discord": info["discord"]["control_url"], "slack": info["slack"]["control_url"]}
        )
        samples = load_samples()
        info["samples"] = [f"{web_url}/samples/{sample.name}" for sample in samples]
        page = SandboxPage(info, samples)
        pasted = PastedArticles(web_url)
        moderation = SandboxModeration(web_url)
        newsroom = self.newsroom = Newsroom(web_url)
        with self.progress("Building briefbot against the emulators"):
            self.app = await build_application(
                self._settings(info, web_port),
                extra_routes=[
                    *page.routes(),
                    *self._proxy.routes(),
                    *sample_routes(samples),
                    *pasted.routes(),
                    *moderation.routes(),
                    *newsroom.routes(),
                ],
                web_index_path=ARTICLES_PATH,
            )
            page.bind(self.app.store)
            room_id = await self._link_news(info)
            moderation.bind(self.app.ctx, room_id)
            await follow_newsroom(self.app, newsroom, (await self._news_places(info))[0])
        with self.progress("Starting the web server and connecting briefbot to both"):
            await self.app.start()
            missing = [p.label for p in (DISCORD, SLACK) if p not in self.app.runners]
            if missing:
                raise SandboxError(
                    f"briefbot could not connect to the emulated {' and '.join(missing)}; "
                    "see the messages above."
                )
        write_info(self.info_path, info)
        self.info = info

    def _web_port(self) -> int:
        options = self.options
        if options.port == 0:
            return free_port(options.host)
        if not port_is_free(options.host, options.port):
            raise SandboxError(
                f"Port {options.port} is already in use: stop what uses it or run "
                f"`briefbot sandbox --port {options.port + 10}`."
            )
        return options.port

    def _fresh_data_dir(self) -> None:
        data_dir = self.options.data_dir
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
            for suffix in ("", "-wal", "-shm", "-journal"):
                (data_dir / f"{DATABASE_FILE}{suffix}").unlink(missing_ok=True)
        except OSError as error:
            raise SandboxError(
                f"Cannot use {data_dir} for the sandbox's files: {error.strerror or error}."
            ) from None

    async def _start_emulators(self) -> None:
        options = self.options
        with self.progress("Starting the Discord emulator"):
            limits = None if options.rate_limits else RateLimitConfig.disabled()
            port = choose_port(options.host, options.discord_port)
            # The sandbox's application has the Message Content intent switched on.
            self.discord = DiscordEmulator(
                options.host, port, rate_limits=limits, allow_privileged_intents=True
            )
            await self.discord.start()
        with self.progress("Starting the Slack emulator"):
            port = choose_port(options.host, options.slack_port)
            settings = RateLimitSettings(enabled=options.rate_limits)
            self.slack = SlackEmulator(options.host, port, rate_limits=settings)
            await self.slack.start()

    async def _describe(self, web_url: str, web_port: int) -> SandboxInfo:
        assert self.discord is not None and self.slack is not None
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as http:
            discord_state = await _get_json(http, f"{self.discord.control_url}/state")
            slack_state = await _get_json(http, f"{self.slack.base_url}/_control/state")
        database = self.options.data_dir / DATABASE_FILE
        return SandboxInfo(
            web=WebInfo(
                url=web_url,
                sandbox_page=f"{web_url}/",
                articles=f"{web_url}{ARTICLES_PATH}",
                article_page=f"{web_url}/a/{{article_id}}",
                port=web_port,
            ),
            discord=discord_info(
                self.discord.base_url,
                self.discord.api_base,
                self.discord.gateway_url,
                discord_state,
            ),
            slack=slack_info(self.slack.base_url, self.slack.api_url, slack_state),
            database_url=f"sqlite:///{database}",
            samples=[],
        )

    def _settings(self, info: SandboxInfo, web_port: int) -> Settings:
        assert self.discord is not None and self.slack is not None
        return load_settings(
            database_url=info["database_url"],
            discord_token=self.discord.bot_token,
            discord_api_base=info["discord"]["api_base"],
            discord_gateway_url=info["discord"]["gateway_url"],
            discord_guild_ids=[info["discord"]["guild_id"]],
            slack_bot_token=self.slack.bot_token,
            slack_app_token=self.slack.app_token,
            slack_signing_secret=None,
            slack_api_url=info["slack"]["api_url"],
            # Without the emulators' limits (--no-rate-limits), nothing to pace to either.
            slack_pacing=self.options.rate_limits,
            fetch_allow=[self.options.host],
            brief_allowed=[],
            brief_cooldown_seconds=self.options.brief_cooldown_seconds,
            web_host=self.options.host,
            web_port=web_port,
            public_base_url=info["web"]["url"],
            web_trust_proxy=False,
            # One person tries every place at once here: their quick comments and their
            # first web comment are not held as a stranger's would be (word lists, bans and
            # closing still apply).
            mod_hold_first_web=False,
            mod_burst="0/60",
            # Sample word lists, named on the page, so both rules can be tried at once.
            mod_banned_words=[BANNED_ENTRY],
            mod_suspect_words=[SUSPECT_ENTRY],
            # The newsroom's stories are published from the page: look for them every second.
            feed_poll_seconds=1,
            # Pre-moderation and holding links stay as configured (off by default).
        )

    async def _news_places(self, info: SandboxInfo) -> tuple[Place, Place]:
        """The two ``#news`` channels (Discord, Slack) as places."""
        assert self.app is not None
        discord, slack = info["discord"], info["slack"]
        async with self.app.store.transaction() as tx:
            a = await tx.places.ensure(
                DISCORD, discord["guild_id"], discord["channels"]["news"], "news"
            )
            b = await tx.places.ensure(SLACK, slack["team_id"], slack["channels"]["news"], "news")
            await tx.commit()
        return a, b

    async def _link_news(self, info: SandboxInfo) -> int:
        """Link the two ``#news`` channels; returns their room (linked group)."""
        assert self.app is not None
        linked = await link_places(self.app.ctx, *await self._news_places(info))
        return linked[0].room_id

    async def stop(self) -> None:
        """Stop the page's streams, the bot and web server, then both emulators."""
        if self._proxy is not None:
            await self._proxy.close()
            self._proxy = None
        if self.app is not None:
            app, self.app = self.app, None
            await app.stop()
        for emulator in (self.slack, self.discord):
            if emulator is not None:
                try:
                    await emulator.stop()
                except Exception:
                    log.exception("an emulator did not stop cleanly")
        self.slack = self.discord = None


async def _get_json(http: aiohttp.ClientSession, url: str) -> dict[str, Any]:
    try:
        async with http.get(url) as response:
            data: dict[str, Any] = await response.json()
            return data
    except (aiohttp.ClientError, TimeoutError):
        raise SandboxError(f"The emulator at {url} did not answer.") from None


async def run_sandbox(
    port: int = 8080,
    data_dir: Path = Path("data"),
    *,
    until: Callable[[], Awaitable[None]] | None = None,
    console: Console | None = None,
) -> None:
    """Start the sandbox, print where to look, run ``until`` (Ctrl-C or SIGTERM), stop."""
    from adapters.sandbox.console import ConsoleProgress, where_to_look

    if until is None:
        from bot.cli.run import wait_for_stop_signal

        until = wait_for_stop_signal
    console = console or Console(stderr=True, soft_wrap=True)
    sandbox = Sandbox(SandboxOptions(port=port, data_dir=data_dir), ConsoleProgress(console))
    await sandbox.start()
    stopped = asyncio.ensure_future(until())
    try:
        await asyncio.sleep(0)  # listening for Ctrl-C before anyone is told to press it
        assert sandbox.info is not None
        console.print(where_to_look(sandbox.info, sandbox.info_path))
        await stopped
        console.print("Stopping the sandbox…", highlight=False)
    finally:
        stopped.cancel()
        await sandbox.stop()
        await asyncio.gather(stopped, return_exceptions=True)
