"""Moderation from Discord: two message context menus and ``/briefbot mod …``.

"Remove everywhere" and "Hold for review" act on any message of a discussion thread, the
reader's original or one of briefbot's copies. ``/briefbot mod ban|unban <user>`` acts on
the room of the channel it is typed in; ``close`` and ``open`` on the discussion of the
thread they are typed in; ``login`` gives a one-time link to the web moderation queue;
``policy``, ``ban-word`` and the other policy commands live in :mod:`adapters.discord.mod_policy`.

Every action defers ephemerally at once, checks the member's permissions as Discord reports
them for this very interaction (:mod:`adapters.discord.moderators`) and answers in one
sentence; anyone else is refused in one sentence and nothing happens.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import discord
from discord import app_commands

from adapters.discord import messages as discord_messages
from adapters.discord.mod_policy import add_policy_commands
from adapters.discord.moderators import home_room, moderator_for, thread_of
from adapters.discord.platform import DISCORD
from bot import messages
from bot.domain.model import WEB, Comment, Place
from bot.domain.moderation import Moderator
from bot.errors import ModerationError
from bot.services.context import Context
from bot.services.moderation import (
    ban,
    close,
    find_comment,
    hold,
    issue_login,
    remove_everywhere,
    reopen,
    unban,
)
from bot.services.moderation.signin import LOGIN_MINUTES, sign_in_url

__all__ = ["build_moderation"]

log = logging.getLogger(__name__)

MANAGE_MESSAGES = discord.Permissions(manage_messages=True)
Work = Callable[[Moderator], Awaitable[str]]


def _place_name(place: Place) -> str:
    prefix = "" if place.platform == WEB else "#"
    return f"{prefix}{place.name} ({place.platform.label})"


async def _moderate(
    ctx: Context, interaction: discord.Interaction, mod_roles: frozenset[str], work: Work
) -> None:
    """Defer ephemerally, check the member, do the work, answer in one sentence."""
    await interaction.response.defer(ephemeral=True, thinking=True)
    name = interaction.command.name if interaction.command else "?"
    try:
        moderator = await moderator_for(ctx, interaction, mod_roles)
        if moderator is None:
            log.info(
                "refused %r to Discord user %s (not a moderator here)", name, interaction.user.id
            )
            text = discord_messages.NOT_A_MODERATOR
        else:
            text = await work(moderator)
    except ModerationError as error:  # not this moderator's room, already held...
        text = error.user_message
    except Exception:
        log.exception("moderation command %r failed", name)
        text = messages.INTERNAL_ERROR
    try:
        await interaction.followup.send(text, ephemeral=True)
    except discord.HTTPException as error:
        log.warning("could not answer a moderation command: %s", error)


def build_moderation(
    ctx: Context, parent: app_commands.Group, mod_roles: frozenset[str]
) -> list[app_commands.ContextMenu]:
    """Add the ``mod`` subgroup to ``parent`` (``/briefbot``); return the context menus."""

    async def comment_of(
        interaction: discord.Interaction, message: discord.Message
    ) -> Comment | None:
        if interaction.guild is None:
            return None
        return await find_comment(
            ctx,
            DISCORD,
            str(interaction.guild.id),
            str(message.channel.id),
            str(message.id),
        )

    async def remove(interaction: discord.Interaction, message: discord.Message) -> None:
        async def work(moderator: Moderator) -> str:
            comment = await comment_of(interaction, message)
            if comment is None:
                return discord_messages.COMMENT_UNKNOWN
            removal = await remove_everywhere(ctx, comment.id, moderator)
            return discord_messages.removed_everywhere([_place_name(p) for p in removal.kept])

        await _moderate(ctx, interaction, mod_roles, work)

    async def hold_for_review(interaction: discord.Interaction, message: discord.Message) -> None:
        async def work(moderator: Moderator) -> str:
            comment = await comment_of(interaction, message)
            if comment is None:
                return discord_messages.COMMENT_UNKNOWN
            await hold(ctx, comment.id, moderator)
            return discord_messages.HELD

        await _moderate(ctx, interaction, mod_roles, work)

    menus = [
        app_commands.ContextMenu(name="Remove everywhere", callback=remove),
        app_commands.ContextMenu(name="Hold for review", callback=hold_for_review),
    ]
    for menu in menus:
        menu.default_permissions = MANAGE_MESSAGES
        menu.guild_only = True

    group = app_commands.Group(
        name="mod", description="Moderate the discussions shared with this channel", parent=parent
    )

    @group.command(name="ban", description="Reject this person's new comments everywhere")
    @app_commands.describe(user="Who to ban")
    async def ban_user(interaction: discord.Interaction, user: discord.User) -> None:
        async def work(moderator: Moderator) -> str:
            room = home_room(moderator)
            if room is None:
                return discord_messages.NOT_SHARED
            await ban(ctx, room, DISCORD, str(user.id), moderator)
            return discord_messages.banned(user.display_name)

        await _moderate(ctx, interaction, mod_roles, work)

    @group.command(name="unban", description="Let this person comment again")
    @app_commands.describe(user="Who to unban")
    async def unban_user(interaction: discord.Interaction, user: discord.User) -> None:
        async def work(moderator: Moderator) -> str:
            room = home_room(moderator)
            if room is None:
                return discord_messages.NOT_SHARED
            await unban(ctx, room, DISCORD, str(user.id), moderator)
            return discord_messages.unbanned(user.display_name)

        await _moderate(ctx, interaction, mod_roles, work)

    async def this_discussion(
        interaction: discord.Interaction,
        action: Callable[[Context, int, Moderator], Awaitable[None]],
        done: Callable[[], str],
    ) -> None:
        """``close``/``open``: ``action`` on the discussion of the thread it is run in."""

        async def work(moderator: Moderator) -> str:
            thread = await thread_of(ctx, interaction)
            if thread is None:
                return discord_messages.NOT_A_DISCUSSION
            await action(ctx, thread.discussion_id, moderator)
            return done()

        await _moderate(ctx, interaction, mod_roles, work)

    @group.command(name="close", description="Close this discussion everywhere")
    async def close_here(interaction: discord.Interaction) -> None:
        await this_discussion(interaction, close, discord_messages.closed)

    @group.command(name="open", description="Reopen this discussion everywhere")
    async def open_here(interaction: discord.Interaction) -> None:
        await this_discussion(interaction, reopen, discord_messages.reopened)

    @group.command(name="login", description="Get a one-time link to the moderation queue")
    async def login(interaction: discord.Interaction) -> None:
        async def work(moderator: Moderator) -> str:
            if not ctx.web_base_url:
                return discord_messages.NO_QUEUE
            token = await issue_login(ctx, moderator)
            return discord_messages.login_link(sign_in_url(ctx.web_base_url, token), LOGIN_MINUTES)

        await _moderate(ctx, interaction, mod_roles, work)

    async def moderate(interaction: discord.Interaction, work: Work) -> None:
        await _moderate(ctx, interaction, mod_roles, work)

    add_policy_commands(ctx, group, moderate)
    return menus
