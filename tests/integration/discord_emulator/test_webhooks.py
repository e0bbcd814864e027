"""Webhooks: create, execute with overrides into a thread, allowed_mentions and pings."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
import discord
import pytest

from .conftest import Runner
from .helpers import Control, make_client, wait_for


async def test_webhook_execute_into_thread_pings_nobody(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    client = make_client()
    seen: asyncio.Queue[discord.Message] = asyncio.Queue()

    @client.event
    async def on_message(message: discord.Message) -> None:
        await seen.put(message)

    news = state["channels"]["news"]
    async with running(client):
        channel = client.get_channel(int(news))
        assert isinstance(channel, discord.TextChannel)
        hook = await channel.create_webhook(name="Briefbot relay")
        assert hook.token
        listed = await channel.webhooks()
        assert [w.id for w in listed] == [hook.id]
        thread = await (await channel.send("Brief")).create_thread(name="Talk")

        async with aiohttp.ClientSession() as session:
            relay = discord.Webhook.partial(hook.id, hook.token, session=session)
            sent = await relay.send(
                "@everyone Slack says hi <@" + state["reader"] + ">",
                username="Ana (Slack)",
                avatar_url="https://example.org/ana.png",
                thread=thread,
                wait=True,
                allowed_mentions=discord.AllowedMentions.none(),
            )
            assert sent.webhook_id == hook.id
            assert sent.author.name == "Ana (Slack)"
            assert sent.channel.id == thread.id
            assert not sent.mention_everyone and sent.mentions == []

            edited = await relay.edit_message(sent.id, content="edited", thread=thread)
            assert edited.content == "edited"
            fetched = await relay.fetch_message(sent.id, thread=thread)
            assert fetched.content == "edited"

            with pytest.raises(discord.HTTPException) as bad_name:
                await relay.send("x", username="Discord Staff", wait=True)
            assert bad_name.value.code == 50035

            no_wait = await relay.send("fire and forget")
            assert no_wait is None

            await relay.delete_message(sent.id, thread=thread)

        gateway_copy = await wait_for(seen, lambda m: m.webhook_id is not None)
        assert gateway_copy.id == sent.id
        assert isinstance(gateway_copy.author, discord.User)  # no member for webhook messages

        await channel.send("@everyone the council meets tonight")

    in_thread = await control.messages(thread.id)
    relayed = in_thread[0]
    assert relayed["webhook_id"] == str(hook.id)
    assert relayed["username"] == "Ana (Slack)"
    assert relayed["avatar_url"] == "https://example.org/ana.png"
    assert relayed["deleted"] is True
    assert relayed["pings"] == {"users": [], "roles": [], "everyone": False, "here": False}

    plain = (await control.messages(news))[-1]
    assert plain["content"].startswith("@everyone")
    assert plain["pings"]["everyone"] is True

    listed_state = await control.get("/state")
    assert listed_state["webhooks"][0]["id"] == str(hook.id)


async def test_webhook_default_mentions_parse_users_only(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    client = make_client()
    async with running(client):
        channel = client.get_channel(int(state["channels"]["general"]))
        assert isinstance(channel, discord.TextChannel)
        hook = await channel.create_webhook(name="relay")
        moderators = state["roles"]["Moderators"]
        content = f"@here <@{state['reader']}> <@&{moderators}>"
        async with aiohttp.ClientSession() as session:
            relay = discord.Webhook.partial(hook.id, hook.token or "", session=session)
            await relay.send(content, wait=True)
        await channel.send(content)
        only_role = discord.AllowedMentions(everyone=False, users=False, roles=True)
        await channel.send(content, allowed_mentions=only_role)

    webhook_msg, plain, roles_only = await control.messages(state["channels"]["general"])
    assert webhook_msg["pings"] == {
        "users": [state["reader"]],
        "roles": [],
        "everyone": False,
        "here": False,
    }
    assert plain["pings"] == {
        "users": [state["reader"]],
        "roles": [moderators],
        "everyone": False,
        "here": True,
    }
    assert roles_only["pings"]["roles"] == [moderators]
    assert roles_only["pings"]["users"] == []


async def test_unknown_webhook_and_bad_token(running: Runner, state: dict[str, Any]) -> None:
    client = make_client()
    async with running(client):
        channel = client.get_channel(int(state["channels"]["general"]))
        assert isinstance(channel, discord.TextChannel)
        hook = await channel.create_webhook(name="relay")
        async with aiohttp.ClientSession() as session:
            wrong = discord.Webhook.partial(hook.id, "x" * 68, session=session)
            with pytest.raises(discord.HTTPException) as bad_token:
                await wrong.send("x", wait=True)
            assert bad_token.value.code == 50027
            unknown = discord.Webhook.partial(1, "x" * 68, session=session)
            with pytest.raises(discord.NotFound) as missing:
                await unknown.send("x", wait=True)
            assert missing.value.code == 10015


async def test_realistic_webhook_url_reaches_the_emulator(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    client = make_client()
    async with running(client):
        channel = client.get_channel(int(state["channels"]["general"]))
        assert isinstance(channel, discord.TextChannel)
        hook = await channel.create_webhook(name="relay")
    url = f"https://discord.com/api/webhooks/{hook.id}/{hook.token}"
    async with aiohttp.ClientSession() as session:
        relay = discord.Webhook.from_url(url, session=session)
        sent = await relay.send("via URL", username="Web reader", wait=True)
    assert sent.author.name == "Web reader"
    [record] = await control.messages(state["channels"]["general"])
    assert record["content"] == "via URL"
