"""The aiohttp application and :class:`DiscordEmulator`, the runner tests use."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from dataclasses import replace
from types import TracebackType
from typing import Any

from aiohttp import web

from . import control, control_people
from .archiver import run_archiver
from .config import EmulatorConfig, RateLimitConfig
from .context import CONTEXT_KEY, EmulatorContext
from .http import SPECS_KEY, Api, api_middleware
from .rest import channels as rest_channels
from .rest import core as rest_core
from .rest import dms as rest_dms
from .rest import interactions as rest_interactions
from .rest import reactions as rest_reactions
from .rest import webhooks as rest_webhooks
from .state import EmulatorState

__all__ = ["DiscordEmulator", "build_app"]


def build_app(config: EmulatorConfig | None = None) -> web.Application:
    """An aiohttp app serving ``/api/v10``, ``/gateway`` and ``/_control/``."""
    ctx = EmulatorContext.create(config or EmulatorConfig())
    app = web.Application(middlewares=[control.control_middleware, api_middleware])
    app[CONTEXT_KEY] = ctx
    api = Api(app)
    for module in (
        rest_core,
        rest_channels,
        rest_webhooks,
        rest_interactions,
        rest_reactions,
        rest_dms,
    ):
        module.register(api)
    app[SPECS_KEY] = api.specs
    app.router.add_get("/gateway", ctx.hub.handle)
    app.router.add_get("/gateway/", ctx.hub.handle)
    control.register(app)
    control_people.register(app)
    app.on_startup.append(_on_startup)
    app.on_shutdown.append(_on_shutdown)
    return app


ARCHIVER_KEY = web.AppKey("discord_emulator_archiver", asyncio.Task[None])


async def _on_startup(app: web.Application) -> None:
    app[ARCHIVER_KEY] = asyncio.create_task(run_archiver(app[CONTEXT_KEY]))


async def _on_shutdown(app: web.Application) -> None:
    ctx = app[CONTEXT_KEY]
    archiver = app.get(ARCHIVER_KEY)
    if archiver is not None:
        archiver.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await archiver
    ctx.bus.close()
    await ctx.hub.close_all()


class DiscordEmulator:
    """Runs the emulator on ``host:port`` (port 0 picks a free one).

    ``async with DiscordEmulator(rate_limits=RateLimitConfig.disabled()) as emu:`` then
    ``client_setup.point_discord_py_at(emu.api_base, emu.gateway_url)`` before starting a
    discord.py client. ``state`` gives in-process tests the live model.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        config: EmulatorConfig | None = None,
        rate_limits: RateLimitConfig | None = None,
        **overrides: Any,
    ) -> None:
        config = config or EmulatorConfig()
        if rate_limits is not None:
            config = replace(config, rate_limits=rate_limits)
        if overrides:
            config = replace(config, **overrides)
        self.host = host
        self.port = port
        self.config = config
        self.app = build_app(config)
        self._runner: web.AppRunner | None = None

    @property
    def context(self) -> EmulatorContext:
        return self.app[CONTEXT_KEY]

    @property
    def state(self) -> EmulatorState:
        """The live model (for in-process assertions)."""
        return self.context.state

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def api_base(self) -> str:
        return f"{self.base_url}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://{self.host}:{self.port}/gateway"

    @property
    def control_url(self) -> str:
        return f"{self.base_url}/_control"

    @property
    def bot_token(self) -> str:
        return self.config.bot_token

    def channel_id(self, name: str) -> int:
        channel = self.state.channel_by_name(name)
        if channel is None:
            raise KeyError(name)
        return channel.id

    async def start(self) -> None:
        sock = socket.socket(socket.AF_INET6 if ":" in self.host else socket.AF_INET)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        self.port = sock.getsockname()[1]
        self._runner = web.AppRunner(self.app, shutdown_timeout=1.0, access_log=None)
        await self._runner.setup()
        site = web.SockSite(self._runner, sock)
        await site.start()

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> DiscordEmulator:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()
