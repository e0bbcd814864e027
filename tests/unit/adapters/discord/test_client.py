"""How the discord.py client is set up (no connection is made)."""

from __future__ import annotations

import discord
from discord import app_commands

from adapters.discord.client import BriefbotClient, build_client
from adapters.discord.mod_policy import POLICY_COMMANDS
from tests.app import plain_context


def client() -> BriefbotClient:
    ctx = plain_context()
    return build_client(ctx, guild_ids=[1])


async def test_only_the_intents_briefbot_needs() -> None:
    intents = client().intents
    assert intents.guilds and intents.guild_messages and intents.message_content
    assert intents.guild_reactions  # 🚩 reports
    assert not intents.members and not intents.presences and not intents.dm_messages
    assert intents.value == (1 << 0) | (1 << 9) | (1 << 10) | (1 << 15)


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
    # Shown to moderators; link checks Manage Channels when it runs.
    assert group.default_permissions == discord.Permissions(manage_messages=True)
    link = group.get_command("link")
    assert isinstance(link, app_commands.Command)
    assert [(p.name, p.required) for p in link.parameters] == [("code", False)]
    mod = group.get_command("mod")
    assert isinstance(mod, app_commands.Group)
    assert sorted(c.name for c in mod.commands) == sorted(
        ["ban", "close", "login", "open", "unban", *POLICY_COMMANDS]
    )
    menus = tree.get_commands(type=discord.AppCommandType.message)
    assert sorted(m.name for m in menus) == ["Hold for review", "Remove everywhere"]
    for menu in menus:
        assert menu.default_permissions == discord.Permissions(manage_messages=True)
        assert menu.guild_only
