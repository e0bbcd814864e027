"""Threads: start from a message, post inside, archive/unarchive, locked threads."""

from __future__ import annotations

import asyncio
from typing import Any

import discord
import pytest

from .conftest import Runner
from .helpers import Control, make_client, wait_for


async def test_thread_from_message_and_post(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    client = make_client()
    created: asyncio.Queue[discord.Thread] = asyncio.Queue()
    messages: asyncio.Queue[discord.Message] = asyncio.Queue()

    @client.event
    async def on_thread_create(thread: discord.Thread) -> None:
        await created.put(thread)

    @client.event
    async def on_message(message: discord.Message) -> None:
        await messages.put(message)

    news = state["channels"]["news"]
    async with running(client):
        channel = client.get_channel(int(news))
        assert isinstance(channel, discord.TextChannel)
        brief = await channel.send(embed=discord.Embed(title="Bridge closes for repairs"))
        thread = await brief.create_thread(name="Discuss: bridge closure")
        assert thread.id == brief.id
        assert thread.parent_id == channel.id
        assert thread.auto_archive_duration == 1440
        event = await wait_for(created)
        assert event.id == thread.id
        await thread.send("What do you think?")
        await control.say(thread.id, state["reader"], "Finally!")
        reader_msg = await wait_for(messages, lambda m: m.content == "Finally!")
        assert reader_msg.channel.id == thread.id
        assert isinstance(reader_msg.channel, discord.Thread)

        with pytest.raises(discord.HTTPException) as twice:
            await brief.create_thread(name="again")
        assert twice.value.code == 160004

        standalone = await channel.create_thread(
            name="Corrections", type=discord.ChannelType.public_thread
        )
        assert standalone.id != brief.id

    in_thread = await control.messages(thread.id)
    assert [m["content"] for m in in_thread] == ["What do you think?", "Finally!"]
    parent = await control.messages(news)
    assert parent[0]["thread_id"] == str(thread.id)
    view = await control.get(f"/channels/{news}")
    assert {t["name"] for t in view["threads"]} == {"Discuss: bridge closure", "Corrections"}


async def test_archived_thread_is_unarchived_by_a_send(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    client = make_client()
    updates: asyncio.Queue[discord.RawThreadUpdateEvent] = asyncio.Queue()

    @client.event
    async def on_raw_thread_update(event: discord.RawThreadUpdateEvent) -> None:
        # Raw: discord.py drops archived threads from its cache, so the unarchive
        # arrives as on_thread_join rather than on_thread_update.
        await updates.put(event)

    async with running(client):
        channel = client.get_channel(int(state["channels"]["news"]))
        assert isinstance(channel, discord.TextChannel)
        brief = await channel.send("Brief")
        thread = await brief.create_thread(name="Talk")
        archived = await thread.edit(archived=True)
        assert archived.archived
        assert (await control.get(f"/channels/{thread.id}"))["archived"] is True
        await wait_for(updates, lambda e: e.data["thread_metadata"]["archived"])

        await thread.send("reviving")
        revived = await wait_for(updates, lambda e: not e.data["thread_metadata"]["archived"])
        assert revived.thread_id == thread.id
        assert (await control.get(f"/channels/{thread.id}"))["archived"] is False

        # Locked but open: readers are refused, the bot (MANAGE_THREADS) may still post.
        await control.patch(f"/channels/{thread.id}", {"locked": True})
        refused = await control.say(thread.id, state["reader"], "hello?", expect=400)
        assert refused["code"] == 160005
        await thread.send("moderator note")

        # A moderator locks and archives it: sending is refused with 160005.
        await control.patch(f"/channels/{thread.id}", {"archived": True, "locked": True})
        with pytest.raises(discord.HTTPException) as locked:
            await thread.send("still here?")
        assert locked.value.code == 160005

        # Raw REST: thread options Discord validates.
        with pytest.raises(discord.HTTPException) as bad_duration:
            await client.http.start_thread_with_message(
                channel.id, (await channel.send("x")).id, name="n", auto_archive_duration=99
            )
        assert bad_duration.value.code == 50035


async def test_idle_thread_archives_itself_and_refuses_edits_until_unarchived(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    """auto_archive_duration of inactivity archives a thread (time-scaled: 1 h in 0.2 s)."""
    await control.post("/config", {"time_scale": 3600 * 5})
    client = make_client()
    updates: asyncio.Queue[discord.RawThreadUpdateEvent] = asyncio.Queue()

    @client.event
    async def on_raw_thread_update(payload: discord.RawThreadUpdateEvent) -> None:
        await updates.put(payload)

    async with running(client):
        channel = client.get_channel(int(state["channels"]["news"]))
        assert isinstance(channel, discord.TextChannel)
        brief = await channel.send("Brief")
        thread = await brief.create_thread(name="Discuss", auto_archive_duration=60)
        reply = await thread.send("first")
        archived = await wait_for(updates, lambda u: u.data["thread_metadata"]["archived"], 5)
        assert archived.thread_id == thread.id
        assert (await control.get(f"/channels/{thread.id}"))["archived"]
        await control.post("/config", {"time_scale": 1})  # no second archive mid-test

        with pytest.raises(discord.HTTPException) as edit:
            await reply.edit(content="edited")
        assert (edit.value.status, edit.value.code) == (400, 50083)
        with pytest.raises(discord.HTTPException) as delete:
            await reply.delete()
        assert (delete.value.status, delete.value.code) == (400, 50083)

        # Unarchiving (Manage Threads) makes the message editable and deletable again.
        await thread.edit(archived=False)
        await reply.edit(content="edited")
        await reply.delete()
        # A send into an archived thread unarchives it, as on Discord.
        await control.patch(f"/channels/{thread.id}", {"archived": True})
        await thread.send("revived")
        assert not (await control.get(f"/channels/{thread.id}"))["archived"]
