"""The moderators' pure pieces: policy forms, the audit CSV, sentences, the log's paths."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from aiohttp.test_utils import make_mocked_request

from adapters.slack.platform import SLACK
from adapters.web.errors import loggable_path
from adapters.web.mod.actions import Outcome, parse_action
from adapters.web.mod.policy import MAX_ENTRIES, policy_from_form, policy_from_json
from adapters.web.mod.records import audit_rows
from bot.domain.moderation import AuditEntry, Policy
from bot.errors import InvalidDataError, ModerationError
from bot.services.moderation.policy_edits import (
    MAX_ENTRY_CHARS,
    AddWord,
    apply_change,
    check_entry,
)

AT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_the_policy_form_reads_lists_ticks_and_the_report_count() -> None:
    current = Policy(banned=("old",), hold_links=True, burst_count=7)
    fields = {"banned": "b\r\n\n  a  \nb\n", "suspect": "", "premoderate_web": "1",
              "reports_to_hold": " 4 "}  # fmt: skip
    policy = policy_from_form(fields, current)
    assert policy.banned == ("b", "a")  # trimmed, blank lines and repeats dropped, in order
    assert policy.suspect == ()
    assert policy.premoderate_web and not policy.hold_links and not policy.hold_first_web
    assert policy.reports_to_hold == 4
    assert policy.burst_count == 7  # not on the form: kept as it was


@pytest.mark.parametrize("count", ["0", "101", "-1", "two", "3.5", ""])
def test_a_report_count_out_of_range_is_one_sentence(count: str) -> None:
    with pytest.raises(InvalidDataError, match="whole number from 1 to 100"):
        policy_from_form({"reports_to_hold": count}, Policy())


def test_word_lists_are_capped_by_refusing_not_by_cutting() -> None:
    # A cut list would leave the moderator believing words banned that were dropped, and a
    # pattern cut short would mean something else: both are refused with a sentence.
    full = "\n".join(f"w{i}" for i in range(MAX_ENTRIES))
    assert len(policy_from_form({"banned": full}, Policy()).banned) == MAX_ENTRIES
    with pytest.raises(InvalidDataError, match="at most 10,000 entries"):
        policy_from_form({"banned": full + "\none-more"}, Policy())
    with pytest.raises(InvalidDataError, match="at most 200 characters"):
        policy_from_form({"banned": "re:(" + "a" * 250 + ")"}, Policy())


def test_the_page_and_the_chat_commands_take_the_same_entries() -> None:
    # One set of limits: an entry the page keeps can be removed from chat, and the other way.
    longest = "w" * MAX_ENTRY_CHARS
    assert policy_from_form({"banned": longest}, Policy()).banned == (longest,)
    assert check_entry(longest) == longest
    with pytest.raises(InvalidDataError):
        policy_from_form({"banned": longest + "w"}, Policy())
    with pytest.raises(ModerationError):
        check_entry(longest + "w")
    full = Policy(banned=tuple(f"w{i}" for i in range(MAX_ENTRIES)))
    assert policy_from_json({"banned": list(full.banned)}, Policy()) == full
    with pytest.raises(ModerationError):
        apply_change(full, AddWord("banned", "one-more"))


def test_the_burst_is_changed_from_the_form_and_json_within_mod_bursts_range() -> None:
    current = Policy(burst_count=5, burst_seconds=60)
    assert policy_from_form({}, current).burst_count == 5  # left out: kept
    changed = policy_from_form({"burst_count": "0", "burst_seconds": " 120 "}, current)
    assert (changed.burst_count, changed.burst_seconds) == (0, 120)  # 0: the rule is off
    assert policy_from_json({"burst_count": 9}, current) == Policy(burst_count=9)
    for bad in ({"burst_count": "-1"}, {"burst_count": "10000"}, {"burst_seconds": "0"},
                {"burst_seconds": "1000000"}, {"burst_count": "lots"}):  # fmt: skip
        with pytest.raises(InvalidDataError, match="a burst is a whole number"):
            policy_from_form(bad, current)
    with pytest.raises(InvalidDataError, match="a burst is a whole number"):
        policy_from_json({"burst_seconds": True}, current)


def test_the_json_policy_changes_only_what_it_names() -> None:
    current = Policy(banned=("x",), hold_first_web=True)
    policy = policy_from_json({"suspect": ["s1", "s1", " s2 "], "hold_links": True}, current)
    assert policy == Policy(banned=("x",), suspect=("s1", "s2"), hold_links=True)
    for bad in ({"hold_links": "yes"}, {"banned": 3},
                {"reports_to_hold": True}, {"suspect": [1]}):  # fmt: skip
        with pytest.raises(InvalidDataError):
            policy_from_json(bad, current)


def test_audit_csv_cells_never_run_as_spreadsheet_formulas() -> None:
    entry = AuditEntry(7, AT, "web:op", '=HYPERLINK("x")', "ban", 3, "+cmd", "@sum, -1")
    rows = list(csv.reader(io.StringIO(audit_rows([entry]))))
    assert rows[0][0] == "id"
    assert rows[1] == ["7", AT.isoformat(), "web:op", "'=HYPERLINK(\"x\")", "ban", "3",
                       "'+cmd", "'@sum, -1"]  # fmt: skip


def test_actions_and_their_sentences() -> None:
    assert parse_action("approve") == "approve" and parse_action("delete") is None
    assert Outcome("approve", 1).sentence.startswith("Approved")
    kept = Outcome("remove", 1, [SLACK]).sentence
    assert "Slack does not let the bot delete" in kept


def test_sign_in_tokens_never_reach_the_log() -> None:
    assert loggable_path(make_mocked_request("GET", "/mod/login/s3cret-token")) == "/mod/login/…"
    assert loggable_path(make_mocked_request("GET", "/a/1")) == "/a/1"
