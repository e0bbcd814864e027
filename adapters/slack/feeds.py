"""``/feed add|list|remove|pause|resume`` on Slack, allowed by the same rule as ``/briefbot
link`` (:func:`~.moderators.set_up_refusal`: workspace admins and owners, or members of a
``MOD_ROLES`` user group). Acknowledged at once; the answer, one
ephemeral sentence (a list is a line per feed), comes through ``respond()``."""

from __future__ import annotations

import logging
from typing import Any, cast

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackClientError

from adapters.slack.platform import SLACK
from bot import messages
from bot.services.context import Context
from bot.services.feeds import FeedUsageError, parse_feed_command, run_feed_command

from .moderators import ChecksModerators, set_up_refusal
from .mrkdwn import escape_slack
from .payloads import SlashCommand

__all__ = ["FeedCommand"]

log = logging.getLogger(__name__)


class FeedCommand:
    """The listener behind ``/feed`` (bolt injects its arguments)."""

    def __init__(self, ctx: Context, moderators: ChecksModerators) -> None:
        self.ctx = ctx
        self.moderators = moderators

    async def __call__(self, ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        cmd = cast(SlashCommand, command)
        try:
            request = parse_feed_command(cmd["text"])
        except FeedUsageError as error:
            await ack(text=escape_slack(error.user_message))
            return
        await ack()
        try:
            refused = await set_up_refusal(
                self.moderators, cmd["user_id"], cmd["team_id"], cmd["channel_id"]
            )
            if refused is not None:
                answer = refused
            else:
                answer = await run_feed_command(
                    self.ctx, request, SLACK, cmd["team_id"], cmd["channel_id"], cmd["channel_name"]
                )
        except Exception:
            log.exception("/feed %s failed unexpectedly", request.action)
            answer = messages.INTERNAL_ERROR
        try:
            await respond(text=escape_slack(answer), response_type="ephemeral")
        except (SlackClientError, OSError, TimeoutError) as error:
            log.warning("could not answer /feed: %s", type(error).__name__)
