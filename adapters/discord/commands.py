"""The slash commands: ``/brief url [channel]`` and ``/briefbot link [code]``.

Both answer ephemerally: they defer at once (Discord allows three seconds for the first
answer, fetching an article takes longer) and follow up with one plain sentence from
:mod:`bot.messages`, or from :mod:`adapters.discord.messages` when it is in Discord's own
wording. Unexpected errors are logged and answered with ``messages.INTERNAL_ERROR``; a
traceback never reaches the user.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import discord
from discord import app_commands

from adapters.discord.platform import DISCORD
from bot import messages
from bot.domain.commands import PublishBrief
from bot.domain.model import WEB, Place
from bot.errors import ArticleError
from bot.services.briefs import PublishStatus, publish_brief
from bot.services.context import Context
from bot.services.linking import LINK_CODE_MINUTES, issue_link_code, redeem_link_code

from . import messages as discord_messages
from .moderation import build_moderation
from .moderators import may_set_up

__all__ = ["build_commands", "on_command_error", "run_brief", "run_link"]

log = logging.getLogger(__name__)

AppCommand = app_commands.Command[Any, ..., None] | app_commands.Group


def build_commands(
    ctx: Context, mod_roles: frozenset[str] = frozenset()
) -> list[AppCommand | app_commands.ContextMenu]:
    """The command objects to add to a ``CommandTree``; they close over ``ctx``.

    ``/briefbot`` is shown to members with Manage Messages (moderators, who use ``/briefbot
    mod``); ``link`` follows the rule of ``/feed`` (:func:`~.moderators.may_set_up`), checked
    when it runs.
    """

    @app_commands.command(name="brief", description="Post a brief of a news article")
    @app_commands.describe(
        url="Link to the article", channel="Where to post the brief (default: here)"
    )
    @app_commands.guild_only()
    async def brief(
        interaction: discord.Interaction, url: str, channel: discord.TextChannel | None = None
    ) -> None:
        await _answer(interaction, lambda: run_brief(ctx, interaction, url, channel))

    group = app_commands.Group(
        name="briefbot",
        description="Set up and moderate briefbot in this channel",
        guild_only=True,
        default_permissions=discord.Permissions(manage_messages=True),
    )

    @group.command(name="link", description="Share briefs and comments with another channel")
    @app_commands.describe(code="A code from /briefbot link in the other channel")
    async def link(interaction: discord.Interaction, code: str | None = None) -> None:
        await _answer(interaction, lambda: run_link(ctx, interaction, code, mod_roles))

    menus = build_moderation(ctx, group, mod_roles)
    from .feeds import build_feed_group  # it reuses this module's _answer

    return [brief, group, build_feed_group(ctx, mod_roles), *menus]


async def _answer(interaction: discord.Interaction, work: Callable[[], Awaitable[str]]) -> None:
    """Defer ephemerally, do the work, follow up with its sentence (or a plain apology)."""
    await interaction.response.defer(ephemeral=True, thinking=True)
    try:
        text = await work()
    except ArticleError as error:
        text = error.user_message
    except Exception:
        log.exception("/%s failed", interaction.command.name if interaction.command else "?")
        text = messages.INTERNAL_ERROR
    try:
        await interaction.followup.send(text, ephemeral=True)
    except discord.HTTPException as error:
        log.warning("could not answer an interaction: %s", error)


async def on_command_error(
    interaction: discord.Interaction, error: app_commands.AppCommandError
) -> None:
    """Errors before a command body runs (e.g. an option discord.py could not convert)."""
    name = interaction.command.name if interaction.command else "?"
    log.error("/%s failed: %s", name, error, exc_info=error)
    try:
        if interaction.response.is_done():
            await interaction.followup.send(messages.INTERNAL_ERROR, ephemeral=True)
        else:
            await interaction.response.send_message(messages.INTERNAL_ERROR, ephemeral=True)
    except discord.HTTPException as failure:
        log.warning("could not answer an interaction: %s", failure)


def _home(interaction: discord.Interaction) -> discord.TextChannel | None:
    """The text channel the command was typed in (a thread's parent, inside a thread)."""
    channel = interaction.channel
    if isinstance(channel, discord.Thread):
        channel = channel.parent
    return channel if isinstance(channel, discord.TextChannel) else None


async def run_brief(
    ctx: Context,
    interaction: discord.Interaction,
    url: str,
    channel: discord.TextChannel | None,
) -> str:
    """Check the gate, publish the brief and say how it went."""
    url = url.strip()
    if not url:
        return discord_messages.MISSING_URL
    if not url.lower().startswith(("http://", "https://")):
        return messages.NOT_A_URL
    member = interaction.user
    target = channel or _home(interaction)
    if interaction.guild is None or not isinstance(member, discord.Member) or target is None:
        return messages.CHANNEL_NOT_FOUND
    if not target.permissions_for(member).send_messages:
        return discord_messages.cannot_post_in(target.name)
    groups = frozenset(str(role.id) for role in member.roles)
    decision = ctx.gate.check(DISCORD.value, str(member.id), groups)
    if not decision.allowed:
        if decision.reason == "cooldown":
            return messages.cooldown(decision.retry_after)
        return messages.not_allowed()
    outcome = await publish_brief(
        PublishBrief(
            url=url,
            platform=DISCORD,
            workspace_id=str(interaction.guild.id),
            channel_id=str(target.id),
            channel_name=target.name,
            user_id=str(member.id),
            user_groups=groups,
        ),
        ctx,
    )
    if outcome.status in (PublishStatus.POSTED, PublishStatus.QUEUED):
        ctx.gate.record(DISCORD.value, str(member.id))
    if outcome.status is PublishStatus.POSTED:
        return messages.brief_posted(outcome.title, outcome.link)
    if outcome.status is PublishStatus.QUEUED:
        return messages.brief_queued(outcome.title)
    if outcome.status is PublishStatus.ALREADY:
        return messages.already_briefed(outcome.title, outcome.link)
    log.warning("brief %r was not posted: %s", outcome.title, outcome.error)
    return messages.brief_failed(outcome.title)


def _place_name(place: Place) -> str:
    prefix = "" if place.platform == WEB else "#"
    return f"{prefix}{place.name} ({place.platform.label})"


async def run_link(
    ctx: Context,
    interaction: discord.Interaction,
    code: str | None,
    mod_roles: frozenset[str] = frozenset(),
) -> str:
    """No code: issue one for this channel. A code: link this channel with its issuer."""
    home = _home(interaction)
    if interaction.guild is None or home is None:
        return messages.CHANNEL_NOT_FOUND
    if not may_set_up(interaction, mod_roles):
        return discord_messages.NOT_ALLOWED_TO_SET_UP
    where = (DISCORD, str(interaction.guild.id), str(home.id), home.name)
    if not code or not code.strip():
        issued = await issue_link_code(ctx, *where)
        return messages.link_code_issued(issued, LINK_CODE_MINUTES)
    places = await redeem_link_code(ctx, code, *where)
    if places is None:
        return messages.link_code_invalid()
    return messages.linked([_place_name(p) for p in places])
