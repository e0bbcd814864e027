"""Scopes and channel membership as the manifest and the seed grant them (real slack_sdk)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from emulators.slack import SlackEmulator
from emulators.slack.manifest import load_manifest

from .conftest import Control, listen_to_messages, next_item


async def test_the_bot_token_has_exactly_the_manifest_scopes(
    emu: SlackEmulator, client: AsyncWebClient
) -> None:
    manifest = load_manifest()
    auth = await client.auth_test()
    granted = auth.headers["x-oauth-scopes"].split(",")
    assert sorted(granted) == sorted(manifest.bot_scopes)
    assert "chat:write.public" not in granted and "team:read" not in granted
    with pytest.raises(SlackApiError) as refused:
        await client.team_info()
    assert refused.value.response["error"] == "missing_scope"
    assert refused.value.response["needed"] == "team:read"
    assert refused.value.response["provided"] == ",".join(manifest.bot_scopes)


async def test_the_bot_posts_only_where_it_was_invited(
    emu: SlackEmulator, client: AsyncWebClient, control: Control
) -> None:
    await client.chat_postMessage(channel="news", text="in #news")
    for call in (
        client.chat_postMessage(channel="random", text="nope"),
        client.conversations_history(channel="random"),
    ):
        with pytest.raises(SlackApiError) as refused:
            await call
        assert refused.value.response["error"] == "not_in_channel"
    info = await client.conversations_info(channel=emu.channel_id("random"))
    assert info["channel"]["is_member"] is False

    invited = await control.post("channels/random/members", {"user": "briefbot"})
    assert invited["ok"] and invited["added"] is True
    posted = await client.chat_postMessage(channel="random", text="now I may")
    assert posted["channel"] == emu.channel_id("random")
    assert (await client.conversations_info(channel="C0RANDOM001"))["channel"]["is_member"]

    removed = await control.call("DELETE", "channels/random/members/briefbot")
    assert removed["removed"] is True
    with pytest.raises(SlackApiError) as refused:
        await client.chat_postMessage(channel="random", text="gone")
    assert refused.value.response["error"] == "not_in_channel"


@pytest.mark.parametrize("emulator_settings", [{"bot_scopes": ("chat:write", "chat:write.public")}])
async def test_chat_write_public_posts_into_public_channels_without_joining(
    emu: SlackEmulator, client: AsyncWebClient
) -> None:
    posted = await client.chat_postMessage(channel="random", text="public scope")
    assert posted["ok"]


async def test_messages_reach_the_app_only_from_channels_the_bot_is_in(
    emu: SlackEmulator, app: AsyncApp, connect: Any, control: Control
) -> None:
    seen = listen_to_messages(app)
    await connect()
    await control.post("messages", {"channel": "random", "user": "ana", "text": "unseen"})
    await control.post("messages", {"channel": "news", "user": "ana", "text": "seen"})
    assert (await next_item(seen))["text"] == "seen"
    stats = await control.get("stats")
    assert stats["events_unsubscribed"] == {"message.channels": 1}
    assert seen.empty()


@pytest.mark.parametrize(
    "emulator_settings", [{"bot_events": ("message.channels", "member_joined_channel")}]
)
async def test_inviting_the_bot_sends_member_joined_channel(
    emu: SlackEmulator, app: AsyncApp, connect: Any, control: Control
) -> None:
    joined: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    @app.event("member_joined_channel")
    async def on_joined(event: dict[str, Any]) -> None:
        await joined.put(event)

    await connect()
    await control.post("channels/random/members", {"user": "briefbot", "inviter": "ana"})
    event = await next_item(joined)
    assert event["user"] == emu.bot_user_id
    assert event["channel"] == emu.channel_id("random")
    assert event["channel_type"] == "C"
    assert event["inviter"] == "U0ANA000001"
    again = await control.post("channels/random/members", {"user": "briefbot"})
    assert again["added"] is False
