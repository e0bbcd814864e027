"""The soak benchmark's counting and schedule, on invented records (the soak never runs here)."""

from __future__ import annotations

from benchmarks._soak_audit import Landed, Sent, Window, audit
from benchmarks.soak import parse_args, plan


def _copy(seq: int, place: str, at: float, position: int, **kw: object) -> Landed:
    discussion = int(kw.get("discussion", 0))  # type: ignore[call-overload]
    deleted = bool(kw.get("deleted", False))
    text = str(kw.get("text", f"soak-{seq:06d}"))
    return Landed(seq, place, discussion, at, deleted, text, position)


def test_a_clean_run_counts_every_copy_once_and_meets_the_goal() -> None:
    sent = {1: Sent(1, "discord", 0, 100.0), 2: Sent(2, "web", 0, 101.0)}
    landed = [
        _copy(1, "slack", 100.5, 0),
        _copy(1, "web", 100.2, 0),
        _copy(2, "slack", 101.5, 1),
        _copy(2, "discord", 101.4, 0),
    ]
    verdict = audit(sent, landed, {1: 10, 2: 11}, [])
    assert verdict["copies_expected"] == 4
    assert verdict["copies_delivered"] == 4
    assert (verdict["lost"], verdict["duplicated"], verdict["out_of_order"]) == (0, 0, 0)
    assert verdict["goal_met"] is True


def test_lost_duplicated_wrong_thread_and_out_of_order_are_each_counted() -> None:
    sent = {
        1: Sent(1, "slack", 0, 100.0),
        2: Sent(2, "slack", 0, 100.1),
        3: Sent(3, "discord", 1, 100.2),
    }
    landed = [
        _copy(2, "discord", 101.0, 0),  # 2 before 1 in the Discord thread
        _copy(1, "discord", 101.1, 1),
        _copy(1, "web", 100.5, 0),
        _copy(2, "web", 100.6, 1),
        _copy(2, "web", 100.7, 2),  # stored twice
        _copy(3, "slack", 101.0, 0, discussion=0),  # in the other discussion's thread
    ]
    verdict = audit(sent, landed, {1: 5, 2: 6, 3: 7}, [])
    assert verdict["lost"] == 1  # 3 never reached the web listing
    assert verdict["lost_by_route"] == {"discord->web": 1}
    assert verdict["duplicated"] == 1
    assert verdict["wrong_thread"] == 1
    assert verdict["out_of_order_detail"]["copies_out_of_stored_order"] == 1
    assert verdict["goal_met"] is False


def test_delay_runs_from_the_clearing_of_the_fault_that_held_the_copy_up() -> None:
    sent = {1: Sent(1, "discord", 0, 100.0), 2: Sent(2, "slack", 0, 100.0)}
    landed = [
        _copy(1, "slack", 250.0, 0),  # waited for Slack's 429s, then 70 s more
        _copy(1, "web", 100.1, 0),
        _copy(2, "discord", 100.3, 0),  # Discord was fine
        _copy(2, "web", 100.1, 1),
    ]
    slack_429s = Window("slack_429_window", 90.0, 180.0, targets=frozenset({"slack"}))
    verdict = audit(sent, landed, {1: 1, 2: 2}, [slack_429s])
    assert verdict["delay_after_fault_clears"]["count"] == 1
    assert verdict["delay_after_fault_clears"]["max_s"] == 70.0
    assert verdict["copies_over_limit"] == 1
    assert verdict["goal_met"] is False


def test_deleted_and_edited_comments_are_checked_on_their_copies() -> None:
    sent = {
        1: Sent(1, "discord", 0, 1.0, deleted=True),
        2: Sent(2, "slack", 0, 2.0, edited=True),
    }
    landed = [
        _copy(1, "slack", 1.5, 0),  # still live: the deletion did not follow
        _copy(2, "discord", 2.5, 0, text="soak-000002: corrected, the figures"),
        _copy(2, "web", 2.1, 0, text="soak-000002 as first written"),
    ]
    verdict = audit(sent, landed, {1: 1, 2: 2}, [])
    assert (verdict["deletes_checked"], verdict["deletes_not_applied"]) == (2, 1)
    assert (verdict["edits_checked"], verdict["edits_not_applied"]) == (2, 1)
    assert verdict["copies_expected"] == 2  # a deleted comment expects no copy


def test_the_schedule_is_bounded_and_keeps_faults_away_from_kills() -> None:
    args = parse_args(["--quick"])
    steps = plan(args.duration, args.kill_every, args.quick, args.discussions)
    kills = [s.at for s in steps if s.action == "kill"]
    assert kills == [110.0]
    assert {s.action for s in steps} == {
        "kill",
        "slack_slow",
        "slack_429s_then_5xx",
        "discord_global",
        "server_errors",
        "disconnects",
    }
    for step in steps:
        assert step.at + step.length <= args.duration
        if step.action != "kill":
            assert all(step.at >= k + 40 or step.at + step.length <= k - 5 for k in kills)
    many = next(s for s in steps if s.action == "slack_429s_then_5xx")
    assert many.args["count"] >= 30 * args.discussions
