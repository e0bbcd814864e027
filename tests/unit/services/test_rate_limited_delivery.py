"""A copy the platform refuses with a rate limit: retried until it lands, posted once."""

from datetime import datetime

from bot.domain.commands import PublishBrief
from bot.domain.copies import CommentCopy
from bot.domain.model import Platform, Thread
from bot.errors import DeliveryError
from bot.services.briefs import publish_brief
from bot.services.comments import record_comment
from bot.services.delivery import MAX_FAILURES
from tests.unit.services.harness import ARTICLE_URL, Harness, harness


async def published(h: Harness) -> int:
    outcome = await publish_brief(
        PublishBrief(ARTICLE_URL, Platform.DISCORD, "G1", "C-news", "news", "u1"), h.ctx
    )
    await h.settle()
    return outcome.discussion.id


def rate_limited() -> DeliveryError:
    return DeliveryError("ratelimited", platform="slack", status=429, retry_after=0.001)


async def test_rate_limits_never_use_up_the_attempts() -> None:
    async with harness() as h:
        discussion = await published(h)
        thread = await h.thread(Platform.DISCORD, discussion)
        h.slack.failures.extend(rate_limited() for _ in range(MAX_FAILURES + 5))
        await record_comment(h.reader(thread, "m1", "still arrives"), h.ctx)
        await h.settle(20)
        assert [m.text for m in h.slack.messages.values()] == ["still arrives"]
        async with h.store.transaction() as tx:
            assert (await tx.outbox.counts()).get("failed", 0) == 0


async def test_a_retry_after_a_refusal_posts_without_looking_first() -> None:
    async with harness() as h:
        discussion = await published(h)
        thread = await h.thread(Platform.DISCORD, discussion)
        looked: list[str] = []
        find_copy = h.slack.find_copy

        async def counting_find_copy(t: Thread, copy: CommentCopy, since: datetime) -> str | None:
            looked.append(copy.text)
            return await find_copy(t, copy, since)

        h.slack.find_copy = counting_find_copy  # type: ignore[method-assign]
        h.slack.failures.extend([rate_limited(), rate_limited()])
        await record_comment(h.reader(thread, "m1", "refused twice"), h.ctx)
        await h.settle()
        h.slack.failures.append(DeliveryError("timed out", platform="slack"))
        await record_comment(h.reader(thread, "m2", "maybe landed"), h.ctx)
        await h.settle()
        assert [m.text for m in h.slack.messages.values()] == ["refused twice", "maybe landed"]
        assert looked == ["maybe landed"]  # only the try that may have landed is checked


async def test_a_failure_after_a_refusal_looks_before_posting_again() -> None:
    async with harness() as h:
        discussion = await published(h)
        thread = await h.thread(Platform.DISCORD, discussion)
        looked: list[str] = []
        find_copy = h.slack.find_copy

        async def counting_find_copy(t: Thread, copy: CommentCopy, since: datetime) -> str | None:
            looked.append(copy.text)
            return await find_copy(t, copy, since)

        h.slack.find_copy = counting_find_copy  # type: ignore[method-assign]
        # Refused, then a 500 (which may have landed): the next try must look first.
        h.slack.failures.extend([rate_limited(), DeliveryError("HTTP 500", platform="slack")])
        await record_comment(h.reader(thread, "m1", "maybe landed"), h.ctx)
        await h.settle()
        assert [m.text for m in h.slack.messages.values()] == ["maybe landed"]
        assert looked == ["maybe landed"]
