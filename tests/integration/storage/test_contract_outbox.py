"""The Store contract, part 3: the outbox (idempotent enqueue, lanes, leases, claims)."""

from __future__ import annotations

import pytest

from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK
from bot.domain.model import DeliveryKind, DeliveryStatus
from bot.errors import ConflictError, InvalidDataError, NotFoundError
from bot.ports.store import Store, Transaction
from tests.integration.storage.builders import T0, Setup, at, discussion_setup, new_comment, ref

POST = DeliveryKind.POST_COMMENT


async def _post(tx: Transaction, s: Setup, to_slack: bool = True, key: str | None = None) -> int:
    """Enqueue a comment post into the Slack (or Discord) lane; returns the delivery id."""
    comment, _ = await tx.comments.add(new_comment(s.discord_thread))
    place = s.slack if to_slack else s.discord
    delivery, _ = await tx.outbox.enqueue(
        key=key or ref("k"),
        kind=POST,
        platform=place.platform,
        place_id=place.id,
        discussion_id=s.discussion.id,
        comment_id=comment.id,
        now=T0,
    )
    return delivery.id


async def _setup(store: Store) -> Setup:
    async with store.transaction() as tx:
        s = await discussion_setup(tx)
        await tx.commit()
    return s


async def test_enqueue_is_idempotent_on_key(store: Store) -> None:
    s = await _setup(store)
    async with store.transaction() as tx:
        delivery, created = await tx.outbox.enqueue(
            key="brief:1:slack",
            kind=DeliveryKind.POST_BRIEF,
            platform=SLACK,
            place_id=s.slack.id,
            discussion_id=s.discussion.id,
            comment_id=None,
            now=T0,
        )
        again, created_again = await tx.outbox.enqueue(
            key="brief:1:slack",
            kind=DeliveryKind.POST_BRIEF,
            platform=SLACK,
            place_id=s.slack.id,
            discussion_id=s.discussion.id,
            comment_id=None,
            now=at(5),
        )
        await tx.commit()
    assert created and not created_again and again == delivery
    assert delivery.status is DeliveryStatus.PENDING and delivery.attempts == 0
    assert delivery.lane == f"{s.discussion.id}:{s.slack.id}"
    assert delivery.next_attempt_at == T0 == delivery.created_at
    assert delivery.claimed_by is None and delivery.claimed_until is None
    assert delivery.last_error is None
    async with store.transaction() as tx:
        assert await tx.outbox.get(delivery.id) == delivery
        assert await tx.outbox.counts() == {"pending": 1, "claimed": 0, "done": 0, "failed": 0}
        with pytest.raises(NotFoundError, match="delivery 999999"):
            await tx.outbox.get(999999)


async def test_enqueue_refuses_missing_records_and_wrong_shapes(store: Store) -> None:
    s = await _setup(store)
    async with store.transaction() as tx:
        with pytest.raises(NotFoundError, match="place"):
            await tx.outbox.enqueue(
                key="a",
                kind=DeliveryKind.POST_BRIEF,
                place_id=999999,
                discussion_id=s.discussion.id,
                comment_id=None,
                platform=SLACK,
                now=T0,
            )
        with pytest.raises(NotFoundError, match="discussion"):
            await tx.outbox.enqueue(
                key="b",
                kind=DeliveryKind.POST_BRIEF,
                place_id=s.slack.id,
                discussion_id=999999,
                comment_id=None,
                platform=SLACK,
                now=T0,
            )
        with pytest.raises(NotFoundError, match="comment"):
            await tx.outbox.enqueue(
                key="c",
                kind=POST,
                place_id=s.slack.id,
                discussion_id=s.discussion.id,
                comment_id=999999,
                platform=SLACK,
                now=T0,
            )
        with pytest.raises(InvalidDataError, match="needs a comment id"):
            await tx.outbox.enqueue(
                key="d",
                kind=POST,
                place_id=s.slack.id,
                discussion_id=s.discussion.id,
                comment_id=None,
                platform=SLACK,
                now=T0,
            )
        with pytest.raises(InvalidDataError, match="delivery key"):
            await tx.outbox.enqueue(
                key="",
                kind=DeliveryKind.POST_BRIEF,
                place_id=s.slack.id,
                discussion_id=s.discussion.id,
                comment_id=None,
                platform=SLACK,
                now=T0,
            )
        assert await tx.outbox.counts() == {"pending": 0, "claimed": 0, "done": 0, "failed": 0}


async def test_only_the_head_of_a_lane_is_claimed_and_lanes_are_independent(
    store: Store,
) -> None:
    s = await _setup(store)
    async with store.transaction() as tx:
        slack = [await _post(tx, s) for _ in range(3)]
        discord = [await _post(tx, s, to_slack=False) for _ in range(2)]
        await tx.commit()
    async with store.transaction() as tx:
        claimed = await tx.outbox.claim("w1", at(1), lease_seconds=30)
        assert [d.id for d in claimed] == [slack[0], discord[0]]
        first = claimed[0]
        assert first.status is DeliveryStatus.CLAIMED and first.attempts == 1
        assert first.claimed_by == "w1" and first.claimed_until == at(31)
        assert await tx.outbox.claim("w2", at(2), lease_seconds=30) == []  # heads are taken
        await tx.outbox.complete(slack[0], "w1", at(3))
        assert [d.id for d in await tx.outbox.claim("w2", at(4), 30)] == [slack[1]]
        await tx.commit()
    async with store.transaction() as tx:
        assert (await tx.outbox.get(slack[0])).status is DeliveryStatus.DONE
        assert await tx.outbox.counts() == {"pending": 2, "claimed": 2, "done": 1, "failed": 0}


async def test_claim_respects_limit_platforms_and_due_time(store: Store) -> None:
    async with store.transaction() as tx:
        setups = [await discussion_setup(tx) for _ in range(3)]
        ids = [await _post(tx, s) for s in setups]
        discord_id = await _post(tx, setups[0], to_slack=False)
        await tx.commit()
    async with store.transaction() as tx:
        assert await tx.outbox.claim("w", T0 - (at(1) - T0), 30) == []  # not due yet
        assert await tx.outbox.claim("w", at(1), 30, platforms=frozenset()) == []
        only_discord = await tx.outbox.claim("w", at(1), 30, platforms=frozenset({DISCORD}))
        assert [d.id for d in only_discord] == [discord_id]
        assert [d.id for d in await tx.outbox.claim("w", at(1), 30, limit=2)] == ids[:2]
        assert [d.id for d in await tx.outbox.claim("w", at(1), 30, limit=2)] == ids[2:]
        with pytest.raises(InvalidDataError, match="lease_seconds"):
            await tx.outbox.claim("w", at(1), 0)
        with pytest.raises(InvalidDataError, match="worker id"):
            await tx.outbox.claim("", at(1), 30)


async def test_a_retried_delivery_blocks_only_its_lane(store: Store) -> None:
    s = await _setup(store)
    async with store.transaction() as tx:
        slack = [await _post(tx, s) for _ in range(2)]
        discord = await _post(tx, s, to_slack=False)
        await tx.commit()
    async with store.transaction() as tx:
        await tx.outbox.claim("w", at(1), 30, platforms=frozenset({SLACK}))
        await tx.outbox.retry(
            slack[0], "w", "429 rate limited", next_attempt_at=at(60), failure=False
        )
        waiting = await tx.outbox.get(slack[0])
        assert waiting.status is DeliveryStatus.PENDING and waiting.last_error == "429 rate limited"
        assert waiting.next_attempt_at == at(60) and waiting.claimed_by is None
        # slack[1] stays behind its lane's head; the Discord lane goes on
        assert [d.id for d in await tx.outbox.claim("w", at(2), 30)] == [discord]
        assert await tx.outbox.next_due() == at(32)  # the Discord claim's lease end
        await tx.outbox.complete(discord, "w", at(3))
        assert await tx.outbox.next_due() == at(60)
        assert await tx.outbox.next_due(frozenset({DISCORD})) is None
        assert await tx.outbox.claim("w", at(59), 30) == []
        again = await tx.outbox.claim("w", at(60), 30)
        assert [(d.id, d.attempts) for d in again] == [(slack[0], 2)]
        await tx.commit()


async def test_an_expired_lease_is_claimed_again_and_the_old_worker_loses_it(
    store: Store,
) -> None:
    s = await _setup(store)
    async with store.transaction() as tx:
        delivery_id = await _post(tx, s)
        await tx.commit()
    async with store.transaction() as tx:
        await tx.outbox.claim("crashed", at(1), lease_seconds=10)
        assert await tx.outbox.claim("w2", at(10), 10) == []  # lease still running
        retaken = await tx.outbox.claim("w2", at(11), 10)
        assert [(d.id, d.attempts, d.claimed_by) for d in retaken] == [(delivery_id, 2, "w2")]
        with pytest.raises(ConflictError, match="does not hold delivery"):
            await tx.outbox.complete(delivery_id, "crashed", at(12))
        with pytest.raises(ConflictError):
            await tx.outbox.retry(delivery_id, "crashed", "late", at(12), failure=True)
        with pytest.raises(ConflictError):
            await tx.outbox.fail(delivery_id, "crashed", "late", at(12))
        await tx.outbox.complete(delivery_id, "w2", at(12))
        with pytest.raises(ConflictError, match="done"):
            await tx.outbox.complete(delivery_id, "w2", at(13))
        with pytest.raises(NotFoundError):
            await tx.outbox.complete(999999, "w2", at(13))
        await tx.commit()


async def test_fail_keeps_the_delivery_and_moves_the_lane_on(store: Store) -> None:
    s = await _setup(store)
    async with store.transaction() as tx:
        first, second = await _post(tx, s), await _post(tx, s)
        await tx.commit()
    async with store.transaction() as tx:
        await tx.outbox.claim("w", at(1), 30)
        await tx.outbox.fail(first, "w", "403 missing access " + "x" * 10_000, at(2))
        failed = await tx.outbox.get(first)
        assert failed.status is DeliveryStatus.FAILED and failed.attempts == 1
        assert failed.last_error is not None and failed.last_error.startswith("403 missing access")
        assert [d.id for d in await tx.outbox.claim("w", at(3), 30)] == [second]
        assert await tx.outbox.counts() == {"pending": 0, "claimed": 1, "done": 0, "failed": 1}
        await tx.commit()


async def test_complete_records_the_mirror_in_the_same_unit_of_work(store: Store) -> None:
    s = await _setup(store)
    async with store.transaction() as tx:
        delivery_id = await _post(tx, s)
        await tx.commit()
    async with store.transaction() as tx:
        (delivery,) = await tx.outbox.claim("w", at(1), 30)
        await tx.commit()
    async with store.transaction() as tx:
        assert delivery.comment_id is not None
        await tx.comments.add_mirror(delivery.comment_id, s.slack_thread.id, "s-posted", at(2))
        await tx.outbox.complete(delivery.id, "w", at(2))
        # crash before commit: neither the mirror nor the completion happened
    async with store.transaction() as tx:
        assert (await tx.outbox.get(delivery_id)).status is DeliveryStatus.CLAIMED
        assert await tx.comments.find_mirror(s.slack_thread.id, "s-posted") is None


async def test_next_due_is_none_when_nothing_is_owed(store: Store) -> None:
    async with store.transaction() as tx:
        assert await tx.outbox.next_due() is None
        s = await discussion_setup(tx)
        await _post(tx, s)
        assert await tx.outbox.next_due() == T0
        assert await tx.outbox.next_due(frozenset({SLACK})) == T0
        assert await tx.outbox.next_due(frozenset()) is None


async def test_a_restarted_worker_releases_its_dead_predecessors_claims(store: Store) -> None:
    s = await _setup(store)
    async with store.transaction() as tx:
        mine = await _post(tx, s, to_slack=True)
        theirs = await _post(tx, s, to_slack=False)
        await tx.commit()
    async with store.transaction() as tx:
        [claimed] = await tx.outbox.claim("slack@host-a", T0, 300, platforms=frozenset({SLACK}))
        [other] = await tx.outbox.claim("discord@host-b", T0, 300)
        await tx.commit()
    assert (claimed.id, other.id) == (mine, theirs)
    async with store.transaction() as tx:
        assert await tx.outbox.release_claims("slack@host-a", at(1)) == 1
        await tx.commit()
    async with store.transaction() as tx:
        released = await tx.outbox.get(mine)
        untouched = await tx.outbox.get(theirs)
        # Due at once, long before the 300 s lease would have run out; attempts are kept.
        [again] = await tx.outbox.claim("slack@host-a", at(2), 300)
        await tx.commit()
    assert released.status is DeliveryStatus.PENDING and released.claimed_by is None
    assert untouched.status is DeliveryStatus.CLAIMED and untouched.claimed_by == "discord@host-b"
    assert again.id == mine and again.attempts == 2
    async with store.transaction() as tx:
        assert await tx.outbox.release_claims("nobody", at(3)) == 0


async def test_a_gone_workers_claims_pass_on_at_once_a_live_workers_never(store: Store) -> None:
    s = await _setup(store)
    async with store.transaction() as tx:
        working = await _post(tx, s)  # Slack lane
        forgotten = await _post(tx, s, to_slack=False)  # Discord lane
        await tx.commit()
    async with store.transaction() as tx:
        await tx.outbox.heartbeat("a.1.t0", T0, alive_until=at(30))
        claimed = await tx.outbox.claim("a.1.t0", T0, lease_seconds=300)
        assert sorted(d.id for d in claimed) == sorted([working, forgotten])
        await tx.commit()
    async with store.transaction() as tx:
        # Alive (renewed at 20 s until 50 s, then at 45 s until 75 s), working on one
        # delivery: its lease runs on; the other keeps its first lease.
        renewed = await tx.outbox.heartbeat(
            "a.1.t0", at(20), alive_until=at(50), holding={working, 999999}, lease_until=at(320)
        )
        assert renewed == 1
        await tx.outbox.heartbeat("a.1.t0", at(45), alive_until=at(75))
        assert await tx.outbox.claim("b.2.t0", at(74), 300) == []
        assert await tx.outbox.next_due() == at(75)  # when its owner counts as gone
        # A worker whose clock ran ahead of its own last renewal never counts itself gone.
        assert await tx.outbox.claim("a.1.t0", at(80), 300) == []
        await tx.commit()
    async with store.transaction() as tx:
        # No renewal by 75 s: the process is gone, both claims pass on, leases or not.
        taken = await tx.outbox.claim("b.2.t0", at(75), 300)
        assert sorted((d.id, d.attempts) for d in taken) == sorted([(working, 2), (forgotten, 2)])
        # Back from the dead (a long pause), it renews only what it still holds: nothing.
        assert (
            await tx.outbox.heartbeat(
                "a.1.t0", at(76), alive_until=at(106), holding={working}, lease_until=at(376)
            )
            == 0
        )
        assert (await tx.outbox.get(working)).claimed_until == at(375)
        with pytest.raises(ConflictError, match="does not hold"):
            await tx.outbox.complete(working, "a.1.t0", at(77))
        with pytest.raises(InvalidDataError, match="alive_until"):
            await tx.outbox.heartbeat("a.1.t0", at(80), alive_until=at(80))
        await tx.commit()


async def test_a_live_workers_lease_runs_out_only_on_what_it_no_longer_renews(
    store: Store,
) -> None:
    s = await _setup(store)
    async with store.transaction() as tx:
        working = await _post(tx, s)
        dropped = await _post(tx, s, to_slack=False)
        await tx.commit()
    async with store.transaction() as tx:
        await tx.outbox.heartbeat("a.1.t0", T0, alive_until=at(30))
        await tx.outbox.claim("a.1.t0", T0, lease_seconds=20)
        for second in (10, 20):  # renewing itself and the lease of what it works on
            await tx.outbox.heartbeat(
                "a.1.t0",
                at(second),
                alive_until=at(second + 30),
                holding={working},
                lease_until=at(second + 20),
            )
        # The lease of the one it dropped (say it could not record a failure) ran out.
        assert [d.id for d in await tx.outbox.claim("b.2.t0", at(21), 300)] == [dropped]
        await tx.commit()


async def test_a_retiring_worker_hands_its_claims_back_at_once(store: Store) -> None:
    s = await _setup(store)
    async with store.transaction() as tx:
        delivery_id = await _post(tx, s)
        await tx.outbox.heartbeat("a.1.t0", T0, alive_until=at(30))
        await tx.outbox.claim("a.1.t0", T0, lease_seconds=300)
        await tx.commit()
    async with store.transaction() as tx:
        assert await tx.outbox.retire("a.1.t0", at(1)) == 1
        assert await tx.outbox.retire("a.1.t0", at(1)) == 0
        [again] = await tx.outbox.claim("b.2.t0", at(1), 300)
        assert (again.id, again.attempts, again.claimed_by) == (delivery_id, 2, "b.2.t0")
        await tx.commit()


async def test_rate_limited_tries_are_not_failures(store: Store) -> None:
    s = await _setup(store)
    async with store.transaction() as tx:
        delivery_id = await _post(tx, s)
        await tx.commit()
    async with store.transaction() as tx:
        for second in range(30):
            await tx.outbox.claim("w", at(second), 30)
            await tx.outbox.retry(delivery_id, "w", "429", at(second + 1), failure=False)
        limited = await tx.outbox.get(delivery_id)
        assert (limited.attempts, limited.failures, limited.backing_off) == (30, 0, False)
        await tx.outbox.claim("w", at(30), 30)
        await tx.outbox.retry(delivery_id, "w", "HTTP 500", at(31), failure=True)
        failed_once = await tx.outbox.get(delivery_id)
        assert (failed_once.attempts, failed_once.failures, failed_once.backing_off) == (
            31,
            1,
            True,
        )
        await tx.outbox.claim("w", at(31), 30)
        await tx.outbox.fail(delivery_id, "w", "403", at(32))
        assert (await tx.outbox.get(delivery_id)).failures == 2
        await tx.commit()


async def test_expedite_cuts_short_failure_backoff_but_not_rate_limits(store: Store) -> None:
    s = await _setup(store)
    async with store.transaction() as tx:
        backing_off = await _post(tx, s)
        rate_limited = await _post(tx, s, key=ref("rl"))  # same lane, behind backing_off
        await tx.commit()
    async with store.transaction() as tx:
        s2 = await discussion_setup(tx)  # another discussion: its own Slack lane
        paced = await _post(tx, s2)
        discord = await _post(tx, s2, to_slack=False)
        await tx.commit()
    assert rate_limited > backing_off
    async with store.transaction() as tx:
        claimed = await tx.outbox.claim("w", at(1), 30)
        assert {d.id for d in claimed} == {backing_off, paced, discord}
        await tx.outbox.retry(backing_off, "w", "HTTP 500", at(300), failure=True)
        await tx.outbox.retry(paced, "w", "429", at(300), failure=False)
        await tx.outbox.retry(discord, "w", "HTTP 502", at(300), failure=True)
        assert await tx.outbox.expedite(frozenset({SLACK}), at(2)) == 1
        assert await tx.outbox.expedite(frozenset(), at(2)) == 0
        assert await tx.outbox.next_due(frozenset({SLACK})) == at(2)
        again = await tx.outbox.claim("w", at(2), 30)
        # the Slack lane in backoff is due now; the rate-limited one and Discord still wait
        assert [(d.id, d.failures) for d in again] == [(backing_off, 1)]
        assert (await tx.outbox.get(paced)).next_attempt_at == at(300)
        assert (await tx.outbox.get(discord)).next_attempt_at == at(300)
        await tx.commit()


async def test_find_returns_the_delivery_under_a_key_whatever_its_status(store: Store) -> None:
    s = await _setup(store)
    async with store.transaction() as tx:
        delivery_id = await _post(tx, s, key="post:find-me")
        await tx.commit()
    async with store.transaction() as tx:
        [claimed] = await tx.outbox.claim("w1", at(1), 60)
        await tx.outbox.fail(claimed.id, "w1", "gone", at(2))
        await tx.commit()
    async with store.transaction() as tx:
        found = await tx.outbox.find("post:find-me")
        missing = await tx.outbox.find("post:never-queued")
    assert found is not None and found.id == delivery_id
    assert found.status is DeliveryStatus.FAILED
    assert missing is None


async def test_revive_makes_only_a_failed_delivery_pending_again(store: Store) -> None:
    s = await _setup(store)
    async with store.transaction() as tx:
        delivery_id = await _post(tx, s)
        await tx.commit()
    async with store.transaction() as tx:
        assert await tx.outbox.revive(delivery_id, at(1)) is None  # pending: nothing to do
        [claimed] = await tx.outbox.claim("w1", at(1), 60)
        await tx.outbox.fail(claimed.id, "w1", "not_in_channel", at(2))
        await tx.commit()
    async with store.transaction() as tx:
        revived = await tx.outbox.revive(delivery_id, at(3))
        await tx.commit()
    assert revived is not None
    assert revived.status is DeliveryStatus.PENDING and revived.failures == 0
    async with store.transaction() as tx:
        [again] = await tx.outbox.claim("w2", at(3), 60)
        await tx.commit()
    assert again.id == delivery_id


async def test_refusals_tell_whether_an_earlier_try_may_have_landed(store: Store) -> None:
    # Kept in the store, so every worker (and a restarted one) knows the same.
    s = await _setup(store)
    async with store.transaction() as tx:
        delivery_id = await _post(tx, s)
        await tx.commit()
    async with store.transaction() as tx:
        [first] = await tx.outbox.claim("w1", at(1), 60)
        assert first.nothing_landed  # no earlier try at all
        await tx.outbox.retry(first.id, "w1", "429", at(2), failure=False)
        await tx.commit()
    async with store.transaction() as tx:
        [second] = await tx.outbox.claim("w2", at(2), 60)
        await tx.commit()
    assert second.refusals == 1 and second.nothing_landed  # the one try was refused
    # w2 dies mid-try; after the lease a third worker cannot know whether that try landed.
    async with store.transaction() as tx:
        [third] = await tx.outbox.claim("w3", at(100), 60)
        await tx.commit()
    assert third.id == delivery_id and third.attempts == 3
    assert third.refusals == 1 and not third.nothing_landed


async def test_positions_taken_in_a_batch_are_kept_for_the_next_unit_of_work(
    store: Store,
) -> None:
    """Several comments and deliveries in one unit of work, then more in the next: the lane
    runs in the order they were stored, and no position is handed out twice."""
    s = await _setup(store)
    async with store.transaction() as tx:
        batch = [await _post(tx, s) for _ in range(4)]
        await tx.commit()
    async with store.transaction() as tx:
        later = [await _post(tx, s) for _ in range(2)]
        await tx.commit()
    order = []
    async with store.transaction() as tx:
        for n in range(6):
            [head] = await tx.outbox.claim("w", at(n), 30)
            order.append(head.id)
            await tx.outbox.complete(head.id, "w", at(n))
        await tx.commit()
    assert order == batch + later
    async with store.transaction() as tx:
        stored = await tx.comments.list_for_discussion(s.discussion.id)
    assert len(stored) == 6
