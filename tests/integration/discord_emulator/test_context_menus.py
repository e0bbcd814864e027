"""Context-menu commands (USER and MESSAGE): registration rules, sync and log-in."""

from __future__ import annotations

from typing import Any

import discord
import pytest
from discord import app_commands

from tests.eventually import eventually

from .conftest import Runner
from .helpers import Control, make_client


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


async def test_control_api_runs_user_and_message_context_menus(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    client = MenuBot(int(state["guild_id"]))
    seen: dict[str, Any] = {}

    @client.tree.context_menu(name="Show Join Date")
    async def show_join_date(interaction: discord.Interaction, member: discord.Member) -> None:
        seen["member"] = (member.id, member.display_name)
        await interaction.response.send_message(f"{member.display_name} joined", ephemeral=True)

    @client.tree.context_menu(name="Report to Moderators")
    async def report(interaction: discord.Interaction, message: discord.Message) -> None:
        seen["message"] = (message.id, message.content)
        await interaction.response.send_message("Reported", ephemeral=True)

    news = state["channels"]["news"]
    async with running(client):
        said = await control.say(news, state["reader"], "Something to report")
        user_run = await control.post(
            "/commands",
            {
                "name": "Show Join Date",
                "type": 2,
                "target_id": "dev_okafor",
                "channel_id": news,
                "user_id": state["reader"],
            },
        )
        message_run = await control.post(
            "/commands",
            {
                "name": "Report to Moderators",
                "type": 3,
                "target_id": said["id"],
                "channel_id": news,
                "user_id": state["reader"],
            },
        )

        async def answered() -> bool:
            views = [await control.get(f"/commands/{r['id']}") for r in (user_run, message_run)]
            return all(v["original"] for v in views)

        await eventually(answered)
    dev = next(u for u in state["users"] if u["username"] == "dev_okafor")
    assert seen["member"] == (int(dev["id"]), "Dev Okafor")
    assert seen["message"] == (int(said["id"]), "Something to report")
    user_view = await control.get(f"/commands/{user_run['id']}")
    assert user_view["command_type"] == 2 and user_view["target_id"] == dev["id"]
    assert user_view["original"]["content"] == "Dev Okafor joined"


class Counter(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=None)
        self.clicks = 0

    @discord.ui.button(label="0 readers agree", custom_id="agree")
    async def agree(self, interaction: discord.Interaction, button: discord.ui.Button[Any]) -> None:
        self.clicks += 1
        button.label = f"{self.clicks} readers agree"
        await interaction.response.edit_message(content="Thanks!", view=self)


async def test_button_click_edits_the_message(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    client = make_client()
    news = state["channels"]["news"]
    async with running(client):
        channel = client.get_channel(int(news))
        assert isinstance(channel, discord.TextChannel)
        view = Counter()
        sent = await channel.send("Do you agree?", view=view)
        [record] = [m for m in await control.messages(news) if m["id"] == str(sent.id)]
        assert record["components"][0]["components"][0]["custom_id"] == "agree"

        click = await control.post(
            "/components",
            {
                "channel_id": news,
                "message_id": str(sent.id),
                "custom_id": "agree",
                "user_id": state["reader"],
            },
        )

        async def edited() -> bool:
            [m] = [m for m in await control.messages(news) if m["id"] == str(sent.id)]
            return m["content"] == "Thanks!"

        await eventually(edited)
    [after] = [m for m in await control.messages(news) if m["id"] == str(sent.id)]
    assert after["components"][0]["components"][0]["label"] == "1 readers agree"
    interaction = await control.get(f"/commands/{click['id']}")
    assert interaction["type"] == 3 and interaction["response_type"] == 7


async def test_components_are_validated(running: Runner, state: dict[str, Any]) -> None:
    client = make_client()
    async with running(client):
        channel = client.get_channel(int(state["channels"]["news"]))
        assert isinstance(channel, discord.TextChannel)
        route = discord.http.Route("POST", "/channels/{channel_id}/messages", channel_id=channel.id)

        def row(*ids: str) -> dict[str, Any]:
            return {
                "type": 1,
                "components": [{"type": 2, "style": 1, "label": "x", "custom_id": i} for i in ids],
            }

        bad = [
            [row(f"r{i}") for i in range(6)],  # six action rows
            [row(*[f"b{i}" for i in range(6)])],  # six buttons in a row
            [row("x" * 101)],  # custom_id too long
            [
                {
                    "type": 1,
                    "components": [{"type": 2, "style": 1, "label": "l" * 81, "custom_id": "a"}],
                }
            ],
        ]
        for components in bad:
            with pytest.raises(discord.HTTPException) as refused:
                await client.http.request(route, json={"content": "x", "components": components})
            assert refused.value.code == 50035
        await client.http.request(route, json={"content": "ok", "components": [row("a", "b")]})
