"""Readers' replies in discussion threads → the core's comment commands."""

from __future__ import annotations

import logging

from adapters.slack.platform import SLACK
from bot.domain.model import Comment, Thread
from bot.services.comments import (
    delete_comment,
    edit_comment,
    mark_read_edited,
    record_comment,
)
from bot.services.context import Context
from bot.services.early import CatchUpThread, EarlyEvents
from bot.services.inbox import Inbox

from .directory import SlackDirectory
from .payloads import MessageEvent, SlackMessage
from .rejections import Rejections
from .translate import (
    Deletion,
    Edit,
    Reply,
    classify,
    delete_command,
    edit_command,
    parent_user,
    reader_reply,
    record_command,
    split_thread_ref,
    thread_ref,
    ts_to_datetime,
)

__all__ = ["CommentCollector"]

log = logging.getLogger(__name__)


class CommentCollector:
    """Records replies, edits and deletions written by people in briefbot's threads.

    Bot messages (the brief, the invitation, our copies, other apps) and channel-level
    messages are never collected; a message seen twice (a live event and a catch-up, or
    an event Slack delivered again) is stored once. A reply under one of our briefs
    whose thread is not recorded yet is held until it is (``catch_up`` then reads the
    thread for anything missed).
    """

    def __init__(
        self,
        ctx: Context,
        directory: SlackDirectory,
        catch_up: CatchUpThread,
        *,
        recheck_seconds: float = 2.0,
    ) -> None:
        self.ctx = ctx
        self.directory = directory
        # Events are stored one at a time in arrival order; held while resuming.
        self.inbox = Inbox("slack", held=True)
        # Replies under one of our briefs whose thread is not recorded yet wait there.
        self.early = EarlyEvents(ctx, SLACK, self.inbox, catch_up, recheck_seconds=recheck_seconds)
        # Authors of rejected replies are told privately, for live events only: a reply
        # read again while catching up after a restart was told about the first time.
        self.rejections = Rejections(directory.client)
        self.bot_user_id: str | None = None
        """Our bot user (``auth.test``'s ``user_id``): the author of every brief."""

    async def on_message(self, event: MessageEvent, workspace_id: str) -> None:
        """Queue one ``message`` event of any subtype, behind every earlier one.

        Slack sends edits (``message_changed``) and deletions (``message_deleted``) as
        subtypes of the same event, so this one entry point stands for the ``on_message``,
        ``on_edit`` and ``on_delete`` of the other chat adapters' collectors.
        """
        self.inbox.submit(lambda: self._handle(event, workspace_id))

    async def _handle(self, event: MessageEvent, workspace_id: str) -> None:
        """Handle one ``message`` event of any subtype now (or hold it: see ``early``)."""
        change = classify(event)
        if change is None:
            return
        key = (workspace_id, thread_ref(change.channel, change.thread_ts))
        ours = self.bot_user_id is not None and parent_user(event) == self.bot_user_id
        await self.early.handle(
            key, lambda thread: self._apply(change, workspace_id, thread), ours=ours
        )

    async def _apply(
        self, change: Reply | Edit | Deletion, workspace_id: str, thread: Thread
    ) -> None:
        if isinstance(change, Reply):
            comment = await self._record(change, workspace_id, thread)
            await self.rejections.tell(comment, change.channel, change.thread_ts)
        elif isinstance(change, Edit):
            names = await self.directory.names([change.text])
            command = edit_command(change, workspace_id, names)
            edited = await edit_comment(command, self.ctx, thread=thread)
            await self.rejections.tell(edited, change.channel, change.thread_ts)
        else:
            await delete_comment(delete_command(change, workspace_id), self.ctx, thread=thread)

    async def on_history(self, message: SlackMessage, thread: Thread) -> Comment | None:
        """A reply found by reading ``thread``'s history (catching up): recorded if it is
        missing, and its edit applied if it was edited meanwhile (or only marked, when it
        was first read with the edited text)."""
        channel, _ = split_thread_ref(thread.thread_ref)
        reply = reader_reply(message, channel)
        if reply is None:
            return None
        comment = await self._record(reply, thread.workspace_id, thread)
        edited = (message.get("edited") or {}).get("ts")
        if comment is None or not edited:
            return comment
        change = Edit(channel, reply.thread_ts, reply.ts, reply.text, ts_to_datetime(edited))
        names = await self.directory.names([change.text])
        command = edit_command(change, thread.workspace_id, names)
        if comment.edited_at is None and await mark_read_edited(command, self.ctx, thread=thread):
            return comment
        if comment.edited_at is None or command.edited_at > comment.edited_at:
            return await edit_comment(command, self.ctx, thread=thread)
        return comment

    async def _record(
        self, reply: Reply, workspace_id: str, thread: Thread | None = None
    ) -> Comment | None:
        author = await self.directory.author(reply.user)
        names = await self.directory.names([reply.text])
        command = record_command(reply, workspace_id, author, names)
        return await record_comment(command, self.ctx, thread=thread)
