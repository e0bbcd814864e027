"""``/feed add|list|remove|pause|resume``: a channel's feed subscriptions, for moderators.

Allowed by the same rule as ``/briefbot link`` (:func:`~.moderators.may_set_up`: a moderator
here, or a member with Manage Channels); answers
are ephemeral, one sentence each (a list is a line per feed).
"""

from __future__ import annotations

import discord
from discord import app_commands

from adapters.discord.platform import DISCORD
from bot import messages
from bot.services.context import Context
from bot.services.feeds import FeedRequest, FeedUsageError, check_feed_url, run_feed_command

from . import messages as discord_messages
from .commands import _answer
from .moderators import home_channel, may_set_up

__all__ = ["build_feed_group", "run_feed"]


def build_feed_group(ctx: Context, mod_roles: frozenset[str]) -> app_commands.Group:
    group = app_commands.Group(
        name="feed",
        description="Brief a newsroom's feed into this channel",
        guild_only=True,
        default_permissions=discord.Permissions(manage_messages=True),
    )

    @group.command(name="add", description="Brief every new story of a feed here")
    @app_commands.describe(url="The feed's address (RSS or Atom)")
    async def add(interaction: discord.Interaction, url: str) -> None:
        await _answer(interaction, lambda: run_feed(ctx, interaction, mod_roles, "add", url=url))

    @group.command(name="list", description="The feeds of this channel and its linked ones")
    async def list_(interaction: discord.Interaction) -> None:
        await _answer(interaction, lambda: run_feed(ctx, interaction, mod_roles, "list"))

    for action, what in (("remove", "Stop"), ("pause", "Pause"), ("resume", "Resume")):
        group.add_command(_by_id(ctx, mod_roles, action, f"{what} a feed"))
    return group


def _by_id(
    ctx: Context, mod_roles: frozenset[str], action: str, description: str
) -> app_commands.Command[app_commands.Group, ..., None]:
    @app_commands.command(name=action, description=description)
    @app_commands.rename(feed_id="id")
    @app_commands.describe(feed_id="The feed's number (see /feed list)")
    async def command(interaction: discord.Interaction, feed_id: int) -> None:
        await _answer(interaction, lambda: run_feed(ctx, interaction, mod_roles, action, feed_id))

    return command


async def run_feed(
    ctx: Context,
    interaction: discord.Interaction,
    mod_roles: frozenset[str],
    action: str,
    feed_id: int | None = None,
    *,
    url: str | None = None,
) -> str:
    home = home_channel(interaction)
    if interaction.guild is None or home is None:
        return messages.CHANNEL_NOT_FOUND
    if not may_set_up(interaction, mod_roles):
        return discord_messages.NOT_ALLOWED_TO_SET_UP
    try:
        request = FeedRequest(
            action, url=check_feed_url(url) if url is not None else None, feed_id=feed_id
        )
    except FeedUsageError as error:
        return error.user_message
    return await run_feed_command(
        ctx, request, DISCORD, str(interaction.guild.id), str(home.id), home.name
    )
