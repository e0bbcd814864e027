"""Who and where: users' names and avatars, channel names and user groups, cached.

Every lookup degrades instead of failing: a comment whose author cannot be looked up
right now is still collected, under a neutral name.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any, cast

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.platform import SLACK
from bot.domain.model import Author
from bot.formatting import MentionNames

from .errors import TRANSIENT
from .payloads import SlackUser
from .translate import author_from_user, mentioned_channels, mentioned_users

__all__ = ["UNKNOWN_NAME", "SlackDirectory"]

log = logging.getLogger(__name__)

UNKNOWN_NAME = "A Slack user"
MAX_CHANNEL_PAGES = 20


class SlackDirectory:
    """Cached ``users.info``, ``conversations.info`` and ``usergroups.list`` lookups."""

    def __init__(
        self,
        client: AsyncWebClient,
        *,
        ttl_seconds: float = 600.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = client
        self.ttl_seconds = ttl_seconds
        self.clock = clock
        self._authors: dict[str, tuple[float, Author]] = {}
        self._channels: dict[str, tuple[float, str]] = {}
        self._groups: tuple[float, dict[str, frozenset[str]]] | None = None

    def _fresh(self, at: float) -> bool:
        return self.clock() - at < self.ttl_seconds

    async def author(self, user_id: str) -> Author:
        """The person's display name (else real name, else handle) and 72 px avatar."""
        cached = self._authors.get(user_id)
        if cached and self._fresh(cached[0]):
            return cached[1]
        try:
            response = await self.client.users_info(user=user_id)
        except TRANSIENT as error:
            log.warning("users.info failed for %s: %s", user_id, type(error).__name__)
            return Author(SLACK, user_id, UNKNOWN_NAME)
        author = author_from_user(cast(SlackUser, response["user"]))
        self._authors[user_id] = (self.clock(), author)
        return author

    async def channel_name(self, channel_id: str) -> str | None:
        cached = self._channels.get(channel_id)
        if cached and self._fresh(cached[0]):
            return cached[1]
        try:
            response = await self.client.conversations_info(channel=channel_id)
        except TRANSIENT as error:
            log.warning("conversations.info failed for %s: %s", channel_id, type(error).__name__)
            return None
        name = str(response["channel"].get("name") or "") or None
        if name:
            self._channels[channel_id] = (self.clock(), name)
        return name

    async def is_member(self, channel_id: str) -> bool | None:
        """Whether the bot was invited to the channel; ``None`` when Slack cannot say now.

        Never cached: someone may have just run ``/invite @briefbot``.
        """
        try:
            response = await self.client.conversations_info(channel=channel_id)
        except TRANSIENT as error:
            log.warning("conversations.info failed for %s: %s", channel_id, type(error).__name__)
            return None
        return bool(response["channel"].get("is_member"))

    async def find_channel(self, name: str) -> str | None:
        """A channel's id from its name (``#`` optional); ``None`` when unknown."""
        wanted = name.removeprefix("#").lower()
        for channel_id, (at, known) in self._channels.items():
            if known.lower() == wanted and self._fresh(at):
                return channel_id
        cursor: str | None = None
        try:
            for _ in range(MAX_CHANNEL_PAGES):
                response = await self.client.conversations_list(
                    types="public_channel,private_channel",
                    exclude_archived=True,
                    limit=200,
                    cursor=cursor,
                )
                for channel in response.get("channels") or []:
                    self._channels[channel["id"]] = (self.clock(), channel["name"])
                    if str(channel["name"]).lower() == wanted:
                        return str(channel["id"])
                cursor = (response.get("response_metadata") or {}).get("next_cursor")
                if not cursor:
                    break
        except TRANSIENT as error:
            log.warning("conversations.list failed: %s", type(error).__name__)
        return None

    async def find_user(self, handle: str) -> str | None:
        """A person's id from their handle or display name (``@`` optional), if Slack
        knows exactly one such person; ``None`` otherwise or when Slack cannot say."""
        wanted = handle.removeprefix("@").casefold()
        cursor: str | None = None
        found: set[str] = set()
        try:
            for _ in range(MAX_CHANNEL_PAGES):
                response = await self.client.users_list(limit=200, cursor=cursor)
                for user in response.get("members") or []:
                    profile = user.get("profile") or {}
                    names = {user.get("name"), profile.get("display_name")}
                    if not user.get("deleted") and wanted in {
                        str(n).casefold() for n in names if n
                    }:
                        found.add(str(user["id"]))
                cursor = (response.get("response_metadata") or {}).get("next_cursor")
                if not cursor:
                    break
        except TRANSIENT as error:
            log.warning("users.list failed: %s", type(error).__name__)
            return None
        return found.pop() if len(found) == 1 else None

    async def names(self, texts: Iterable[str]) -> MentionNames:
        """Names for every user and channel mentioned in ``texts``."""
        users: dict[str, str] = {}
        channels: dict[str, str] = {}
        for text in texts:
            for user_id in mentioned_users(text) - users.keys():
                author = await self.author(user_id)
                if author.display_name != UNKNOWN_NAME:
                    users[user_id] = author.display_name
            for channel_id in mentioned_channels(text) - channels.keys():
                name = await self.channel_name(channel_id)
                if name:
                    channels[channel_id] = name
        return MentionNames(users=users, channels=channels)

    async def user_groups(self, user_id: str) -> frozenset[str]:
        """The ids of the user groups the person belongs to (empty when unavailable)."""
        if self._groups is None or not self._fresh(self._groups[0]):
            members: dict[str, frozenset[str]] = {}
            try:
                response = await self.client.usergroups_list(include_users=True)
            except TRANSIENT as error:
                log.info("usergroups.list unavailable: %s", type(error).__name__)
            else:
                groups: list[dict[str, Any]] = response.get("usergroups") or []
                for group in groups:
                    for member in group.get("users") or []:
                        members[member] = members.get(member, frozenset()) | {group["id"]}
            self._groups = (self.clock(), members)
        return self._groups[1].get(user_id, frozenset())
