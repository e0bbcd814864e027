"""Moderation where Slack moderators already are: the "Remove everywhere" and "Hold for
review" message shortcuts, and :triangular_flag_on_post: reactions as reader reports.

Both shortcuts act on any message of a discussion thread: a reader's original or one of
briefbot's copies. Who may use them is checked with Slack at the moment of the action
(:mod:`adapters.slack.moderators`); the answer is one private sentence.
"""

from __future__ import annotations

import logging
from typing import Any, cast

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.platform import SLACK
from bot import messages
from bot.domain.model import Comment, Place
from bot.domain.moderation import person_key
from bot.errors import BriefbotError
from bot.services.context import Context
from bot.services.moderation import find_comment, hold, remove_everywhere, report

from . import messages as slack_messages
from .ephemeral import tell
from .errors import TRANSIENT
from .moderators import SlackModerators, refusal
from .mrkdwn import escape_slack
from .payloads import MessageShortcut, ReactionEvent, ReactionItem
from .translate import thread_ref

__all__ = ["FLAG", "HOLD_CALLBACK", "REMOVE_CALLBACK", "ModerationShortcuts"]

log = logging.getLogger(__name__)

REMOVE_CALLBACK = "briefbot_remove_everywhere"
HOLD_CALLBACK = "briefbot_hold"
# :triangular_flag_on_post: (🚩), the reaction readers use to report a comment.
FLAG = "triangular_flag_on_post"


def _kept_on_slack(kept: list[Place]) -> bool:
    return any(place.platform == SLACK for place in kept)


class ModerationShortcuts:
    """The listeners behind the two message shortcuts and ``reaction_added``."""

    def __init__(self, ctx: Context, client: AsyncWebClient, moderators: SlackModerators) -> None:
        self.ctx = ctx
        self.client = client
        self.moderators = moderators

    async def remove(self, ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        """``Remove everywhere``: every copy deleted; the original too where allowed."""
        await ack()
        await self._act(body, respond, "remove")

    async def hold(self, ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        """``Hold for review``: every copy deleted until a moderator approves it."""
        await ack()
        await self._act(body, respond, "hold")

    async def _act(self, body: dict[str, Any], respond: AsyncRespond, action: str) -> None:
        shortcut = cast(MessageShortcut, body)
        team_of = shortcut.get("team")
        team = team_of["id"] if team_of else ""
        user = shortcut["user"]["id"]
        channel = shortcut["channel"]["id"]
        message = shortcut.get("message")
        ts = (message["ts"] if message else "") or shortcut.get("message_ts", "")
        thread_ts = (message.get("thread_ts", "") if message else "") or ts
        answer = await self._answer(team, user, channel, thread_ts, ts, action)
        if await tell(self.client, channel, user, answer, thread_ts if thread_ts != ts else None):
            return
        # Where the bot cannot post (a channel it was never invited to), the shortcut's
        # response_url still reaches the person privately.
        try:
            await respond(text=escape_slack(answer), response_type="ephemeral")
        except (SlackClientError, OSError, TimeoutError) as error:
            log.warning("could not answer a shortcut: %s", type(error).__name__)

    async def _answer(
        self, team: str, user: str, channel: str, thread_ts: str, ts: str, action: str
    ) -> str:
        checked = await self.moderators.check(user, team, channel)
        if checked.moderator is None:
            return refusal(checked)
        moderator = checked.moderator
        try:
            comment = await find_comment(self.ctx, SLACK, team, thread_ref(channel, thread_ts), ts)
            if comment is None:
                return slack_messages.NOT_A_COMMENT
            name = comment.author.display_name
            if action == "hold":
                await hold(self.ctx, comment.id, moderator)
                return slack_messages.held(name)
            removal = await remove_everywhere(self.ctx, comment.id, moderator)
            return slack_messages.removed(name, kept_on_slack=_kept_on_slack(removal.kept))
        except BriefbotError as error:
            return error.user_message
        except Exception:
            log.exception("the %s shortcut failed unexpectedly", action)
            return messages.INTERNAL_ERROR

    async def on_reaction(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        """A 🚩 on a comment (an original or a copy) reports it once per reader."""
        reaction = cast(ReactionEvent, event)
        item = reaction.get("item") or ReactionItem()
        if reaction.get("reaction") != FLAG or item.get("type") != "message":
            return
        team = str(body.get("team_id", ""))
        channel, ts = item.get("channel", ""), item.get("ts", "")
        comment = await self._comment_at(team, channel, ts)
        if comment is None:
            return
        try:
            await report(self.ctx, comment.id, person_key(SLACK, reaction["user"]))
        except BriefbotError as error:
            log.info("a report was not taken: %s", error.user_message)

    async def _comment_at(self, team: str, channel: str, ts: str) -> Comment | None:
        """The comment a message of one of our threads is (or is a copy of). A reaction
        event names the message but not its thread, so Slack is asked for the thread."""
        try:
            response = await self.client.conversations_replies(channel=channel, ts=ts, limit=1)
        except TRANSIENT as error:
            log.warning("could not place a reaction in %s: %s", channel, type(error).__name__)
            return None
        found = response.get("messages") or []
        if not found:
            return None
        thread_ts = str(found[0].get("thread_ts") or found[0]["ts"])
        if thread_ts == ts:
            return None  # the brief itself, or a message outside any thread
        return await find_comment(self.ctx, SLACK, team, thread_ref(channel, thread_ts), ts)
