"""Two ``briefbot run`` processes on one PostgreSQL share one Discord token: exactly one holds
the gateway; SIGKILL it and the other takes the gateway over within 10 seconds.

The processes are real (the production entry point); the Discord emulator counts the open
gateway connections, which is what Discord itself would see.
"""

from __future__ import annotations

import asyncio
import secrets
import signal
import sys
import time
import warnings
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # discord.py imports audioop
    import discord  # noqa: F401

from adapters.sandbox.bot_env import bot_env
from adapters.sandbox.network import free_port
from emulators.discord import DiscordEmulator, RateLimitConfig
from tests.integration.storage.conftest import fresh_schema, postgres_dsn  # noqa: F401

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]

ROOT = Path(__file__).resolve().parents[2]
HOLDS = "Discord: this process now holds the connection"


class Process:
    """``briefbot run`` in a child process; its log lines kept."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.process: asyncio.subprocess.Process | None = None
        self.log: list[str] = []
        self._drainer: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            "from bot.cli import main; main()",
            "run",
            env=self.env,
            cwd=ROOT,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        self._drainer = asyncio.create_task(self._drain())

    async def _drain(self) -> None:
        assert self.process is not None and self.process.stderr is not None
        while line := await self.process.stderr.readline():
            self.log.append(line.decode())

    def said(self, text: str) -> bool:
        return any(text in line for line in self.log)

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.returncode is None

    async def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        await self.process.wait()

    async def stop(self) -> None:
        if self.alive:
            assert self.process is not None
            self.process.send_signal(signal.SIGTERM)
            async with asyncio.timeout(15):
                await self.process.wait()
        if self._drainer is not None:
            await self._drainer


@pytest.fixture
async def database(postgres_dsn: str) -> AsyncIterator[str]:  # noqa: F811
    async with fresh_schema(postgres_dsn) as schema:
        yield f"{postgres_dsn}?search_path={schema}"


async def _open_gateways(http: aiohttp.ClientSession, emu: DiscordEmulator) -> int:
    async with http.get(f"{emu.control_url}/stats") as response:
        stats = await response.json()
    return int(stats["gateway"]["open"])


async def _until(check: object, within: float) -> float:
    """Seconds until ``check()`` (sync or async) is truthy; TimeoutError after ``within``."""
    started = time.monotonic()
    async with asyncio.timeout(within):
        while True:
            found = check()  # type: ignore[operator]
            if asyncio.iscoroutine(found):
                found = await found
            if found:
                return time.monotonic() - started
            await asyncio.sleep(0.05)


async def test_one_process_holds_the_gateway_and_another_takes_it_over_after_sigkill(
    database: str,
) -> None:
    # A token of its own: the lease is keyed by the token, and other tests run alongside.
    emu = DiscordEmulator(
        rate_limits=RateLimitConfig.disabled(),
        allow_privileged_intents=True,
        bot_token=f"takeover-{secrets.token_hex(8)}",
    )
    await emu.start()
    env = bot_env(database, emu, LOG_LEVEL="INFO")
    processes = [
        Process({**env, "WEB_PORT": str(free_port("127.0.0.1")), "WORKER_NAME": name})
        for name in ("first", "second")
    ]
    try:
        async with aiohttp.ClientSession() as http:
            first, second = processes
            await first.start()
            await _until(lambda: first.said(HOLDS), within=30)
            await second.start()
            await _until(lambda: second.said("briefbot is running on Discord"), within=30)
            await asyncio.sleep(3)  # three lease attempts: the second must still be waiting
            assert not second.said(HOLDS)
            assert await _open_gateways(http, emu) == 1

            await first.kill()
            took = await _until(lambda: second.said(HOLDS), within=10)
            await _until(lambda: _open_gateways(http, emu), within=10 - took)
            assert await _open_gateways(http, emu) == 1
            print(f"gateway takeover after SIGKILL: {took:.2f} s")
    finally:
        for process in processes:
            await process.stop()
        await emu.stop()
    assert "Traceback" not in "".join(processes[1].log)
