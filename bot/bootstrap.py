"""The composition root: the one place that reads settings and builds concrete parts.

Nothing else constructs stores, fetchers, platform clients or servers. Everything is
built on call, never at import time.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

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
from bot.ports.chat import ChatPlatform
from bot.ports.store import Store
from bot.services.context import Context, utcnow
from bot.services.delivery import DeliveryWorker
from bot.services.gate import BriefGate
from bot.services.moderation.policy_edits import MAX_ENTRIES, MAX_ENTRY_CHARS, MAX_REPORTS
from bot.services.moderation.wordlist import parse_word_list

if TYPE_CHECKING:
    from aiohttp import web

    from adapters.web import WebServer

__all__ = [
    "Application",
    "ChatAdapter",
    "ConnectedChat",
    "PlatformRunner",
    "brief_limits",
    "build_application",
    "build_brief_builder",
    "build_context",
    "build_fetcher",
    "build_worker",
    "chat_adapters",
    "configured_platforms",
    "log_rules",
    "moderation_defaults",
    "open_configured_store",
    "secrets_of",
]

log = logging.getLogger(__name__)


class PlatformRunner(Protocol):
    """A connected chat platform: receives commands and comments, and ``chat`` delivers."""

    @property
    def chat(self) -> ChatPlatform: ...

    async def start(self) -> None: ...

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

    async def start(self) -> None:
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
        ),
        ChatAdapter(
            slack.SLACK,
            _slack_configured,
            _slack_runner,
            _slack_routes,
            badge_colours=slack.BADGE_COLOURS,
            can_remove_originals=slack.CAN_REMOVE_ORIGINALS,
            removes_originals_with=lambda s: s.slack_admin_user_token is not None,
        ),
    )


def configured_platforms(settings: Settings) -> list[Platform]:
    """Which platforms have credentials; raises ConfigError naming what to set if one is
    half-configured."""
    return [adapter.platform for adapter in chat_adapters() if adapter.configured(settings)]


@dataclass
class Application:
    """briefbot running: the store, the platforms, their delivery workers and the web server."""

    settings: Settings
    ctx: Context
    store: Store
    runners: dict[Platform, PlatformRunner] = field(default_factory=dict)
    web: WebServer | None = None
    _workers: list[asyncio.Task[None]] = field(default_factory=list)

    async def start(self) -> None:
        """Start the web server, connect every platform, then start delivering.

        A platform that cannot start is reported in one sentence and left out; the others run.
        """
        if self.web is not None:
            await self.web.start()
        await self.connect()
        self.start_deliveries()

    async def connect(self) -> None:
        """Connect every platform; one that cannot start is reported and left out."""
        for platform, runner in list(self.runners.items()):
            try:
                await runner.start()
            except BriefbotError as error:
                log.error("%s could not start: %s", platform.label, error)
                del self.runners[platform]
                continue
            self.ctx.platforms[platform] = runner.chat

    def start_deliveries(self) -> None:
        """One delivery worker per connected platform."""
        for platform, runner in self.runners.items():
            worker = build_worker(self.settings, self.ctx, runner.chat)
            self._workers.append(
                asyncio.create_task(worker.run(), name=f"deliveries-{platform.value}")
            )

    async def stop_deliveries(self) -> None:
        for task in self._workers:
            task.cancel()
        await asyncio.gather(*self._workers, return_exceptions=True)
        self._workers.clear()

    async def stop(self) -> None:
        await self.stop_deliveries()
        for runner in self.runners.values():
            with contextlib.suppress(Exception):
                await runner.stop()
        if self.web is not None:
            with contextlib.suppress(Exception):
                await self.web.stop()
        if self.ctx.brief_builder is not None:
            await self.ctx.brief_builder.close()
        await self.store.close()

    @property
    def web_url(self) -> str | None:
        return None if self.web is None else self.web.url


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
) -> Application:
    """Everything ``briefbot run`` needs, built from the settings, not yet started.

    ``web_index_path`` moves the web article list (the sandbox serves its own page at ``/``).
    ``store`` (unopened; opened here, closed by :meth:`Application.stop`), ``fetcher``,
    ``chats`` and ``clock`` replace what the settings would build: the tests hand in fakes
    and get the application production runs. A platform given in ``chats`` is used as it
    is, not connected from the settings.
    """
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
    ctx = build_context(
        settings,
        store,
        fetcher or build_fetcher(settings),
        clock=clock,
        brief_builder=build_brief_builder(settings),
    )
    app = Application(settings, ctx, store)
    for platform, chat in given.items():
        app.runners[platform] = ConnectedChat(chat)
    routes = list(extra_routes)
    for adapter in chat_adapters():
        if adapter.platform in platforms:
            runner = adapter.build(settings, ctx)
            app.runners[adapter.platform] = runner
            routes.extend(adapter.routes(settings, runner))
    if web_options is not None:
        from adapters.web import WebServer

        app.web = WebServer(
            ctx, settings.web_host, settings.web_port, options=web_options, extra_routes=routes
        )
    return app
