"""The composition root: the one place that reads settings and builds concrete parts.

Nothing else constructs stores, fetchers, platform clients or servers. Everything is
built on call, never at import time.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Callable, Coroutine, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from bot.briefing import PageFetcher
from bot.briefing.limits import BriefLimits
from bot.config import Settings
from bot.domain.model import Platform
from bot.domain.moderation import Policy
from bot.errors import BriefbotError, ConfigError
from bot.logs import LogRules
from bot.moderation.matcher import PatternError
from bot.moderation.policy import check_policy
from bot.ports.briefing import BriefBuilder
from bot.ports.bus import EventBus
from bot.ports.chat import ChatPlatform
from bot.ports.lease import Lease
from bot.ports.pacing import CallPacer
from bot.ports.store import Store
from bot.roles import ALL_ROLES, Role
from bot.services.bus import InProcessBus
from bot.services.context import Context, utcnow
from bot.services.delivery import DeliveryWorker
from bot.services.gate import BriefGate
from bot.services.handover import HandOverChat
from bot.services.moderation.policy_edits import MAX_ENTRIES, MAX_ENTRY_CHARS, MAX_REPORTS
from bot.services.moderation.wordlist import parse_word_list
from bot.services.pacing import InProcessPacer

if TYPE_CHECKING:
    from aiohttp import web

    from adapters.web import WebServer
    from bot.services.feed_poller import FeedPoller

__all__ = [
    "Application",
    "ChatAdapter",
    "ConnectedChat",
    "PlatformRunner",
    "brief_limits",
    "build_application",
    "build_brief_builder",
    "build_context",
    "build_feed_poller",
    "build_fetcher",
    "build_worker",
    "chat_adapters",
    "configured_platforms",
    "log_rules",
    "moderation_defaults",
    "open_configured_store",
    "secrets_of",
    "shared_parts",
]

log = logging.getLogger(__name__)


class PlatformRunner(Protocol):
    """A connected chat platform: receives commands and comments, and ``chat`` delivers."""

    @property
    def chat(self) -> ChatPlatform: ...

    async def start(self, *, receive: bool = True) -> None:
        """Connect; ``receive=False`` readies only what delivering needs (no gateway,
        no Socket Mode), for a process in the ``workers`` role alone."""
        ...

    async def stop(self) -> None: ...


def secrets_of(settings: Settings) -> list[str]:
    """Every secret value in the settings, for the log redactor."""
    values = [
        settings.discord_token,
        settings.slack_bot_token,
        settings.slack_app_token,
        settings.slack_signing_secret,
        settings.web_secret,
    ]
    return [v.get_secret_value() for v in values if v is not None]


def log_rules() -> LogRules:
    """Every adapter's token shapes and noisy loggers, for :func:`bot.logs.setup_logging`.

    They are redacted whichever platforms are configured: a token may turn up in a log line
    (an error, a pasted header) even when its platform is off.
    """
    from adapters.discord import logs as discord_logs
    from adapters.slack import logs as slack_logs

    return LogRules(
        token_patterns=(*discord_logs.TOKEN_PATTERNS, *slack_logs.TOKEN_PATTERNS),
        noisy_loggers=(*discord_logs.NOISY_LOGGERS, *slack_logs.NOISY_LOGGERS),
    )


def build_fetcher(settings: Settings) -> PageFetcher:
    from adapters.fetch import SafeFetcher

    return SafeFetcher(
        allow=settings.fetch_allow,
        timeout=settings.fetch_timeout_seconds,
        max_bytes=settings.fetch_max_bytes,
    )


def brief_limits(settings: Settings) -> BriefLimits:
    return BriefLimits(
        max_chars=settings.brief_max_chars,
        max_words=settings.brief_max_words,
        seconds=settings.brief_timeout_seconds,
    )


def build_brief_builder(settings: Settings) -> BriefBuilder:
    """``BRIEF_WORKERS`` worker processes (started on first use) under the brief limits."""
    from bot.briefing.pool import ProcessBriefBuilder

    return ProcessBriefBuilder(brief_limits(settings), workers=settings.brief_workers)


async def open_configured_store(settings: Settings) -> Store:
    """Open the database named by ``DATABASE_URL`` and apply pending migrations."""
    from storage import open_store

    store = open_store(settings.database_url)
    await store.open()
    return store


def build_context(
    settings: Settings,
    store: Store,
    fetcher: PageFetcher,
    *,
    platforms: Mapping[Platform, ChatPlatform] | None = None,
    clock: Callable[[], datetime] = utcnow,
    brief_builder: BriefBuilder | None = None,
) -> Context:
    """What the handlers need: the gate, links and brief settings all come from ``settings``.

    Without ``brief_builder``, briefs are built in a thread under the size limits only (the
    command line); :func:`build_application` hands in worker processes.
    """
    if brief_builder is None:
        from bot.briefing.pool import ThreadBriefBuilder

        brief_builder = ThreadBriefBuilder(brief_limits(settings))
    return Context(
        store=store,
        fetcher=fetcher,
        platforms=dict(platforms or {}),
        gate=BriefGate(
            allowed=frozenset(settings.brief_allowed),
            cooldown_seconds=settings.brief_cooldown_seconds,
        ),
        clock=clock,
        web_base_url=settings.web_base_url,
        brief_sentences=settings.brief_sentences,
        brief_wait_seconds=settings.brief_wait_seconds,
        brief_builder=brief_builder,
        moderation_defaults=moderation_defaults(settings),
        moderator_roles=frozenset(settings.mod_roles),
        moderator_session_hours=settings.mod_session_hours,
        feed_interval_seconds=round(settings.feed_interval_minutes * 60),
    )


def moderation_defaults(settings: Settings) -> Policy:
    """The policy of every linked group without its own, from the ``MOD_*`` settings
    (``MOD_WORDS_FILE`` adds its entries to the listed words). Raises ``ConfigError``
    naming the variable when the file cannot be read or a pattern does not compile."""
    banned, suspect = list(settings.mod_banned_words), list(settings.mod_suspect_words)
    if settings.mod_words_file:
        try:
            text = Path(settings.mod_words_file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise ConfigError(
                f"MOD_WORDS_FILE: {settings.mod_words_file} cannot be read ({error})."
            ) from None
        more_banned, more_suspect = parse_word_list(text)
        banned += more_banned
        suspect += more_suspect
    _check_limits(banned, suspect, settings.mod_reports_to_hold)
    count, seconds = settings.mod_burst_limits
    policy = Policy(
        banned=tuple(dict.fromkeys(banned)),
        suspect=tuple(dict.fromkeys(suspect)),
        hold_links=settings.mod_hold_links,
        hold_first_web=settings.mod_hold_first_web,
        premoderate_web=settings.mod_premoderate_web,
        burst_count=count,
        burst_seconds=seconds,
        reports_to_hold=settings.mod_reports_to_hold,
    )
    try:
        check_policy(policy)
    except PatternError as error:
        raise ConfigError(f"MOD_BANNED_WORDS / MOD_SUSPECT_WORDS: {error}") from None
    return policy


def _check_limits(banned: list[str], suspect: list[str], reports: int) -> None:
    """The defaults within the limits moderators edit under (chat and the web page), so a
    group that starts from them can still change its lists from either."""
    where = "MOD_BANNED_WORDS / MOD_SUSPECT_WORDS / MOD_WORDS_FILE"
    for words in (banned, suspect):
        if len(set(words)) > MAX_ENTRIES:
            raise ConfigError(f"{where}: at most {MAX_ENTRIES:,} entries a list.")
        if too_long := next((w for w in words if len(w) > MAX_ENTRY_CHARS), None):
            raise ConfigError(
                f"{where}: an entry is longer than {MAX_ENTRY_CHARS} characters"
                f" (it starts “{too_long[:30]}”)."
            )
    if reports > MAX_REPORTS:
        raise ConfigError(f"MOD_REPORTS_TO_HOLD: at most {MAX_REPORTS}.")


def build_feed_poller(settings: Settings, ctx: Context) -> FeedPoller:
    """The feed poller of this process, from the ``FEED_*`` settings; feeds and their
    articles are fetched under the page fetcher's address policy and size limit."""
    from datetime import timedelta

    from adapters.fetch.feed import SafeFeedFetcher
    from bot.feeds.flood import FloodLimits
    from bot.feeds.settings import FeedSettings
    from bot.services.feed_poller import FeedPoller

    max_age = settings.feed_max_age_hours
    feeds = FeedSettings(
        interval_seconds=round(settings.feed_interval_minutes * 60),
        min_interval_seconds=round(settings.feed_min_interval_minutes * 60),
        limits=FloodLimits(
            first=settings.feed_first_posts,
            per_poll=settings.feed_posts_per_poll,
            max_age=timedelta(hours=max_age) if max_age else None,
        ),
        max_failures=settings.feed_max_failures,
        per_host=settings.feed_per_host,
        concurrency=settings.feed_concurrency,
        lease_seconds=settings.feed_lease_seconds,
        idle_seconds=settings.feed_poll_seconds,
    )
    fetcher = SafeFeedFetcher(
        allow=settings.fetch_allow,
        timeout=settings.fetch_timeout_seconds,
        max_bytes=settings.fetch_max_bytes,
    )
    return FeedPoller(ctx, fetcher, feeds, name=settings.worker_name)


def build_worker(settings: Settings, ctx: Context, chat: ChatPlatform) -> DeliveryWorker:
    """The delivery worker for one platform, named and paced by the settings."""
    return DeliveryWorker(
        ctx,
        chat,
        lease_seconds=settings.delivery_lease_seconds,
        idle_poll_seconds=settings.delivery_poll_seconds,
        name=settings.worker_name,
    )


@dataclass(frozen=True)
class ConnectedChat:
    """A chat platform handed in ready to use (the tests' fakes): nothing to connect."""

    chat: ChatPlatform

    async def start(self, *, receive: bool = True) -> None:
        return None

    async def stop(self) -> None:
        return None


@dataclass(frozen=True)
class ChatAdapter:
    """One chat platform the composition root can connect from the settings.

    ``configured`` says whether its credentials are set (raising ConfigError when they are
    incomplete); ``build`` makes its runner; ``routes`` are what it mounts on the web server
    (HTTP events), if anything. Adding a platform means one more entry in
    :func:`chat_adapters`; nothing else in ``bot/`` names a chat platform.
    """

    platform: Platform
    configured: Callable[[Settings], bool]
    build: Callable[[Settings, Context], PlatformRunner]
    routes: Callable[[Settings, PlatformRunner], list[web.AbstractRouteDef]] = (
        lambda _settings, _runner: []
    )
    badge_colours: tuple[str, str] | None = None
    """Its comments' badge on the web page (light, dark ``#rrggbb``); neutral if none."""
    can_remove_originals: bool = False
    """Whether the bot may delete a person's own message there (what the command line, which
    does not connect, tells the moderation services)."""
    removes_originals_with: Callable[[Settings], bool] = lambda _settings: False
    """Whether the settings let it anyway (Slack: an admin's user token)."""
    exclusive_token: Callable[[Settings], str | None] = lambda _settings: None
    """The credential whose connection only one process may hold at a time (Discord's
    gateway; Slack's Socket Mode, so a thread's events are stored in the order Slack sent
    them), if any: with several processes the holder of its lease receives."""


def _discord_configured(settings: Settings) -> bool:
    return settings.discord_token is not None


def _discord_runner(settings: Settings, ctx: Context) -> PlatformRunner:
    from adapters.discord.runner import DiscordRunner

    assert settings.discord_token is not None
    return DiscordRunner(
        ctx,
        settings.discord_token.get_secret_value(),
        api_base=settings.discord_api_base,
        gateway_url=settings.discord_gateway_url,
        guild_ids=settings.discord_guild_ids,
        mod_roles=settings.mod_roles,
    )


def _slack_configured(settings: Settings) -> bool:
    if settings.slack_bot_token is None:
        return False
    if settings.slack_mode is None:
        raise ConfigError(
            "SLACK_BOT_TOKEN is set but Slack needs SLACK_APP_TOKEN (Socket Mode) "
            "or SLACK_SIGNING_SECRET (HTTP events) too."
        )
    return True


def _slack_runner(settings: Settings, ctx: Context) -> PlatformRunner:
    from adapters.slack.runner import SlackRunner

    assert settings.slack_bot_token is not None
    return SlackRunner(
        ctx,
        settings.slack_bot_token.get_secret_value(),
        app_token=(
            settings.slack_app_token.get_secret_value() if settings.slack_app_token else None
        ),
        signing_secret=(
            settings.slack_signing_secret.get_secret_value()
            if settings.slack_signing_secret
            else None
        ),
        api_url=settings.slack_api_url,
        mod_roles=frozenset(settings.mod_roles),
        admin_user_token=(
            settings.slack_admin_user_token.get_secret_value()
            if settings.slack_admin_user_token
            else None
        ),
        pacing=settings.slack_pacing,
    )


def _slack_routes(settings: Settings, runner: PlatformRunner) -> list[web.AbstractRouteDef]:
    from adapters.slack.runner import SlackRunner

    if settings.slack_mode == "http" and isinstance(runner, SlackRunner):
        return list(runner.routes())
    return []


def chat_adapters() -> tuple[ChatAdapter, ...]:
    """Every chat platform briefbot can connect from the settings, in start-up order."""
    from adapters.discord import platform as discord
    from adapters.slack import platform as slack

    return (
        ChatAdapter(
            discord.DISCORD,
            _discord_configured,
            _discord_runner,
            badge_colours=discord.BADGE_COLOURS,
            can_remove_originals=discord.CAN_REMOVE_ORIGINALS,
            exclusive_token=lambda s: (
                s.discord_token.get_secret_value() if s.discord_token else None
            ),
        ),
        ChatAdapter(
            slack.SLACK,
            _slack_configured,
            _slack_runner,
            _slack_routes,
            badge_colours=slack.BADGE_COLOURS,
            can_remove_originals=slack.CAN_REMOVE_ORIGINALS,
            removes_originals_with=lambda s: s.slack_admin_user_token is not None,
            # Socket Mode under a lease too: Slack hands a thread's consecutive events to its
            # connections in turn, and two processes storing them at once may swap them.
            exclusive_token=lambda s: (
                s.slack_app_token.get_secret_value() if s.slack_app_token else None
            ),
        ),
    )


def configured_platforms(settings: Settings) -> list[Platform]:
    """Which platforms have credentials; raises ConfigError naming what to set if one is
    half-configured."""
    return [adapter.platform for adapter in chat_adapters() if adapter.configured(settings)]


@dataclass
class Application:
    """briefbot running: the store, the platforms, their delivery workers and the web server.

    ``roles`` says which of those this process runs (see :mod:`bot.roles`). A platform in
    ``leases`` is received by one process at a time: this one connects it (a runner from
    ``receivers``) only while it holds the lease, and delivers through ``runners`` (logged
    in, not receiving) meanwhile.
    """

    settings: Settings
    ctx: Context
    store: Store
    runners: dict[Platform, PlatformRunner] = field(default_factory=dict)
    web: WebServer | None = None
    roles: frozenset[Role] = ALL_ROLES
    leases: dict[Platform, Lease] = field(default_factory=dict)
    receivers: dict[Platform, Callable[[], PlatformRunner]] = field(default_factory=dict)
    holding: dict[Platform, PlatformRunner] = field(default_factory=dict)
    """The platforms whose lease this process holds, with the runner receiving them."""
    lease_retry_seconds: float = 5.0
    _chats: dict[Platform, ChatPlatform] = field(default_factory=dict)
    feeds: FeedPoller | None = None
    _workers: list[asyncio.Task[None]] = field(default_factory=list)
    _holders: list[asyncio.Task[None]] = field(default_factory=list)

    async def start(self) -> None:
        """Start the bus and the web server, connect every platform, then start delivering
        (each as far as the roles ask).

        A platform that cannot start is reported in one sentence and left out; the others run.
        """
        await self.ctx.bus.start()
        if self.web is not None:
            await self.web.start()
        await self.connect()
        if Role.WORKERS in self.roles:
            self.start_deliveries()
        if Role.FEEDS in self.roles:
            self.start_feeds()

    async def connect(self) -> None:
        """Connect every platform as the roles ask; one that cannot start is reported and
        left out. A leased platform's receiving side starts in the background."""
        receive = Role.GATEWAY in self.roles
        deliver = Role.WORKERS in self.roles
        for platform, runner in list(self.runners.items()):
            leased = platform in self.leases
            if leased and receive:
                self._holders.append(
                    asyncio.create_task(self._hold(platform), name=f"lease-{platform.value}")
                )
            if not deliver and (leased or not receive):
                del self.runners[platform]
                continue
            try:
                await runner.start(receive=receive and not leased)
            except BriefbotError as error:
                log.error("%s could not start: %s", platform.label, error)
                del self.runners[platform]
                continue
            chat: ChatPlatform = runner.chat
            if leased:  # the receiving client, when this process holds it, knows the threads
                chat = HandOverChat(chat, functools.partial(self._receiving_chat, platform))
            self._chats[platform] = self.ctx.platforms[platform] = chat

    def _receiving_chat(self, platform: Platform) -> ChatPlatform | None:
        runner = self.holding.get(platform)
        return None if runner is None else runner.chat

    async def _hold(self, platform: Platform) -> None:
        """Wait for the platform's lease, receive while holding it, wait again once lost."""
        lease = self.leases[platform]
        while True:
            await lease.acquire()
            runner = self.receivers[platform]()
            try:
                await runner.start()
            except BriefbotError as error:
                log.error("%s could not start: %s", platform.label, error)
                await lease.release()
                await asyncio.sleep(self.lease_retry_seconds)
                continue
            log.info("%s: this process now holds the connection", platform.label)
            self.holding[platform] = runner
            self.ctx.platforms.setdefault(platform, runner.chat)  # when nothing delivers it
            try:
                ended = await _first_of(lease.lost(), _until_stopped(runner))
            finally:
                del self.holding[platform]
                if self.ctx.platforms.get(platform) is runner.chat:
                    del self.ctx.platforms[platform]
                with contextlib.suppress(Exception):
                    await asyncio.shield(runner.stop())
                with contextlib.suppress(Exception):
                    await asyncio.shield(lease.release())
            if ended == 0:
                log.warning("%s: lost the lease; disconnected", platform.label)
            else:  # let another process try before this one does again
                log.warning("%s: the connection ended; lease given up", platform.label)
                await asyncio.sleep(self.lease_retry_seconds)

    def start_deliveries(self) -> None:
        """One delivery worker per connected platform."""
        for platform, runner in self.runners.items():
            chat = self._chats.get(platform, runner.chat)
            worker = build_worker(self.settings, self.ctx, chat)
            self._workers.append(
                asyncio.create_task(worker.run(), name=f"deliveries-{platform.value}")
            )

    def start_feeds(self) -> None:
        """The feed poller, when feeds are enabled: it claims due feeds from the store, so
        any number of ``feeds`` processes share the polling."""
        if self.settings.feeds_enabled:
            self.feeds = self.feeds or build_feed_poller(self.settings, self.ctx)
            self._workers.append(asyncio.create_task(self.feeds.run(), name="feeds"))

    async def stop_deliveries(self) -> None:
        for task in self._workers:
            task.cancel()
        await asyncio.gather(*self._workers, return_exceptions=True)
        self._workers.clear()

    async def stop(self) -> None:
        await self.stop_deliveries()
        for task in self._holders:
            task.cancel()
        await asyncio.gather(*self._holders, return_exceptions=True)
        self._holders.clear()
        for runner in self.runners.values():
            with contextlib.suppress(Exception):
                await runner.stop()
        if self.web is not None:
            with contextlib.suppress(Exception):
                await self.web.stop()
        if self.ctx.brief_builder is not None:
            await self.ctx.brief_builder.close()
        with contextlib.suppress(Exception):
            await self.ctx.bus.close()
        with contextlib.suppress(Exception):
            await self.ctx.pacer.close()
        await self.store.close()

    @property
    def web_url(self) -> str | None:
        return None if self.web is None else self.web.url


async def _until_stopped(runner: PlatformRunner, every: float = 1.0) -> None:
    """Return once the runner says it no longer runs (``DiscordRunner.running`` turns false
    when discord.py gives up); never for a runner that does not say."""
    # A runner offers no event to await for this, only the property.
    while getattr(runner, "running", True):  # noqa: ASYNC110
        await asyncio.sleep(every)


async def _first_of(*waits: Coroutine[Any, Any, None]) -> int:
    """Run the coroutines until one returns; its position. The others are cancelled."""
    tasks = [asyncio.ensure_future(wait) for wait in waits]
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return next(i for i, task in enumerate(tasks) if task in done)


def shared_pacer(store: Store) -> CallPacer:
    """The pacing of platform calls: shared through PostgreSQL by every process on it, or
    this process's own with a single-process store."""
    from storage.postgres import PostgresStore

    return store.call_pacer() if isinstance(store, PostgresStore) else InProcessPacer()


def shared_parts(store: Store, settings: Settings) -> tuple[EventBus, dict[Platform, Lease]]:
    """The event bus, and the leases of platforms only one process may receive: shared
    through PostgreSQL, or within this process when the store is a single-process one."""
    from storage.postgres import PostgresStore

    if not isinstance(store, PostgresStore):
        return InProcessBus(), {}
    leases: dict[Platform, Lease] = {}
    for adapter in chat_adapters():
        token = adapter.exclusive_token(settings)
        if token is not None:
            leases[adapter.platform] = store.gateway_lease(token)
    return store.event_bus(), leases


async def build_application(
    settings: Settings,
    *,
    store: Store | None = None,
    fetcher: PageFetcher | None = None,
    chats: Iterable[ChatPlatform] = (),
    clock: Callable[[], datetime] = utcnow,
    with_web: bool = True,
    require_platform: bool = True,
    extra_routes: Iterable[web.AbstractRouteDef] = (),
    web_index_path: str = "/",
    roles: frozenset[Role] = ALL_ROLES,
) -> Application:
    """Everything ``briefbot run`` needs, built from the settings, not yet started.

    ``web_index_path`` moves the web article list (the sandbox serves its own page at ``/``).
    ``store`` (unopened; opened here, closed by :meth:`Application.stop`), ``fetcher``,
    ``chats`` and ``clock`` replace what the settings would build: the tests hand in fakes
    and get the application production runs. A platform given in ``chats`` is used as it
    is, not connected from the settings. ``roles`` (all by default) choose what this
    process runs; without ``web`` no web server is built.
    """
    with_web = with_web and Role.WEB in roles
    given = {chat.platform: chat for chat in chats}
    platforms = [p for p in configured_platforms(settings) if p not in given]
    if require_platform and not platforms and not given:
        raise ConfigError(
            "No platform is configured: set DISCORD_TOKEN, or SLACK_BOT_TOKEN with "
            "SLACK_APP_TOKEN (or SLACK_SIGNING_SECRET). Try `make sandbox` to run without."
        )
    web_options = None
    if with_web:  # checked before anything is opened, so a bad WEB_* setting leaks nothing
        from dataclasses import replace

        from adapters.web import WebOptions

        web_options = replace(
            WebOptions.from_settings(settings),
            index_path=web_index_path,
            badge_colours={
                adapter.platform.value: adapter.badge_colours
                for adapter in chat_adapters()
                if adapter.badge_colours is not None
            },
        )
    if store is None:
        store = await open_configured_store(settings)
    else:
        await store.open()
    bus, leases = shared_parts(store, settings)
    ctx = build_context(
        settings,
        store,
        fetcher or build_fetcher(settings),
        clock=clock,
        brief_builder=build_brief_builder(settings),
    )
    ctx.bus = bus
    ctx.pacer = shared_pacer(store)
    app = Application(settings, ctx, store, roles=roles)
    for platform, chat in given.items():
        app.runners[platform] = ConnectedChat(chat)
    routes = list(extra_routes)
    for adapter in chat_adapters():
        if adapter.platform in platforms:
            runner = adapter.build(settings, ctx)
            app.runners[adapter.platform] = runner
            if Role.GATEWAY in roles:  # events over HTTP are received by gateway processes
                routes.extend(adapter.routes(settings, runner))
            if adapter.platform in leases:
                app.leases[adapter.platform] = leases[adapter.platform]
                app.receivers[adapter.platform] = functools.partial(adapter.build, settings, ctx)
    if web_options is not None:
        from adapters.web import WebServer

        app.web = WebServer(
            ctx, settings.web_host, settings.web_port, options=web_options, extra_routes=routes
        )
    return app
