"""``SlackRunner``: one Slack workspace connected to briefbot, in Socket Mode or over HTTP.

Socket Mode (an app-level ``xapp-`` token) is the default. Without an app token, events
and commands arrive over HTTP: the web server mounts :meth:`SlackRunner.handle_http` at
``/slack/events`` and bolt verifies each request's signature with the signing secret.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from datetime import timedelta
from typing import Literal

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)

from bot.domain.model import Thread
from bot.errors import BriefbotError, ConfigError
from bot.services.context import Context

from .catchup import catch_up_thread, catch_up_threads
from .chat import SlackChat
from .client import build_client
from .collector import CommentCollector
from .commands import SlashCommands
from .directory import SlackDirectory
from .errors import TRANSIENT, api_error_code, api_status, delivery_error
from .feeds import FeedCommand
from .mod_commands import ModCommands
from .moderators import SlackModerators
from .paced_client import PacedWebClient
from .pacing import SlackPacer, scope_of
from .shortcuts import ModerationShortcuts

__all__ = ["DEFAULT_API_URL", "EVENTS_PATH", "SlackRunner"]

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://slack.com/api/"
EVENTS_PATH = "/slack/events"
TIMESTAMP_HEADER = "X-Slack-Request-Timestamp"
# Seconds since the epoch, ASCII digits only (``int()`` would also take "١٢٣" or " 12 ").
_SLACK_TIMESTAMP = re.compile(r"[0-9]{1,12}")


class SlackRunner:
    """Receives commands and replies from one workspace; ``chat`` delivers to it.

    ``chat`` (a :class:`SlackChat`) is what the composition root registers in
    ``ctx.platforms`` and hands to a delivery worker. Its client never retries
    rate-limited calls itself; the client used for reading (names, history) does.
    """

    def __init__(
        self,
        ctx: Context,
        bot_token: str,
        app_token: str | None = None,
        signing_secret: str | None = None,
        api_url: str = DEFAULT_API_URL,
        *,
        connect_timeout: float = 15.0,
        catch_up_days: float = 14.0,
        mod_roles: frozenset[str] = frozenset(),
        admin_user_token: str | None = None,
        pacing: bool = True,
    ) -> None:
        if app_token is None and signing_secret is None:
            raise ConfigError(
                "Set SLACK_APP_TOKEN for Socket Mode or SLACK_SIGNING_SECRET for HTTP events."
            )
        self.ctx = ctx
        self.connect_timeout = connect_timeout
        self.catch_up_days = catch_up_days
        # One pace for every Web API call the app makes in this workspace: Slack's limits
        # are per method per app per workspace, whichever client makes the call (and
        # whichever process: ``ctx.pacer`` is shared through PostgreSQL when there are several).
        self.pacer = SlackPacer(ctx.pacer, scope=scope_of(bot_token), enabled=pacing)
        admin = (
            PacedWebClient(token=admin_user_token, base_url=api_url, pacer=self.pacer)
            if admin_user_token
            else None
        )
        self.chat = SlackChat(
            PacedWebClient(token=bot_token, base_url=api_url, pacer=self.pacer),
            admin_client=admin,
        )
        self.client = PacedWebClient(
            pacer=self.pacer,
            token=bot_token,
            base_url=api_url,
            retry_handlers=[
                AsyncConnectionErrorRetryHandler(),
                AsyncRateLimitErrorRetryHandler(max_retry_count=2),
            ],
        )
        self.directory = SlackDirectory(self.client)
        self.collector = CommentCollector(ctx, self.directory, self._catch_up_thread)
        # Moderators are whoever Slack says is an admin or owner, or in a MOD_ROLES group.
        moderators = SlackModerators(ctx, self.client, mod_roles)
        self.app = build_client(
            self.client,
            SlashCommands(
                ctx, self.directory, moderators, ModCommands(ctx, self.directory, moderators)
            ),
            self.collector,
            signing_secret=None if app_token else signing_secret,
            shortcuts=ModerationShortcuts(ctx, self.client, moderators),
            feeds=FeedCommand(ctx, moderators),
        )
        self.team_id: str | None = None
        self._app_token = app_token
        self._socket: AsyncSocketModeHandler | None = None
        self._resume: asyncio.Task[int] | None = None
        self._early: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None

    @property
    def mode(self) -> Literal["socket", "http"]:
        return "socket" if self._app_token else "http"

    async def start(self, *, receive: bool = True) -> None:
        """Check the bot token, connect (Socket Mode), then resume threads in the background
        (``receive=False``: check the token only, for a process that only delivers).

        Raises :class:`ConfigError` when Slack refuses a token and :class:`BriefbotError`
        when no connection is made within ``connect_timeout`` seconds.
        """
        # One connection pool for every Web API call (slack_sdk opens a new connection per
        # call otherwise: a TLS handshake per message on real Slack).
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
        self.chat.client.session = self._session
        self.client.session = self._session
        try:
            await self._identify()
            if not receive:
                return
            if self._app_token is not None:
                await self._connect(self._app_token)
        except BaseException:
            await self._close_session()
            raise
        self._resume = asyncio.create_task(self._resume_all())
        self._early = asyncio.create_task(self.collector.early.run())

    async def _close_session(self) -> None:
        if self._session is not None:
            session, self._session = self._session, None
            self.chat.client.session = None
            self.client.session = None
            await session.close()

    async def _identify(self) -> None:
        try:
            async with asyncio.timeout(self.connect_timeout):
                auth = await self.client.auth_test()
        except SlackApiError as error:
            code = api_error_code(error) or f"HTTP {api_status(error)}"
            raise ConfigError(f"Slack refused SLACK_BOT_TOKEN ({code}).") from None
        except TRANSIENT as error:
            raise BriefbotError(f"Slack could not be reached ({type(error).__name__}).") from None
        self.team_id = str(auth["team_id"])
        self.chat.bot_id = str(auth["bot_id"])
        self.collector.bot_user_id = str(auth["user_id"])

    async def _connect(self, app_token: str) -> None:
        # Raw Socket Mode frames (logged at DEBUG) carry the verification token: keep quiet.
        quiet = logging.getLogger(f"{__name__}.socket_mode")
        quiet.setLevel(max(quiet.getEffectiveLevel(), logging.INFO))
        handler = AsyncSocketModeHandler(self.app, app_token=app_token, logger=quiet)
        self._socket = handler
        try:
            async with asyncio.timeout(self.connect_timeout):
                await handler.connect_async()  # type: ignore[no-untyped-call]
                # slack_sdk's client has no "connected" event to await, only this check.
                while not await handler.client.is_connected():  # noqa: ASYNC110
                    await asyncio.sleep(0.05)
        except SlackApiError as error:
            await self._close_socket()
            code = api_error_code(error) or f"HTTP {api_status(error)}"
            raise ConfigError(f"Slack refused SLACK_APP_TOKEN ({code}).") from None
        except TimeoutError:
            await self._close_socket()
            raise BriefbotError(
                f"Could not connect to Slack in Socket Mode within {self.connect_timeout:g} "
                "seconds."
            ) from None
        except TRANSIENT as error:
            await self._close_socket()
            raise BriefbotError(f"Slack could not be reached ({type(error).__name__}).") from None
        log.info("connected to Slack workspace %s in Socket Mode", self.team_id)

    async def _resume_all(self) -> int:
        assert self.team_id is not None
        since = self.ctx.clock() - timedelta(days=self.catch_up_days)
        try:
            count = await catch_up_threads(
                self.ctx, self.client, self.collector, self.team_id, since=since
            )
        except Exception:
            log.exception("resuming Slack threads failed")
            return 0
        finally:
            # Live events waited behind the catch-up so stored order is reading order.
            self.collector.inbox.release()
        log.info("resumed Slack threads: %d replies read", count)
        return count

    async def _catch_up_thread(self, thread: Thread) -> bool:
        """A thread recorded while running: read it for replies whose events never came.

        ``False`` asks for another try later (Slack failed or could not be reached); a rate
        limit raises the 429 as a :class:`DeliveryError`, which is waited out, not counted.
        """
        if thread.workspace_id != self.team_id:
            return True
        try:
            count = await catch_up_thread(self.client, self.collector, thread)
        except TRANSIENT as error:
            failure = delivery_error(error, "catch up on a thread")
            if failure.status == 429:
                raise failure from error
            log.warning("catching up %s: %s", thread.thread_ref, failure)
            return failure.permanent  # a thread gone for good has nothing left to read
        log.debug("caught up Slack thread %s: %d replies read", thread.thread_ref, count)
        return True

    async def wait_caught_up(self) -> int:
        """Until the start-up backfill is done; how many replies it read."""
        return 0 if self._resume is None else await self._resume

    async def stop(self) -> None:
        """Stop resuming and disconnect. Deliveries are the delivery worker's to stop."""
        for task in (self._resume, self._early):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        self._resume = self._early = None
        await self._close_socket()
        await self.collector.inbox.close()
        await self._close_session()

    async def _close_socket(self) -> None:
        if self._socket is not None:
            socket, self._socket = self._socket, None
            await socket.close_async()  # type: ignore[no-untyped-call]

    async def handle_http(self, request: web.Request) -> web.Response:
        """The aiohttp handler for ``POST /slack/events`` (HTTP mode): verified by bolt.

        A timestamp that is not a whole number of seconds is refused here as unsigned:
        bolt's verifier would call ``int()`` on it and answer 500 with a traceback, so
        anyone could fill the log with unauthenticated requests.
        """
        if not _SLACK_TIMESTAMP.fullmatch(request.headers.get(TIMESTAMP_HEADER, "")):
            log.debug("refused a Slack request without a valid timestamp header")
            return web.json_response({"error": "invalid request"}, status=401)
        response = await self.app.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(response)

    def routes(self, path: str = EVENTS_PATH) -> list[web.RouteDef]:
        """Routes for the web server to add (``app.add_routes(runner.routes())``)."""
        return [web.post(path, self.handle_http)]
