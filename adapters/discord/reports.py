"""Readers' 🚩 reactions as reports of a comment.

A 🚩 on any message of a discussion thread, the reader's original or one of briefbot's
copies, reports the comment behind it once per person (reporter key ``discord:<user id>``);
enough reports hold the comment (the core decides). The bot's own and other bots' reactions,
other emojis and messages that are not comments are ignored. A failure is logged and never
raised: a reaction is not worth stopping the event stream for.
"""

from __future__ import annotations

import logging

import discord

from adapters.discord.platform import DISCORD
from bot.domain.moderation import person_key
from bot.errors import BriefbotError
from bot.services.context import Context
from bot.services.moderation import find_comment, report

__all__ = ["REPORT_EMOJI", "ReactionReports"]

log = logging.getLogger(__name__)

REPORT_EMOJI = "🚩"


class ReactionReports:
    def __init__(self, ctx: Context, client: discord.Client) -> None:
        self._ctx = ctx
        self._client = client

    async def reaction(self, event: discord.RawReactionActionEvent) -> None:
        """A reaction was added: report the comment if it is a person's 🚩 on one."""
        if event.guild_id is None or event.emoji.is_custom_emoji():
            return
        if event.emoji.name != REPORT_EMOJI:
            return
        own = self._client.user.id if self._client.user else None
        if event.user_id == own or (event.member is not None and event.member.bot):
            return
        try:
            comment = await find_comment(
                self._ctx,
                DISCORD,
                str(event.guild_id),
                str(event.channel_id),
                str(event.message_id),
            )
            if comment is None:
                return
            reported = await report(self._ctx, comment.id, person_key(DISCORD, str(event.user_id)))
        except BriefbotError as error:
            log.warning(
                "a 🚩 on Discord message %s could not be recorded: %s", event.message_id, error
            )
            return
        log.info(
            "Discord user %s reported comment %d (now %s)",
            event.user_id,
            reported.id,
            reported.standing,
        )
