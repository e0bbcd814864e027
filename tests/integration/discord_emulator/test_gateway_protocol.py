"""The gateway wire protocol, spoken directly over an aiohttp websocket."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp

from emulators.discord import DiscordEmulator

from .helpers import Control

INTENTS = (1 << 0) | (1 << 9) | (1 << 15)


async def _recv(ws: aiohttp.ClientWebSocketResponse) -> dict[str, Any]:
    msg = await asyncio.wait_for(ws.receive(), 3)
    assert msg.type is aiohttp.WSMsgType.TEXT, msg
    data: dict[str, Any] = json.loads(msg.data)
    return data


def _identify(token: str) -> dict[str, Any]:
    return {"op": 2, "d": {"token": token, "intents": INTENTS, "properties": {}}}


async def test_handshake_ready_guild_create_and_resume(
    emulator: DiscordEmulator, control: Control, state: dict[str, Any]
) -> None:
    session = control.session
    url = emulator.gateway_url + "?v=10&encoding=json&compress=zlib-stream"
    async with session.ws_connect(url) as ws:
        hello = await _recv(ws)
        assert hello["op"] == 10 and hello["d"]["heartbeat_interval"] > 0
        await ws.send_json({"op": 1, "d": None})
        assert (await _recv(ws))["op"] == 11
        await ws.send_json(_identify(emulator.bot_token))
        ready = await _recv(ws)
        assert (ready["op"], ready["t"], ready["s"]) == (0, "READY", 1)
        d = ready["d"]
        assert d["resume_gateway_url"] == emulator.gateway_url
        assert d["application"] == {"id": state["application_id"], "flags": 0}
        assert d["user"]["id"] == state["bot_user_id"]
        assert d["guilds"] == [{"id": state["guild_id"], "unavailable": True}]
        guild = await _recv(ws)
        assert guild["t"] == "GUILD_CREATE"
        g = guild["d"]
        assert any(r["id"] == g["id"] and r["name"] == "@everyone" for r in g["roles"])
        assert g["member_count"] == len(g["members"])
        assert all({"user", "roles", "flags", "joined_at"} <= set(m) for m in g["members"])
        session_id = d["session_id"]

    # Missed while disconnected, replayed on RESUME, followed by RESUMED.
    await control.say(state["channels"]["news"], state["reader"], "while away")
    async with session.ws_connect(emulator.gateway_url) as ws:
        await _recv(ws)  # HELLO
        token = emulator.bot_token
        await ws.send_json({"op": 6, "d": {"token": token, "session_id": session_id, "seq": 2}})
        replayed = await _recv(ws)
        assert (replayed["t"], replayed["s"]) == ("MESSAGE_CREATE", 3)
        assert replayed["d"]["content"] == "while away"
        assert replayed["d"]["guild_id"] == state["guild_id"]
        assert "member" in replayed["d"]
        resumed = await _recv(ws)
        assert (resumed["t"], resumed["s"]) == ("RESUMED", 4)

    async with session.ws_connect(emulator.gateway_url) as ws:
        await _recv(ws)
        await ws.send_json({"op": 6, "d": {"token": token, "session_id": "gone", "seq": 1}})
        invalid = await _recv(ws)
        assert invalid == {"op": 9, "d": False, "s": None, "t": None}


async def test_close_codes(emulator: DiscordEmulator, control: Control) -> None:
    session = control.session

    async def close_code_after(*payloads: dict[str, Any]) -> int | None:
        async with session.ws_connect(emulator.gateway_url) as ws:
            await _recv(ws)
            for payload in payloads:
                await ws.send_json(payload)
            while True:
                msg = await asyncio.wait_for(ws.receive(), 3)
                if msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                    return ws.close_code

    assert await close_code_after(_identify("wrong")) == 4004
    assert await close_code_after({"op": 3, "d": {}}) == 4003
    assert await close_code_after({"op": 42, "d": None}) == 4001
    good = _identify(emulator.bot_token)
    assert await close_code_after(good, good) == 4005
    beats = [{"op": 1, "d": None}] * 121  # more than 120 payloads in 60 s
    assert await close_code_after(good, *beats) == 4008
    await control.post("/config", {"allow_privileged_intents": False})
    assert await close_code_after(good) == 4014
    no_privileged = {"op": 2, "d": {"token": emulator.bot_token, "intents": 1 | (1 << 9)}}
    async with session.ws_connect(emulator.gateway_url) as ws:
        await _recv(ws)
        await ws.send_json(no_privileged)
        assert (await _recv(ws))["t"] == "READY"


async def test_intents_filter_message_events(
    emulator: DiscordEmulator, control: Control, state: dict[str, Any]
) -> None:
    async with control.session.ws_connect(emulator.gateway_url) as ws:
        await _recv(ws)
        await ws.send_json({"op": 2, "d": {"token": emulator.bot_token, "intents": 1}})
        assert (await _recv(ws))["t"] == "READY"
        assert (await _recv(ws))["t"] == "GUILD_CREATE"
        await control.say(state["channels"]["news"], state["reader"], "not for you")
        await control.post(
            "/threads", {"channel_id": "news", "user_id": state["reader"], "name": "t"}
        )
        event = await _recv(ws)  # GUILDS intent: the thread arrives, the message does not
        assert event["t"] == "THREAD_CREATE"
        assert event["d"]["newly_created"] is True
