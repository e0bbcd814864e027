"""Rate limits are not failures: only real failures grow the backoff and give a copy up."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK
from bot.domain.commands import PublishBrief
from bot.domain.model import Delivery
from bot.errors import DeliveryError
from bot.services.briefs import publish_brief
from bot.services.comments import record_comment
from bot.services.delivery import MAX_BACKOFF, MAX_FAILURES, backoff_seconds
from tests.eventually import eventually
from tests.unit.services.harness import ARTICLE_URL, Harness, harness


class Clock:
    """A clock that moves only when told, so waits are read, not slept through."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def rate_limited() -> DeliveryError:
    return DeliveryError("ratelimited", platform="slack", status=429, retry_after=0)


def server_error() -> DeliveryError:
    return DeliveryError(
        "Slack refused to post a comment copy: HTTP 500", platform="slack", status=500
    )


async def published(h: Harness) -> int:
    outcome = await publish_brief(
        PublishBrief(ARTICLE_URL, DISCORD, "G1", "C-news", "news", "u1"), h.ctx
    )
    await h.settle()
    return outcome.discussion.id


async def slack_deliveries(h: Harness) -> list[Delivery]:
    async with h.store.transaction() as tx:
        found = [await tx.outbox.get(i) for i in sorted(h.store.state.deliveries)]
    return [d for d in found if d.platform == SLACK and d.comment_id is not None]


def test_backoff_grows_with_failures_and_is_capped_at_a_minute() -> None:
    assert [backoff_seconds(n) for n in range(1, 8)] == [1, 2, 4, 8, 16, 32, 60]
    assert backoff_seconds(MAX_FAILURES) == MAX_BACKOFF == 60


async def test_thirty_rate_limits_then_one_server_error_is_retried_and_delivered() -> None:
    async with harness() as h:
        discussion = await published(h)
        thread = await h.thread(DISCORD, discussion)
        h.slack.failures.extend([*(rate_limited() for _ in range(30)), server_error()])
        await record_comment(h.reader(thread, "m1", "after a long rate limit"), h.ctx)
        await h.settle(20)
        assert [m.text for m in h.slack.messages.values()] == ["after a long rate limit"]
        [delivery] = await slack_deliveries(h)
        assert delivery.status.value == "done"
        assert (delivery.attempts, delivery.failures) == (32, 1)
        async with h.store.transaction() as tx:
            assert (await tx.outbox.counts())["failed"] == 0


async def test_backoff_after_rate_limits_and_one_failure_is_one_failures_worth() -> None:
    async with harness() as h:
        discussion = await published(h)
        thread = await h.thread(DISCORD, discussion)
        clock = Clock()
        h.ctx.clock = clock
        h.slack.failures.extend([*(rate_limited() for _ in range(8)), server_error()])
        await record_comment(h.reader(thread, "m1", "not four minutes late"), h.ctx)

        async def waiting_after_the_failure() -> Delivery | None:
            [delivery] = await slack_deliveries(h)
            return delivery if delivery.failures == 1 and delivery.claimed_by is None else None

        delivery = await eventually(waiting_after_the_failure)
        assert delivery.attempts == 9 and delivery.backing_off
        assert delivery.next_attempt_at - clock.now == timedelta(seconds=backoff_seconds(1))
        clock.advance(backoff_seconds(1))
        await h.settle()
        assert [m.text for m in h.slack.messages.values()] == ["not four minutes late"]


async def test_a_delivery_that_works_again_makes_lanes_in_backoff_due_now() -> None:
    async with harness(start_workers=False) as h:
        clock = Clock()
        h.ctx.clock = clock
        h.start_workers()
        other_url = ARTICLE_URL + "-2"
        h.fetcher.pages[other_url] = h.fetcher.pages[ARTICLE_URL].replace("Mill Street", "Quay")
        threads = []
        for url in (ARTICLE_URL, other_url):
            outcome = await publish_brief(
                PublishBrief(url, DISCORD, "G1", "C-news", "news", "u1"), h.ctx
            )
            await h.settle()
            threads.append(await h.thread(DISCORD, outcome.discussion.id))
        await h.stop_workers()
        # One copy owed to Slack in each discussion's lane.
        await record_comment(h.reader(threads[0], "m1", "first"), h.ctx)
        await record_comment(h.reader(threads[1], "m2", "elsewhere"), h.ctx)
        first, other = await slack_deliveries(h)
        # The first lane failed once (due in 1 s), the other one often (due in 60 s).
        async with h.store.transaction() as tx:
            await tx.outbox.claim("setup", clock.now, 30, platforms=frozenset({SLACK}))
            for delivery, wait in ((first, 1), (other, 60)):
                due = clock.now + timedelta(seconds=wait)
                await tx.outbox.retry(delivery.id, "setup", "HTTP 500", due, failure=True)
            await tx.commit()
        h.start_workers()
        clock.advance(1)  # the first lane's backoff is over; the other's has 59 s to go
        await h.settle()  # the clock stands still: only an expedite lets the other through
        assert sorted(m.text for m in h.slack.messages.values()) == ["elsewhere", "first"]


async def test_backoff_grows_only_with_real_failures_as_the_worker_retries() -> None:
    async with harness() as h:
        discussion = await published(h)
        thread = await h.thread(DISCORD, discussion)
        clock = Clock()
        h.ctx.clock = clock
        paced = DeliveryError("ratelimited", platform="slack", status=429, retry_after=7)
        h.slack.failures.extend([server_error(), paced, server_error(), paced, server_error()])
        await record_comment(h.reader(thread, "m1", "third time lucky"), h.ctx)
        waits: list[tuple[int, float]] = []
        for attempt in range(1, 6):

            async def waiting(attempt: int = attempt) -> Delivery | None:
                [delivery] = await slack_deliveries(h)
                ready = delivery.attempts == attempt and delivery.claimed_by is None
                return delivery if ready else None

            delivery = await eventually(waiting)
            wait = (delivery.next_attempt_at - clock.now).total_seconds()
            waits.append((delivery.failures, wait))
            clock.advance(wait)
        await h.settle()
        # Failures 1, 2, 3 wait 1, 2, 4 s; a 429 waits what it names and counts nothing.
        assert waits == [(1, 1.0), (1, 7.0), (2, 2.0), (2, 7.0), (3, 4.0)]
        assert [m.text for m in h.slack.messages.values()] == ["third time lucky"]


async def test_a_copy_is_given_up_after_max_failures_real_failures_not_before() -> None:
    async with harness() as h:
        discussion = await published(h)
        thread = await h.thread(DISCORD, discussion)

        def failing() -> DeliveryError:  # a 500 that asks for no wait, to keep the test quick
            return DeliveryError("HTTP 500", platform="slack", status=500, retry_after=0)

        h.slack.failures.extend(failing() for _ in range(MAX_FAILURES - 1))
        h.slack.failures.extend(rate_limited() for _ in range(5))
        await record_comment(h.reader(thread, "m1", "just made it"), h.ctx)
        await h.settle(30)
        h.slack.failures.extend(failing() for _ in range(MAX_FAILURES))
        await record_comment(h.reader(thread, "m2", "given up"), h.ctx)
        await h.settle(30)
        made_it, given_up = await slack_deliveries(h)
        assert (made_it.status.value, made_it.failures) == ("done", MAX_FAILURES - 1)
        assert (given_up.status.value, given_up.failures) == ("failed", MAX_FAILURES)
        assert [m.text for m in h.slack.messages.values()] == ["just made it"]
