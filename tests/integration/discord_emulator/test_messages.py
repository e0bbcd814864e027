"""Messages both ways: receive, reply, edit, delete, history, validation errors."""

from __future__ import annotations

import asyncio
import io
from typing import Any

import aiohttp
import discord
import pytest

from emulators.discord import DiscordEmulator

from .conftest import Runner
from .helpers import Control, make_client, wait_for


def _queue_events(client: discord.Client, *names: str) -> asyncio.Queue[tuple[str, Any]]:
    queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
    for name in names:

        def make(event: str) -> Any:
            async def handler(payload: Any) -> None:
                await queue.put((event, payload))

            handler.__name__ = event
            return handler

        client.event(make(name))
    return queue


async def test_receive_and_reply(running: Runner, control: Control, state: dict[str, Any]) -> None:
    client = make_client()
    events = _queue_events(client, "on_message")
    news = state["channels"]["news"]
    async with running(client):
        posted = await control.say(news, state["reader"], "What about the bridge closure?")
        _, message = await wait_for(events)
        assert message.content == "What about the bridge closure?"
        assert message.id == int(posted["id"])
        assert isinstance(message.author, discord.Member)
        assert message.author.display_name == "María López"
        assert message.guild is not None and message.guild.name == "Riverside Gazette Community"
        assert isinstance(message.channel, discord.TextChannel)
        assert message.channel.name == "news"

        reply = await message.reply("It reopens on Monday.")
        assert reply.reference is not None and reply.reference.message_id == message.id
        _, own = await wait_for(events)
        assert own.id == reply.id and own.author == client.user

    log = await control.messages(news)
    assert [m["content"] for m in log] == [
        "What about the bridge closure?",
        "It reopens on Monday.",
    ]
    assert log[1]["reply_to"] == posted["id"]
    assert log[1]["pings"]["users"] == [state["reader"]]  # a reply pings its author by default


async def test_edit_and_delete_raise_raw_events(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    client = make_client()
    events = _queue_events(client, "on_message", "on_raw_message_edit", "on_raw_message_delete")
    general = state["channels"]["general"]
    async with running(client):
        posted = await control.say(general, state["reader"], "frist")
        await wait_for(events, lambda e: e[0] == "on_message")
        await control.patch(f"/messages/{general}/{posted['id']}", {"content": "first!"})
        _, edit = await wait_for(events, lambda e: e[0] == "on_raw_message_edit")
        assert isinstance(edit, discord.RawMessageUpdateEvent)
        assert edit.message_id == int(posted["id"])
        assert edit.data["content"] == "first!"
        await control.delete(f"/messages/{general}/{posted['id']}")
        _, deleted = await wait_for(events, lambda e: e[0] == "on_raw_message_delete")
        assert deleted.message_id == int(posted["id"])
        assert deleted.channel_id == int(general)

        # The bot edits and deletes its own message through REST.
        channel = client.get_channel(int(general))
        assert isinstance(channel, discord.TextChannel)
        mine = await channel.send("draft")
        edited = await mine.edit(content="final")
        assert edited.content == "final" and edited.edited_at is not None
        await mine.delete()
        with pytest.raises(discord.NotFound) as missing:
            await channel.fetch_message(mine.id)
        assert missing.value.code == 10008

    log = await control.messages(general)
    assert [(m["content"], m["deleted"]) for m in log] == [("first!", True), ("final", True)]
    assert log[0]["edited_timestamp"] is not None


async def test_history_before_after_around(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    general = state["channels"]["general"]
    ids = [int((await control.say(general, state["reader"], f"m{i}"))["id"]) for i in range(7)]
    client = make_client()
    async with running(client):
        channel = await client.fetch_channel(int(general))
        assert isinstance(channel, discord.TextChannel)
        newest = [m.content async for m in channel.history(limit=3)]
        assert newest == ["m6", "m5", "m4"]
        oldest = [m.content async for m in channel.history(limit=3, oldest_first=True)]
        assert oldest == ["m0", "m1", "m2"]
        after = [m.content async for m in channel.history(after=discord.Object(ids[4]))]
        assert after == ["m5", "m6"]
        before = [m.content async for m in channel.history(before=discord.Object(ids[2]))]
        assert before == ["m1", "m0"]
        around = [m.content async for m in channel.history(around=discord.Object(ids[3]), limit=3)]
        assert sorted(around) == ["m2", "m3", "m4"]
        fetched = await channel.fetch_message(ids[3])
        assert fetched.content == "m3"


async def test_validation_errors_surface_as_http_exceptions(
    running: Runner, state: dict[str, Any]
) -> None:
    client = make_client()
    async with running(client):
        channel = client.get_channel(int(state["channels"]["news"]))
        assert isinstance(channel, discord.TextChannel)
        with pytest.raises(discord.HTTPException) as too_long:
            await channel.send("x" * 2001)
        assert too_long.value.code == 50035
        assert too_long.value.status == 400
        assert "content" in too_long.value.text
        await channel.send("x" * 2000)  # exactly at the limit is fine

        with pytest.raises(discord.HTTPException) as title:
            await channel.send(embed=discord.Embed(title="t" * 257))
        assert title.value.code == 50035

        big = [discord.Embed(description="d" * 4000) for _ in range(2)]
        with pytest.raises(discord.HTTPException) as total:
            await channel.send(embeds=big)
        assert total.value.code == 50035
        assert "6000" in total.value.text

        too_many = discord.Embed(title="fields")
        for i in range(26):
            too_many.add_field(name=f"n{i}", value="v")
        with pytest.raises(discord.HTTPException) as fields:
            await channel.send(embed=too_many)
        assert fields.value.code == 50035

        with pytest.raises(discord.HTTPException) as empty:
            await channel.send(content="")
        assert empty.value.code == 50006


async def test_missing_permission_gives_50013(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    news = state["channels"]["news"]
    await control.patch(f"/channels/{news}", {"bot_can_send": False})
    client = make_client()
    async with running(client):
        channel = client.get_channel(int(news))
        assert isinstance(channel, discord.TextChannel)
        with pytest.raises(discord.Forbidden) as denied:
            await channel.send("hello")
        assert denied.value.code == 50013
        with pytest.raises(discord.NotFound) as unknown:
            await client.http.send_message(123, params=discord.http.handle_message_parameters("x"))
        assert unknown.value.code == 10003


async def test_file_upload_is_stored_as_attachment(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    client = make_client()
    async with running(client):
        channel = client.get_channel(int(state["channels"]["news"]))
        assert isinstance(channel, discord.TextChannel)
        sent = await channel.send("with a file", file=discord.File(io.BytesIO(b"hello"), "a.txt"))
        assert [(a.filename, a.size) for a in sent.attachments] == [("a.txt", 5)]
        kept = await sent.edit(content="still with a file")
        assert [a.filename for a in kept.attachments] == ["a.txt"]
        removed = await sent.edit(attachments=[])
        assert removed.attachments == []
    [record] = await control.messages(state["channels"]["news"])
    assert record["attachments"] == []


async def test_enforced_nonce_returns_the_first_message(emulator: DiscordEmulator) -> None:
    url = f"{emulator.api_base}/channels/{emulator.channel_id('news')}/messages"
    body = {"content": "once", "nonce": "n-1", "enforce_nonce": True}
    auth = {"Authorization": f"Bot {emulator.bot_token}"}
    async with aiohttp.ClientSession(headers=auth) as http:
        ids = []
        for _ in range(2):
            async with http.post(url, json=body) as response:
                ids.append((await response.json())["id"])
        async with http.post(url, json={**body, "enforce_nonce": False}) as response:
            ids.append((await response.json())["id"])
    assert ids[0] == ids[1] != ids[2]
