"""Shared steps for the moderation service tests."""

from __future__ import annotations

from bot.domain.commands import PublishBrief, WriteWebComment
from bot.domain.model import Comment, Platform, Thread
from bot.domain.moderation import Moderator
from bot.services.briefs import publish_brief
from bot.services.comments import write_web_comment
from tests.unit.services.harness import ARTICLE_URL, Harness

OPERATOR = Moderator(Platform.DISCORD, "mod-1", "Mo")


async def published(h: Harness) -> int:
    outcome = await publish_brief(
        PublishBrief(ARTICLE_URL, Platform.DISCORD, "G1", "C-news", "news", "u1"), h.ctx
    )
    await h.settle()
    return outcome.discussion.id


async def room_of(h: Harness, discussion_id: int) -> int:
    async with h.store.transaction() as tx:
        return (await tx.discussions.get(discussion_id)).room_id


async def stored(h: Harness, comment_id: int) -> Comment:
    async with h.store.transaction() as tx:
        return await tx.comments.get(comment_id)


def live_texts(h: Harness, platform: Platform, thread: Thread) -> list[str]:
    """The text of every message still standing in the thread (deleted ones left out)."""
    chat = h.discord if platform is Platform.DISCORD else h.slack
    return [m.text for m in chat.thread_messages(thread.thread_ref) if not m.deleted]


async def web_comment(h: Harness, discussion_id: int, text: str, client: str = "r1") -> Comment:
    return await write_web_comment(WriteWebComment(discussion_id, "Rae", text, client), h.ctx)
