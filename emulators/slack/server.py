"""The aiohttp application and :class:`SlackEmulator`, which runs it on a loopback port."""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path
from types import TracebackType
from typing import Any

from aiohttp import web

from .commands import CommandRecord
from .config import EmulatorConfig, RateLimitSettings, with_manifest
from .control import add_control_routes
from .emulator import Emulator
from .faults import Fault
from .interactive import InteractionRecord
from .manifest import AppManifest, load_manifest
from .state import Message, Workspace
from .webapi import EMULATOR_KEY, handle_api, handle_response_url
from .webapi.reactions import react

__all__ = ["SlackEmulator", "create_app"]


def create_app(emu: Emulator) -> web.Application:
    """Web API, response URLs, the Socket Mode websocket and the control API on one app."""
    app = web.Application(client_max_size=8 * 1024 * 1024)
    app[EMULATOR_KEY] = emu
    app.router.add_route("*", "/api/{method}", handle_api)
    app.router.add_post("/_response/{command_id}", handle_response_url)
    app.router.add_get("/link/", emu.socket.handle)
    app.router.add_get("/link", emu.socket.handle)
    add_control_routes(app)
    return app


class SlackEmulator:
    """A Slack workspace on ``http://host:port``; ``port=0`` picks a free port.

    Keyword arguments are :class:`EmulatorConfig` fields (``bot_token``, ``mode``,
    ``request_url``, ``ack_timeout``, ``rate_limits``, ``bot_events``...); ``manifest`` (an
    :class:`AppManifest` or a manifest file) sets scopes, events and interactivity at once
    (default: briefbot's own manifest)::

        async with SlackEmulator(rate_limits=RateLimitSettings(enabled=False)) as emu:
            client = AsyncWebClient(token=emu.bot_token, base_url=emu.api_url)
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        config: EmulatorConfig | None = None,
        workspace: Workspace | None = None,
        manifest: AppManifest | str | Path | None = None,
        **settings: Any,
    ) -> None:
        self.host = host
        self.port = port
        base = config or EmulatorConfig()
        if manifest is not None:
            loaded = manifest if isinstance(manifest, AppManifest) else load_manifest(manifest)
            base = with_manifest(base, loaded)
        self.config = dataclasses.replace(base, **settings)
        self.emulator = Emulator(self.config, workspace)
        self._runner: web.AppRunner | None = None

    # --- lifecycle -------------------------------------------------------------------
    async def start(self) -> None:
        runner = web.AppRunner(create_app(self.emulator), shutdown_timeout=2.0, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        await site.start()
        self._runner = runner
        self.port = int(runner.addresses[0][1])
        await self.emulator.start(self.base_url)

    async def stop(self) -> None:
        if self._runner is None:
            return
        await self.emulator.stop()
        await self._runner.cleanup()
        self._runner = None

    async def __aenter__(self) -> SlackEmulator:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    # --- addresses and secrets ---------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/api/"

    @property
    def control_url(self) -> str:
        return f"{self.base_url}/_control"

    @property
    def bot_token(self) -> str:
        return self.config.bot_token

    @property
    def app_token(self) -> str:
        return self.config.app_token

    @property
    def signing_secret(self) -> str:
        return self.config.signing_secret

    # --- direct state access for in-process tests ----------------------------------------
    @property
    def workspace(self) -> Workspace:
        return self.emulator.ws

    @property
    def team_id(self) -> str:
        return self.workspace.team.id

    @property
    def bot_user_id(self) -> str:
        return self.workspace.bot.user_id

    @property
    def bot_id(self) -> str:
        return self.workspace.bot.bot_id

    @property
    def app_id(self) -> str:
        return self.workspace.bot.app_id

    def channel_id(self, name: str) -> str:
        return self.emulator.channel(name).id

    def user_id(self, name: str) -> str:
        user = self.workspace.find_user(name)
        if user is None:
            raise KeyError(name)
        return user.id

    def messages(self, channel: str, *, include_deleted: bool = False) -> list[Message]:
        """Every message of a channel (replies included) in ts order."""
        found = self.emulator.channel(channel).messages.values()
        return [m for m in found if include_deleted or not m.deleted]

    def post_as_user(
        self,
        channel: str,
        user: str,
        text: str,
        thread_ts: str | None = None,
        *,
        reply_broadcast: bool = False,
    ) -> Message:
        """A person posts (a ``message`` event goes to the app); see the control API."""
        found = self.emulator.channel(channel)
        return self.emulator.post_as_user(
            found, user, text, thread_ts, reply_broadcast=reply_broadcast
        )

    def invite_bot(self, channel: str, inviter: str | None = None) -> bool:
        """``/invite @briefbot`` in ``channel`` (``member_joined_channel`` if subscribed)."""
        user = self.workspace.find_user(inviter) if inviter else None
        return self.emulator.invite_bot(self.emulator.channel(channel), user.id if user else None)

    def remove_bot(self, channel: str) -> bool:
        """``/remove @briefbot`` from ``channel``."""
        return self.emulator.remove_bot(self.emulator.channel(channel))

    def react(self, channel: str, ts: str, user: str, name: str, *, remove: bool = False) -> None:
        """A person adds (or removes) the ``:name:`` reaction on a message; the app gets
        ``reaction_added`` / ``reaction_removed`` if it subscribes and has ``reactions:read``."""
        found = self.emulator.channel(channel)
        person = self.workspace.find_user(user)
        if person is None or person.is_bot:
            raise KeyError(user)
        message = self.emulator.message(found, ts)
        react(self.emulator, found, message, person.id, name, add=not remove)

    def shortcut(
        self, callback_id: str, user: str, channel: str | None = None, ts: str | None = None
    ) -> InteractionRecord:
        """A person runs a shortcut: a message shortcut on ``channel``/``ts``, else global."""
        return self.emulator.interactions.shortcut(callback_id, user, channel, ts)

    def run_command(self, command: str, text: str, channel: str, user: str) -> CommandRecord:
        return self.emulator.slash.invoke(command, text, channel, user)

    async def disconnect(self, reason: str = "refresh_requested") -> int:
        return await self.emulator.socket.disconnect_all(reason)

    async def wait_for_socket(self, seconds: float = 5.0) -> None:
        """Until at least one Socket Mode connection is open (TimeoutError after ``seconds``)."""
        async with asyncio.timeout(seconds):
            await self.emulator.socket.connected.wait()

    def set_request_url(self, url: str | None, mode: str = "http") -> None:
        self.config.request_url = url
        self.config.mode = "http" if mode == "http" else "socket"

    def set_rate_limits(self, settings: RateLimitSettings) -> None:
        self.config.rate_limits = settings
        self.emulator.limiter.reset(settings)

    def add_fault(
        self, method: str, count: int = 1, status: int = 500, error: str = "internal_error"
    ) -> None:
        self.emulator.faults.add(Fault(method=method, count=count, status=status, error=error))
