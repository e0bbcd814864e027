"""``/brief`` and ``/briefbot``: acknowledged at once, finished through ``respond()``.

``/brief`` shows its progress and then its answer through ``respond()``, in that order.

Every answer is one plain, ephemeral sentence from :mod:`bot.messages` or the adapter's own
:mod:`adapters.slack.messages`; an unexpected error is logged and answered with
``INTERNAL_ERROR``, never with a traceback.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import Any, cast

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackClientError

from adapters.slack.platform import SLACK
from bot import messages
from bot.domain.commands import PublishBrief
from bot.domain.model import WEB, Place
from bot.errors import ArticleError
from bot.services.briefs import PublishOutcome, PublishStatus, publish_brief
from bot.services.context import Context
from bot.services.linking import LINK_CODE_MINUTES, issue_link_code, redeem_link_code

from . import messages as slack_messages
from .command_text import (
    BriefRequest,
    CommandUsageError,
    is_mod_command,
    parse_brief,
    parse_briefbot,
)
from .directory import SlackDirectory
from .mod_commands import ModCommands
from .mod_text import parse_mod
from .moderators import ChecksModerators, set_up_refusal
from .mrkdwn import escape_slack
from .payloads import SlashCommand

__all__ = ["SlashCommands", "outcome_message"]

log = logging.getLogger(__name__)

# Slack wants the ack within 3 seconds; group membership is a nicety, not worth missing it.
GROUP_LOOKUP_SECONDS = 1.5
# What Slack sends as ``channel_name`` for private channels and conversations.
_NOT_A_NAME = frozenset({"", "privategroup", "directmessage"})


def outcome_message(outcome: PublishOutcome) -> str:
    if outcome.status is PublishStatus.POSTED:
        return messages.brief_posted(outcome.title, outcome.link)
    if outcome.status is PublishStatus.ALREADY:
        return messages.already_briefed(outcome.title, outcome.link)
    if outcome.status is PublishStatus.QUEUED:
        return messages.brief_queued(outcome.title)
    return messages.brief_failed(outcome.title)


def _place_label(place: Place) -> str:
    prefix = "" if place.platform == WEB else "#"
    return f"{prefix}{place.name} ({place.platform.label})"


class SlashCommands:
    """The listeners behind the two slash commands (bolt injects their arguments)."""

    def __init__(
        self,
        ctx: Context,
        directory: SlackDirectory,
        moderators: ChecksModerators,
        mod: ModCommands | None = None,
    ) -> None:
        self.ctx = ctx
        self.directory = directory
        self.moderators = moderators
        self.mod = mod

    async def _groups(self, user_id: str) -> frozenset[str]:
        if not self.ctx.gate.allowed:
            return frozenset()
        try:
            async with asyncio.timeout(GROUP_LOOKUP_SECONDS):
                return await self.directory.user_groups(user_id)
        except TimeoutError:
            return frozenset()

    async def brief(self, ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        """``/brief <url> [#channel]``."""
        cmd = cast(SlashCommand, command)
        try:
            request = parse_brief(cmd["text"])
        except CommandUsageError as error:
            await ack(text=escape_slack(error.user_message))
            return
        groups = await self._groups(cmd["user_id"])
        decision = self.ctx.gate.check(SLACK.value, cmd["user_id"], groups)
        if not decision.allowed:
            refusal = (
                messages.cooldown(decision.retry_after)
                if decision.reason == "cooldown"
                else messages.not_allowed()
            )
            await ack(text=escape_slack(refusal))
            return
        # The progress goes through response_url like the answer, never in the ack: bolt sends
        # the ack only after this listener has been polled, so a refusal found in a few
        # milliseconds could reach Slack before it and "Working on it…" would be shown last.
        await ack()
        progress = asyncio.create_task(_respond(respond, slack_messages.WORKING))
        answer = await self._answer(self._publish(cmd, request, groups), "/brief")
        await progress  # the answer is always the last thing the user sees
        await _respond(respond, answer)

    async def _publish(
        self, cmd: SlashCommand, request: BriefRequest, groups: frozenset[str]
    ) -> str:
        channel_id, channel_name = await self._target(cmd, request)
        # Slack lets a slash command run anywhere, but the bot posts only where it was
        # invited (the manifest has no channels:join to invite itself): say so up front
        # rather than queue a post Slack will refuse.
        if await self.directory.is_member(channel_id) is False:
            return slack_messages.not_in_channel(channel_name)
        outcome = await publish_brief(
            PublishBrief(
                url=request.url,
                platform=SLACK,
                workspace_id=cmd["team_id"],
                channel_id=channel_id,
                channel_name=channel_name,
                user_id=cmd["user_id"],
                user_groups=groups,
            ),
            self.ctx,
        )
        if outcome.status in (PublishStatus.POSTED, PublishStatus.QUEUED):
            self.ctx.gate.record(SLACK.value, cmd["user_id"])
        if (
            outcome.status is PublishStatus.FAILED
            and await self.directory.is_member(channel_id) is False
        ):
            # Removed between the check and the post.
            return slack_messages.not_in_channel(channel_name)
        return outcome_message(outcome)

    async def _target(self, cmd: SlashCommand, request: BriefRequest) -> tuple[str, str]:
        if request.channel_id:
            name = request.channel_name or await self.directory.channel_name(request.channel_id)
            return request.channel_id, name or request.channel_id
        if request.channel_name:
            found = await self.directory.find_channel(request.channel_name)
            if found is None:
                raise CommandUsageError(messages.CHANNEL_NOT_FOUND)
            return found, request.channel_name
        name = cmd["channel_name"]
        if name in _NOT_A_NAME:
            name = await self.directory.channel_name(cmd["channel_id"]) or cmd["channel_id"]
        return cmd["channel_id"], name

    async def briefbot(self, ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        """``/briefbot link`` issues a code; ``/briefbot link CODE`` redeems one;
        ``/briefbot mod …`` moderates (see :mod:`adapters.slack.mod_commands`). Linking is
        allowed by the rule of ``/feed`` (:func:`~.moderators.set_up_refusal`)."""
        cmd = cast(SlashCommand, command)
        if self.mod is not None and is_mod_command(cmd["text"]):
            await self._moderate(ack, cmd, respond, self.mod)
            return
        try:
            request = parse_briefbot(cmd["text"])
        except CommandUsageError as error:
            await ack(text=escape_slack(error.user_message))
            return
        await ack()  # the check asks Slack, which may take longer than the ack may wait
        answer = await self._answer(self._link(cmd, request.code), "/briefbot link")
        await _respond(respond, answer)

    async def _moderate(
        self, ack: AsyncAck, cmd: SlashCommand, respond: AsyncRespond, mod: ModCommands
    ) -> None:
        try:
            request = parse_mod(cmd["text"].split()[1:])
        except CommandUsageError as error:
            await ack(text=escape_slack(error.user_message))
            return
        await ack()
        answer = await self._answer(mod.run(cmd, request), f"/briefbot mod {request.action}")
        await _respond(respond, answer)

    async def _link(self, cmd: SlashCommand, code: str | None) -> str:
        refused = await set_up_refusal(
            self.moderators, cmd["user_id"], cmd["team_id"], cmd["channel_id"]
        )
        if refused is not None:
            return refused
        where = (SLACK, cmd["team_id"], cmd["channel_id"], cmd["channel_name"])
        if code is None:
            issued = await issue_link_code(self.ctx, *where)
            return messages.link_code_issued(issued, LINK_CODE_MINUTES)
        places = await redeem_link_code(self.ctx, code, *where)
        if places is None:
            return messages.link_code_invalid()
        return messages.linked([_place_label(p) for p in places])

    async def _answer(self, work: Awaitable[str], name: str) -> str:
        try:
            return await work
        except (ArticleError, CommandUsageError) as error:
            return error.user_message
        except Exception:
            log.exception("%s failed unexpectedly", name)
            return messages.INTERNAL_ERROR


async def _respond(respond: AsyncRespond, text: str) -> None:
    try:
        await respond(text=escape_slack(text), response_type="ephemeral")
    except (SlackClientError, OSError, TimeoutError) as error:
        log.warning("could not answer a slash command: %s", type(error).__name__)
