"""Claims and leases: a dead worker's claim passes on; a worker that lost it records nothing."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK
from bot.bootstrap import build_worker
from bot.domain.commands import PublishBrief
from bot.domain.copies import CommentCopy
from bot.domain.model import Delivery, Thread
from bot.services.briefs import publish_brief
from bot.services.comments import record_comment
from bot.services.delivery import DeliveryWorker
from tests.eventually import eventually
from tests.unit.services.harness import ARTICLE_URL, Harness, harness


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


async def published(h: Harness) -> Thread:
    outcome = await publish_brief(
        PublishBrief(ARTICLE_URL, DISCORD, "G1", "C-news", "news", "u1"), h.ctx
    )
    await h.settle()
    return await h.thread(DISCORD, outcome.discussion.id)


async def slack_copy(h: Harness) -> Delivery:
    async with h.store.transaction() as tx:
        found = [await tx.outbox.get(i) for i in sorted(h.store.state.deliveries)]
    [delivery] = [d for d in found if d.platform == SLACK and d.comment_id is not None]
    return delivery


def worker(h: Harness, name: str) -> DeliveryWorker:
    """A Slack worker as production builds it, under its own name."""
    return build_worker(h.settings.model_copy(update={"worker_name": name}), h.ctx, h.slack)


async def test_a_claim_whose_lease_ran_out_is_taken_by_another_worker() -> None:
    async with harness() as h:
        thread = await published(h)
        clock = Clock()
        h.ctx.clock = clock
        await h.stop_workers()
        await record_comment(h.reader(thread, "m1", "claimed by a worker that died"), h.ctx)
        async with h.store.transaction() as tx:
            # Another process's worker claims the copy, then dies without a word.
            await tx.outbox.claim("slack@elsewhere", clock.now, lease_seconds=60)
            await tx.commit()
        h.start_workers()
        clock.now += timedelta(seconds=59)
        await asyncio.sleep(0.3)  # several polls: the lease still holds
        assert h.slack.messages == {}
        assert (await slack_copy(h)).claimed_by == "slack@elsewhere"
        clock.now += timedelta(seconds=1)
        await h.settle()
        assert [m.text for m in h.slack.messages.values()] == ["claimed by a worker that died"]
        delivery = await slack_copy(h)
        assert (delivery.status.value, delivery.attempts) == ("done", 2)
        assert delivery.claimed_by is not None and delivery.claimed_by.startswith("slack@test.")


async def test_a_worker_that_lost_its_claim_records_no_second_mirror(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async with harness() as h:
        thread = await published(h)
        clock = Clock()
        h.ctx.clock = clock
        await h.stop_workers()
        # The first worker's post lands, but Slack's answer takes longer than its lease.
        landed, answer = asyncio.Event(), asyncio.Event()
        post_copy = h.slack.post_copy

        async def slow_answer(t: Thread, copy: CommentCopy) -> str:
            message_id = await post_copy(t, copy)
            if not landed.is_set():
                landed.set()
                await answer.wait()
            return message_id

        async def mirrored() -> bool:
            return len(h.store.state.mirrors) == 1

        async def gave_up_its_claim() -> bool:
            return "lost its claim to another worker" in caplog.text

        h.slack.post_copy = slow_answer  # type: ignore[method-assign]
        await record_comment(h.reader(thread, "m1", "posted once"), h.ctx)
        # Its heartbeats stop too (cut off from the database), so it counts as gone.
        stuck = worker(h, "slow")
        stuck.heartbeat_seconds = 3600
        slow = asyncio.create_task(stuck.run())
        await asyncio.wait_for(landed.wait(), 10)
        clock.now += timedelta(seconds=h.settings.delivery_lease_seconds)
        other = asyncio.create_task(worker(h, "other").run())
        try:
            # The other worker takes the copy over, finds the post and records its mirror.
            await eventually(mirrored)
            answer.set()  # now the first worker hears back, too late
            await eventually(gave_up_its_claim)
        finally:
            for task in (slow, other):
                task.cancel()
            await asyncio.gather(slow, other, return_exceptions=True)
        assert [m.text for m in h.slack.messages.values()] == ["posted once"]
        [mirror] = h.store.state.mirrors.values()
        assert mirror.platform_message_id == next(iter(h.slack.messages))
        delivery = await slack_copy(h)
        assert delivery.status.value == "done"
        assert delivery.claimed_by is not None and delivery.claimed_by.startswith("slack@other.")


async def test_a_dead_workers_claims_pass_on_once_its_heartbeat_is_stale_not_before() -> None:
    async with harness() as h:
        thread = await published(h)
        clock = Clock()
        h.ctx.clock = clock
        await h.stop_workers()
        await record_comment(h.reader(thread, "m1", "claimed, then the process died"), h.ctx)
        dead = "slack@newsroom-1.4242.20261125T115900.000000Z"
        async with h.store.transaction() as tx:
            # Another process's worker said it was alive for 30 s more, took the copy with a
            # ten-minute lease, and was killed.
            await tx.outbox.heartbeat(
                dead, clock.now, alive_until=clock.now + timedelta(seconds=30)
            )
            await tx.outbox.claim(dead, clock.now, lease_seconds=600)
            await tx.commit()
        h.start_workers()
        clock.now += timedelta(seconds=29)
        await asyncio.sleep(0.3)  # several polls: its heartbeat is not stale yet
        assert h.slack.messages == {}
        assert (await slack_copy(h)).claimed_by == dead
        clock.now += timedelta(seconds=1)  # stale: taken over long before the lease ends
        await h.settle()
        assert [m.text for m in h.slack.messages.values()] == ["claimed, then the process died"]
        delivery = await slack_copy(h)
        assert (delivery.status.value, delivery.attempts) == ("done", 2)


async def test_two_processes_with_one_worker_name_never_take_each_others_claims(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The old collision: ``WORKER_NAME`` (the host's name by default) shared by two
    processes on one host. A worker that started second "took back" the first's live
    claims. Now each has its own identity and a live worker's claims stay its own, even
    past their lease, because it renews the leases of what it is working on."""
    async with harness() as h:
        thread = await published(h)
        await h.stop_workers()
        landed, answer = asyncio.Event(), asyncio.Event()
        post_copy = h.slack.post_copy

        async def slow_answer(t: Thread, copy: CommentCopy) -> str:
            landed.set()
            await answer.wait()
            return await post_copy(t, copy)

        h.slack.post_copy = slow_answer  # type: ignore[method-assign]
        await record_comment(h.reader(thread, "m1", "held by a live worker"), h.ctx)
        first, second = worker(h, "newsroom-1"), worker(h, "newsroom-1")
        assert first.worker_id != second.worker_id
        for each in (first, second):
            each.lease_seconds = 1.5  # renewed every 0.5 s while the post is under way
        one = asyncio.create_task(first.run())
        await asyncio.wait_for(landed.wait(), 10)
        two = asyncio.create_task(second.run())
        try:
            await asyncio.sleep(3.5)  # the second starts, polls; the first's lease ran out twice
            held = await slack_copy(h)
            assert (held.status.value, held.claimed_by, held.attempts) == (
                "claimed",
                first.worker_id,
                1,
            )
            answer.set()
            await h.settle()
        finally:
            for task in (one, two):
                task.cancel()
            await asyncio.gather(one, two, return_exceptions=True)
        assert [m.text for m in h.slack.messages.values()] == ["held by a live worker"]
        done = await slack_copy(h)
        assert (done.status.value, done.claimed_by, done.attempts) == ("done", first.worker_id, 1)
        assert "lost its claim" not in caplog.text
