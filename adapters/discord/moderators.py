"""Who may moderate on Discord, decided at the time of each action.

A member moderates the discussions of a channel when Discord says, for that very
interaction, that they hold Manage Messages there (``interaction.permissions`` is computed
by Discord for the channel the command ran in), or when they hold one of the configured
moderator roles (``MOD_ROLES``, role ids). Names never grant anything.
"""

from __future__ import annotations

import discord

from adapters.discord.platform import DISCORD
from bot.domain.model import Thread
from bot.domain.moderation import Moderator
from bot.services.context import Context

__all__ = [
    "home_channel",
    "home_room",
    "may_moderate",
    "may_set_up",
    "moderator_for",
    "thread_of",
]


def home_channel(interaction: discord.Interaction) -> discord.TextChannel | None:
    """The text channel the interaction happened in (a thread's parent, inside a thread)."""
    channel = interaction.channel
    if isinstance(channel, discord.Thread):
        channel = channel.parent
    return channel if isinstance(channel, discord.TextChannel) else None


def may_moderate(interaction: discord.Interaction, mod_roles: frozenset[str]) -> bool:
    member = interaction.user
    if interaction.guild is None or not isinstance(member, discord.Member):
        return False
    if interaction.permissions.manage_messages:
        return True
    return any(str(role.id) in mod_roles for role in member.roles)


def may_set_up(interaction: discord.Interaction, mod_roles: frozenset[str]) -> bool:
    """The one rule for what changes where a channel's briefs come from and go to
    (``/briefbot link`` and ``/feed``): a moderator here (:func:`may_moderate`) or a member
    Discord lets manage this channel (Manage Channels). A newsroom's editors are its
    moderators; whoever may rename or delete the channel may as well choose its feeds."""
    if interaction.guild is None or not isinstance(interaction.user, discord.Member):
        return False
    return interaction.permissions.manage_channels or may_moderate(interaction, mod_roles)


async def moderator_for(
    ctx: Context, interaction: discord.Interaction, mod_roles: frozenset[str]
) -> Moderator | None:
    """The invoking member as a moderator of this channel's room, or None if they may not
    moderate here. A channel briefbot has never seen gives a moderator of no room."""
    if not may_moderate(interaction, mod_roles):
        return None
    assert interaction.guild is not None
    member = interaction.user
    home = home_channel(interaction)
    rooms: frozenset[int] = frozenset()
    if home is not None:
        async with ctx.store.transaction() as tx:
            place = await tx.places.find(DISCORD, str(interaction.guild.id), str(home.id))
        if place is not None:
            rooms = frozenset({place.room_id})
    return Moderator(DISCORD, str(member.id), member.display_name, rooms)


def home_room(moderator: Moderator) -> int | None:
    """The room of the channel a moderator from :func:`moderator_for` was checked in, or None
    where briefbot has never seen that channel."""
    return next(iter(moderator.rooms), None) if moderator.rooms else None


async def thread_of(ctx: Context, interaction: discord.Interaction) -> Thread | None:
    """The discussion thread the interaction happened in, if it is one."""
    channel = interaction.channel
    if interaction.guild is None or not isinstance(channel, discord.Thread):
        return None
    async with ctx.store.transaction() as tx:
        return await tx.discussions.find_thread(DISCORD, str(interaction.guild.id), str(channel.id))
