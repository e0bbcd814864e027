"""Reactions: people and the bot add and remove them; events only with the intent."""

from __future__ import annotations

import asyncio
from typing import Any

import discord
import pytest

from emulators.discord.seed import EVERYONE_PERMISSIONS

from .conftest import Runner
from .helpers import Control, default_intents, make_client, wait_for

FLAG = "🚩"


def _reacting_client() -> tuple[discord.Client, asyncio.Queue[Any]]:
    intents = default_intents()
    intents.guild_reactions = True
    client = make_client(intents=intents)
    events: asyncio.Queue[Any] = asyncio.Queue()

    @client.event
    async def on_raw_reaction_add(event: discord.RawReactionActionEvent) -> None:
        await events.put(event)

    @client.event
    async def on_raw_reaction_remove(event: discord.RawReactionActionEvent) -> None:
        await events.put(event)

    return client, events


async def test_people_and_the_bot_react_and_the_bot_hears_it(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    client, events = _reacting_client()
    news = state["channels"]["news"]
    reader = int(state["reader"])
    async with running(client):
        said = await control.say(news, reader, "A comment to flag")
        body = {"channel_id": news, "message_id": said["id"], "user_id": reader, "emoji": FLAG}
        await control.post("/reactions", body)
        added = await wait_for(events)
        assert added.event_type == "REACTION_ADD"
        assert (added.user_id, added.message_id, str(added.emoji)) == (
            reader,
            int(said["id"]),
            FLAG,
        )
        assert added.member is not None and added.member.id == reader
        assert added.message_author_id == reader
        await control.post("/reactions", body)  # reacting twice is one reaction, no event

        channel = client.get_channel(int(news))
        assert isinstance(channel, discord.TextChannel)
        message = await channel.fetch_message(int(said["id"]))
        await message.add_reaction(FLAG)
        own = await wait_for(events)
        assert client.user is not None and own.user_id == client.user.id
        message = await channel.fetch_message(int(said["id"]))
        [flag] = message.reactions
        assert (str(flag.emoji), flag.count, flag.me) == (FLAG, 2, True)
        assert sorted([u.id async for u in flag.users()]) == sorted([reader, own.user_id])

        await control.request("DELETE", "/reactions", body)
        removed = await wait_for(events)
        assert removed.event_type == "REACTION_REMOVE" and removed.user_id == reader

        with pytest.raises(discord.HTTPException) as unknown:
            await message.add_reaction("x")
        assert unknown.value.code == 10014


async def test_removing_someone_elses_reaction_needs_manage_messages(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    client, events = _reacting_client()
    news = state["channels"]["news"]
    reader = int(state["reader"])
    async with running(client):
        said = await control.say(news, reader, "Flag me")
        body = {"channel_id": news, "message_id": said["id"], "user_id": reader, "emoji": FLAG}
        await control.post("/reactions", body)
        await wait_for(events)
        channel = client.get_channel(int(news))
        assert isinstance(channel, discord.TextChannel)
        message = channel.get_partial_message(int(said["id"]))
        await control.patch("/roles/Briefbot", {"permissions": EVERYONE_PERMISSIONS})
        with pytest.raises(discord.Forbidden) as refused:
            await message.remove_reaction(FLAG, discord.Object(reader))
        assert refused.value.code == 50013
        await control.patch("/roles/Briefbot", {"permissions": EVERYONE_PERMISSIONS | 1 << 13})
        await message.remove_reaction(FLAG, discord.Object(reader))
        removed = await wait_for(events)
        assert (removed.event_type, removed.user_id) == ("REACTION_REMOVE", reader)
    fetched = await control.messages(news)
    assert [m for m in fetched if m["id"] == said["id"]]


async def test_no_reaction_events_without_the_intent(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    intents = default_intents()
    intents.guild_reactions = False
    client = make_client(intents=intents)
    seen: list[Any] = []
    messages: asyncio.Queue[discord.Message] = asyncio.Queue()

    @client.event
    async def on_raw_reaction_add(event: discord.RawReactionActionEvent) -> None:
        seen.append(event)

    @client.event
    async def on_message(message: discord.Message) -> None:
        await messages.put(message)

    news = state["channels"]["news"]
    async with running(client):
        said = await control.say(news, state["reader"], "Quiet")
        body = {"channel_id": news, "message_id": said["id"], "user_id": state["reader"]}
        await control.post("/reactions", {**body, "emoji": FLAG})
        await control.say(news, state["reader"], "after")  # events arrive in order
        await wait_for(messages, lambda m: m.content == "after")
    assert seen == []
