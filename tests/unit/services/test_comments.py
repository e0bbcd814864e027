import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK
from bot.domain.commands import DeleteComment, EditComment, PublishBrief, WriteWebComment
from bot.domain.copies import build_copy
from bot.errors import DeliveryError
from bot.services.briefs import publish_brief
from bot.services.comments import (
    delete_comment,
    edit_comment,
    mark_read_edited,
    record_comment,
    write_web_comment,
)
from bot.services.linking import link_places
from tests.unit.services.harness import ARTICLE_URL, Harness, harness


async def published(h: Harness) -> int:
    outcome = await publish_brief(
        PublishBrief(ARTICLE_URL, DISCORD, "G1", "C-news", "news", "u1"), h.ctx
    )
    await h.settle()
    return outcome.discussion.id


async def test_a_discord_comment_reaches_slack_with_its_origin_and_is_stored() -> None:
    async with harness() as h:
        discussion = await published(h)
        thread = await h.thread(DISCORD, discussion)
        comment = await record_comment(h.reader(thread, "m1", "**Finally**"), h.ctx)
        await h.settle()
        assert comment is not None
        slack_thread = await h.thread(SLACK, discussion)
        [copy] = h.slack.thread_messages(slack_thread.thread_ref)
        assert copy.username == "Ana (Discord)"
        assert copy.text == "**Finally**"
        assert h.discord.messages == {}
        assert [c.text for c in await h.comments(discussion)] == ["**Finally**"]


async def test_messages_outside_discussion_threads_are_ignored() -> None:
    async with harness() as h:
        discussion = await published(h)
        cmd = h.reader(await h.thread(DISCORD, discussion), "m1", "hi")
        assert await record_comment(replace(cmd, thread_ref="some-other-channel"), h.ctx) is None
        await h.settle()
        assert h.slack.messages == {}
        assert await h.comments(discussion) == []


async def test_our_own_copies_are_never_relayed_back() -> None:
    async with harness() as h:
        discussion = await published(h)
        thread = await h.thread(DISCORD, discussion)
        await record_comment(h.reader(thread, "m1", "hello"), h.ctx)
        await h.settle()
        slack_thread = await h.thread(SLACK, discussion)
        [copy] = h.slack.thread_messages(slack_thread.thread_ref)
        echo = h.reader(slack_thread, copy.id, "hello", name="Ana (Discord)")
        assert await record_comment(echo, h.ctx) is None
        await h.settle()
        assert h.discord.messages == {}
        assert len(await h.comments(discussion)) == 1


async def test_a_message_seen_twice_is_stored_and_copied_once() -> None:
    async with harness() as h:
        discussion = await published(h)
        thread = await h.thread(SLACK, discussion)
        cmd = h.reader(thread, "1700000000.0001", "twice")
        await asyncio.gather(record_comment(cmd, h.ctx), record_comment(cmd, h.ctx))
        await h.settle()
        assert len(await h.comments(discussion)) == 1
        assert len(h.discord.messages) == 1


async def test_edits_and_deletions_follow_to_every_copy() -> None:
    async with harness() as h:
        discussion = await published(h)
        thread = await h.thread(SLACK, discussion)
        await record_comment(h.reader(thread, "1.1", "first"), h.ctx)
        now = datetime.now(UTC)
        edit = EditComment(
            SLACK, thread.workspace_id, thread.thread_ref, "1.1", "first, edited", now
        )
        await edit_comment(edit, h.ctx)
        await h.settle()
        [copy] = h.discord.messages.values()
        assert copy.text == "first, edited" and copy.edits == 1
        deletion = DeleteComment(SLACK, thread.workspace_id, thread.thread_ref, "1.1", now)
        await delete_comment(deletion, h.ctx)
        await h.settle()
        assert copy.deleted
        [stored] = await h.comments(discussion)
        assert stored.deleted and stored.text == ""


async def test_a_comment_first_read_with_its_edited_text_is_only_marked_edited() -> None:
    async with harness() as h:
        discussion = await published(h)
        thread = await h.thread(SLACK, discussion)
        await record_comment(h.reader(thread, "1.1", "first, edited"), h.ctx)
        await h.settle()
        now = datetime.now(UTC)
        edit = EditComment(
            SLACK, thread.workspace_id, thread.thread_ref, "1.1", "first, edited", now
        )
        assert await mark_read_edited(edit, h.ctx, thread=thread)
        await h.settle()
        [copy] = h.discord.messages.values()
        assert copy.text == "first, edited" and copy.edits == 0  # nothing sent again
        [stored] = await h.comments(discussion)
        assert stored.edited_at is not None
        # once marked, or when the text differs, it is an ordinary edit's business
        assert not await mark_read_edited(edit, h.ctx, thread=thread)
        other = replace(edit, message_id="1.2", text="never stored")
        assert not await mark_read_edited(other, h.ctx, thread=thread)


async def test_replies_keep_their_context_on_the_other_side() -> None:
    async with harness() as h:
        discussion = await published(h)
        thread = await h.thread(SLACK, discussion)
        await record_comment(h.reader(thread, "1.1", "The detour is awful", name="Ben"), h.ctx)
        await record_comment(h.reader(thread, "1.2", "Agreed", reply_to="1.1"), h.ctx)
        await h.settle()
        texts = [m.text for m in h.discord.messages.values()]
        assert texts[0] == "The detour is awful"
        assert texts[1] == "Agreed"
        stored = await h.comments(discussion)
        assert stored[1].reply_to_id == stored[0].id


async def test_web_comments_reach_both_chats() -> None:
    async with harness() as h:
        discussion = await published(h)
        cmd = WriteWebComment(discussion, "  Cara  ", "From the website", "client-1")
        comment = await write_web_comment(cmd, h.ctx)
        await h.settle()
        assert comment.author.display_name == "Cara"
        assert [m.username for m in h.discord.messages.values()] == ["Cara (Web)"]
        assert [m.username for m in h.slack.messages.values()] == ["Cara (Web)"]


async def test_order_within_a_thread_is_kept_through_failures() -> None:
    async with harness() as h:
        discussion = await published(h)
        thread = await h.thread(DISCORD, discussion)
        h.slack.failures.extend(
            [
                DeliveryError(platform="slack", status=500),
                DeliveryError(platform="slack", retry_after=0.05),
            ]
        )
        for n in range(20):
            await record_comment(h.reader(thread, f"m{n}", f"comment {n}"), h.ctx)
        await h.settle(10)
        assert [m.text for m in h.slack.messages.values()] == [f"comment {n}" for n in range(20)]


async def test_a_permanent_failure_gives_up_and_the_lane_moves_on() -> None:
    async with harness() as h:
        discussion = await published(h)
        thread = await h.thread(DISCORD, discussion)
        h.slack.failures.append(DeliveryError("bad body", platform="slack", permanent=True))
        await record_comment(h.reader(thread, "m1", "lost to a bad body"), h.ctx)
        await record_comment(h.reader(thread, "m2", "delivered"), h.ctx)
        await h.settle()
        assert [m.text for m in h.slack.messages.values()] == ["delivered"]
        async with h.store.transaction() as tx:
            assert (await tx.outbox.counts()).get("failed") == 1


async def test_a_crashed_try_that_already_posted_is_not_posted_twice() -> None:
    async with harness(start_workers=False) as h:
        h.start_workers()
        discussion = await published(h)
        await h.stop_workers()
        thread = await h.thread(DISCORD, discussion)
        comment = await record_comment(h.reader(thread, "m1", "posted once"), h.ctx)
        assert comment is not None
        # A worker claims the copy, posts it, and dies before recording the mirror.
        async with h.store.transaction() as tx:
            [claimed] = await tx.outbox.claim("dead-worker", datetime.now(UTC), lease_seconds=0.05)
            await tx.commit()
        slack_thread = await h.thread(SLACK, discussion)
        copy = build_copy(comment, None, h.ctx.comment_url(1, comment.id))
        await h.slack.post_copy(slack_thread, copy)
        h.start_workers()
        await h.settle()
        assert len(h.slack.messages) == 1
        async with h.store.transaction() as tx:
            [mirror] = await tx.comments.mirrors(comment.id)
            delivery = await tx.outbox.get(claimed.id)
        assert mirror.platform_message_id == next(iter(h.slack.messages))
        assert delivery.attempts == 2


async def test_a_platform_clock_ahead_of_ours_does_not_hold_copies_back() -> None:
    async with harness() as h:
        discussion = await published(h)
        thread = await h.thread(SLACK, discussion)
        ahead = replace(
            h.reader(thread, "9.9", "written a minute in our future"),
            created_at=datetime.now(UTC) + timedelta(minutes=1),
        )
        await record_comment(ahead, h.ctx)
        await h.settle(2)
        assert [m.text for m in h.discord.messages.values()] == ["written a minute in our future"]


async def test_a_channel_linked_after_the_discussion_started_gets_no_doomed_copies() -> None:
    # The Slack channel joins the room only after the brief was posted in Discord: the
    # discussion never reached it, so copies there could only fail ("no thread").
    async with harness(linked=False) as h:
        discussion = await published(h)
        await link_places(h.ctx, h.discord_place, h.slack_place)
        thread = await h.thread(DISCORD, discussion)
        await record_comment(h.reader(thread, "m1", "first"), h.ctx)
        await h.settle()
        async with h.store.transaction() as tx:
            counts = await tx.outbox.counts()
        assert counts["failed"] == 0
        assert h.slack.messages == {}
        assert [c.text for c in await h.comments(discussion)] == ["first"]


async def test_a_place_whose_brief_was_refused_for_good_gets_no_doomed_copies() -> None:
    async with harness() as h:
        h.slack.failures.append(
            DeliveryError("channel_not_found", platform="slack", permanent=True)
        )
        discussion = await published(h)
        thread = await h.thread(DISCORD, discussion)
        await record_comment(h.reader(thread, "m1", "first"), h.ctx)
        await h.settle()
        async with h.store.transaction() as tx:
            counts = await tx.outbox.counts()
        assert counts["failed"] == 1  # the brief itself, nothing queued behind it
        assert h.slack.messages == {}


async def test_a_thread_the_collector_found_already_is_not_looked_up_again() -> None:
    async with harness() as h:
        discussion = await published(h)
        thread = await h.thread(DISCORD, discussion)
        # The ref no longer names any thread: only the thread handed in can be used.
        cmd = replace(h.reader(thread, "m1", "hello"), thread_ref="not-looked-up")
        comment = await record_comment(cmd, h.ctx, thread=thread)
        assert comment is not None and comment.thread_id == thread.id
        assert await record_comment(cmd, h.ctx) is None  # looked up: no such thread
