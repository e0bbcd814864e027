"""Moderators' actions follow a comment to every place, through the same durable outbox."""

from __future__ import annotations

import asyncio
import json

import pytest

from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK
from bot.domain.commands import DeleteComment
from bot.domain.copies import CommentCopy
from bot.domain.model import DeliveryKind, Standing, Thread
from bot.domain.moderation import Moderator, Policy
from bot.errors import DeliveryError, ModerationError, NotAllowedError
from bot.moderation.policy import REPORTS
from bot.services.comments import delete_comment, record_comment
from bot.services.moderation import (
    approve,
    audit_log,
    ban,
    close,
    erase_author,
    export_discussion,
    find_comment,
    hold,
    moderation_queue,
    reject,
    remove_everywhere,
    report,
    set_policy,
)
from tests.unit.services.harness import harness
from tests.unit.services.moderation_support import (
    OPERATOR,
    live_texts,
    published,
    room_of,
    stored,
    web_comment,
)


def rate_limited(seconds: float) -> DeliveryError:
    return DeliveryError("ratelimited", platform="slack", status=429, retry_after=seconds)


async def test_remove_everywhere_from_a_slack_copy_deletes_every_copy_and_the_original() -> None:
    async with harness() as h:
        discussion = await published(h)
        discord = await h.thread(DISCORD, discussion)
        slack = await h.thread(SLACK, discussion)
        comment = await record_comment(h.reader(discord, "m1", "rude"), h.ctx)
        await h.settle()
        [copy] = h.slack.thread_messages(slack.thread_ref)
        found = await find_comment(h.ctx, SLACK, slack.workspace_id, slack.thread_ref, copy.id)
        assert comment is not None and found == comment
        removal = await remove_everywhere(h.ctx, comment.id, OPERATOR)
        await h.settle()
        assert removal.kept == [] and removal.comment.standing is Standing.REMOVED
        assert live_texts(h, SLACK, slack) == []
        assert h.discord.removed_originals == [(discord.thread_ref, "m1")]
        again = await remove_everywhere(h.ctx, comment.id, OPERATOR)  # nothing more to do
        await h.settle()
        assert again.comment.standing is Standing.REMOVED
        assert h.discord.removed_originals == [(discord.thread_ref, "m1")]


async def test_where_the_bot_cannot_delete_a_persons_message_the_moderator_is_told() -> None:
    async with harness() as h:
        h.slack.can_remove_originals = False
        discussion = await published(h)
        discord = await h.thread(DISCORD, discussion)
        slack = await h.thread(SLACK, discussion)
        comment = await record_comment(h.reader(slack, "s1", "rude"), h.ctx)
        await h.settle()
        assert comment is not None
        removal = await remove_everywhere(h.ctx, comment.id, OPERATOR)
        await h.settle()
        assert [p.id for p in removal.kept] == [h.slack_place.id]
        assert live_texts(h, DISCORD, discord) == []
        async with h.store.transaction() as tx:
            assert (await tx.outbox.counts()).get("failed", 0) == 0


async def test_removal_while_the_copy_is_rate_limited_posts_nothing() -> None:
    async with harness() as h:
        discussion = await published(h)
        discord = await h.thread(DISCORD, discussion)
        h.slack.failures.append(rate_limited(0.3))
        comment = await record_comment(h.reader(discord, "m1", "gone soon"), h.ctx)
        assert comment is not None
        await asyncio.sleep(0.05)  # the copy was tried and refused; its lane waits
        await remove_everywhere(h.ctx, comment.id, OPERATOR)
        await h.settle()
        assert h.slack.messages == {}  # never posted, so nothing to delete
        async with h.store.transaction() as tx:
            counts = await tx.outbox.counts()
        assert counts.get("failed", 0) == 0 and counts.get("pending", 0) == 0


async def test_removal_while_the_copy_is_being_posted_deletes_it_once_it_lands() -> None:
    async with harness() as h:
        discussion = await published(h)
        discord = await h.thread(DISCORD, discussion)
        slack = await h.thread(SLACK, discussion)
        posting, removed = asyncio.Event(), asyncio.Event()
        post = h.slack.post_copy

        async def slow_post(thread: Thread, copy: CommentCopy) -> str:
            posting.set()
            await removed.wait()  # the removal commits while this copy is on its way
            return await post(thread, copy)

        h.slack.post_copy = slow_post  # type: ignore[method-assign]
        comment = await record_comment(h.reader(discord, "m1", "in flight"), h.ctx)
        assert comment is not None
        await asyncio.wait_for(posting.wait(), 5)
        await remove_everywhere(h.ctx, comment.id, OPERATOR)
        removed.set()
        await h.settle()
        [landed] = h.slack.thread_messages(slack.thread_ref)
        assert landed.deleted


async def test_approval_waits_behind_a_lane_in_backoff_and_arrives_in_order() -> None:
    async with harness() as h:
        h.ctx.moderation_defaults = Policy(suspect=("hmm",), hold_first_web=False)
        discussion = await published(h)
        discord = await h.thread(DISCORD, discussion)
        slack = await h.thread(SLACK, discussion)
        h.slack.failures.append(DeliveryError("HTTP 503", platform="slack", status=503))
        await record_comment(h.reader(discord, "m1", "first"), h.ctx)
        held = await record_comment(h.reader(discord, "m2", "hmm, second"), h.ctx)
        assert held is not None and held.standing is Standing.HELD
        await asyncio.sleep(0.05)  # the first copy failed; its lane backs off for a second
        await approve(h.ctx, held.id, OPERATOR)
        await h.settle(15)
        assert live_texts(h, SLACK, slack) == ["first", "hmm, second"]


async def test_hold_takes_copies_down_and_approval_posts_them_again() -> None:
    async with harness() as h:
        discussion = await published(h)
        discord = await h.thread(DISCORD, discussion)
        slack = await h.thread(SLACK, discussion)
        comment = await record_comment(h.reader(discord, "m1", "borderline"), h.ctx)
        await h.settle()
        assert comment is not None
        held = await hold(h.ctx, comment.id, OPERATOR)
        await h.settle()
        assert held.standing is Standing.HELD and held.rule == "moderator"
        assert live_texts(h, SLACK, slack) == []
        with pytest.raises(ModerationError):
            await hold(h.ctx, comment.id, OPERATOR)
        await approve(h.ctx, comment.id, OPERATOR)
        await h.settle()
        assert live_texts(h, SLACK, slack) == ["borderline"]
        assert len(h.slack.thread_messages(slack.thread_ref)) == 2  # the old one stays deleted
        await hold(h.ctx, comment.id, OPERATOR)  # and the new copy is known, so it goes too
        await h.settle()
        assert live_texts(h, SLACK, slack) == []


async def test_the_copies_of_replies_stop_quoting_a_held_comment_and_quote_it_again() -> None:
    async with harness() as h:
        discussion = await published(h)
        discord = await h.thread(DISCORD, discussion)
        slack = await h.thread(SLACK, discussion)
        comment = await record_comment(h.reader(discord, "m1", "borderline"), h.ctx)
        await record_comment(h.reader(discord, "m2", "I agree", "Bo", reply_to="m1"), h.ctx)
        await h.settle()
        assert comment is not None

        def reply_edits() -> list[int]:
            messages = h.slack.thread_messages(slack.thread_ref)
            return [m.edits for m in messages if m.text == "I agree" and not m.deleted]

        assert reply_edits() == [0]
        await hold(h.ctx, comment.id, OPERATOR)
        await h.settle()
        assert reply_edits() == [1]  # rebuilt: "Replying to a deleted comment"
        await approve(h.ctx, comment.id, OPERATOR)
        await h.settle()
        assert reply_edits() == [2]  # rebuilt: quoting it again


async def test_the_copies_of_replies_stop_quoting_a_comment_its_author_deleted() -> None:
    async with harness() as h:
        discussion = await published(h)
        discord = await h.thread(DISCORD, discussion)
        slack = await h.thread(SLACK, discussion)
        await record_comment(h.reader(discord, "m1", "my words"), h.ctx)
        await record_comment(h.reader(discord, "m2", "I agree", "Bo", reply_to="m1"), h.ctx)
        await h.settle()
        deletion = DeleteComment(
            DISCORD, discord.workspace_id, discord.thread_ref, "m1", h.ctx.clock()
        )
        await delete_comment(deletion, h.ctx)
        await h.settle()
        messages = h.slack.thread_messages(slack.thread_ref)
        assert [m.edits for m in messages if m.text == "I agree" and not m.deleted] == [1]
        assert [m.text for m in messages if not m.deleted and m.text == "my words"] == []


async def test_reject_keeps_a_held_comment_out_of_every_place() -> None:
    async with harness() as h:
        h.ctx.moderation_defaults = Policy(suspect=("hmm",), hold_first_web=False)
        discussion = await published(h)
        discord = await h.thread(DISCORD, discussion)
        held = await record_comment(h.reader(discord, "m1", "hmm"), h.ctx)
        assert held is not None
        rejected = await reject(h.ctx, held.id, OPERATOR)
        await h.settle()
        assert rejected.standing is Standing.REJECTED and h.slack.messages == {}
        assert await moderation_queue(h.ctx, OPERATOR) == []


async def test_a_held_comment_its_author_deletes_leaves_the_queue_and_is_copied_nowhere() -> None:
    async with harness() as h:
        h.ctx.moderation_defaults = Policy(suspect=("hmm",), hold_first_web=False)
        discussion = await published(h)
        discord = await h.thread(DISCORD, discussion)
        held = await record_comment(h.reader(discord, "m1", "hmm"), h.ctx)
        assert held is not None and held.standing is Standing.HELD
        assert [i.comment.id for i in await moderation_queue(h.ctx, OPERATOR)] == [held.id]
        deletion = DeleteComment(
            DISCORD, discord.workspace_id, discord.thread_ref, "m1", h.ctx.clock()
        )
        deleted = await delete_comment(deletion, h.ctx)
        await h.settle()
        assert deleted is not None and deleted.deleted
        assert await moderation_queue(h.ctx, OPERATOR) == []  # nothing left to review
        assert h.slack.messages == {}
        with pytest.raises(ModerationError):
            await approve(h.ctx, held.id, OPERATOR)


async def test_three_readers_reports_hold_a_comment_and_one_reader_counts_once() -> None:
    async with harness() as h:
        discussion = await published(h)
        discord = await h.thread(DISCORD, discussion)
        slack = await h.thread(SLACK, discussion)
        comment = await record_comment(h.reader(discord, "m1", "flagged"), h.ctx)
        await h.settle()
        assert comment is not None
        for _ in range(3):
            assert (await report(h.ctx, comment.id, "web:r1")).visible
        assert (await report(h.ctx, comment.id, "slack:U2")).visible
        [queued] = await moderation_queue(h.ctx, OPERATOR)
        assert (queued.comment.id, queued.reports) == (comment.id, 2)
        held = await report(h.ctx, comment.id, "discord:u3")
        await h.settle()
        assert (held.standing, held.rule) == (Standing.HELD, REPORTS)
        assert live_texts(h, SLACK, slack) == []
        [entry] = await audit_log(h.ctx, OPERATOR)
        assert (entry.action, entry.moderator, entry.detail) == ("hold", "web:reports", "3 reports")


async def test_approving_settles_the_reports_so_the_same_readers_cannot_hold_it_again() -> None:
    async with harness() as h:
        discussion = await published(h)
        discord = await h.thread(DISCORD, discussion)
        comment = await record_comment(h.reader(discord, "m1", "unpopular but fine"), h.ctx)
        await h.settle()
        assert comment is not None
        for reader in ("web:r1", "slack:U2", "discord:u3"):
            await report(h.ctx, comment.id, reader)
        approved = await approve(h.ctx, comment.id, OPERATOR)
        assert approved.standing is Standing.VISIBLE
        # One of them takes the 🚩 off and puts it back: one report, not the fourth.
        again = await report(h.ctx, comment.id, "discord:u3")
        assert again.standing is Standing.VISIBLE
        [queued] = await moderation_queue(h.ctx, OPERATOR)
        assert queued.reports == 1
        # A visible comment that readers only reported can be let stand, leaving the queue.
        kept = await approve(h.ctx, comment.id, OPERATOR)
        assert kept.standing is Standing.VISIBLE
        assert await moderation_queue(h.ctx, OPERATOR) == []
        with pytest.raises(ModerationError):
            await approve(h.ctx, comment.id, OPERATOR)  # nothing left to settle
        actions = [(e.action, e.detail) for e in await audit_log(h.ctx, OPERATOR)]
        assert actions[0] == ("approve", "1 reports dismissed")


async def test_a_moderator_acts_only_on_their_own_rooms() -> None:
    async with harness() as h:
        discussion = await published(h)
        discord = await h.thread(DISCORD, discussion)
        room = await room_of(h, discussion)
        comment = await record_comment(h.reader(discord, "m1", "hello"), h.ctx)
        await h.settle()
        assert comment is not None
        elsewhere = Moderator(SLACK, "U9", "Other", frozenset({room + 100}))
        for action in (approve, reject, hold, remove_everywhere):
            with pytest.raises(NotAllowedError, match="only moderate"):
                await action(h.ctx, comment.id, elsewhere)
        with pytest.raises(NotAllowedError):
            await ban(h.ctx, room, SLACK, "U1", elsewhere)
        with pytest.raises(NotAllowedError):
            await close(h.ctx, discussion, elsewhere)
        with pytest.raises(NotAllowedError):
            await set_policy(h.ctx, room, Policy(), elsewhere)
        with pytest.raises(NotAllowedError):
            await erase_author(h.ctx, DISCORD, "user-Ana", elsewhere)
        with pytest.raises(NotAllowedError):
            await export_discussion(h.ctx, discussion, "csv", elsewhere)
        assert (await stored(h, comment.id)).visible
        assert await audit_log(h.ctx, OPERATOR) == []
        assert await moderation_queue(h.ctx, elsewhere) == []
        mine = Moderator(SLACK, "U8", "Mine", frozenset({room}))
        await hold(h.ctx, comment.id, mine)
        assert [e.action for e in await audit_log(h.ctx, mine)] == ["hold"]
        assert await audit_log(h.ctx, elsewhere) == []


async def test_erase_leaves_tombstones_and_no_copies_anywhere() -> None:
    async with harness() as h:
        h.ctx.moderation_defaults = Policy(suspect=("hmm",), hold_first_web=False)
        discussion = await published(h)
        discord = await h.thread(DISCORD, discussion)
        slack = await h.thread(SLACK, discussion)
        visible = await record_comment(h.reader(discord, "m1", "my words"), h.ctx)
        held = await record_comment(h.reader(discord, "m2", "hmm"), h.ctx)
        await record_comment(h.reader(slack, "s1", "reply", name="Bo"), h.ctx)
        await h.settle()
        assert visible is not None and held is not None
        assert live_texts(h, SLACK, slack) == ["my words"]
        assert await erase_author(h.ctx, DISCORD, "user-Ana", OPERATOR) == 2
        await h.settle()
        for comment_id in (visible.id, held.id):
            tombstone = await stored(h, comment_id)
            assert tombstone.standing is Standing.ERASED and tombstone.text == ""
            assert tombstone.author.display_name == ""
        assert live_texts(h, SLACK, slack) == []  # Ana's copy is gone
        assert live_texts(h, DISCORD, discord) == ["reply"]  # Bo's copy stays
        assert sorted(h.discord.removed_originals) == [
            (discord.thread_ref, "m1"),
            (discord.thread_ref, "m2"),
        ]
        assert await erase_author(h.ctx, DISCORD, "user-Ana", OPERATOR) == 0
        exported = json.loads(await export_discussion(h.ctx, discussion, "json"))
        texts = [(c["standing"], c["author"], c["text"]) for c in exported["comments"]]
        assert texts == [("erased", "", ""), ("erased", "", ""), ("visible", "Bo", "reply")]


async def test_export_as_csv_keeps_formulas_as_text_and_is_audited() -> None:
    async with harness() as h:
        discussion = await published(h)
        slack = await h.thread(SLACK, discussion)
        await record_comment(h.reader(slack, "s1", '=HYPERLINK("x")'), h.ctx)
        out = await export_discussion(h.ctx, discussion, "csv", OPERATOR)
        header, row = out.splitlines()
        assert header.startswith("id,created_at,edited_at,author,platform")
        assert "'=HYPERLINK" in row and row.endswith(',visible,,False,"\'=HYPERLINK(""x"")"')
        [entry] = await audit_log(h.ctx, OPERATOR)
        assert (entry.action, entry.detail) == ("export", "csv")


async def test_a_room_policy_overrides_the_defaults_and_bad_patterns_are_refused() -> None:
    async with harness() as h:
        discussion = await published(h)
        slack = await h.thread(SLACK, discussion)
        room = await room_of(h, discussion)
        with pytest.raises(ModerationError, match="not a valid pattern"):
            await set_policy(h.ctx, room, Policy(banned=("re:(unclosed",)), OPERATOR)
        with pytest.raises(ModerationError, match="is refused: a repeat inside a repeat"):
            await set_policy(h.ctx, room, Policy(suspect=(r"re:(\w+\s?)+$",)), OPERATOR)
        await set_policy(h.ctx, room, Policy(banned=("re:sp[a4]m+",), burst_count=0), OPERATOR)
        caught = await record_comment(h.reader(slack, "s1", "SP4MMM"), h.ctx)
        assert caught is not None and caught.standing is Standing.REJECTED
        [entry] = await audit_log(h.ctx, OPERATOR)
        assert entry.action == "set_policy" and entry.room_id == room


async def test_close_and_reopen_go_through_the_outbox_per_place() -> None:
    async with harness() as h:
        discussion = await published(h)
        h.slack.failures.append(rate_limited(0.05))  # the Slack notice waits, nothing lost
        await close(h.ctx, discussion, OPERATOR)
        await h.settle()
        async with h.store.transaction() as tx:
            assert (await tx.discussions.get(discussion)).closed
            kinds = [
                d.kind for d in h.store.state.deliveries.values() if d.kind.needs_comment is False
            ]
        assert kinds.count(DeliveryKind.CLOSE_THREAD) == 2
        assert len(h.slack.closed) == 1 and len(h.discord.closed) == 1
        [entry] = await audit_log(h.ctx, OPERATOR)
        assert entry.action == "close"


async def test_web_comments_can_be_removed_and_nothing_remains_to_delete_at_origin() -> None:
    async with harness() as h:
        discussion = await published(h)
        discord = await h.thread(DISCORD, discussion)
        comment = await web_comment(h, discussion, "from the web")
        await h.settle()
        assert live_texts(h, DISCORD, discord) == ["from the web"]
        removal = await remove_everywhere(h.ctx, comment.id, OPERATOR)
        await h.settle()
        assert removal.kept == [] and live_texts(h, DISCORD, discord) == []
        assert h.discord.removed_originals == [] and h.slack.removed_originals == []
