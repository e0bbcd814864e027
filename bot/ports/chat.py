"""The chat-platform port: what the core asks of Discord, Slack (and fakes in tests)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.briefing.model import Brief
from bot.domain.copies import CommentCopy
from bot.domain.model import Place, Platform, Thread

__all__ = ["ChatPlatform", "PostedBrief"]


@dataclass(frozen=True, slots=True)
class PostedBrief:
    """Where a brief landed: its message and the discussion thread opened under it."""

    message_id: str
    thread_ref: str


class ChatPlatform(Protocol):
    """One chat platform as the delivery worker sees it.

    Every method raises :class:`bot.errors.DeliveryError` when the platform refuses or
    fails; ``retry_after`` carries the platform's requested wait, ``permanent`` says that
    retrying cannot help. Copies must never ping anyone.
    """

    platform: Platform

    can_remove_originals: bool
    """Whether the bot may delete a person's own message on this platform (a moderator's
    "Remove everywhere" then removes the original too, not only the copies)."""

    async def post_brief(self, place: Place, brief: Brief) -> PostedBrief:
        """Post the brief into the place's channel and open its discussion thread.

        Returns as soon as the thread exists, so that it can be recorded before anything
        else is posted: readers answer a brief the moment they see it. The invitation to
        comment is a separate call (:meth:`post_invitation`).
        """
        ...

    async def find_brief(self, place: Place, brief: Brief, since: datetime) -> PostedBrief | None:
        """A brief for this article that an earlier, interrupted try already posted (its
        thread opened, if that try did not get so far)."""
        ...

    async def post_invitation(self, thread: Thread) -> None:
        """Post the invitation to comment into the brief's thread."""
        ...

    async def find_invitation(self, thread: Thread) -> bool:
        """Whether an earlier, interrupted try already posted the invitation."""
        ...

    async def post_copy(self, thread: Thread, copy: CommentCopy) -> str:
        """Post a copy of a comment into the thread; returns its platform message id."""
        ...

    async def find_copies(self, thread: Thread, copy: CommentCopy, since: datetime) -> list[str]:
        """The ids of the messages posted since ``since`` that read like this copy, oldest
        first: an earlier, interrupted try's copy is among them. Another comment with the
        same words has a copy that matches too; the caller skips the ones it recorded."""
        ...

    async def edit_copy(self, thread: Thread, message_id: str, copy: CommentCopy) -> None: ...

    async def delete_copy(self, thread: Thread, message_id: str) -> None:
        """Delete our copy; a copy that is already gone counts as deleted."""
        ...

    async def post_notice(self, thread: Thread, text: str) -> None:
        """Post one plain sentence from briefbot itself into the thread (never collected
        as a reader's comment, never pinging anyone)."""
        ...

    async def link(self, thread: Thread) -> str | None:
        """A URL a person can open to reach the thread, if the platform has one."""
        ...

    async def remove_original(self, thread: Thread, message_id: str) -> None:
        """Delete a reader's own message (a moderator removed the comment everywhere); one
        that is already gone counts as removed. Only called when ``can_remove_originals``."""
        ...

    async def close_thread(self, thread: Thread) -> None:
        """A moderator closed the discussion: stop people replying where the platform can
        (Discord locks and archives the thread), or else say so in the thread."""
        ...

    async def reopen_thread(self, thread: Thread) -> None:
        """Undo :meth:`close_thread`."""
        ...
