"""Starting and stopping the Discord side of briefbot.

discord.py reads its REST base and gateway URL from two **process-global class
attributes** (``discord.http.Route.BASE`` and ``DiscordWebSocket.DEFAULT_GATEWAY``).
:class:`DiscordRunner` sets them from ``api_base`` and ``gateway_url`` when it starts, so
every discord.py client in the process then talks to that server: the real Discord by
default, or a local emulator. Two runners pointed at different servers cannot share a
process.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence

import discord
import discord.gateway
import discord.http
import yarl

from adapters.discord.chat import DiscordChat
from adapters.discord.client import build_client
from adapters.discord.errors import INTENT_REFUSED, LOGIN_REFUSED, DiscordStartError
from bot.errors import ConfigError
from bot.services.context import Context

__all__ = ["DiscordRunner", "point_discord_py_at"]

log = logging.getLogger(__name__)

DISCORD_API_BASE = "https://discord.com/api/v10"
DISCORD_GATEWAY_URL = "wss://gateway.discord.gg/"


def point_discord_py_at(api_base: str, gateway_url: str) -> None:
    """Make discord.py talk to ``api_base`` / ``gateway_url`` (process-wide)."""
    discord.http.Route.BASE = api_base.rstrip("/")
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)


class DiscordRunner:
    """Owns the client and its :attr:`chat` (the ``ChatPlatform`` for delivery workers).

    ``start()`` logs in, connects in a background task and returns once Discord is
    ready; ``stop()`` disconnects. A client cannot be reused: make a new runner to
    start again. The token is kept private and never logged.
    """

    def __init__(
        self,
        ctx: Context,
        token: str,
        *,
        api_base: str = DISCORD_API_BASE,
        gateway_url: str = DISCORD_GATEWAY_URL,
        guild_ids: Sequence[int | str] = (),
        ready_timeout: float = 30.0,
        guild_ready_timeout: float = 0.5,
        auto_archive_minutes: int = 1440,
        sync_commands: bool = True,
        repair_seconds: float = 30.0,
        mod_roles: Sequence[str] = (),
    ) -> None:
        if not token:
            raise ConfigError("DISCORD_TOKEN is empty: set it to the bot token.")
        self._token = token
        self.api_base = api_base
        self.gateway_url = gateway_url
        self.ready_timeout = ready_timeout
        self.client = build_client(
            ctx,
            guild_ids=[int(g) for g in guild_ids],
            sync_commands=sync_commands,
            guild_ready_timeout=guild_ready_timeout,
            repair_seconds=repair_seconds,
            mod_roles=mod_roles,
        )
        self.chat = DiscordChat(self.client, auto_archive_minutes=auto_archive_minutes)
        self._task: asyncio.Task[None] | None = None
        self._started = False
        self._refusal: str | None = None

    def __repr__(self) -> str:
        return f"DiscordRunner(api_base={self.api_base!r}, running={self.running})"

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def start(self, *, receive: bool = True) -> None:
        """Log in, connect and wait until ready (``receive=False``: log in only, for a
        process that delivers through the REST API while another holds the gateway).

        Raises :class:`ConfigError` for a refused token and :class:`DiscordStartError`
        when Discord is unreachable, refuses the connection or is not ready in time; the
        error is one plain sentence for the caller to log (a refused Message Content intent
        says where to enable it), and the Discord side stays stopped while the rest of
        briefbot goes on. If Discord ends the connection later, the sentence is logged here.
        """
        point_discord_py_at(self.api_base, self.gateway_url)
        if not receive:  # the commands are the receiving process's to register
            self.client.sync_commands = False
        try:
            await self.client.login(self._token)
        except discord.LoginFailure:
            await self.client.close()
            raise ConfigError(LOGIN_REFUSED) from None
        except (discord.HTTPException, OSError) as error:
            await self.client.close()
            raise DiscordStartError(
                f"Briefbot could not reach Discord at {self.api_base}: {type(error).__name__}."
            ) from None
        if not receive:
            self._started = True
            return
        self._task = asyncio.create_task(self._connect(), name="discord-gateway")
        ready = asyncio.create_task(self.client.wait_until_ready())
        done, _ = await asyncio.wait(
            {ready, self._task}, timeout=self.ready_timeout, return_when=asyncio.FIRST_COMPLETED
        )
        if ready in done:
            self._started = True
            return
        ready.cancel()
        if self._task in done:
            raise DiscordStartError(
                self._refusal or f"Briefbot could not connect to Discord at {self.gateway_url}."
            )
        await self.stop()
        raise DiscordStartError(
            f"Discord did not become ready within {self.ready_timeout:g} seconds."
        )

    async def _connect(self) -> None:
        """Run the gateway connection; discord.py reconnects by itself after drops."""
        try:
            await self.client.connect(reconnect=True)
        except discord.PrivilegedIntentsRequired:
            self._fail(INTENT_REFUSED, refusal=True)
        except discord.LoginFailure:
            self._fail(LOGIN_REFUSED, refusal=True)
        except Exception as error:  # discord.py gives up only on errors it cannot retry
            self._fail(f"The Discord connection stopped: {type(error).__name__}: {error}")
        finally:
            if not self.client.is_closed():
                await self.client.close()

    def _fail(self, sentence: str, *, refusal: bool = False) -> None:
        """Remember why Discord said no; once running, nobody awaits start(), so log it."""
        if refusal:
            self._refusal = sentence
        if self._started:
            log.error(sentence)

    async def stop(self) -> None:
        """Disconnect from Discord and wait for the connection task to end."""
        await self.client.close()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
