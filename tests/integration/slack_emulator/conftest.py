"""Fixtures: a fresh emulator per test, a control-API client, and plain slack-bolt apps.

Nothing from briefbot sits between bolt and the emulator: these tests check that the real
slack_sdk / slack-bolt accept what the emulator says.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
import pytest
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from emulators.slack import RateLimitSettings, SlackEmulator

NO_LIMITS = RateLimitSettings(enabled=False)


@pytest.fixture(autouse=True)
def _no_slack_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real tokens in the environment must never reach these tests."""
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def emulator_settings() -> dict[str, Any]:
    """Override in a test module to construct the emulator differently."""
    return {}


@pytest.fixture
async def emu(emulator_settings: dict[str, Any]) -> AsyncIterator[SlackEmulator]:
    settings: dict[str, Any] = {"rate_limits": NO_LIMITS, "ack_timeout": 0.5, **emulator_settings}
    async with SlackEmulator(**settings) as emulator:
        yield emulator


class Control:
    """A small client of the emulator's control API."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session

    async def call(self, verb: str, path: str, body: dict[str, Any] | None = None) -> Any:
        async with self.session.request(verb, f"/_control/{path}", json=body) as resp:
            data = await resp.json()
            data["_status"] = resp.status
            return data

    async def get(self, path: str) -> Any:
        return await self.call("GET", path)

    async def post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        return await self.call("POST", path, body or {})


@pytest.fixture
async def control(emu: SlackEmulator) -> AsyncIterator[Control]:
    async with aiohttp.ClientSession(base_url=emu.base_url) as session:
        yield Control(session)


@pytest.fixture
def client(emu: SlackEmulator) -> AsyncWebClient:
    return AsyncWebClient(token=emu.bot_token, base_url=emu.api_url)


@pytest.fixture
def app(client: AsyncWebClient) -> AsyncApp:
    return AsyncApp(client=client)


@pytest.fixture
async def connect(
    emu: SlackEmulator, app: AsyncApp
) -> AsyncIterator[Callable[[], Awaitable[AsyncSocketModeHandler]]]:
    """Connect ``app`` in Socket Mode (after the test registered its listeners)."""
    handlers: list[AsyncSocketModeHandler] = []

    async def _connect() -> AsyncSocketModeHandler:
        handler = AsyncSocketModeHandler(app, app_token=emu.app_token, ping_interval=1)
        handlers.append(handler)
        await handler.connect_async()  # type: ignore[no-untyped-call]
        await emu.wait_for_socket()
        return handler

    yield _connect
    for handler in handlers:
        await handler.close_async()  # type: ignore[no-untyped-call]


def listen_to_messages(app: AsyncApp) -> asyncio.Queue[dict[str, Any]]:
    """Every ``message`` event bolt dispatches to ``app``, in a queue for the test to read."""
    seen: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    @app.event("message")
    async def on_message(event: dict[str, Any]) -> None:
        await seen.put(event)

    return seen


async def next_item(queue: asyncio.Queue[Any], seconds: float = 5.0) -> Any:
    async with asyncio.timeout(seconds):
        return await queue.get()
