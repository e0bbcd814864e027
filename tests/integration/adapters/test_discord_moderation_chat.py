"""DiscordChat's moderation side (remove a reader's message, close and reopen a thread)
with the real discord.py against the emulator."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import DeliveryError
from emulators.discord.seed import EVERYONE_PERMISSIONS
from tests.integration.adapters.discord_world import discord_world


async def test_a_readers_message_is_removed_even_in_a_closed_thread(tmp_path: Path) -> None:
    async with discord_world(tmp_path) as world:
        runner = await world.start_bot()
        thread_id = await world.brief()
        [thread] = await world.threads()
        maria = await world.control.user_id("maria.lopez")
        first = await world.control.say(thread_id, maria, "Rude words")
        second = await world.control.say(thread_id, maria, "More rude words")
        assert runner.chat.can_remove_originals

        await runner.chat.remove_original(thread, first)
        await runner.chat.remove_original(thread, first)  # already gone: done
        await runner.chat.close_thread(thread)
        await runner.chat.remove_original(thread, second)

        gone = {m["id"]: m["deleted"] for m in await world.control.messages(thread_id)}
        assert gone[first] and gone[second]
        view = await world.control.channel(thread_id)
        assert view["locked"] and view["archived"]  # still closed afterwards


async def test_a_closed_thread_refuses_members_until_it_is_reopened(tmp_path: Path) -> None:
    async with discord_world(tmp_path) as world:
        runner = await world.start_bot()
        thread_id = await world.brief()
        [thread] = await world.threads()
        maria = await world.control.user_id("maria.lopez")

        await runner.chat.close_thread(thread)
        await runner.chat.close_thread(thread)  # twice is fine
        body = {"channel_id": thread_id, "user_id": maria, "content": "Hello?"}
        async with world.control.http.post(f"{world.control.base}/messages", json=body) as refused:
            assert refused.status == 400
            assert (await refused.json())["code"] == 160005

        await runner.chat.reopen_thread(thread)
        view = await world.control.channel(thread_id)
        assert not view["locked"] and not view["archived"]
        await world.control.say(thread_id, maria, "Back again")


async def test_without_manage_messages_removal_is_a_permanent_error(tmp_path: Path) -> None:
    async with discord_world(tmp_path) as world:
        runner = await world.start_bot()
        thread_id = await world.brief()
        [thread] = await world.threads()
        maria = await world.control.user_id("maria.lopez")
        said = await world.control.say(thread_id, maria, "Stays")
        await world.control.call("PATCH", "/roles/Briefbot", {"permissions": EVERYONE_PERMISSIONS})

        with pytest.raises(DeliveryError) as refused:
            await runner.chat.remove_original(thread, said)
        assert refused.value.permanent
        [kept] = [m for m in await world.control.messages(thread_id) if m["id"] == said]
        assert not kept["deleted"]
