"""Collecting readers' messages from discussion threads into the core.

The gateway handlers of :class:`~adapters.discord.client.BriefbotClient` call these. Only
messages in threads can be comments, so anything else is dropped before touching the
store; whether a thread is a discussion thread is the core's decision (``record_comment``
returns ``None`` otherwise). Our own messages and every webhook message (our copies) are
ignored. Events in a thread we started that is not recorded yet (its brief is still being
delivered) are held until it is (:class:`~bot.services.early.EarlyEvents`). Events the
store could not take (it was down) are not lost: their threads are remembered and re-read
later by the client's repair loop.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable, Iterable
from typing import TypeVar, cast

import discord

from adapters.discord.objects import channel_names, incoming_from_message, role_names
from adapters.discord.parse import edit_from_payload
from adapters.discord.payloads import MessageUpdatePayload
from adapters.discord.platform import DISCORD
from adapters.discord.translate import (
    THREAD_CHANNEL_TYPES,
    delete_command,
    is_reader_message,
    record_command,
)
from bot.domain.commands import DeleteComment, EditComment, RecordComment
from bot.domain.model import Comment, Standing, Thread
from bot.errors import BriefbotError
from bot.services.comments import delete_comment, edit_comment, record_comment
from bot.services.context import Context
from bot.services.early import CatchUpThread, EarlyEvents, ThreadKey
from bot.services.inbox import Inbox

__all__ = ["CommentCollector"]

log = logging.getLogger(__name__)

T = TypeVar("T")


def _maybe_thread(channel: object) -> bool:
    """A thread, or a channel missing from the cache (discord.py then makes it partial)."""
    if isinstance(channel, discord.PartialMessageable):
        return channel.type is None or channel.type.value in THREAD_CHANNEL_TYPES
    return isinstance(channel, discord.Thread)


class CommentCollector:
    """Turns gateway message events into recorded, edited and deleted comments.

    Its entry points are named as in every chat adapter's collector: ``on_message``,
    ``on_edit``, ``on_delete`` (and Discord's own ``on_bulk_delete``).
    """

    def __init__(
        self,
        ctx: Context,
        client: discord.Client,
        inbox: Inbox,
        catch_up: CatchUpThread,
        *,
        recheck_seconds: float = 2.0,
        on_rejected: Callable[[Comment, int], None] | None = None,
    ) -> None:
        self._ctx = ctx
        self._on_rejected = on_rejected
        self._client = client
        self._unsaved: set[tuple[str, str]] = set()
        self.early = EarlyEvents(ctx, DISCORD, inbox, catch_up, recheck_seconds=recheck_seconds)

    def take_unsaved(self) -> set[tuple[str, str]]:
        """Threads ``(guild id, thread id)`` with events that could not be stored, once."""
        unsaved, self._unsaved = self._unsaved, set()
        return unsaved

    def mark_unsaved(self, threads: Iterable[tuple[str, str]]) -> None:
        self._unsaved.update(threads)

    def _own_id(self) -> str | None:
        return str(self._client.user.id) if self._client.user else None

    def _maybe_thread_id(self, channel_id: int) -> bool:
        """False only when the cache knows the channel is not a thread (cheap filter)."""
        channel = self._client.get_channel(channel_id)
        return channel is None or _maybe_thread(channel)

    async def on_message(self, message: discord.Message) -> None:
        """A new message: record it if a reader wrote it in a discussion thread."""
        if message.webhook_id is not None or not _maybe_thread(message.channel):
            return
        incoming = incoming_from_message(message)
        if incoming is None or not is_reader_message(incoming, self._own_id()):
            return
        command = record_command(incoming)
        if command is None:
            return
        await self._collect(
            (command.workspace_id, command.thread_ref),
            lambda thread: self._record(command, thread, message.channel.id),
            ours=self._started_by_us(message.channel),
        )

    async def _record(
        self, command: RecordComment, thread: Thread, channel_id: int
    ) -> Comment | None:
        """Record the comment; a rejected one is handed to ``on_rejected`` (its author is
        told privately)."""
        comment = await record_comment(command, self._ctx, thread=thread)
        self._rejected(comment, channel_id)
        return comment

    async def _edit(self, command: EditComment, thread: Thread, channel_id: int) -> Comment | None:
        """Apply the edit, which moderation judges again (an edit may be rejected too)."""
        comment = await edit_comment(command, self._ctx, thread=thread)
        self._rejected(comment, channel_id)
        return comment

    def _rejected(self, comment: Comment | None, channel_id: int) -> None:
        if comment is not None and comment.standing is Standing.REJECTED and self._on_rejected:
            self._on_rejected(comment, channel_id)

    def _started_by_us(self, channel: object) -> bool:
        own = self._client.user.id if self._client.user else None
        return isinstance(channel, discord.Thread) and channel.owner_id == own

    async def _collect(
        self, where: ThreadKey, call: Callable[[Thread], Awaitable[object]], *, ours: bool
    ) -> None:
        """Make ``call`` now if the thread is a discussion; hold it while a thread we
        started is not recorded yet (its brief is still being delivered)."""

        async def job(thread: Thread) -> None:
            await self._run(*where, call(thread))

        await self._run(*where, self.early.handle(where, job, ours=ours))

    async def on_edit(self, event: discord.RawMessageUpdateEvent) -> None:
        """An edited message: update the stored comment."""
        if event.guild_id is None or not self._maybe_thread_id(event.channel_id):
            return
        guild = self._client.get_guild(event.guild_id)
        command = edit_from_payload(
            cast(MessageUpdatePayload, event.data),  # a subset of discord.py's own type
            self._own_id(),
            self._ctx.clock(),
            roles=role_names(guild) if guild else None,
            channels=channel_names(guild) if guild else None,
        )
        if command is not None:
            await self._collect(
                (command.workspace_id, command.thread_ref),
                lambda thread: self._edit(command, thread, event.channel_id),
                ours=self._started_by_us(self._client.get_channel(event.channel_id)),
            )

    async def on_delete(self, event: discord.RawMessageDeleteEvent) -> None:
        """A deleted message: keep a tombstone of the comment."""
        if event.guild_id is None or not self._maybe_thread_id(event.channel_id):
            return
        command = delete_command(
            str(event.guild_id), str(event.channel_id), str(event.message_id), self._ctx.clock()
        )
        await self._collect(
            (command.workspace_id, command.thread_ref),
            lambda thread: delete_comment(command, self._ctx, thread=thread),
            ours=self._started_by_us(self._client.get_channel(event.channel_id)),
        )

    async def on_bulk_delete(self, event: discord.RawBulkMessageDeleteEvent) -> None:
        """A moderator removed many messages at once."""
        if event.guild_id is None or not self._maybe_thread_id(event.channel_id):
            return
        now = self._ctx.clock()
        ours = self._started_by_us(self._client.get_channel(event.channel_id))
        for message_id in sorted(event.message_ids):
            command = delete_command(
                str(event.guild_id), str(event.channel_id), str(message_id), now
            )
            await self._collect(
                (command.workspace_id, command.thread_ref),
                functools.partial(self._delete, command),
                ours=ours,
            )

    async def _delete(self, command: DeleteComment, thread: Thread) -> object:
        return await delete_comment(command, self._ctx, thread=thread)

    async def _run(self, guild_id: str, thread_id: str, call: Awaitable[T]) -> T | None:
        """Await one core call; on failure the thread is marked for a later catch-up."""
        try:
            return await call
        except BriefbotError as error:
            log.warning("a Discord event in thread %s could not be stored: %s", thread_id, error)
            self._unsaved.add((guild_id, thread_id))
            return None
