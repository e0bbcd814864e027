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
    SetFlag,
    SetReports,
    audit_log,
    change_policy,
    describe_policy,
    room_policy,
)
from bot.services.moderation.policy_edits import MAX_ENTRIES, apply_change
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


def test_the_description_is_a_few_lines_and_shortens_long_lists() -> None:
    text = describe_policy(Policy(banned=tuple(f"w{i}" for i in range(30)), hold_links=True))
    lines = text.splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("Banned words (30: w0, w1") and lines[0].endswith("and 10 more)")
    assert lines[1] == "Suspect words (none)"
    assert "Hold links: on" in lines[2]


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
