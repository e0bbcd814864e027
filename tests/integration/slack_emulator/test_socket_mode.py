"""A plain slack-bolt AsyncApp in Socket Mode against the emulator."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from slack_bolt.async_app import AsyncApp

from emulators.slack import SlackEmulator
from emulators.slack.config import DEFAULT_BOT_SCOPES
from tests.eventually import eventually

from .conftest import Control, listen_to_messages, next_item


async def test_receives_channel_message_and_thread_reply(
    emu: SlackEmulator, app: AsyncApp, connect: Any, control: Control
) -> None:
    seen = listen_to_messages(app)

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

    await eventually(replied)
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


async def test_user_edit_and_delete_reach_the_app(
    emu: SlackEmulator, app: AsyncApp, connect: Any, control: Control
) -> None:
    seen = listen_to_messages(app)

    await connect()
    news = emu.channel_id("news")
    posted = await control.post("messages", {"channel": news, "user": "ana", "text": "frist"})
    ts = posted["message"]["ts"]
    await next_item(seen)

    await control.call("PATCH", f"messages/{news}/{ts}", {"text": "first"})
    changed = await next_item(seen)
    assert changed["subtype"] == "message_changed"
    assert changed["hidden"] is True
    assert changed["channel"] == news
    assert changed["message"]["ts"] == ts
    assert changed["message"]["text"] == "first"
    assert changed["message"]["edited"]["user"] == "U0ANA000001"
    assert changed["previous_message"]["text"] == "frist"
    assert float(changed["ts"]) > float(ts)

    await control.call("DELETE", f"messages/{news}/{ts}")
    deleted = await next_item(seen)
    assert deleted["subtype"] == "message_deleted"
    assert deleted["deleted_ts"] == ts
    assert deleted["hidden"] is True
    assert deleted["previous_message"]["text"] == "first"


async def test_bot_edits_and_deletes_generate_events_bolt_ignores(
    emu: SlackEmulator, app: AsyncApp, connect: Any, control: Control
) -> None:
    seen = listen_to_messages(app)

    await connect()
    posted = await app.client.chat_postMessage(channel="news", text="draft")
    await app.client.chat_update(channel=posted["channel"], ts=posted["ts"], text="final")
    await app.client.chat_delete(channel=posted["channel"], ts=posted["ts"])
    stats = emu.emulator.stats

    async def all_acked() -> bool:
        return stats.envelopes_acked >= 3

    await eventually(all_acked)
    assert stats.envelopes_delivered == 3
    assert stats.envelopes_acked == 3
    assert seen.empty()


async def test_reconnects_after_disconnect_and_gets_queued_events(
    emu: SlackEmulator, app: AsyncApp, connect: Any, control: Control
) -> None:
    seen = listen_to_messages(app)

    handler = await connect()
    assert (await control.post("disconnect"))["dropped"] == 1
    # Posted before the app reconnects: waits in the emulator's outbox.
    await control.post("messages", {"channel": "news", "user": "cara", "text": "while away"})
    event = await next_item(seen, 8)
    assert event["text"] == "while away"
    stats = await control.get("stats")
    assert stats["socket"]["connections_total"] >= 2
    assert stats["requests"]["apps.connections.open"] >= 2
    assert await handler.client.is_connected()
    assert stats["socket"]["connections_open"] == 1


async def test_unacknowledged_envelope_is_redelivered_with_retry_attempt(
    emu: SlackEmulator, app: AsyncApp, connect: Any, control: Control
) -> None:
    attempts: asyncio.Queue[tuple[str | None, str | None]] = asyncio.Queue()

    @app.middleware
    async def drop_first(req: Any, resp: Any, next: Any) -> Any:
        num = req.headers.get("x-slack-retry-num", [None])[0]
        reason = req.headers.get("x-slack-retry-reason", [None])[0]
        await attempts.put((num, reason))
        if num in (None, "0"):
            # Swallow the first delivery without acknowledging it.
            await asyncio.sleep(1.0)  # past the 0.5 s ack timeout
        return await next()

    @app.event("message")
    async def on_message() -> None:
        return None

    await connect()
    await control.post("messages", {"channel": "news", "user": "ana", "text": "retry me"})
    assert await next_item(attempts) == ("0", "")
    assert await next_item(attempts) == ("1", "timeout")
    stats = await control.get("stats")
    assert stats["socket"]["envelopes_retried"] == 1


async def test_events_wait_for_a_connection(
    emu: SlackEmulator, app: AsyncApp, connect: Any, control: Control
) -> None:
    seen = listen_to_messages(app)

    await control.post("messages", {"channel": "general", "user": "ana", "text": "one"})
    await control.post("messages", {"channel": "general", "user": "ben", "text": "two"})
    assert (await control.get("state"))["socket"]["queued"] == 2
    await connect()
    assert [(await next_item(seen))["text"] for _ in range(2)] == ["one", "two"]


async def test_broadcast_replies_arrive_as_thread_broadcast(
    emu: SlackEmulator, app: AsyncApp, connect: Any, control: Control
) -> None:
    seen = listen_to_messages(app)

    await connect()
    parent = await control.post("messages", {"channel": "news", "user": "ana", "text": "p"})
    await next_item(seen)
    await control.post(
        "messages",
        {
            "channel": "news",
            "user": "ben",
            "text": "also in channel",
            "thread_ts": parent["message"]["ts"],
            "reply_broadcast": True,
        },
    )
    event = await next_item(seen)
    assert event["subtype"] == "thread_broadcast"
    assert event["thread_ts"] == parent["message"]["ts"]
    assert event["root"]["ts"] == parent["message"]["ts"]
    history = await app.client.conversations_history(channel="news")
    assert [m["text"] for m in history["messages"]] == ["also in channel", "p"]


@pytest.mark.parametrize(
    "emulator_settings",
    [
        {
            "bot_events": ("message.channels", "app_mention"),
            "bot_scopes": (*DEFAULT_BOT_SCOPES, "app_mentions:read"),
        }
    ],
)
async def test_mentioning_the_bot_also_sends_app_mention(
    emu: SlackEmulator, app: AsyncApp, connect: Any, control: Control
) -> None:
    mentions: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    @app.event("app_mention")
    async def on_mention(event: dict[str, Any]) -> None:
        await mentions.put(event)

    @app.event("message")
    async def on_message() -> None:
        return None

    await connect()
    text = f"<@{emu.bot_user_id}> what happened?"
    await control.post("messages", {"channel": "news", "user": "ana", "text": text})
    event = await next_item(mentions)
    assert event["text"] == text
    assert event["user"] == "U0ANA000001"
