"""The Store contract, part 4: moderation (policies, standing, bans, reports, closed
discussions, the queue, the audit log, sign-in links and sessions)."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK
from bot.briefing.model import Brief
from bot.domain.model import WEB, Author, DeliveryKind, Standing
from bot.domain.moderation import Moderator, Policy
from bot.errors import ConflictError, InvalidDataError, NotFoundError
from bot.moderation.policy import BURST, LINK
from bot.ports.store import Store
from tests.integration.storage.builders import at, discussion_setup, new_comment, ref

MOD = Moderator(DISCORD, "mod-1", "Mo", frozenset({3, 1}))


async def test_policy_per_room_round_trips(store: Store) -> None:
    policy = Policy(
        banned=("bad", "re:b[a4]d+"),
        suspect=("ça",),
        hold_links=True,
        hold_first_web=False,
        premoderate_web=True,
        burst_count=2,
        burst_seconds=30,
        reports_to_hold=4,
    )
    async with store.transaction() as tx:
        s = await discussion_setup(tx)
        room = s.discussion.room_id
        assert await tx.moderation.policy_for(room) is None  # follows the defaults
        await tx.moderation.set_policy(room, Policy())
        await tx.moderation.set_policy(room, policy)  # replaces
        with pytest.raises(NotFoundError):
            await tx.moderation.set_policy(999999, policy)
        await tx.commit()
    async with store.transaction() as tx:
        assert await tx.moderation.policy_for(room) == policy
        assert await tx.moderation.policy_for(999999) is None


async def test_standing_is_stored_with_the_comment_and_changes(store: Store) -> None:
    async with store.transaction() as tx:
        s = await discussion_setup(tx)
        held, _ = await tx.comments.add(
            new_comment(s.discord_thread, text="x", standing=Standing.HELD, rule=LINK)
        )
        plain, _ = await tx.comments.add(new_comment(s.discord_thread))
        await tx.commit()
    assert (held.standing, held.rule) == (Standing.HELD, LINK)
    assert (plain.standing, plain.rule) == (Standing.VISIBLE, None) and plain.visible
    async with store.transaction() as tx:
        assert await tx.comments.get(held.id) == held
        approved = await tx.moderation.set_standing(held.id, Standing.VISIBLE, None)
        assert approved == replace(held, standing=Standing.VISIBLE, rule=None)
        removed = await tx.moderation.set_standing(plain.id, Standing.REMOVED, "moderator")
        assert not removed.visible and removed.text == plain.text  # kept for the record
        with pytest.raises(NotFoundError):
            await tx.moderation.set_standing(999999, Standing.HELD, None)
        await tx.commit()
    async with store.transaction() as tx:
        listed = await tx.comments.list_for_discussion(s.discussion.id)
        assert [(c.standing, c.rule) for c in listed] == [
            (Standing.VISIBLE, None),
            (Standing.REMOVED, "moderator"),
        ]


async def test_erase_leaves_a_tombstone_that_still_knows_its_author(store: Store) -> None:
    async with store.transaction() as tx:
        s = await discussion_setup(tx)
        first, _ = await tx.comments.add(new_comment(s.discord_thread, text="my words"))
        erased = await tx.moderation.erase(first.id)
        await tx.commit()
    assert erased.standing is Standing.ERASED and erased.text == ""
    assert erased.author == Author(DISCORD, "u1", "", None)
    async with store.transaction() as tx:
        assert await tx.comments.get(first.id) == erased
        assert await tx.moderation.comments_by(DISCORD, "u1") == [erased]


async def test_bans_are_per_room_and_idempotent(store: Store) -> None:
    async with store.transaction() as tx:
        s = await discussion_setup(tx)
        other = await tx.places.ensure(WEB, ref("w"), ref("c"), "web")
        room = s.discussion.room_id
        assert await tx.moderation.ban(room, SLACK, "U1", "discord:mod", at(0))
        assert not await tx.moderation.ban(room, SLACK, "U1", "discord:mod", at(1))
        await tx.commit()
    async with store.transaction() as tx:
        assert await tx.moderation.is_banned(room, SLACK, "U1")
        assert not await tx.moderation.is_banned(other.room_id, SLACK, "U1")
        assert not await tx.moderation.is_banned(room, DISCORD, "U1")
        assert await tx.moderation.unban(room, SLACK, "U1")
        assert not await tx.moderation.unban(room, SLACK, "U1")
        assert not await tx.moderation.is_banned(room, SLACK, "U1")
        with pytest.raises(InvalidDataError):
            await tx.moderation.ban(room, SLACK, "has space", "x", at(0))


async def test_closing_a_discussion(store: Store) -> None:
    async with store.transaction() as tx:
        s = await discussion_setup(tx)
        assert not s.discussion.closed
        closed = await tx.moderation.set_closed(s.discussion.id, True)
        await tx.commit()
    assert closed == replace(s.discussion, closed=True)
    async with store.transaction() as tx:
        assert (await tx.discussions.get(s.discussion.id)).closed
        assert not (await tx.moderation.set_closed(s.discussion.id, False)).closed
        with pytest.raises(NotFoundError):
            await tx.moderation.set_closed(999999, True)


async def test_reports_count_each_reader_once(store: Store) -> None:
    async with store.transaction() as tx:
        s = await discussion_setup(tx)
        comment, _ = await tx.comments.add(new_comment(s.discord_thread))
        assert await tx.moderation.add_report(comment.id, "web:r1", at(1)) == 1
        assert await tx.moderation.add_report(comment.id, "web:r1", at(2)) == 1
        assert await tx.moderation.add_report(comment.id, "slack:U2", at(3)) == 2
        with pytest.raises(NotFoundError):
            await tx.moderation.add_report(999999, "web:r1", at(1))
        await tx.commit()
    async with store.transaction() as tx:
        assert await tx.moderation.add_report(comment.id, "discord:9", at(4)) == 3
        assert await tx.moderation.clear_reports(comment.id) == 3
        assert await tx.moderation.clear_reports(comment.id) == 0
        assert await tx.moderation.add_report(comment.id, "web:r1", at(5)) == 1


async def test_queue_holds_held_and_reported_comments_newest_first_by_room(store: Store) -> None:
    async with store.transaction() as tx:
        s = await discussion_setup(tx)
        before, _ = await tx.comments.add(new_comment(s.discord_thread, text="before"))
        held, _ = await tx.comments.add(
            new_comment(s.slack_thread, text="held", standing=Standing.HELD, rule=LINK)
        )
        reported, _ = await tx.comments.add(new_comment(s.discord_thread, text="reported"))
        await tx.moderation.add_report(reported.id, "web:r1", at(1))
        rejected, _ = await tx.comments.add(
            new_comment(s.discord_thread, text="no", standing=Standing.REJECTED, rule=BURST)
        )
        gone, _ = await tx.comments.add(new_comment(s.discord_thread, text="gone"))
        await tx.moderation.add_report(gone.id, "web:r1", at(1))
        await tx.comments.delete(gone.id, at(2))  # deleted by its author: nothing to review
        withdrawn, _ = await tx.comments.add(
            new_comment(s.slack_thread, text="never mind", standing=Standing.HELD, rule=LINK)
        )
        await tx.comments.delete(withdrawn.id, at(3))  # held, then deleted by its author: too
        elsewhere = await discussion_setup(tx)
        far, _ = await tx.comments.add(
            new_comment(elsewhere.discord_thread, standing=Standing.HELD, rule=BURST)
        )
        await tx.commit()
    room = s.discussion.room_id
    async with store.transaction() as tx:
        items = await tx.moderation.queue(frozenset({room}))
        assert [i.comment.id for i in items] == [reported.id, held.id]
        first, second = items
        assert (first.reports, first.rule, first.place) == (1, None, s.discord)
        assert (second.reports, second.rule, second.place) == (0, LINK, s.slack)
        assert [c.id for c in second.context] == [before.id, reported.id, rejected.id, gone.id]
        everything = await tx.moderation.queue(None)
        assert [i.comment.id for i in everything] == [far.id, reported.id, held.id]
        assert await tx.moderation.queue(frozenset()) == []
        assert len(await tx.moderation.queue(None, limit=1)) == 1


async def test_author_counts_for_bursts_and_first_comments(store: Store) -> None:
    async with store.transaction() as tx:
        s = await discussion_setup(tx)
        room = s.discussion.room_id
        assert not await tx.moderation.has_commented(room, DISCORD, "u1")
        for second in (1, 2, 3):
            await tx.comments.add(replace(new_comment(s.discord_thread), created_at=at(second)))
        elsewhere = await discussion_setup(tx)
        await tx.comments.add(new_comment(elsewhere.discord_thread))
        await tx.commit()
    async with store.transaction() as tx:
        assert await tx.moderation.has_commented(room, DISCORD, "u1")
        assert not await tx.moderation.has_commented(room, SLACK, "u1")
        assert await tx.moderation.count_recent(room, DISCORD, "u1", at(2)) == 2
        assert await tx.moderation.count_recent(room, DISCORD, "u1", at(0)) == 3
        assert await tx.moderation.count_recent(room, DISCORD, "u2", at(0)) == 0
        everywhere = await tx.moderation.comments_by(DISCORD, "u1")
        assert len(everywhere) == 4 and [c.id for c in everywhere] == sorted(
            c.id for c in everywhere
        )


async def test_audit_log_newest_first_by_room(store: Store) -> None:
    async with store.transaction() as tx:
        s = await discussion_setup(tx)
        room = s.discussion.room_id
        first = await tx.moderation.audit(
            at=at(1),
            moderator="discord:mod-1",
            moderator_name="Mo",
            action="ban",
            room_id=room,
            target="slack:U1",
            detail="",
        )
        second = await tx.moderation.audit(
            at=at(2),
            moderator="cli:operator",
            moderator_name="Operator",
            action="erase",
            room_id=None,
            target="discord:u9",
            detail="3 comments",
        )
        await tx.commit()
    assert (first.at, first.action, first.room_id) == (at(1), "ban", room)
    async with store.transaction() as tx:
        assert await tx.moderation.audit_log(None) == [second, first]
        assert await tx.moderation.audit_log(frozenset({room})) == [first]
        assert await tx.moderation.audit_log(frozenset()) == []
        assert await tx.moderation.audit_log(None, limit=1) == [second]


async def test_sign_in_link_works_once_and_not_after_expiry(store: Store) -> None:
    async with store.transaction() as tx:
        await tx.moderation.add_login("h-ok", MOD, at(900))
        await tx.moderation.add_login("h-old", MOD, at(10))
        with pytest.raises((ConflictError, InvalidDataError)):
            await tx.moderation.add_login("h ok", MOD, at(900))
        await tx.commit()
    async with store.transaction() as tx:
        assert await tx.moderation.login_state("h-ok", at(1)) == "valid"
        assert await tx.moderation.redeem_login("h-ok", at(1)) == MOD
        assert await tx.moderation.redeem_login("h-ok", at(2)) is None
        assert await tx.moderation.login_state("h-ok", at(2)) == "used"
        assert await tx.moderation.redeem_login("h-old", at(10)) is None
        assert await tx.moderation.login_state("h-old", at(10)) == "expired"
        assert await tx.moderation.redeem_login("h-none", at(1)) is None
        assert await tx.moderation.login_state("h-none", at(1)) == "unknown"
        await tx.commit()


async def test_sign_in_link_redeemed_twice_at_once_works_once(db_store: Store) -> None:
    async with db_store.transaction() as tx:
        await tx.moderation.add_login("h-race", MOD, at(900))
        await tx.commit()

    async def redeem() -> Moderator | None:
        async with db_store.transaction() as tx:
            found = await tx.moderation.redeem_login("h-race", at(1))
            await tx.commit()
            return found

    results = await asyncio.gather(*(redeem() for _ in range(4)))
    assert results.count(MOD) == 1 and results.count(None) == 3


async def test_sessions_expire_on_the_server_and_end(store: Store) -> None:
    everywhere = Moderator(SLACK, "U9", "Op", None)
    async with store.transaction() as tx:
        await tx.moderation.add_session("s-1", MOD, "csrf-1", at(100))
        await tx.moderation.add_session("s-2", everywhere, "csrf-2", at(100))
        await tx.commit()
    async with store.transaction() as tx:
        found = await tx.moderation.session("s-1", at(99))
        assert found is not None
        assert (found.id, found.moderator, found.csrf, found.expires_at) == (
            "s-1",
            MOD,
            "csrf-1",
            at(100),
        )
        other = await tx.moderation.session("s-2", at(1))
        assert other is not None and other.moderator.rooms is None
        assert await tx.moderation.session("s-1", at(100)) is None  # expired
        assert await tx.moderation.session("s-x", at(1)) is None
        await tx.moderation.end_session("s-2")
        await tx.moderation.end_session("s-2")  # ending twice is fine
        await tx.commit()
    async with store.transaction() as tx:
        assert await tx.moderation.session("s-2", at(1)) is None


async def test_a_deleted_copy_can_be_replaced_by_a_new_one(store: Store) -> None:
    async with store.transaction() as tx:
        s = await discussion_setup(tx)
        comment, _ = await tx.comments.add(new_comment(s.discord_thread))
        mirror = await tx.comments.add_mirror(comment.id, s.slack_thread.id, "s-1", at(1))
        await tx.comments.mark_mirror_deleted(mirror.id)
        await tx.comments.add(new_comment(s.slack_thread, "s-taken"))
        with pytest.raises(ConflictError):
            await tx.moderation.reuse_mirror(mirror.id, "s-taken", at(2))
        again = await tx.moderation.reuse_mirror(mirror.id, "s-2", at(2))
        await tx.commit()
    assert (again.id, again.platform_message_id, again.deleted) == (mirror.id, "s-2", False)
    async with store.transaction() as tx:
        assert await tx.comments.find_mirror(s.slack_thread.id, "s-2") == again
        assert await tx.comments.find_mirror(s.slack_thread.id, "s-1") is None


async def test_thread_deliveries_take_no_comment(store: Store) -> None:
    async with store.transaction() as tx:
        s = await discussion_setup(tx)
        comment, _ = await tx.comments.add(new_comment(s.discord_thread))
        for kind in (DeliveryKind.CLOSE_THREAD, DeliveryKind.OPEN_THREAD):
            made, created = await tx.outbox.enqueue(
                key=ref(kind.value),
                kind=kind,
                platform=SLACK,
                place_id=s.slack.id,
                discussion_id=s.discussion.id,
                comment_id=None,
                now=at(1),
            )
            assert created and made.kind is kind and made.comment_id is None
            with pytest.raises(InvalidDataError):
                await tx.outbox.enqueue(
                    key=ref("x"),
                    kind=kind,
                    platform=SLACK,
                    place_id=s.slack.id,
                    discussion_id=s.discussion.id,
                    comment_id=comment.id,
                    now=at(1),
                )
        removal, _ = await tx.outbox.enqueue(
            key=ref("rm"),
            kind=DeliveryKind.REMOVE_ORIGINAL,
            platform=DISCORD,
            place_id=s.discord.id,
            discussion_id=s.discussion.id,
            comment_id=comment.id,
            now=at(1),
        )
        await tx.commit()
    assert removal.kind is DeliveryKind.REMOVE_ORIGINAL


async def test_rooms_their_discussions_and_bans_are_listed_for_moderators(store: Store) -> None:
    async with store.transaction() as tx:
        s = await discussion_setup(tx)
        room = s.discussion.room_id
        alone = await tx.places.ensure(SLACK, ref("T"), ref("C"), "alone")
        later, _ = await tx.articles.add_or_get(
            f"https://news.example/{ref('b')}", "U", Brief.empty("U"), at(2)
        )
        second, _ = await tx.discussions.get_or_create(later.id, room, at(2))
        await tx.moderation.ban(room, SLACK, "U2", "discord:mod-1", at(3))
        await tx.moderation.ban(room, DISCORD, "u9", "discord:mod-1", at(4))
        await tx.moderation.ban(alone.room_id, WEB, "w1", "discord:mod-1", at(4))
        await tx.commit()
    async with store.transaction() as tx:
        every = await tx.places.every()
        mine = [p for p in every if p.id in (s.discord.id, s.slack.id, alone.id)]
        assert [(p.room_id, p.id) for p in mine] == sorted((p.room_id, p.id) for p in mine)
        assert {p.id for p in mine if p.room_id == room} == {s.discord.id, s.slack.id}
        assert [d.id for d in await tx.discussions.in_room(room)] == [second.id, s.discussion.id]
        assert [d.id for d in await tx.discussions.in_room(room, limit=1)] == [second.id]
        assert await tx.discussions.in_room(alone.room_id) == []
        assert await tx.moderation.bans(room) == [(DISCORD, "u9"), (SLACK, "U2")]
        await tx.moderation.unban(room, SLACK, "U2")
        assert await tx.moderation.bans(room) == [(DISCORD, "u9")]
        assert await tx.moderation.bans(alone.room_id) == [(WEB, "w1")]
