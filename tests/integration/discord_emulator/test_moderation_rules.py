"""Rules moderation relies on: locked threads, deleting others' messages, DMs, and
context-menu commands limited by ``default_member_permissions``."""

from __future__ import annotations

from typing import Any

import discord
import pytest
from discord import app_commands

from emulators.discord.seed import EVERYONE_PERMISSIONS
from tests.eventually import eventually

from .conftest import Runner
from .helpers import Control, make_client


async def _thread(client: discord.Client, channel_id: str) -> discord.Thread:
    channel = client.get_channel(int(channel_id))
    assert isinstance(channel, discord.TextChannel)
    brief = await channel.send("Brief")
    return await brief.create_thread(name="Discuss")


async def test_a_locked_thread_refuses_members_until_the_bot_reopens_it(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    client = make_client()
    async with running(client):
        thread = await _thread(client, state["channels"]["news"])
        await control.say(thread.id, state["reader"], "Before the lock")
        closed = await thread.edit(locked=True, archived=True)
        assert closed.locked and closed.archived
        refused = await control.say(thread.id, state["reader"], "Let me in", expect=400)
        assert refused["code"] == 160005
        reopened = await closed.edit(locked=False, archived=False)
        assert not reopened.locked and not reopened.archived
        await control.say(thread.id, state["reader"], "Back again")
        await control.patch("/roles/Briefbot", {"permissions": EVERYONE_PERMISSIONS})
        with pytest.raises(discord.Forbidden) as no_manage_threads:
            await reopened.edit(locked=True)
        assert no_manage_threads.value.code == 50013
    view = await control.get(f"/channels/{thread.id}")
    assert (view["locked"], view["archived"]) == (False, False)


async def test_deleting_a_persons_message_needs_manage_messages(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    client = make_client()
    news = state["channels"]["news"]
    async with running(client):
        channel = client.get_channel(int(news))
        assert isinstance(channel, discord.TextChannel)
        first = await control.say(news, state["reader"], "Remove me")
        await channel.get_partial_message(int(first["id"])).delete()  # the bot may, by default
        second = await control.say(news, state["reader"], "Keep me")
        await control.patch("/roles/Briefbot", {"permissions": EVERYONE_PERMISSIONS})
        with pytest.raises(discord.Forbidden) as refused:
            await channel.get_partial_message(int(second["id"])).delete()
        assert refused.value.code == 50013
        own = await channel.send("Mine")
        await own.delete()  # its own messages need no permission
    deleted = {m["content"]: m["deleted"] for m in await control.messages(news)}
    assert deleted == {"Remove me": True, "Keep me": False, "Mine": True}


async def test_a_dm_reaches_an_open_inbox_and_a_closed_one_is_50007(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    client = make_client()
    reader = state["reader"]
    async with running(client):
        user = await client.fetch_user(int(reader))
        sent = await user.send("Your comment was not published.")
        assert isinstance(sent.channel, discord.DMChannel)
        await control.patch(f"/users/{reader}", {"dms_open": False})
        with pytest.raises(discord.Forbidden) as closed:
            await user.send("Again")
        assert (closed.value.status, closed.value.code) == (403, 50007)
    dms = await control.get(f"/dms/{reader}")
    assert [m["content"] for m in dms["messages"]] == ["Your comment was not published."]
    assert dms["dms_open"] is False


async def test_a_message_command_is_only_for_members_with_its_permissions(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    client = make_client()
    tree: app_commands.CommandTree[Any] = app_commands.CommandTree(client)
    guild = discord.Object(int(state["guild_id"]))
    seen: list[tuple[int, bool]] = []

    @app_commands.context_menu(name="Remove everywhere")
    @app_commands.default_permissions(manage_messages=True)
    async def remove(interaction: discord.Interaction, message: discord.Message) -> None:
        seen.append((interaction.user.id, interaction.permissions.manage_messages))
        await interaction.response.send_message("Removed", ephemeral=True)

    tree.add_command(remove, guild=guild)
    news = state["channels"]["news"]
    moderator = next(u["id"] for u in state["users"] if u["username"] == "editor.riverside")
    async with running(client):
        await tree.sync(guild=guild)
        said = await control.say(news, state["reader"], "Spam")
        run = {"name": "Remove everywhere", "type": 3, "target_id": said["id"], "channel_id": news}
        refused = await control.post("/commands", {**run, "user_id": state["reader"]}, expect=403)
        assert "cannot see the command" in refused["error"]
        helpers = await control.post("/roles", {"name": "Helpers", "permissions": 0})
        helper = state["readers"][2]
        await control.patch(f"/members/{helper}", {"roles": [helpers["id"]]})
        await control.post("/commands", {**run, "user_id": helper}, expect=403)
        # A server admin lets the Helpers role use it (Server Settings → Integrations).
        overrides = {"permissions": [{"id": "Helpers", "permission": True}]}
        await control.request("PUT", "/command-permissions/Remove everywhere", overrides)
        for user in (moderator, helper):
            await control.post("/commands", {**run, "user_id": user})

        async def both_ran() -> bool:
            return len(seen) == 2

        await eventually(both_ran)
    # Discord reports each member's own permissions: the helper lacks Manage Messages.
    assert seen == [(int(moderator), True), (int(helper), False)]


async def test_only_manage_threads_members_run_commands_in_a_locked_thread(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    client = make_client()
    tree: app_commands.CommandTree[Any] = app_commands.CommandTree(client)
    guild = discord.Object(int(state["guild_id"]))
    answered: list[int] = []

    @app_commands.command(name="status", description="Where are we")
    async def status(interaction: discord.Interaction) -> None:
        answered.append(interaction.user.id)
        await interaction.response.send_message("Locked", ephemeral=True)

    tree.add_command(status, guild=guild)
    owner = next(u["id"] for u in state["users"] if u["username"] == "editor.riverside")
    async with running(client):
        await tree.sync(guild=guild)
        thread = await _thread(client, state["channels"]["news"])
        await thread.edit(locked=True, archived=True)
        run = {"name": "status", "channel_id": str(thread.id)}
        refused = await control.post("/commands", {**run, "user_id": state["reader"]}, expect=403)
        assert "locked thread" in refused["error"]
        ran = await control.post("/commands", {**run, "user_id": owner})

        async def shown() -> Any:
            return (await control.get(f"/commands/{ran['id']}"))["original"]

        original = await eventually(shown)
    assert original["content"] == "Locked" and original["ephemeral"]
    assert answered == [int(owner)]
    view = await control.get(f"/channels/{thread.id}")
    assert view["locked"] and view["archived"]  # an ephemeral answer changes nothing
