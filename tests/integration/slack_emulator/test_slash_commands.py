"""``/brief`` through Socket Mode: the ack and later ``respond()`` calls as the user saw them."""

from __future__ import annotations

import asyncio
from typing import Any

from slack_bolt.async_app import AsyncApp

from emulators.slack import SlackEmulator
from tests.eventually import eventually

from .conftest import Control


async def _command(control: Control, command_id: str) -> dict[str, Any]:
    return dict(await control.get(f"commands/{command_id}"))


async def test_ack_then_respond_in_channel(
    emu: SlackEmulator, app: AsyncApp, connect: Any, control: Control
) -> None:
    seen: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    @app.command("/brief")
    async def brief(ack: Any, respond: Any, command: dict[str, Any]) -> None:
        await ack("Working on it…")
        await seen.put(command)
        await respond(text="Council approves budget", response_type="in_channel")

    await connect()
    created = await control.post(
        "commands",
        {"command": "/brief", "text": "https://news.example/a", "channel": "news", "user": "ana"},
    )
    command_id = created["id"]

    async def answered() -> bool:
        return len((await _command(control, command_id))["responses"]) == 1

    await eventually(answered)
    record = await _command(control, command_id)
    assert record["ack"] == {"text": "Working on it…"}
    assert record["ephemeral_visible"][0]["text"] == "Working on it…"
    [response] = record["responses"]
    assert response["response_type"] == "in_channel"
    assert response["visible_as"] == "in_channel"
    assert record["errors"] == []
    assert record["ack_ms"] is not None
    payload = seen.get_nowait()
    assert payload["text"] == "https://news.example/a"
    assert payload["user_id"] == "U0ANA000001"
    assert payload["channel_id"] == emu.channel_id("news")
    [posted] = emu.messages("news")
    assert posted.text == "Council approves budget"
    assert posted.bot_id == emu.bot_id


async def test_replace_delete_and_use_limit(
    emu: SlackEmulator, app: AsyncApp, connect: Any, control: Control
) -> None:
    statuses: asyncio.Queue[list[int]] = asyncio.Queue()

    @app.command("/brief")
    async def brief(ack: Any, respond: Any) -> None:
        await ack()
        codes = [(await respond(text="step 1")).status_code]
        codes.append((await respond(text="step 2", replace_original=True)).status_code)
        codes.append((await respond(delete_original=True)).status_code)
        for n in range(3):
            codes.append((await respond(text=f"extra {n}")).status_code)
        await statuses.put(codes)

    await connect()
    created = await control.post(
        "commands", {"command": "/brief", "text": "x", "channel": "general", "user": "ben"}
    )
    async with asyncio.timeout(5):
        codes = await statuses.get()
    assert codes == [200, 200, 200, 200, 200, 404]

    async def acked() -> bool:
        return bool((await _command(control, created["id"]))["acked"])

    await eventually(acked)
    record = await _command(control, created["id"])
    assert record["ack"] == {}
    assert [v["text"] for v in record["ephemeral_visible"]] == ["extra 0", "extra 1"]
    assert record["responses"][1]["replace_original"] is True
    assert record["errors"] == []
    assert record["response_url_uses"] == 5


async def test_unanswered_and_undeliverable_commands(
    emu: SlackEmulator, app: AsyncApp, connect: Any, control: Control
) -> None:
    offline = await control.post(
        "commands", {"command": "/brief", "text": "x", "channel": "news", "user": "ana"}
    )
    assert offline["command"]["errors"] == ["dispatch_failed"]

    @app.command("/brief")
    async def never_acks() -> None:
        await asyncio.sleep(1.0)  # past the 0.5 s ack timeout

    await connect()
    created = await control.post(
        "commands", {"command": "/brief", "text": "x", "channel": "news", "user": "ana"}
    )

    async def timed_out() -> bool:
        return bool((await _command(control, created["id"]))["errors"] == ["operation_timeout"])

    await eventually(timed_out)
