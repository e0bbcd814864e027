"""Connecting, intents, privileged-intent refusal, and RESUME after a dropped socket."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import discord
import pytest

from emulators.discord import DiscordEmulator, RateLimitConfig
from emulators.discord.client_setup import point_discord_py_at
from tests.eventually import eventually

from .conftest import Runner
from .helpers import Control, default_intents, make_client, wait_for


async def test_on_ready_sees_seeded_guild(running: Runner, state: dict[str, Any]) -> None:
    intents = default_intents()
    intents.members = True  # member_count == len(members): ready without chunking
    client = make_client(intents=intents)
    async with running(client):
        assert client.user is not None
        assert str(client.user.id) == state["bot_user_id"]
        assert client.application_id == int(state["application_id"])
        [guild] = client.guilds
        assert guild.name == "Riverside Gazette Community"
        assert {c.name for c in guild.text_channels} == {"news", "general"}
        assert guild.default_role.id == guild.id
        assert guild.member_count == len(guild.members) == len(state["users"])
        assert guild.chunked
        assert guild.me.guild_permissions.send_messages
        names = {m.display_name for m in guild.members}
        assert {"María López", "Dev Okafor"} <= names


async def test_seed_is_deterministic() -> None:
    async with DiscordEmulator() as first, DiscordEmulator() as second:
        assert first.state.guild.id == second.state.guild.id
        assert first.channel_id("news") == second.channel_id("news")
    async with DiscordEmulator(seed=7) as other:
        assert other.state.guild.id != first.state.guild.id


async def test_wrong_token_is_refused(emulator: DiscordEmulator) -> None:
    client = make_client()
    with pytest.raises(discord.LoginFailure):
        await client.start("not-the-token")
    await client.close()


async def test_message_without_content_intent_is_empty(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    client = make_client(intents=default_intents(message_content=False))
    seen: asyncio.Queue[discord.Message] = asyncio.Queue()
    client.event(_forward("on_message", seen))
    news = state["channels"]["news"]
    async with running(client):
        await control.say(news, state["reader"], "no intent, no content")
        message = await wait_for(seen)
        assert message.content == ""
        assert str(message.author.id) == state["reader"]
        # Messages mentioning the bot keep their content.
        await control.say(news, state["reader"], f"<@{state['bot_user_id']}> hello")
        mention = await wait_for(seen)
        assert mention.content.endswith("hello")
        # So do the bot's own messages.
        channel = client.get_channel(int(news))
        assert isinstance(channel, discord.TextChannel)
        await channel.send("mine")
        own = await wait_for(seen)
        assert own.content == "mine"


async def test_refused_privileged_intent_raises(
    emulator: DiscordEmulator, control: Control
) -> None:
    await control.post("/config", {"allow_privileged_intents": False})
    client = make_client()
    with pytest.raises(discord.PrivilegedIntentsRequired):
        await asyncio.wait_for(client.start(emulator.bot_token), 5)
    await client.close()


async def test_a_fresh_application_is_refused_message_content() -> None:
    """Like a new Discord application: the portal switch is off until someone turns it on."""
    async with DiscordEmulator(rate_limits=RateLimitConfig.disabled()) as emu:
        point_discord_py_at(emu.api_base, emu.gateway_url)
        client = make_client()
        with pytest.raises(discord.PrivilegedIntentsRequired):
            await asyncio.wait_for(client.start(emu.bot_token), 5)
        await client.close()
        without = make_client(intents=default_intents(message_content=False))
        await without.login(emu.bot_token)
        connecting = asyncio.create_task(without.connect())
        try:
            await asyncio.wait_for(without.wait_until_ready(), 5)
        finally:
            await without.close()
            await connecting


async def test_resume_after_disconnect_delivers_missed_messages(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    client = make_client()
    seen: asyncio.Queue[discord.Message] = asyncio.Queue()
    resumed = asyncio.Event()
    disconnected = asyncio.Event()
    client.event(_forward("on_message", seen))

    @client.event
    async def on_resumed() -> None:
        resumed.set()

    @client.event
    async def on_disconnect() -> None:
        disconnected.set()

    news = state["channels"]["news"]
    async with running(client):
        closed = await control.post("/disconnect")
        assert closed == {"closed": 1}
        await asyncio.wait_for(disconnected.wait(), 3)
        await control.say(news, state["reader"], "sent while you were away")
        await asyncio.wait_for(resumed.wait(), 5)
        missed = await wait_for(seen)
        assert missed.content == "sent while you were away"
        await control.say(news, state["reader"], "after resume")
        assert (await wait_for(seen)).content == "after resume"
    stats = await control.get("/stats")
    assert stats["gateway"]["resumes"] == 1
    assert stats["gateway"]["identifies"] == 1


async def test_op7_reconnect_resumes(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    client = make_client()
    seen: asyncio.Queue[discord.Message] = asyncio.Queue()
    resumed = asyncio.Event()
    client.event(_forward("on_message", seen))

    @client.event
    async def on_resumed() -> None:
        resumed.set()

    async with running(client):
        assert await control.post("/disconnect", {"reconnect": True}) == {"reconnect_requested": 1}
        await asyncio.wait_for(resumed.wait(), 5)
        await control.say(state["channels"]["news"], state["reader"], "still here")
        assert (await wait_for(seen)).content == "still here"
    assert (await control.get("/stats"))["gateway"]["resumes"] == 1


async def test_invalidated_session_reidentifies(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    client = make_client()

    async def no_identify_delay(shard_id: int | None, *, initial: bool = False) -> None:
        """discord.py waits 5 s before a re-IDENTIFY by default (its documented hook)."""

    client.before_identify_hook = no_identify_delay  # type: ignore[method-assign]
    seen: asyncio.Queue[discord.Message] = asyncio.Queue()
    client.event(_forward("on_message", seen))
    async with running(client):
        await control.post("/disconnect", {"invalidate": True})
        await control.say(state["channels"]["general"], state["reader"], "ping")

        async def identified_twice() -> bool:
            return (await control.get("/stats"))["gateway"]["identifies"] == 2

        await eventually(identified_twice)
        await control.say(state["channels"]["general"], state["reader"], "after re-identify")
        message = await wait_for(seen, lambda m: m.content == "after re-identify", within=5)
        assert message.guild is not None


async def test_heartbeats_are_acked_like_discord(
    running: Runner, control: Control, caplog: pytest.LogCaptureFixture
) -> None:
    """discord.py never believes it is behind: each ACK answers the heartbeat just sent.

    An ACK that arrived before discord.py's keep-alive thread noted its send made
    discord.py measure from the previous heartbeat: ``latency`` == the whole interval, and
    "Can't keep up, ... 41.3s behind" with Discord's 41.25 s interval.
    """
    interval_s = 0.6
    await control.post("/config", {"heartbeat_interval_ms": int(interval_s * 1000)})
    caplog.set_level(logging.WARNING, logger="discord.gateway")
    client = make_client()
    latencies: list[float] = []
    async with running(client):
        for _ in range(10):
            await asyncio.sleep(interval_s)
            latencies.append(client.latency)
    assert not [r for r in caplog.records if "keep up" in r.getMessage()]
    # Nowhere near a whole interval (the symptom); the emulator's ACK latency is 40 ms.
    assert max(latencies) < interval_s / 2, latencies


def _forward(name: str, queue: asyncio.Queue[Any]) -> Any:
    async def handler(item: Any) -> None:
        await queue.put(item)

    handler.__name__ = name
    return handler
