"""A plain slack-bolt AsyncApp in Socket Mode against the emulator."""

from __future__ import annotations

import asyncio
from typing import Any

from slack_bolt.async_app import AsyncApp

from adapters.slack.emulator import SlackEmulator

from .conftest import Control, next_item


async def test_receives_channel_message_and_thread_reply(
    emu: SlackEmulator, app: AsyncApp, connect: Any, control: Control
) -> None:
    seen: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    @app.event("message")
    async def on_message(event: dict[str, Any]) -> None:
        await seen.put(event)

    await connect()
    news = emu.channel_id("news")
    posted = await control.post(
        "messages", {"channel": news, "user": "U0ANA000001", "text": "Rates & <taxes>"}
    )
    parent_ts = posted["message"]["ts"]
    event = await next_item(seen)
    assert event["type"] == "message"
    assert event["user"] == "U0ANA000001"
    assert event["text"] == "Rates &amp; &lt;taxes&gt;"
    assert event["ts"] == parent_ts == event["event_ts"]
    assert event["channel"] == news
    assert event["channel_type"] == "channel"
    assert event["team"] == emu.team_id
    assert event["client_msg_id"]
    assert event["blocks"][0]["type"] == "rich_text"
    assert "thread_ts" not in event

    await control.post(
        "messages",
        {"channel": "news", "user": "ben", "text": "a reply", "thread_ts": parent_ts},
    )
    reply = await next_item(seen)
    assert reply["thread_ts"] == parent_ts
    assert reply["parent_user_id"] == "U0ANA000001"
    assert float(reply["ts"]) > float(parent_ts)


async def test_say_in_thread_and_own_messages_are_not_dispatched(
    emu: SlackEmulator, app: AsyncApp, connect: Any, control: Control
) -> None:
    seen: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    @app.message("brief me")
    async def answer(message: dict[str, Any], say: Any) -> None:
        await seen.put(message)
        await say(text="Here is your brief", thread_ts=message["ts"])

    @app.event("message")
    async def other(event: dict[str, Any]) -> None:
        await seen.put(event)

    await connect()
    posted = await control.post(
        "messages", {"channel": "news", "user": "ana", "text": "please brief me"}
    )
    parent_ts = posted["message"]["ts"]
    assert (await next_item(seen))["ts"] == parent_ts

    async def replied() -> bool:
        listing = await control.get(f"channels/{emu.channel_id('news')}/messages")
        return bool(listing["messages"][0]["replies"])

    for _ in range(200):
        if await replied():
            break
        await asyncio.sleep(0.02)
    listing = await control.get(f"channels/{emu.channel_id('news')}/messages")
    reply = listing["messages"][0]["replies"][0]
    assert reply["bot_id"] == emu.bot_id
    assert reply["text"] == "Here is your brief"
    assert listing["messages"][0]["reply_count"] == 1
    # The bot's own message was delivered and acknowledged, but bolt did not dispatch it.
    await asyncio.sleep(0.3)
    assert seen.empty()
    stats = await control.get("stats")
    assert stats["socket"]["envelopes_acked"] >= 2
