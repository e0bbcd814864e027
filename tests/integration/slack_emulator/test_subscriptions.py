"""Only the events the app subscribes to reach it (a plain slack-bolt app)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest
from slack_bolt.async_app import AsyncApp

from emulators.slack import SlackEmulator
from emulators.slack.config import DEFAULT_BOT_SCOPES
from tests.eventually import eventually

from .conftest import Control, next_item


@pytest.mark.parametrize(
    "emulator_settings",
    [{"bot_events": ("app_mention",), "bot_scopes": (*DEFAULT_BOT_SCOPES, "app_mentions:read")}],
)
async def test_an_app_subscribed_to_mentions_gets_only_mentions_once(
    emu: SlackEmulator,
    app: AsyncApp,
    connect: Any,
    control: Control,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING)
    mentions: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    @app.event("app_mention")
    async def on_mention(event: dict[str, Any]) -> None:
        await mentions.put(event)

    await connect()
    await control.post("messages", {"channel": "news", "user": "ana", "text": "no mention"})
    text = f"<@{emu.bot_user_id}> a question"
    await control.post("messages", {"channel": "news", "user": "ben", "text": text})
    assert (await next_item(mentions))["text"] == text

    async def all_acked() -> bool:
        socket = (await control.get("stats"))["socket"]
        return bool(socket["envelopes_acked"] == socket["envelopes_delivered"])

    await eventually(all_acked)
    stats = await control.get("stats")
    assert stats["socket"]["envelopes_delivered"] == 1
    assert stats["socket"]["envelopes_retried"] == 0
    assert stats["events_unsubscribed"] == {"message.channels": 2}
    assert mentions.empty()
    assert "Unhandled request" not in caplog.text


async def test_default_subscriptions_are_the_manifest_bot_events(
    emu: SlackEmulator, control: Control
) -> None:
    state = await control.get("state")
    assert state["bot_events"] == ["message.channels", "message.groups", "reaction_added"]
    assert state["interactivity"] is True
