"""Rate limits and injected faults, as discord.py's own retry logic experiences them."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import aiohttp
import discord

from emulators.discord import DiscordEmulator

from .conftest import Runner
from .helpers import Control, make_client


async def test_burst_is_rate_limited_and_recovers_in_order(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    # Tight limits: the global window is not announced in headers, so discord.py
    # meets real 429s (with Via) and retries; the per-channel bucket it paces itself.
    await control.post(
        "/ratelimits",
        {
            "enabled": True,
            "global": {"limit": 4, "per": 0.25},
            "routes": {"messages.create": {"limit": 5, "per": 0.5}},
        },
    )
    client = make_client()
    news = state["channels"]["news"]
    async with running(client):
        channel = client.get_channel(int(news))
        assert isinstance(channel, discord.TextChannel)
        started = time.monotonic()
        sent = [await channel.send(f"update {i}") for i in range(20)]
        elapsed = time.monotonic() - started
    assert [m.content for m in sent] == [f"update {i}" for i in range(20)]
    stored = [m["content"] for m in await control.messages(news)]
    assert stored == [f"update {i}" for i in range(20)]
    assert elapsed < 20  # it recovered rather than hanging (not a speed check)
    stats = await control.get("/stats")
    assert stats["rate_limited_total"] > 0
    assert stats["requests"]["POST /channels/{channel_id}/messages"] > 20


async def test_route_bucket_headers_and_429_shape(emulator: DiscordEmulator) -> None:
    async with aiohttp.ClientSession() as session:
        control = Control(session, emulator.control_url)
        await control.post(
            "/ratelimits",
            {"enabled": True, "routes": {"messages.create": {"limit": 2, "per": 5}}},
        )
        state = await control.get("/state")
        url = f"{emulator.api_base}/channels/{state['channels']['news']}/messages"
        auth = {"Authorization": f"Bot {emulator.bot_token}"}
        statuses = []
        for i in range(3):
            async with session.post(url, json={"content": f"n{i}"}, headers=auth) as response:
                statuses.append(response.status)
                headers = response.headers
                body = await response.json()
        assert statuses == [200, 200, 429]
        assert headers["Content-Type"] == "application/json"
        assert headers["Via"] == "1.1 google"
        assert headers["X-RateLimit-Scope"] == "user"
        assert headers["X-RateLimit-Remaining"] == "0"
        assert float(headers["X-RateLimit-Reset-After"]) > 0
        assert int(headers["Retry-After"]) >= 1
        assert headers["X-RateLimit-Bucket"]
        assert set(body) == {"message", "retry_after", "global"} and body["global"] is False

        # Another channel has its own bucket.
        other = f"{emulator.api_base}/channels/{state['channels']['general']}/messages"
        async with session.post(other, json={"content": "x"}, headers=auth) as response:
            assert response.status == 200

        # Disabling limits at run time lets the next request through.
        await control.post("/ratelimits", {"enabled": False})
        async with session.post(url, json={"content": "free"}, headers=auth) as response:
            assert response.status == 200
            assert "X-RateLimit-Limit" not in response.headers


async def test_injected_5xx_is_retried_by_discord_py(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    await control.post(
        "/faults",
        {"method": "POST", "route": "/channels/{channel_id}/messages", "status": 502, "count": 1},
    )
    client = make_client()
    async with running(client):
        channel = client.get_channel(int(state["channels"]["general"]))
        assert isinstance(channel, discord.TextChannel)
        message = await asyncio.wait_for(channel.send("after a hiccup"), 5)
    assert message.content == "after a hiccup"
    stats = await control.get("/stats")
    assert stats["faults_injected"] == 1
    assert stats["statuses"]["502"] == 1
    assert (await control.get("/faults"))["faults"][0]["remaining"] == 0


async def test_an_injected_429_is_shaped_like_discords_and_waited_out_by_discord_py(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    # discord.py reads ``retry_after`` from the body; without it (or without ``Via``) it
    # would raise instead of waiting, which no real Discord 429 makes it do.
    await control.post(
        "/faults",
        {
            "method": "POST",
            "route": "/channels/{channel_id}/messages",
            "status": 429,
            "count": 2,
            "retry_after": 0.2,
        },
    )
    client = make_client()
    async with running(client):
        channel = client.get_channel(int(state["channels"]["general"]))
        assert isinstance(channel, discord.TextChannel)
        message = await asyncio.wait_for(channel.send("after the wait"), 10)
    assert message.content == "after the wait"
    stats = await control.get("/stats")
    assert stats["faults_injected"] == 2
    assert stats["statuses"]["429"] == 2
    assert stats["rate_limited_total"] >= 2
