"""Context-menu commands (USER and MESSAGE): registration rules, sync and log-in."""

from __future__ import annotations

from typing import Any

import discord
import pytest
from discord import app_commands

from .conftest import Runner
from .helpers import make_client


class MenuBot(discord.Client):
    """Like discord.py's examples/app_commands/basic.py: syncs in setup_hook, then logs in."""

    def __init__(self, guild_id: int) -> None:
        intents = discord.Intents.default()
        super().__init__(intents=intents, guild_ready_timeout=0.1)
        self.guild = discord.Object(guild_id)
        self.tree: app_commands.CommandTree[Any] = app_commands.CommandTree(self)
        self.synced: list[app_commands.AppCommand] = []

    async def setup_hook(self) -> None:
        self.tree.copy_global_to(guild=self.guild)
        self.synced = await self.tree.sync(guild=self.guild)


def _menus(client: MenuBot) -> None:
    @client.tree.command(description="Say hello")
    async def hello(interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"Hi, {interaction.user.mention}")

    @client.tree.context_menu(name="Show Join Date")
    async def show_join_date(interaction: discord.Interaction, member: discord.Member) -> None:
        joined = discord.utils.format_dt(member.joined_at) if member.joined_at else "never"
        await interaction.response.send_message(f"{member} joined {joined}", ephemeral=True)

    @client.tree.context_menu(name="Report to Moderators")
    async def report(interaction: discord.Interaction, message: discord.Message) -> None:
        await interaction.response.send_message(f"Reported {message.id}", ephemeral=True)


async def test_context_menu_names_sync_and_bot_logs_in(
    running: Runner, state: dict[str, Any]
) -> None:
    client = MenuBot(int(state["guild_id"]))
    _menus(client)
    async with running(client):
        assert client.is_ready()
    kinds = {c.name: c.type for c in client.synced}
    assert kinds == {
        "hello": discord.AppCommandType.chat_input,
        "Show Join Date": discord.AppCommandType.user,
        "Report to Moderators": discord.AppCommandType.message,
    }


async def test_context_menu_rules(running: Runner, state: dict[str, Any]) -> None:
    """A description, or a 16th USER command, is refused as Discord refuses them."""
    client = make_client()
    guild = discord.Object(int(state["guild_id"]))
    async with running(client):
        path = f"/applications/{state['application_id']}/guilds/{guild.id}/commands"
        with pytest.raises(discord.HTTPException) as described:
            await client.http.request(
                discord.http.Route("POST", path),
                json={"name": "Show Join Date", "type": 2, "description": "no"},
            )
        assert described.value.code == 50035
        with pytest.raises(discord.HTTPException) as capital_slash:
            await client.http.request(
                discord.http.Route("POST", path), json={"name": "Hello", "description": "x"}
            )
        assert capital_slash.value.code == 50035
        sixteen = [{"name": f"User Menu {i}", "type": 2} for i in range(16)]
        with pytest.raises(discord.HTTPException) as too_many:
            await client.http.request(discord.http.Route("PUT", path), json=sixteen)
        assert too_many.value.code == 30032
        fifteen = await client.http.request(discord.http.Route("PUT", path), json=sixteen[:15])
        assert len(fifteen) == 15
