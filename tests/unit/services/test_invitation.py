"""The brief's thread is recorded the moment it exists; the invitation follows on its own."""

from __future__ import annotations

import asyncio

from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK
from bot.domain.commands import PublishBrief
from bot.domain.model import Thread
from bot.errors import DeliveryError
from bot.services.briefs import PublishStatus, publish_brief
from bot.services.comments import record_comment
from tests.unit.services.harness import ARTICLE_URL, Harness, harness


def command() -> PublishBrief:
    return PublishBrief(ARTICLE_URL, DISCORD, "G1", "C-news", "news", "u1")


async def slack_thread(h: Harness, discussion_id: int) -> Thread:
    async with asyncio.timeout(5):
        while True:
            async with h.store.transaction() as tx:
                for thread in await tx.discussions.threads(discussion_id):
                    if thread.platform == SLACK:
                        return thread
            await asyncio.sleep(0.01)


async def test_a_rate_limited_invitation_does_not_hold_back_the_thread() -> None:
    async with harness() as h:
        # Slack refuses the invitation for a while: the brief itself went through.
        h.slack.invitation_failures.extend(
            DeliveryError("ratelimited", platform="slack", status=429, retry_after=0.3)
            for _ in range(3)
        )
        outcome = await publish_brief(command(), h.ctx)
        assert outcome.status is PublishStatus.POSTED
        thread = await slack_thread(h, outcome.discussion.id)
        assert h.slack.invitations == []  # still waiting for Slack...
        # ...and yet a reply written now, under the brief, is a comment.
        comment = await record_comment(h.reader(thread, "s1", "First!"), h.ctx)
        assert comment is not None

        await h.settle(10)
        assert h.slack.invitations == [thread.thread_ref]
        assert len(h.slack.briefs) == 1  # the retries posted the invitation, not the brief
        assert [m.text for m in h.discord.messages.values()] == ["First!"]


async def test_an_invitation_that_landed_before_a_failure_is_not_posted_twice() -> None:
    async with harness() as h:
        post = h.slack.post_invitation

        async def landed_then_timed_out(thread: Thread) -> None:
            h.slack.post_invitation = post  # type: ignore[method-assign]
            await post(thread)
            raise DeliveryError("timed out", platform="slack")

        h.slack.post_invitation = landed_then_timed_out  # type: ignore[method-assign]
        outcome = await publish_brief(command(), h.ctx)
        await h.settle(10)
        thread = await slack_thread(h, outcome.discussion.id)
        assert h.slack.invitations == [thread.thread_ref]
        assert len(h.slack.briefs) == 1
        async with h.store.transaction() as tx:
            assert (await tx.outbox.counts()).get("failed", 0) == 0
