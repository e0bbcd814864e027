"""Every comment is judged by its room's policy before anything is copied."""

from __future__ import annotations

from datetime import UTC, datetime

from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK
from bot.domain.commands import EditComment
from bot.domain.events import CommentHeld, CommentRejected
from bot.domain.model import Platform, Standing
from bot.domain.moderation import Policy
from bot.moderation.policy import (
    BANNED_AUTHOR,
    BURST,
    CLOSED_DISCUSSION,
    FIRST_WEB_COMMENT,
    PRE_MODERATION,
)
from bot.services.comments import edit_comment, record_comment
from bot.services.moderation import approve, ban, close, reopen, unban
from tests.unit.services.harness import harness
from tests.unit.services.moderation_support import (
    OPERATOR,
    live_texts,
    published,
    room_of,
    stored,
    web_comment,
)


async def test_a_banned_word_from_discord_is_stored_rejected_and_copied_nowhere() -> None:
    async with harness() as h:
        h.ctx.moderation_defaults = Policy(banned=("scum",), hold_first_web=False)
        discussion = await published(h)
        thread = await h.thread(DISCORD, discussion)
        slack = await h.thread(SLACK, discussion)
        async with h.ctx.bus.subscribe() as events:
            rejected = await record_comment(h.reader(thread, "m1", "You S.C.U.M!"), h.ctx)
            await record_comment(h.reader(thread, "m2", "a fair point"), h.ctx)
            await h.settle()
            first = await events.get()
        assert rejected is not None
        assert (rejected.standing, rejected.rule) == (Standing.REJECTED, "banned word “scum”")
        assert first == CommentRejected(rejected.id, discussion, rejected.rule)
        assert live_texts(h, SLACK, slack) == ["a fair point"]
        assert (await stored(h, rejected.id)).text == "You S.C.U.M!"  # kept for the record


async def test_a_new_web_commenter_is_held_until_approved_then_copied_everywhere() -> None:
    async with harness() as h:
        h.ctx.moderation_defaults = Policy(hold_first_web=True, burst_count=0)
        discussion = await published(h)
        discord = await h.thread(DISCORD, discussion)
        slack = await h.thread(SLACK, discussion)
        first = await web_comment(h, discussion, "Hello from the web")
        await h.settle()
        assert (first.standing, first.rule) == (Standing.HELD, FIRST_WEB_COMMENT)
        assert live_texts(h, DISCORD, discord) == []
        assert live_texts(h, SLACK, slack) == []
        approved = await approve(h.ctx, first.id, OPERATOR)
        await h.settle()
        assert approved.visible
        assert live_texts(h, DISCORD, discord) == ["Hello from the web"]
        assert live_texts(h, SLACK, slack) == ["Hello from the web"]
        second = await web_comment(h, discussion, "Me again")  # no longer a first comment
        assert second.standing is Standing.VISIBLE


async def test_premoderation_holds_every_web_comment_but_not_chat_ones() -> None:
    async with harness() as h:
        h.ctx.moderation_defaults = Policy(
            premoderate_web=True, hold_first_web=False, burst_count=0
        )
        discussion = await published(h)
        first = await web_comment(h, discussion, "one")
        again = await web_comment(h, discussion, "two")
        chat = await record_comment(
            h.reader(await h.thread(SLACK, discussion), "s1", "from slack"), h.ctx
        )
        assert [first.rule, again.rule] == [PRE_MODERATION, PRE_MODERATION]
        assert chat is not None and chat.visible


async def test_a_banned_author_is_rejected_in_every_discussion_of_the_room_until_unbanned() -> None:
    async with harness() as h:
        discussion = await published(h)
        slack = await h.thread(SLACK, discussion)
        room = await room_of(h, discussion)
        assert await ban(h.ctx, room, SLACK, "user-Troll", OPERATOR)
        assert not await ban(h.ctx, room, SLACK, "user-Troll", OPERATOR)
        blocked = await record_comment(h.reader(slack, "s1", "hi", name="Troll"), h.ctx)
        other = await record_comment(h.reader(slack, "s2", "hi", name="Ana"), h.ctx)
        await h.settle()
        assert blocked is not None and blocked.rule == BANNED_AUTHOR
        assert blocked.standing is Standing.REJECTED
        assert other is not None and other.visible
        discord = await h.thread(DISCORD, discussion)
        assert live_texts(h, DISCORD, discord) == ["hi"]  # Ana's only
        assert await unban(h.ctx, room, SLACK, "user-Troll", OPERATOR)
        back = await record_comment(h.reader(slack, "s3", "sorry", name="Troll"), h.ctx)
        assert back is not None and back.visible


async def test_a_closed_discussion_relays_nothing_until_reopened() -> None:
    async with harness() as h:
        discussion = await published(h)
        discord = await h.thread(DISCORD, discussion)
        slack = await h.thread(SLACK, discussion)
        await close(h.ctx, discussion, OPERATOR)
        await h.settle()
        assert h.discord.closed == {discord.thread_ref}
        assert h.slack.closed == {slack.thread_ref}
        late = await record_comment(h.reader(slack, "s1", "anyone?"), h.ctx)
        web = await web_comment(h, discussion, "hello?")
        await h.settle()
        assert late is not None and late.rule == CLOSED_DISCUSSION
        assert web.rule == CLOSED_DISCUSSION and web.standing is Standing.REJECTED
        assert live_texts(h, DISCORD, discord) == []
        await reopen(h.ctx, discussion, OPERATOR)
        await h.settle()
        assert h.discord.closed == set() and h.slack.closed == set()
        again = await record_comment(h.reader(slack, "s2", "back"), h.ctx)
        await h.settle()
        assert again is not None and again.visible
        assert live_texts(h, DISCORD, discord) == ["back"]


async def test_a_burst_from_one_author_is_held() -> None:
    async with harness() as h:
        h.ctx.moderation_defaults = Policy(burst_count=2, burst_seconds=60, hold_first_web=False)
        discussion = await published(h)
        slack = await h.thread(SLACK, discussion)
        found = [
            await record_comment(h.reader(slack, f"s{i}", f"spam {i}"), h.ctx) for i in range(3)
        ]
        others = await record_comment(h.reader(slack, "o1", "me too", name="Bo"), h.ctx)
        assert [c.standing for c in found if c] == [
            Standing.VISIBLE,
            Standing.VISIBLE,
            Standing.HELD,
        ]
        assert found[2] is not None and found[2].rule == BURST
        assert others is not None and others.visible


def _edit(
    h_thread_platform: Platform, thread_ws: str, ref: str, mid: str, text: str
) -> EditComment:
    return EditComment(
        platform=h_thread_platform,
        workspace_id=thread_ws,
        thread_ref=ref,
        message_id=mid,
        text=text,
        edited_at=datetime.now(UTC),
    )


async def test_a_visible_comment_edited_into_a_banned_word_loses_every_copy() -> None:
    async with harness() as h:
        h.ctx.moderation_defaults = Policy(banned=("scum",), hold_first_web=False)
        discussion = await published(h)
        discord = await h.thread(DISCORD, discussion)
        slack = await h.thread(SLACK, discussion)
        comment = await record_comment(h.reader(discord, "m1", "nice"), h.ctx)
        await h.settle()
        assert live_texts(h, SLACK, slack) == ["nice"]
        edited = await edit_comment(
            _edit(DISCORD, discord.workspace_id, discord.thread_ref, "m1", "scum"),
            h.ctx,
        )
        await h.settle()
        assert comment is not None and edited is not None
        assert (edited.standing, edited.text) == (Standing.REJECTED, "scum")
        assert live_texts(h, SLACK, slack) == []


async def test_a_held_comment_stays_held_when_edited_and_is_rejected_for_a_banned_word() -> None:
    async with harness() as h:
        h.ctx.moderation_defaults = Policy(
            banned=("scum",), suspect=("idiot",), hold_first_web=False
        )
        discussion = await published(h)
        discord = await h.thread(DISCORD, discussion)
        slack = await h.thread(SLACK, discussion)
        async with h.ctx.bus.subscribe() as events:
            held = await record_comment(h.reader(discord, "m1", "idiot"), h.ctx)
            assert held is not None and held.standing is Standing.HELD
            assert await events.get() == CommentHeld(held.id, discussion, "suspect word “idiot”")
        ref = (DISCORD, discord.workspace_id, discord.thread_ref, "m1")
        cleaned = await edit_comment(_edit(*ref, "perfectly polite"), h.ctx)
        await h.settle()
        assert cleaned is not None and cleaned.standing is Standing.HELD
        assert live_texts(h, SLACK, slack) == []
        worse = await edit_comment(_edit(*ref, "scum"), h.ctx)
        assert worse is not None and worse.standing is Standing.REJECTED


async def test_an_approved_comment_is_copied_with_its_latest_words() -> None:
    async with harness() as h:
        h.ctx.moderation_defaults = Policy(suspect=("idiot",), hold_first_web=False)
        discussion = await published(h)
        discord = await h.thread(DISCORD, discussion)
        slack = await h.thread(SLACK, discussion)
        held = await record_comment(h.reader(discord, "m1", "idiot"), h.ctx)
        ref = (DISCORD, discord.workspace_id, discord.thread_ref, "m1")
        await edit_comment(_edit(*ref, "I take it back"), h.ctx)
        assert held is not None
        await approve(h.ctx, held.id, OPERATOR)
        await h.settle()
        assert live_texts(h, SLACK, slack) == ["I take it back"]
