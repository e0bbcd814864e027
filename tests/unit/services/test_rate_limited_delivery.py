"""A copy the platform refuses with a rate limit: retried until it lands, posted once."""

from adapters.discord.platform import DISCORD
from bot.domain.commands import PublishBrief
from bot.errors import DeliveryError
from bot.services.briefs import publish_brief
from bot.services.comments import record_comment
from bot.services.delivery import MAX_FAILURES
from tests.unit.services.harness import ARTICLE_URL, Harness, harness


async def published(h: Harness) -> int:
    outcome = await publish_brief(
        PublishBrief(ARTICLE_URL, DISCORD, "G1", "C-news", "news", "u1"), h.ctx
    )
    await h.settle()
    return outcome.discussion.id


def rate_limited() -> DeliveryError:
    return DeliveryError("ratelimited", platform="slack", status=429, retry_after=0.001)


async def test_rate_limits_never_use_up_the_attempts() -> None:
    async with harness() as h:
        discussion = await published(h)
        thread = await h.thread(DISCORD, discussion)
        h.slack.failures.extend(rate_limited() for _ in range(MAX_FAILURES + 5))
        await record_comment(h.reader(thread, "m1", "still arrives"), h.ctx)
        await h.settle(20)
        assert [m.text for m in h.slack.messages.values()] == ["still arrives"]
        async with h.store.transaction() as tx:
            assert (await tx.outbox.counts()).get("failed", 0) == 0


async def test_a_retry_after_a_refusal_posts_without_looking_first() -> None:
    async with harness() as h:
        discussion = await published(h)
        thread = await h.thread(DISCORD, discussion)
        h.slack.failures.extend([rate_limited(), rate_limited()])
        await record_comment(h.reader(thread, "m1", "refused twice"), h.ctx)
        await h.settle()
        h.slack.failures.append(DeliveryError("timed out", platform="slack"))
        await record_comment(h.reader(thread, "m2", "maybe landed"), h.ctx)
        await h.settle()
        assert [m.text for m in h.slack.messages.values()] == ["refused twice", "maybe landed"]
        assert h.slack.looked == ["maybe landed"]  # only the try that may have landed is checked


async def test_a_failure_after_a_refusal_looks_before_posting_again() -> None:
    async with harness() as h:
        discussion = await published(h)
        thread = await h.thread(DISCORD, discussion)
        # Refused, then a 500 (which may have landed): the next try must look first.
        h.slack.failures.extend([rate_limited(), DeliveryError("HTTP 500", platform="slack")])
        await record_comment(h.reader(thread, "m1", "maybe landed"), h.ctx)
        await h.settle()
        assert [m.text for m in h.slack.messages.values()] == ["maybe landed"]
        assert h.slack.looked == ["maybe landed"]


async def test_the_same_words_twice_each_get_their_copy_after_a_failure() -> None:
    # A retry looks for what an earlier try posted by name and text; the first "+1"'s copy
    # reads exactly like the second's, but it is already that comment's copy.
    async with harness() as h:
        discussion = await published(h)
        thread = await h.thread(DISCORD, discussion)
        await record_comment(h.reader(thread, "m1", "+1", name="Bob"), h.ctx)
        await h.settle()
        h.slack.failures.append(DeliveryError("HTTP 503", platform="slack", status=503))
        await record_comment(h.reader(thread, "m2", "+1", name="Bob"), h.ctx)
        await record_comment(h.reader(thread, "m3", "and a third", name="Bob"), h.ctx)
        await h.settle(10)
        assert [m.text for m in h.slack.messages.values()] == ["+1", "+1", "and a third"]
        assert h.slack.looked == ["+1"]  # the retry after the 503 looked first
        async with h.store.transaction() as tx:
            counts = await tx.outbox.counts()
        assert counts["failed"] == 0 and counts["claimed"] == 0
