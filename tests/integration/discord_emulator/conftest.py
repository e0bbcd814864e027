"""Fixtures: a fresh emulator per test, a control-API client, and a discord.py runner.

The clients under test are plain discord.py programs; only the emulator and
``point_discord_py_at`` sit between them and the wire.
"""

from __future__ import annotations

import asyncio
import contextlib
import warnings
from collections.abc import AsyncIterator, Callable
from typing import Any

import aiohttp
import pytest

with warnings.catch_warnings():
    # discord.py imports the deprecated ``audioop`` module (voice support) on Python 3.11.
    warnings.simplefilter("ignore", DeprecationWarning)
    import discord

from emulators.discord import DiscordEmulator, RateLimitConfig
from emulators.discord.client_setup import point_discord_py_at

from .helpers import Control


@pytest.fixture
async def emulator() -> AsyncIterator[DiscordEmulator]:
    # These programs read message content: the portal switch is on for their application.
    async with DiscordEmulator(
        rate_limits=RateLimitConfig.disabled(), allow_privileged_intents=True
    ) as emu:
        point_discord_py_at(emu.api_base, emu.gateway_url)
        yield emu


@pytest.fixture
async def control(emulator: DiscordEmulator) -> AsyncIterator[Control]:
    async with aiohttp.ClientSession() as session:
        yield Control(session, emulator.control_url)


@pytest.fixture
async def state(control: Control) -> dict[str, Any]:
    """``GET /_control/state`` plus ``reader`` (María, a seeded reader) and ``readers``."""
    data: dict[str, Any] = await control.get("/state")
    data["reader"] = next(u["id"] for u in data["users"] if u["username"] == "maria.lopez")
    data["readers"] = [u["id"] for u in data["users"] if not u["bot"]]
    return data


Runner = Callable[[discord.Client], contextlib.AbstractAsyncContextManager[discord.Client]]


@pytest.fixture
def running(emulator: DiscordEmulator) -> Runner:
    """``async with running(client):`` starts it, waits for on_ready, closes it after."""

    @contextlib.asynccontextmanager
    async def run(client: discord.Client) -> AsyncIterator[discord.Client]:
        try:
            await client.login(emulator.bot_token)  # start() == login() + connect()
        except BaseException:
            await client.close()
            raise
        task = asyncio.create_task(client.connect())
        ready = asyncio.create_task(client.wait_until_ready())
        try:
            done, _ = await asyncio.wait({task, ready}, timeout=5, return_when="FIRST_COMPLETED")
            if task in done:
                task.result()  # raises the start-up error
                raise AssertionError("client stopped before on_ready")
            assert ready in done, "no on_ready within 5 s"
            yield client
        finally:
            ready.cancel()
            await client.close()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    return run
