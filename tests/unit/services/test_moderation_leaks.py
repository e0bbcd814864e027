"""What moderation took down stays down, whatever its author does next on their platform."""

from __future__ import annotations

from datetime import UTC, datetime

from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK
from bot.domain.commands import EditComment
from bot.domain.model import Standing, Thread
from bot.services.comments import edit_comment, record_comment
from bot.services.moderation import erase_author, remove_everywhere
from tests.unit.services.harness import harness
from tests.unit.services.moderation_support import OPERATOR, live_texts, published


def _edit(thread: Thread, message_id: str, text: str) -> EditComment:
    return EditComment(
        platform=thread.platform,
        workspace_id=thread.workspace_id,
        thread_ref=thread.thread_ref,
        message_id=message_id,
        text=text,
        edited_at=datetime.now(UTC),
    )


async def test_an_edit_of_a_removed_comment_brings_nothing_back() -> None:
    async with harness() as h:
        discussion = await published(h)
        discord = await h.thread(DISCORD, discussion)
        slack = await h.thread(SLACK, discussion)
        comment = await record_comment(h.reader(discord, "m1", "vile"), h.ctx)
        await h.settle()
        assert comment is not None and live_texts(h, SLACK, slack) == ["vile"]
        await remove_everywhere(h.ctx, comment.id, OPERATOR)
        await h.settle()
        after = await edit_comment(_edit(discord, "m1", "all polite now, copy me"), h.ctx)
        await h.settle()
        assert after is not None and after.standing is Standing.REMOVED
        assert live_texts(h, SLACK, slack) == []
        [stored] = [c for c in await h.comments(discussion) if c.id == comment.id]
        assert stored.standing is Standing.REMOVED


async def test_an_edit_after_erasure_stores_nothing_and_copies_nothing() -> None:
    async with harness() as h:
        discussion = await published(h)
        discord = await h.thread(DISCORD, discussion)
        slack = await h.thread(SLACK, discussion)
        comment = await record_comment(h.reader(discord, "m1", "my address is 1 Elm St"), h.ctx)
        await h.settle()
        assert comment is not None
        await erase_author(h.ctx, DISCORD, comment.author.user_id, OPERATOR)
        await h.settle()
        await edit_comment(_edit(discord, "m1", "my address is 1 Elm St, flat 2"), h.ctx)
        await h.settle()
        assert live_texts(h, SLACK, slack) == []
        [stored] = [c for c in await h.comments(discussion) if c.id == comment.id]
        assert stored.standing is Standing.ERASED and "Elm" not in stored.text
