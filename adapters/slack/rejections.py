"""Telling the author of a rejected reply, privately and once, why it went nowhere."""

from __future__ import annotations

from slack_sdk.web.async_client import AsyncWebClient

from adapters.redelivery import Recent
from bot.domain.model import Comment
from bot.domain.moderation import Standing

from . import messages as slack_messages
from .ephemeral import tell

__all__ = ["Rejections"]

# Slack delivers an event again when an ack was late: remember what was said lately.
REMEMBERED = 1000


class Rejections:
    """One ``chat.postEphemeral`` per rejected comment version, in its thread."""

    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client
        self._told: Recent[tuple[int, str]] = Recent(REMEMBERED)

    async def tell(self, comment: Comment | None, channel: str, thread_ts: str) -> bool:
        """Tell ``comment``'s author if it was rejected and they were not told yet."""
        if comment is None or comment.standing is not Standing.REJECTED:
            return False
        if not self._told.first_time((comment.id, comment.text)):
            return False
        text = slack_messages.rejected(comment.rule)
        return await tell(self.client, channel, comment.author.user_id, text, thread_ts)
