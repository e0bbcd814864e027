"""Discord as a :class:`bot.ports.chat.ChatPlatform`, over discord.py's REST layer.

A brief is an embed posted by the bot; its discussion is a public thread started from
that message (on Discord the thread id equals the message id) with the invitation as its
first line, posted as a step of its own once the thread is recorded. Copies of comments
from other places go through the parent channel's "briefbot" webhook, with the author's
name and avatar, into the thread, and never ping.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Literal, TypeVar

import discord
from discord.utils import MISSING

from adapters.discord.embed import brief_embed, thread_name
from adapters.discord.errors import PLATFORM, THREAD_ARCHIVED, discord_call, error_code
from adapters.discord.platform import CAN_REMOVE_ORIGINALS, DISCORD
from adapters.discord.render import DiscordCopy, discord_message
from adapters.discord.webhooks import WebhookPool
from bot.briefing.model import Brief
from bot.domain.copies import CommentCopy
from bot.domain.model import Place, Thread
from bot.errors import DeliveryError
from bot.messages import INVITATION
from bot.ports.chat import PostedBrief

__all__ = ["ARCHIVE_MINUTES", "DiscordChat"]

# Discord accepts 60, 1440 (a day), 4320 and 10080 minutes.
ArchiveMinutes = Literal[60, 1440, 4320, 10080]
ARCHIVE_MINUTES: tuple[ArchiveMinutes, ...] = (60, 1440, 4320, 10080)
UNKNOWN_WEBHOOK = 10015
THREAD_ALREADY_CREATED = 160004
NO_MENTIONS = discord.AllowedMentions.none()
T = TypeVar("T")


class DiscordChat:
    """Posts briefs and comment copies to Discord through a logged-in discord.py client."""

    platform = DISCORD
    can_remove_originals = CAN_REMOVE_ORIGINALS

    def __init__(
        self,
        client: discord.Client,
        *,
        auto_archive_minutes: int = 1440,
        history_limit: int = 100,
        webhooks: WebhookPool | None = None,
    ) -> None:
        if auto_archive_minutes not in ARCHIVE_MINUTES:
            raise ValueError(f"auto_archive_minutes must be one of {ARCHIVE_MINUTES}")
        self._client = client
        self._archive: ArchiveMinutes = auto_archive_minutes
        self._history = history_limit
        self.webhooks = webhooks or WebhookPool(client)

    # --- briefs ---------------------------------------------------------------------------

    async def post_brief(self, place: Place, brief: Brief) -> PostedBrief:
        """Post the brief embed and start its thread (the invitation comes separately)."""
        async with discord_call("post the brief"):
            channel = await self._text_channel(int(place.channel_id))
            message = await channel.send(embed=discord.Embed.from_dict(brief_embed(brief)))
        return await self._start_thread(message, brief)

    async def find_brief(self, place: Place, brief: Brief, since: datetime) -> PostedBrief | None:
        """Our brief for this article posted since ``since`` (an interrupted earlier try),
        with its thread started if that try did not get so far."""
        title = brief_embed(brief)["title"]
        own = self._client.user.id if self._client.user else None
        async with discord_call("look for an earlier brief"):
            channel = await self._text_channel(int(place.channel_id))
            async for message in channel.history(after=since, limit=self._history):
                if message.author.id == own and any(e.title == title for e in message.embeds):
                    return await self._start_thread(message, brief)
        return None

    async def _start_thread(self, message: discord.Message, brief: Brief) -> PostedBrief:
        """Start the brief's thread, or find the one an earlier try started."""
        async with discord_call("start the discussion thread"):
            try:
                thread = await message.create_thread(
                    name=thread_name(brief), auto_archive_duration=self._archive
                )
            except discord.HTTPException as error:
                if error_code(error) != THREAD_ALREADY_CREATED:
                    raise
                thread = await self._thread(message.id)
        return PostedBrief(message_id=str(message.id), thread_ref=str(thread.id))

    async def post_invitation(self, thread: Thread) -> None:
        """Invite readers to comment, as the bot's first message in the thread."""
        async with discord_call("post the invitation"):
            target = await self._thread(int(thread.thread_ref))
            await target.send(INVITATION)

    async def find_invitation(self, thread: Thread) -> bool:
        """Whether the invitation is among the thread's first messages already (readers
        may have written a few before it)."""
        own = self._client.user.id if self._client.user else None
        async with discord_call("look for the invitation"):
            target = await self._thread(int(thread.thread_ref))
            async for message in target.history(limit=self._history, oldest_first=True):
                if message.author.id == own and message.content == INVITATION:
                    return True
        return False

    # --- copies ---------------------------------------------------------------------------

    async def post_copy(self, thread: Thread, copy: CommentCopy) -> str:
        """Send the copy through the channel's webhook; returns the new message id."""
        body = discord_message(copy)
        async with discord_call("post a copy"):
            target = await self._open_thread(int(thread.thread_ref))
            parent = self._parent_id(target)
            try:
                sent = await self._send(parent, target, body)
            except discord.NotFound as error:
                if error_code(error) != UNKNOWN_WEBHOOK:
                    raise
                self.webhooks.forget(parent)  # a moderator deleted it: make a new one
                sent = await self._send(parent, target, body)
        return str(sent.id)

    async def _send(
        self, parent: int, target: discord.Thread, body: DiscordCopy
    ) -> discord.WebhookMessage:
        hook = await self.webhooks.get(parent)
        return await hook.send(
            content=body.content,
            username=body.username,
            avatar_url=body.avatar_url or MISSING,
            thread=target,
            wait=True,
            allowed_mentions=NO_MENTIONS,
        )

    async def find_copies(self, thread: Thread, copy: CommentCopy, since: datetime) -> list[str]:
        """Copies with the same name and text posted since ``since``, oldest first."""
        body = discord_message(copy)
        found: list[str] = []
        async with discord_call("look for an earlier copy"):
            target = await self._thread(int(thread.thread_ref))
            hook = await self.webhooks.find(self._parent_id(target))
            if hook is None:
                return found
            async for message in target.history(
                after=since, limit=self._history, oldest_first=True
            ):
                if (
                    message.webhook_id == hook.id
                    and message.author.name == body.username
                    and message.content == body.content
                ):
                    found.append(str(message.id))
        return found

    async def edit_copy(self, thread: Thread, message_id: str, copy: CommentCopy) -> None:
        """Replace the text of our copy (its name and avatar stay as posted)."""
        async with discord_call("edit a copy"):
            target = await self._open_thread(int(thread.thread_ref))
            hook = await self.webhooks.find(self._parent_id(target))
            if hook is None:
                raise DeliveryError(
                    "The webhook that posted the copy is gone, so the copy cannot be edited.",
                    platform=PLATFORM,
                    permanent=True,
                )
            content = discord_message(copy).content

            async def edit(open_thread: discord.Thread) -> None:
                await hook.edit_message(
                    int(message_id),
                    content=content,
                    thread=open_thread,
                    allowed_mentions=NO_MENTIONS,
                )

            await self._unarchiving(target, edit)

    async def delete_copy(self, thread: Thread, message_id: str) -> None:
        """Delete our copy; one that is already gone (or whose thread is) counts as deleted."""
        async with discord_call("delete a copy"):
            try:
                target = await self._thread(int(thread.thread_ref))
                hook = await self.webhooks.find(self._parent_id(target))

                async def delete(open_thread: discord.Thread) -> None:
                    if hook is None:  # the webhook was deleted: delete as a moderator would
                        await open_thread.get_partial_message(int(message_id)).delete()
                    else:
                        await hook.delete_message(int(message_id), thread=open_thread)

                await self._unarchiving(target, delete)
            except discord.NotFound:
                return

    # --- moderation -----------------------------------------------------------------------

    async def remove_original(self, thread: Thread, message_id: str) -> None:
        """Delete a reader's own message (needs Manage Messages; without it Discord's 403
        50013 is a permanent DeliveryError). One already gone counts as removed; in an
        archived thread it is unarchived first, and a closed (locked) thread is archived
        again afterwards so it stays closed."""
        async with discord_call("remove a reader's message"):
            try:
                target = await self._thread(int(thread.thread_ref))
                closed = target.locked and target.archived

                async def delete(open_thread: discord.Thread) -> None:
                    await open_thread.get_partial_message(int(message_id)).delete()

                await self._unarchiving(target, delete)
            except discord.NotFound:
                return
            if closed:
                await target.edit(archived=True, locked=True)

    async def close_thread(self, thread: Thread) -> None:
        """Lock and archive the thread: members can no longer write in it (the bot keeps
        Manage Threads, so it can reopen it). A thread that is gone counts as closed."""
        async with discord_call("close the discussion thread"):
            try:
                target = await self._thread(int(thread.thread_ref))
                if not (target.locked and target.archived):
                    await target.edit(locked=True, archived=True)
            except discord.NotFound:
                return

    async def reopen_thread(self, thread: Thread) -> None:
        """Unlock and unarchive the thread so members can write again."""
        async with discord_call("reopen the discussion thread"):
            target = await self._thread(int(thread.thread_ref))
            if target.locked or target.archived:
                await target.edit(locked=False, archived=False)

    async def post_notice(self, thread: Thread, text: str) -> None:
        """Post ``text`` into the thread as the bot itself (its own messages are not
        collected) with every mention suppressed."""
        async with discord_call("post a notice"):
            target = await self._open_thread(int(thread.thread_ref))
            await target.send(text, allowed_mentions=NO_MENTIONS)

    async def post_channel_notice(self, place: Place, text: str) -> None:
        """Post ``text`` into the channel itself (a feed's notice), pinging nobody."""
        async with discord_call("post a notice"):
            channel = await self._text_channel(int(place.channel_id))
            await channel.send(text, allowed_mentions=NO_MENTIONS)

    async def link(self, thread: Thread) -> str | None:
        """``https://discord.com/channels/<guild>/<thread>``: opens the thread in Discord."""
        return f"https://discord.com/channels/{thread.workspace_id}/{thread.thread_ref}"

    # --- helpers --------------------------------------------------------------------------

    # Helpers below raise discord.py's exceptions; callers wrap them in discord_call().

    async def _text_channel(self, channel_id: int) -> discord.TextChannel:
        channel = self._client.get_channel(channel_id) or await self._client.fetch_channel(
            channel_id
        )
        if not isinstance(channel, discord.TextChannel):
            raise DeliveryError(
                "Briefs can only be posted in text channels.", platform=PLATFORM, permanent=True
            )
        return channel

    async def _thread(self, thread_id: int) -> discord.Thread:
        channel = self._client.get_channel(thread_id)
        if not isinstance(channel, discord.Thread):
            channel = await self._client.fetch_channel(thread_id)
        if not isinstance(channel, discord.Thread):
            raise DeliveryError("That channel is not a thread.", platform=PLATFORM, permanent=True)
        return channel

    async def _open_thread(self, thread_id: int) -> discord.Thread:
        """The thread, unarchived if it was archived; a locked thread is refused."""
        thread = await self._thread(thread_id)
        if thread.locked:
            raise DeliveryError(
                "The discussion thread was locked by a moderator.",
                platform=PLATFORM,
                permanent=True,
            )
        if thread.archived:
            thread = await thread.edit(archived=False)
        return thread

    @staticmethod
    async def _unarchiving(
        thread: discord.Thread, call: Callable[[discord.Thread], Awaitable[T]]
    ) -> T:
        """``call(thread)``; if Discord says the thread is archived (50083), unarchive it
        (the bot has Manage Threads) and call once more.

        The thread may archive itself between our look at it and the call, and Discord
        refuses to change messages in an archived thread. A second 50083 propagates as a
        retryable error, so the edit or deletion is tried again later, never dropped.
        """
        try:
            return await call(thread)
        except discord.HTTPException as error:
            if error_code(error) != THREAD_ARCHIVED:
                raise
        return await call(await thread.edit(archived=False))

    @staticmethod
    def _parent_id(thread: discord.Thread) -> int:
        if thread.parent_id is None:
            raise DeliveryError("The thread has no parent channel.", platform=PLATFORM)
        return thread.parent_id
