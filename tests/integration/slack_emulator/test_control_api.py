"""The control API: state, inspection with pings, the SSE feed, limits and reset."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp
from slack_sdk.web.async_client import AsyncWebClient

from emulators.slack import SlackEmulator

from .conftest import Control


async def test_state_describes_the_seeded_workspace(emu: SlackEmulator, control: Control) -> None:
    state = await control.get("state")
    assert state["team"]["name"] == "Riverside Gazette"
    assert state["team_id"].startswith("T")
    assert state["bot_user_id"] == emu.bot_user_id
    assert state["bot_id"].startswith("B")
    assert state["app_id"].startswith("A")
    assert set(state["channels"]) == {"news", "general", "random"}
    assert state["bot_channels"] == ["general", "news"]
    assert state["mode"] == "socket"
    assert state["request_url"] is None
    ana = next(u for u in state["users"] if u["name"] == "ana")
    assert ana["real_name"] == "Ana Lopez"
    assert ana["image_72"].startswith("https://")


async def test_listing_shows_threads_overrides_and_pings(
    emu: SlackEmulator, client: AsyncWebClient, control: Control
) -> None:
    news = emu.channel_id("news")
    parent = await client.chat_postMessage(channel=news, text="<!here> new brief")
    await client.chat_postMessage(
        channel=news,
        thread_ts=parent["ts"],
        text="@here is harmless, &lt;!channel&gt; too",
        username="Ben (web)",
        icon_emoji=":newspaper:",
    )
    await control.post(
        "messages",
        {"channel": news, "user": "ana", "text": "hey <@U0BEN000001>", "thread_ts": parent["ts"]},
    )
    listing = await control.get(f"channels/{news}/messages")
    [top] = listing["messages"]
    assert top["pings"] == ["!here"]
    assert top["reply_count"] == 2
    relay, mention = top["replies"]
    assert relay["pings"] == []
    assert relay["username"] == "Ben (web)"
    assert relay["icons"] == {"emoji": ":newspaper:"}
    assert mention["pings"] == ["@U0BEN000001"]
    assert mention["user"] == "U0ANA000001"
    thread = await control.get(f"channels/{news}/messages?thread_ts={parent['ts']}")
    assert thread["messages"][0]["ts"] == parent["ts"]
    assert len(thread["messages"]) == 3


async def test_event_stream_reports_changes(emu: SlackEmulator, control: Control) -> None:
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"{emu.control_url}/events") as stream,
    ):
        assert stream.headers["Content-Type"].startswith("text/event-stream")
        assert await stream.content.readline() == b": connected\n"
        await stream.content.readline()
        posted = await control.post(
            "messages", {"channel": "general", "user": "cara", "text": "hello"}
        )
        ts = posted["message"]["ts"]
        await control.call("PATCH", f"messages/{emu.channel_id('general')}/{ts}", {"text": "hi"})
        kinds: list[str] = []
        async with asyncio.timeout(5):
            while len(kinds) < 2:
                line = (await stream.content.readline()).decode().strip()
                if line.startswith("data: "):
                    item: dict[str, Any] = json.loads(line[6:])
                    kinds.append(item["type"])
                    assert item["ts"] == ts
    assert kinds == ["message_created", "message_updated"]


async def test_limits_settings_and_reset(emu: SlackEmulator, control: Control) -> None:
    limits = await control.post("ratelimits", {"enabled": True, "tiers": {"4": 1}})
    assert limits["tiers"]["4"] == 1
    assert limits["post_per_channel_burst"] == 4
    client = AsyncWebClient(token=emu.bot_token, base_url=emu.api_url)
    await client.auth_test()
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"{emu.api_url}auth.test", headers={"Authorization": f"Bearer {emu.bot_token}"}
        ) as resp,
    ):
        assert resp.status == 429
        assert resp.headers["Retry-After"].isdigit()
    settings = await control.post("settings", {"ack_timeout": 0.2, "max_retries": 1})
    assert settings["ack_timeout"] == 0.2
    emu.post_as_user("news", "ana", "to be forgotten")
    await control.post("reset")
    assert emu.messages("news") == []
    stats = await control.get("stats")
    assert stats["requests"] == {}
    bad = await control.post("messages", {"channel": "nope", "user": "ana", "text": "x"})
    assert bad["_status"] == 404
    assert bad["error"] == "channel_not_found"
