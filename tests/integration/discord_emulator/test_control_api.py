"""The control API itself: state, event stream, stats, reset, errors, the CLI entry point."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

import aiohttp

from emulators.discord import DiscordEmulator

from .helpers import Control

REPO_ROOT = Path(__file__).resolve().parents[3]


async def test_state_lists_seeded_world(control: Control, state: dict[str, Any]) -> None:
    assert set(state["channels"]) == {"news", "general"}
    assert state["guild_name"] == "Riverside Gazette Community"
    assert state["roles"]["@everyone"] == state["guild_id"]
    assert "Moderators" in state["roles"]
    readers = [u for u in state["users"] if not u["bot"]]
    assert len(readers) >= 3
    assert all(u["display_name"] and u["avatar_url"] for u in readers)
    bot = next(u for u in state["users"] if u["bot"])
    assert bot["id"] == state["bot_user_id"] == state["application_id"]
    assert state["webhooks"] == []


async def test_event_stream_reports_message_changes(
    emulator: DiscordEmulator, control: Control, state: dict[str, Any]
) -> None:
    news = state["channels"]["news"]
    events: list[tuple[str, dict[str, Any]]] = []
    async with control.session.get(emulator.control_url + "/events") as stream:
        assert stream.headers["Content-Type"] == "text/event-stream"
        await stream.content.readline()  # ": connected"
        await stream.content.readline()
        posted = await control.say(news, state["reader"], "hello stream")
        await control.patch(f"/messages/{news}/{posted['id']}", {"content": "edited"})
        await control.delete(f"/messages/{news}/{posted['id']}")
        kind = ""
        while len(events) < 3:
            line = (await asyncio.wait_for(stream.content.readline(), 3)).decode().strip()
            if line.startswith("event: "):
                kind = line[len("event: ") :]
            elif line.startswith("data: "):
                events.append((kind, json.loads(line[len("data: ") :])))
    assert [k for k, _ in events] == ["message_create", "message_update", "message_delete"]
    assert events[0][1]["content"] == "hello stream"
    assert events[2][1]["deleted"] is True


async def test_errors_stats_and_reset(
    emulator: DiscordEmulator, control: Control, state: dict[str, Any]
) -> None:
    news = state["channels"]["news"]
    missing = await control.post("/messages", {"channel_id": "nope", "user_id": "x"}, expect=404)
    assert "unknown channel" in missing["error"]
    too_long = await control.say(news, state["reader"], "x" * 2001, expect=400)
    assert too_long["code"] == 50035

    async with aiohttp.ClientSession() as http:
        async with http.get(emulator.api_base + "/nowhere") as response:
            assert response.status == 404
            assert response.headers["Content-Type"] == "application/json"
            assert await response.json() == {"message": "404: Not Found", "code": 0}
        async with http.get(emulator.api_base + "/users/@me") as response:
            assert response.status == 401
        async with http.get(emulator.api_base + "/gateway") as response:
            assert (await response.json())["url"] == emulator.gateway_url

    await control.say(news, state["reader"], "kept until reset")
    stats = await control.get("/stats")
    assert stats["requests"]["GET /users/@me"] == 1
    assert stats["statuses"]["401"] == 1
    limits = await control.get("/ratelimits")
    assert limits["enabled"] is False  # the fixture disables them
    assert limits["routes"]["messages.create"] == {"limit": 5, "per": 5.0}

    await control.post("/reset")
    assert await control.messages(news) == []
    assert (await control.get("/stats"))["requests_total"] == 0
    assert (await control.get("/state"))["channels"] == state["channels"]


async def test_module_entry_point_serves() -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "emulators.discord",
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "--no-rate-limits",
        cwd=REPO_ROOT,
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        banner = (await asyncio.wait_for(process.stdout.readline(), 10)).decode()
        api_base = banner.split("REST ")[1].split()[0]
        async with (
            aiohttp.ClientSession() as http,
            http.get(api_base.replace("/api/v10", "/_control/state")) as response,
        ):
            assert response.status == 200
            assert (await response.json())["guild_name"] == "Riverside Gazette Community"
    finally:
        process.terminate()
        await process.wait()
