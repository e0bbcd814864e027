"""A chat platform whose connection is leased: deliver through the receiving client while
this process holds the lease, through the logged-in one otherwise.

A client that receives (Discord's gateway) knows the channels and threads already; one that
only logged in asks the platform for each thread first. Delivery workers are built once, so
they get this chat, which picks the better client at every call.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.briefing.model import Brief
from bot.domain.copies import CommentCopy
from bot.domain.model import Place, Thread
from bot.ports.chat import ChatPlatform, PostedBrief

__all__ = ["HandOverChat"]


class HandOverChat:
    """``ChatPlatform`` delegating to ``receiving()`` when it returns a chat, else ``sending``."""

    def __init__(self, sending: ChatPlatform, receiving: Callable[[], ChatPlatform | None]) -> None:
        self.sending = sending
        self._receiving = receiving
        self.platform = sending.platform
        self.can_remove_originals = sending.can_remove_originals

    @property
    def _chat(self) -> ChatPlatform:
        return self._receiving() or self.sending

    async def post_brief(self, place: Place, brief: Brief) -> PostedBrief:
        return await self._chat.post_brief(place, brief)

    async def find_brief(self, place: Place, brief: Brief, since: datetime) -> PostedBrief | None:
        return await self._chat.find_brief(place, brief, since)

    async def post_invitation(self, thread: Thread) -> None:
        await self._chat.post_invitation(thread)

    async def find_invitation(self, thread: Thread) -> bool:
        return await self._chat.find_invitation(thread)

    async def post_copy(self, thread: Thread, copy: CommentCopy) -> str:
        return await self._chat.post_copy(thread, copy)

    async def find_copies(self, thread: Thread, copy: CommentCopy, since: datetime) -> list[str]:
        return await self._chat.find_copies(thread, copy, since)

    async def edit_copy(self, thread: Thread, message_id: str, copy: CommentCopy) -> None:
        await self._chat.edit_copy(thread, message_id, copy)

    async def delete_copy(self, thread: Thread, message_id: str) -> None:
        await self._chat.delete_copy(thread, message_id)

    async def post_notice(self, thread: Thread, text: str) -> None:
        await self._chat.post_notice(thread, text)

    async def link(self, thread: Thread) -> str | None:
        return await self._chat.link(thread)

    async def remove_original(self, thread: Thread, message_id: str) -> None:
        await self._chat.remove_original(thread, message_id)

    async def close_thread(self, thread: Thread) -> None:
        await self._chat.close_thread(thread)

    async def reopen_thread(self, thread: Thread) -> None:
        await self._chat.reopen_thread(thread)
