"""Chat platforms as the command line sees them: what they can do, without connecting.

A moderation command run from the shell (``briefbot erase``) queues its work for the
platforms in the outbox, and the running bot's delivery workers do it. The services still
ask what a platform allows, such as whether the bot may delete a reader's own message, so
the command line hands them :class:`OfflineChat`: each configured platform's capabilities,
read from its adapter, and no connection. Nothing on it is ever called directly.
"""

from __future__ import annotations

from datetime import datetime
from typing import NoReturn

from bot.briefing.model import Brief
from bot.config import Settings
from bot.domain.copies import CommentCopy
from bot.domain.model import Place, Platform, Thread
from bot.errors import BriefbotError
from bot.ports.chat import ChatPlatform, PostedBrief

__all__ = ["OfflineChat", "OfflineError", "offline_platforms"]


class OfflineError(BriefbotError):
    """Something tried to reach a platform from the command line instead of the outbox."""


class OfflineChat:
    """A platform's capabilities without a connection (see the module docstring)."""

    def __init__(self, platform: Platform, *, can_remove_originals: bool) -> None:
        self.platform = platform
        self.can_remove_originals = can_remove_originals

    def _offline(self) -> NoReturn:
        raise OfflineError(
            f"The command line does not reach {self.platform.label}: the running bot does."
        )

    async def post_brief(self, place: Place, brief: Brief) -> PostedBrief:
        self._offline()

    async def find_brief(self, place: Place, brief: Brief, since: datetime) -> PostedBrief | None:
        self._offline()

    async def post_invitation(self, thread: Thread) -> None:
        self._offline()

    async def find_invitation(self, thread: Thread) -> bool:
        self._offline()

    async def post_copy(self, thread: Thread, copy: CommentCopy) -> str:
        self._offline()

    async def find_copies(self, thread: Thread, copy: CommentCopy, since: datetime) -> list[str]:
        self._offline()

    async def edit_copy(self, thread: Thread, message_id: str, copy: CommentCopy) -> None:
        self._offline()

    async def delete_copy(self, thread: Thread, message_id: str) -> None:
        self._offline()

    async def post_notice(self, thread: Thread, text: str) -> None:
        self._offline()

    async def link(self, thread: Thread) -> str | None:
        self._offline()

    async def remove_original(self, thread: Thread, message_id: str) -> None:
        self._offline()

    async def close_thread(self, thread: Thread) -> None:
        self._offline()

    async def reopen_thread(self, thread: Thread) -> None:
        self._offline()


def offline_platforms(settings: Settings) -> dict[Platform, ChatPlatform]:
    """An :class:`OfflineChat` for every platform with credentials in ``settings``."""
    from bot.bootstrap import chat_adapters

    return {
        adapter.platform: OfflineChat(
            adapter.platform,
            can_remove_originals=(
                adapter.can_remove_originals or adapter.removes_originals_with(settings)
            ),
        )
        for adapter in chat_adapters()
        if adapter.configured(settings)
    }
