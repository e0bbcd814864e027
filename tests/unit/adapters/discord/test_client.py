"""How the discord.py client is set up (no connection is made)."""

from __future__ import annotations

import discord
from discord import app_commands

from adapters.discord.client import BriefbotClient, build_client
from tests.app import plain_context


def client() -> BriefbotClient:
    ctx = plain_context()
    return build_client(ctx, guild_ids=[1])


async def test_only_the_intents_briefbot_needs() -> None:
    intents = client().intents
    assert intents.guilds and intents.guild_messages and intents.message_content
    assert not intents.members and not intents.presences
    assert intents.value == (1 << 0) | (1 << 9) | (1 << 15)


async def test_nothing_the_bot_sends_can_ping() -> None:
    mentions = client().allowed_mentions
    assert mentions is not None
    assert dict(mentions.to_dict()) == {"parse": []}


async def test_the_commands() -> None:
    tree = client().tree
    brief = tree.get_command("brief")
    group = tree.get_command("briefbot")
    assert isinstance(brief, app_commands.Command)
    assert [p.name for p in brief.parameters] == ["url", "channel"]
    assert [p.required for p in brief.parameters] == [True, False]
    assert isinstance(group, app_commands.Group)
    assert group.default_permissions == discord.Permissions(manage_channels=True)
    link = group.get_command("link")
    assert isinstance(link, app_commands.Command)
    assert [(p.name, p.required) for p in link.parameters] == [("code", False)]
