"""A place briefbot can no longer post in is reported once, in one sentence, to the others."""

from __future__ import annotations

import asyncio

from adapters.discord.platform import DISCORD
from bot import messages
from bot.domain.commands import PublishBrief
from bot.errors import DeliveryError
from bot.services.briefs import publish_brief
from bot.services.comments import record_comment
from tests.eventually import eventually
from tests.unit.services.harness import ARTICLE_URL, Harness, harness


def removed_from_channel() -> DeliveryError:
    return DeliveryError(
        "Slack refused to post a comment copy: not_in_channel",
        platform="slack",
        status=200,
        unreachable=True,
        reason="not_in_channel",
    )


async def published(h: Harness) -> int:
    outcome = await publish_brief(
        PublishBrief(ARTICLE_URL, DISCORD, "G1", "C-news", "news", "u1"), h.ctx
    )
    await h.settle()
    return outcome.discussion.id


async def test_a_lost_place_is_announced_once_in_the_other_thread() -> None:
    async with harness() as h:
        discussion = await published(h)
        thread = await h.thread(DISCORD, discussion)
        h.slack.failures.extend([removed_from_channel(), removed_from_channel()])
        await record_comment(h.reader(thread, "m1", "first"), h.ctx)
        await h.settle()
        await record_comment(h.reader(thread, "m2", "second"), h.ctx)
        await h.settle()

        async def noticed() -> bool:  # the notice is posted after the failure is recorded
            return bool(h.discord.notices)

        await eventually(noticed)
        sentence = messages.place_unreachable("Slack", "news")
        assert h.discord.notices == [(thread.thread_ref, sentence)]
        assert h.slack.notices == []  # never into the place that is lost
        assert sentence.count(".") == 1 and sentence.endswith(".")
        async with h.store.transaction() as tx:
            [lost] = await tx.places.unreachable()
            assert (await tx.outbox.counts())["failed"] == 2
        assert (lost.place.id, lost.cause, lost.discussion_id) == (
            h.slack_place.id,
            "not_in_channel",
            discussion,
        )
        # A notice is briefbot's own message: nothing was collected as a reader's comment.
        assert [c.text for c in await h.comments(discussion)] == ["first", "second"]


async def test_a_permanent_failure_of_one_message_is_not_announced() -> None:
    async with harness() as h:
        discussion = await published(h)
        thread = await h.thread(DISCORD, discussion)
        h.slack.failures.append(
            DeliveryError("msg_too_long", platform="slack", status=200, permanent=True)
        )
        await record_comment(h.reader(thread, "m1", "too long for Slack"), h.ctx)
        await h.settle()
        assert h.discord.notices == []
        async with h.store.transaction() as tx:
            assert await tx.places.unreachable() == []


async def test_a_notice_a_crash_cut_short_is_sent_when_the_worker_starts_again() -> None:
    async with harness() as h:
        discussion = await published(h)
        thread = await h.thread(DISCORD, discussion)
        await h.stop_workers()
        # As a crash leaves it: the place was recorded as lost, but nobody was told yet.
        async with h.store.transaction() as tx:
            await tx.places.mark_unreachable(
                h.slack_place.id, "not_in_channel", discussion, "not_in_channel", h.ctx.clock()
            )
            await tx.commit()
        h.start_workers()

        async def noticed() -> bool:
            async with h.store.transaction() as tx:
                [lost] = await tx.places.unreachable()
            return lost.notified

        await eventually(noticed)
        sentence = messages.place_unreachable("Slack", "news")
        assert h.discord.notices == [(thread.thread_ref, sentence)]
        # Told once: another restart says nothing more.
        await h.stop_workers()
        h.start_workers()
        await h.settle()
        await asyncio.sleep(0.1)  # a notice would be posted at once: give it the chance
        assert h.discord.notices == [(thread.thread_ref, sentence)]
