"""``/briefbot mod ban|unban|close|open|login`` and the policy commands (``policy``,
``ban-word``, ``premoderate``…), for the same people as the shortcuts.

Every answer is one ephemeral sentence; the sign-in link of ``login`` goes only to the
moderator who asked (a slash command's ``respond()`` is ephemeral).
"""

from __future__ import annotations

import logging
import re

from adapters.slack.platform import SLACK
from bot import messages
from bot.domain.model import WEB, Platform
from bot.domain.moderation import Moderator
from bot.errors import BriefbotError
from bot.services.context import Context
from bot.services.moderation import (
    ban,
    change_policy,
    close,
    describe_policy,
    issue_login,
    policy_answer,
    reopen,
    room_policy,
    unban,
)
from bot.services.moderation.policy_edits import PolicyChange
from bot.services.moderation.signin import LOGIN_MINUTES, sign_in_url

from . import messages as slack_messages
from .directory import SlackDirectory
from .mod_text import ModRequest, Target
from .moderators import SlackModerators, refusal
from .payloads import SlashCommand
from .translate import thread_ref

__all__ = ["ModCommands"]

log = logging.getLogger(__name__)

# https://<workspace>.slack.com/archives/<channel>/p<ts without the dot>
_PERMALINK = re.compile(r"^https://[^/]+\.slack\.com/archives/([CG][A-Z0-9]+)/p(\d{10})(\d{6})")


class ModCommands:
    """Runs one ``/briefbot mod …`` request for a person checked at that moment."""

    def __init__(
        self, ctx: Context, directory: SlackDirectory, moderators: SlackModerators
    ) -> None:
        self.ctx = ctx
        self.directory = directory
        self.moderators = moderators

    async def run(self, cmd: SlashCommand, request: ModRequest) -> str:
        checked = await self.moderators.check(cmd["user_id"], cmd["team_id"], cmd["channel_id"])
        if checked.moderator is None:
            return refusal(checked)
        try:
            return await self._run(cmd, request, checked.moderator)
        except BriefbotError as error:
            return error.user_message
        except Exception:
            log.exception("/briefbot mod %s failed unexpectedly", request.action)
            return messages.INTERNAL_ERROR

    async def _run(self, cmd: SlashCommand, request: ModRequest, moderator: Moderator) -> str:
        if request.action == "login":
            return self._login_answer(await issue_login(self.ctx, moderator))
        if request.action == "policy":
            return await self._policy(cmd, request.change, moderator)
        if request.action in ("ban", "unban"):
            assert request.target is not None
            return await self._ban(cmd, request.action, request.target, moderator)
        discussion_id = await self._discussion(cmd, request.link)
        if discussion_id is None:
            return slack_messages.NO_DISCUSSION
        if request.action == "close":
            await close(self.ctx, discussion_id, moderator)
            return slack_messages.closed()
        await reopen(self.ctx, discussion_id, moderator)
        return slack_messages.opened()

    def _login_answer(self, token: str) -> str:
        base = self.ctx.web_base_url
        if not base:
            return slack_messages.NO_WEB_QUEUE
        return slack_messages.login_link(sign_in_url(base, token), LOGIN_MINUTES)

    async def _ban(
        self, cmd: SlashCommand, action: str, target: Target, moderator: Moderator
    ) -> str:
        room_id = await self._room(cmd)
        if room_id is None:
            return slack_messages.NO_DISCUSSION
        if target.platform != WEB and target.platform not in self.ctx.platforms:
            return slack_messages.UNKNOWN_PLATFORM  # nobody there to ban: "https://…"
        user_id = target.user_id
        if user_id is None and target.handle is not None:
            user_id = await self.directory.find_user(target.handle)
        if user_id is None:
            return slack_messages.UNKNOWN_PERSON
        who = await self._name(target.platform, user_id)
        if action == "ban":
            await ban(self.ctx, room_id, target.platform, user_id, moderator)
            return slack_messages.banned(who)
        await unban(self.ctx, room_id, target.platform, user_id, moderator)
        return slack_messages.unbanned(who)

    async def _policy(
        self, cmd: SlashCommand, change: PolicyChange | None, moderator: Moderator
    ) -> str:
        room_id = await self._room(cmd)
        if room_id is None:
            return slack_messages.NO_DISCUSSION
        if change is None:
            return describe_policy(await room_policy(self.ctx, room_id, moderator))
        edit = await change_policy(self.ctx, room_id, change, moderator)
        return policy_answer(change, edit.changed)

    async def _name(self, platform: Platform, user_id: str) -> str:
        if platform == SLACK:
            return (await self.directory.author(user_id)).display_name
        return f"{platform.label} user {user_id}"

    async def _room(self, cmd: SlashCommand) -> int | None:
        async with self.ctx.store.transaction() as tx:
            place = await tx.places.find(SLACK, cmd["team_id"], cmd["channel_id"])
        return place.room_id if place is not None else None

    async def _discussion(self, cmd: SlashCommand, link: str | None) -> int | None:
        """The discussion a link names (a Slack link to the brief, or the article's
        address), else the latest one briefed in this channel."""
        team, channel = cmd["team_id"], cmd["channel_id"]
        async with self.ctx.store.transaction() as tx:
            place = await tx.places.find(SLACK, team, channel)
            if place is None:
                return None
            if link is None:
                for thread in await tx.discussions.list_threads(SLACK):
                    if thread.place_id == place.id:
                        return thread.discussion_id
                return None
            permalink = _PERMALINK.match(link)
            if permalink:
                ref = thread_ref(permalink.group(1), f"{permalink.group(2)}.{permalink.group(3)}")
                linked = await tx.discussions.find_thread(SLACK, team, ref)
                return linked.discussion_id if linked is not None else None
            article = await tx.articles.find_by_url(link)
            if article is None:
                return None
            for discussion in await tx.discussions.for_article(article.id):
                if discussion.room_id == place.room_id:
                    return discussion.id
        return None
