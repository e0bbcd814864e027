"""One policy change at a time (``/briefbot mod ban-word`` and friends) through the core."""

from __future__ import annotations

import pytest

from adapters.slack.platform import SLACK
from bot import messages
from bot.domain.moderation import Moderator, Policy, Standing
from bot.errors import ModerationError, NotAllowedError
from bot.services.comments import record_comment
from bot.services.moderation import (
    AddWord,
    RemoveWord,
    SetBurst,
    SetFlag,
    SetReports,
    audit_log,
    change_policy,
    describe_policy,
    room_policy,
)
from bot.services.moderation.policy_edits import (
    MAX_BURST_COUNT,
    MAX_BURST_SECONDS,
    MAX_ENTRIES,
    apply_change,
    parse_burst,
    policy_answer,
)
from tests.unit.services.harness import harness
from tests.unit.services.moderation_support import OPERATOR, published, room_of


def test_words_are_added_once_and_removed_without_regard_to_case() -> None:
    policy = apply_change(Policy(), AddWord("banned", "  Turnip "))
    assert policy.banned == ("Turnip",)
    assert apply_change(policy, AddWord("banned", "TURNIP")) == policy
    assert apply_change(policy, RemoveWord("banned", "turnip")).banned == ()
    patterns = apply_change(Policy(), AddWord("suspect", "re:sp[a4]m"))
    assert apply_change(patterns, RemoveWord("suspect", "RE:SP[A4]M")) == patterns


@pytest.mark.parametrize("entry", ["", "   ", "...", "re:", "x" * 201])
def test_an_entry_without_anything_to_match_is_refused(entry: str) -> None:
    with pytest.raises(ModerationError) as refused:
        apply_change(Policy(), AddWord("banned", entry))
    assert refused.value.user_message == messages.BAD_WORD_ENTRY


def test_flags_reports_and_a_full_list() -> None:
    assert apply_change(Policy(), SetFlag("premoderate_web", True)).premoderate_web
    assert not apply_change(Policy(hold_links=True), SetFlag("hold_links", False)).hold_links
    assert apply_change(Policy(), SetReports(7)).reports_to_hold == 7
    for count in (0, 101):
        with pytest.raises(ModerationError, match="1 to 100"):
            apply_change(Policy(), SetReports(count))
    full = Policy(banned=tuple(f"w{i}" for i in range(MAX_ENTRIES)))
    with pytest.raises(ModerationError) as refused:
        apply_change(full, AddWord("banned", "one more"))
    assert refused.value.user_message == messages.TOO_MANY_ENTRIES


def test_first_web_and_the_burst_are_set_within_the_web_forms_limits() -> None:
    assert not apply_change(Policy(), SetFlag("hold_first_web", False)).hold_first_web
    burst = apply_change(Policy(), SetBurst(3, 30))
    assert (burst.burst_count, burst.burst_seconds) == (3, 30)
    off = apply_change(burst, SetBurst(0))  # "off" keeps the window for turning it back on
    assert (off.burst_count, off.burst_seconds) == (0, 30)
    edge = SetBurst(MAX_BURST_COUNT, MAX_BURST_SECONDS)
    assert apply_change(Policy(), edge).burst_count == 9_999
    for bad in (SetBurst(MAX_BURST_COUNT + 1, 60), SetBurst(5, 0), SetBurst(5, 1_000_000)):
        with pytest.raises(ModerationError) as refused:
            apply_change(Policy(), bad)
        assert refused.value.user_message == messages.BAD_BURST
    with pytest.raises(ModerationError):
        apply_change(Policy(), SetBurst(5))  # only "off" may leave the window out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5/60", SetBurst(5, 60)),
        ("off", SetBurst(0)),
        (" OFF ", SetBurst(0)),
        ("0/1", SetBurst(0, 1)),
    ],
)
def test_a_burst_is_written_count_slash_seconds_or_off(text: str, expected: SetBurst) -> None:
    assert parse_burst(text) == expected


@pytest.mark.parametrize(
    "text", ["", "5", "5/", "/60", "5/60s", "a/b", "5/0", "12345/60", "1/1234567"]
)
def test_any_other_burst_is_refused_with_its_limits(text: str) -> None:
    with pytest.raises(ModerationError) as refused:
        parse_burst(text)
    assert refused.value.user_message == messages.BAD_BURST


def test_each_new_rule_is_answered_in_one_sentence() -> None:
    answers = [
        policy_answer(SetFlag("hold_first_web", True), True),
        policy_answer(SetFlag("hold_first_web", False), True),
        policy_answer(SetBurst(1, 10), True),
        policy_answer(SetBurst(3, 30), False),
        policy_answer(SetBurst(0), True),
        policy_answer(SetBurst(0), False),
    ]
    assert len(set(answers)) == len(answers)
    assert all(a.count(".") == 1 and a.endswith(".") for a in answers)
    assert "1 comment within 10 seconds" in answers[2]
    assert "nothing changed" in answers[3] and "nothing changed" in answers[5]


def test_the_description_is_a_few_lines_and_shortens_long_lists() -> None:
    text = describe_policy(Policy(banned=tuple(f"w{i}" for i in range(30)), hold_links=True))
    lines = text.splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("Banned words (30: w0, w1") and lines[0].endswith("and 10 more)")
    assert lines[1] == "Suspect words (none)"
    assert "Hold links: on" in lines[2]
    assert lines[3] == "Reports that hold a comment: 3 · Hold a burst: 5 comments within 60 seconds"
    assert describe_policy(Policy(burst_count=0)).endswith("Hold a burst: off")


async def test_a_change_is_saved_audited_and_judges_the_next_comment() -> None:
    async with harness() as h:
        discussion = await published(h)
        room = await room_of(h, discussion)
        slack = await h.thread(SLACK, discussion)

        edit = await change_policy(h.ctx, room, AddWord("banned", "turnip"), OPERATOR)
        again = await change_policy(h.ctx, room, AddWord("banned", "Turnip"), OPERATOR)

        assert edit.changed and not again.changed
        assert (await room_policy(h.ctx, room, OPERATOR)).banned == ("turnip",)
        [entry] = await audit_log(h.ctx, OPERATOR)  # the unchanged second one is not audited
        assert entry.action == "set_policy" and entry.room_id == room
        caught = await record_comment(h.reader(slack, "s1", "A t.u.r.n.i.p!"), h.ctx)
        assert caught is not None and caught.standing is Standing.REJECTED


async def test_a_bad_pattern_and_another_room_are_refused_and_nothing_is_saved() -> None:
    async with harness() as h:
        room = await room_of(h, await published(h))
        with pytest.raises(ModerationError, match="not a valid pattern"):
            await change_policy(h.ctx, room, AddWord("banned", "re:(unclosed"), OPERATOR)
        elsewhere = Moderator(SLACK, "U9", "Else", frozenset({room + 1}))
        with pytest.raises(NotAllowedError):
            await change_policy(h.ctx, room, SetFlag("hold_links", True), elsewhere)
        assert await room_policy(h.ctx, room, OPERATOR) == h.ctx.moderation_defaults
        assert await audit_log(h.ctx, OPERATOR) == []


async def test_first_web_and_burst_from_chat_are_saved_audited_and_judge_the_next_comment() -> None:
    async with harness() as h:
        discussion = await published(h)
        room = await room_of(h, discussion)
        slack = await h.thread(SLACK, discussion)

        edit = await change_policy(h.ctx, room, SetBurst(1, 60), OPERATOR)
        again = await change_policy(h.ctx, room, SetBurst(1, 60), OPERATOR)
        first = await change_policy(h.ctx, room, SetFlag("hold_first_web", False), OPERATOR)

        assert edit.changed and not again.changed
        saved = await room_policy(h.ctx, room, OPERATOR)
        assert (saved.burst_count, saved.burst_seconds) == (1, 60)
        assert first.changed is h.ctx.moderation_defaults.hold_first_web
        assert not saved.hold_first_web
        assert len(await audit_log(h.ctx, OPERATOR)) == 1 + int(first.changed)
        one = await record_comment(h.reader(slack, "b1", "First."), h.ctx)
        two = await record_comment(h.reader(slack, "b2", "Second."), h.ctx)
        assert one is not None and one.standing is Standing.VISIBLE
        assert two is not None and two.standing is Standing.HELD
