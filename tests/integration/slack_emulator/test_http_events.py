"""HTTP Events mode: the emulator POSTs signed requests to bolt's own aiohttp server."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from slack_bolt.async_app import AsyncApp
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from emulators.slack import SlackEmulator
from tests.eventually import eventually

from .conftest import Control, next_item


@pytest.fixture
def emulator_settings() -> dict[str, Any]:
    return {"mode": "http", "http_retry_delays": (0.0, 0.05, 0.05)}


@pytest.fixture
def http_app(emu: SlackEmulator, client: AsyncWebClient) -> AsyncApp:
    return AsyncApp(client=client, signing_secret=emu.signing_secret)


async def _serve(application: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(application, shutdown_timeout=1.0)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    return runner, f"http://{host}:{port}"


@pytest.fixture
async def bolt_url(emu: SlackEmulator, http_app: AsyncApp) -> AsyncIterator[str]:
    """bolt's aiohttp server on a loopback port; the emulator is pointed at it."""
    runner, base = await _serve(http_app.web_app(path="/slack/events"))
    emu.set_request_url(f"{base}/slack/events")
    yield f"{base}/slack/events"
    await runner.cleanup()


async def test_signed_event_is_handled(
    emu: SlackEmulator, http_app: AsyncApp, bolt_url: str, control: Control
) -> None:
    seen: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    @http_app.event("message")
    async def on_message(event: dict[str, Any], body: dict[str, Any]) -> None:
        await seen.put(body)

    await control.post("messages", {"channel": "news", "user": "ana", "text": "hi over http"})
    body = await next_item(seen)
    assert body["type"] == "event_callback"
    assert body["team_id"] == emu.team_id
    assert body["api_app_id"] == emu.app_id
    assert body["event_id"].startswith("Ev")
    assert body["authorizations"][0]["user_id"] == emu.bot_user_id
    assert body["event"]["text"] == "hi over http"

    verified = await control.post("url_verification")
    assert verified["ok"] is True


async def test_bad_signature_and_stale_timestamp_are_refused(
    emu: SlackEmulator, bolt_url: str
) -> None:
    payload = json.dumps({"type": "event_callback", "event": {"type": "message"}})
    verifier = SignatureVerifier(emu.signing_secret)
    stale = str(int(time.time()) - 600)
    cases = [
        (str(int(time.time())), "v0=" + "0" * 64),
        (stale, verifier.generate_signature(timestamp=stale, body=payload) or ""),
    ]
    async with aiohttp.ClientSession() as session:
        for timestamp, signature in cases:
            headers = {
                "Content-Type": "application/json",
                "X-Slack-Request-Timestamp": timestamp,
                "X-Slack-Signature": signature,
            }
            async with session.post(bolt_url, data=payload, headers=headers) as resp:
                assert resp.status == 401


async def test_slow_ack_is_retried_with_retry_headers(
    emu: SlackEmulator, http_app: AsyncApp, bolt_url: str, control: Control
) -> None:
    attempts: asyncio.Queue[tuple[str | None, str | None]] = asyncio.Queue()

    @http_app.middleware
    async def slow_first(req: Any, resp: Any, next: Any) -> Any:
        num = req.headers.get("x-slack-retry-num", [None])[0]
        await attempts.put((num, req.headers.get("x-slack-retry-reason", [None])[0]))
        if num is None:
            await asyncio.sleep(0.8)  # longer than the emulator's 0.5 s ack timeout
        return await next()

    @http_app.event("message")
    async def on_message() -> None:
        return None

    await control.post("messages", {"channel": "news", "user": "ana", "text": "slow"})
    assert await next_item(attempts) == (None, None)
    assert await next_item(attempts) == ("1", "http_timeout")

    async def settled() -> bool:
        stats = await control.get("stats")
        return bool(stats["http"]["acked"] == 1)

    await eventually(settled)
    stats = await control.get("stats")
    assert stats["http"]["retried"] == 1


async def test_slash_command_over_http(
    emu: SlackEmulator, http_app: AsyncApp, bolt_url: str, control: Control
) -> None:
    @http_app.command("/brief")
    async def brief(ack: Any, respond: Any) -> None:
        await ack("Working on it…")
        await respond(text="Done", response_type="ephemeral")

    created = await control.post(
        "commands", {"command": "/brief", "text": "u", "channel": "news", "user": "cara"}
    )

    async def finished() -> bool:
        record = await control.get(f"commands/{created['id']}")
        return bool(record["acked"] and record["responses"])

    await eventually(finished)
    record = await control.get(f"commands/{created['id']}")
    assert record["ack"] == {"text": "Working on it…"}
    assert record["responses"][0]["text"] == "Done"


async def test_no_retry_header_is_honoured_and_requests_are_signed(
    emu: SlackEmulator, control: Control
) -> None:
    received: list[tuple[str, bool]] = []
    verifier = SignatureVerifier(emu.signing_secret)

    async def refuse(request: web.Request) -> web.Response:
        body = await request.text()
        received.append(
            (
                request.headers.get("X-Slack-Retry-Num", ""),
                verifier.is_valid(
                    body=body,
                    timestamp=request.headers["X-Slack-Request-Timestamp"],
                    signature=request.headers["X-Slack-Signature"],
                ),
            )
        )
        return web.Response(status=500, headers={"X-Slack-No-Retry": "1"})

    application = web.Application()
    application.router.add_post("/events", refuse)
    runner, base = await _serve(application)
    try:
        await control.post("settings", {"request_url": f"{base}/events"})
        await control.post("messages", {"channel": "news", "user": "ana", "text": "x"})

        async def failed() -> bool:
            return bool((await control.get("stats"))["http"]["failed"] == 1)

        await eventually(failed)
        await asyncio.sleep(0.2)
        assert received == [("", True)]
    finally:
        await runner.cleanup()


async def test_error_status_is_retried_with_http_error(
    emu: SlackEmulator, control: Control
) -> None:
    seen: list[tuple[str, str]] = []

    async def flaky(request: web.Request) -> web.Response:
        seen.append(
            (
                request.headers.get("X-Slack-Retry-Num", ""),
                request.headers.get("X-Slack-Retry-Reason", ""),
            )
        )
        return web.Response(status=503 if len(seen) == 1 else 200)

    application = web.Application()
    application.router.add_post("/events", flaky)
    runner, base = await _serve(application)
    try:
        emu.set_request_url(f"{base}/events")
        emu.post_as_user("news", "ana", "x")

        async def acked() -> bool:
            return bool((await control.get("stats"))["http"]["acked"] == 1)

        await eventually(acked)
        assert seen == [("", ""), ("1", "http_error")]
    finally:
        await runner.cleanup()
