"""Telling a reader, on Discord, that their comment was rejected.

By DM, in one sentence. Where the reader does not accept DMs (Discord's 403 50007), the bot
deletes the message (it has Manage Messages) and says so in the thread without quoting it.
Every step is logged and nothing is raised: the comment is already stored as rejected and
copied nowhere, whatever happens here. The work runs in its own task, so a slow or
rate-limited DM never holds up the comments behind it.
"""

from __future__ import annotations

import asyncio
import logging

import aiohttp
import discord

from adapters.discord import messages as discord_messages
from adapters.redelivery import Recent
from bot.domain.model import Comment

__all__ = ["CANNOT_DM", "Rejections"]

log = logging.getLogger(__name__)

CANNOT_DM = 50007  # "Cannot send messages to this user"
NO_MENTIONS = discord.AllowedMentions.none()
_FAILURES = (discord.HTTPException, aiohttp.ClientError, OSError)
REMEMBERED = 10_000  # comment ids already told, so a replayed event is not told twice


def _plain(name: str) -> str:
    return discord.utils.escape_markdown(discord.utils.escape_mentions(name))


class Rejections:
    def __init__(self, client: discord.Client) -> None:
        self._client = client
        self._tasks: set[asyncio.Task[None]] = set()
        self._told: Recent[int] = Recent(REMEMBERED)

    def tell(self, comment: Comment, channel_id: int) -> None:
        """Start telling the author of ``comment`` (a message in ``channel_id``) that it was
        rejected; once per comment, so a message Discord delivers again is not told twice."""
        if not self._told.first_time(comment.id):
            return
        task = asyncio.create_task(self._tell(comment, channel_id))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def wait(self) -> None:
        """Until every author started so far is told (tests, shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def _tell(self, comment: Comment, channel_id: int) -> None:
        channel = self._client.get_channel(channel_id)
        discussion = channel.name if isinstance(channel, discord.Thread) else "the discussion"
        author = int(comment.author.user_id)
        try:
            user = self._client.get_user(author) or await self._client.fetch_user(author)
            await user.send(
                discord_messages.rejected_by_dm(discussion, comment.rule),
                allowed_mentions=NO_MENTIONS,
            )
        except discord.Forbidden as error:
            if error.code != CANNOT_DM:
                log.warning(
                    "could not DM Discord user %s about comment %d: %s", author, comment.id, error
                )
                return
        except _FAILURES as error:
            log.warning(
                "could not DM Discord user %s about comment %d: %s", author, comment.id, error
            )
            return
        else:
            log.info("told Discord user %s by DM that comment %d was rejected", author, comment.id)
            return
        log.info(
            "Discord user %s does not accept DMs: removing rejected comment %d from thread %s",
            author,
            comment.id,
            channel_id,
        )
        where = self._client.get_partial_messageable(channel_id)
        try:
            await where.get_partial_message(int(comment.platform_message_id)).delete()
        except discord.NotFound:
            pass
        except _FAILURES as error:
            log.warning("could not remove rejected comment %d from Discord: %s", comment.id, error)
            return
        try:
            await where.send(
                discord_messages.removed_in_thread(_plain(comment.author.display_name)),
                allowed_mentions=NO_MENTIONS,
            )
        except _FAILURES as error:
            log.warning(
                "could not say in thread %s that a comment was removed: %s", channel_id, error
            )
