"""A policy judges each comment by its rules in a fixed order; the first that applies wins."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from adapters.discord import messages as discord_messages
from adapters.discord.platform import DISCORD
from adapters.slack import messages as slack_messages
from adapters.slack.platform import SLACK
from bot import messages
from bot.domain.model import WEB
from bot.domain.moderation import Policy, Standing, Verdict
from bot.moderation.matcher import PatternError
from bot.moderation.policy import AuthorFacts, compile_policy, has_link, reason_for_author

STRICT = Policy(
    banned=("hell",),
    suspect=("darn",),
    hold_links=True,
    hold_first_web=True,
    premoderate_web=True,
    burst_count=3,
)
WEB_NEWCOMER = AuthorFacts(WEB, banned=False, first_web_comment=True, recent_comments=5)
CHAT_REGULAR = AuthorFacts(DISCORD, banned=False, first_web_comment=False, recent_comments=0)
EVERYTHING = "hell darn https://example.com"


def _judge(
    text: str, facts: AuthorFacts, policy: Policy = STRICT, *, closed: bool = False
) -> Verdict:
    return compile_policy(policy).judge(text, facts, closed=closed)


def test_rules_apply_in_order_and_the_first_that_applies_names_the_verdict() -> None:
    banned_web = replace(WEB_NEWCOMER, banned=True)
    assert _judge(EVERYTHING, banned_web, closed=True) == Verdict(
        Standing.REJECTED, "closed discussion"
    )
    assert _judge(EVERYTHING, banned_web) == Verdict(Standing.REJECTED, "banned author")
    assert _judge(EVERYTHING, WEB_NEWCOMER) == Verdict(Standing.REJECTED, "banned word “hell”")
    assert _judge("darn https://example.com", WEB_NEWCOMER) == Verdict(
        Standing.HELD, "pre-moderation"
    )
    chat_newcomer = replace(WEB_NEWCOMER, platform=SLACK)
    assert _judge("darn https://example.com", chat_newcomer) == Verdict(
        Standing.HELD, "suspect word “darn”"
    )
    assert _judge("see https://example.com", chat_newcomer) == Verdict(Standing.HELD, "link")
    assert _judge("fine words", chat_newcomer) == Verdict(Standing.HELD, "first web comment")
    chat_busy = replace(chat_newcomer, first_web_comment=False)
    assert _judge("fine words", chat_busy) == Verdict(Standing.HELD, "burst")
    assert _judge("fine words", CHAT_REGULAR) == Verdict(Standing.VISIBLE, None)


def test_a_closed_discussion_rejects_even_an_innocent_comment() -> None:
    assert _judge("thanks", CHAT_REGULAR, Policy(), closed=True).standing is Standing.REJECTED


def test_switched_off_rules_let_the_comment_through() -> None:
    lenient = Policy(hold_links=False, hold_first_web=False, premoderate_web=False, burst_count=0)
    assert _judge(EVERYTHING.replace("hell ", ""), WEB_NEWCOMER, lenient) == Verdict(
        Standing.VISIBLE, None
    )


def test_pre_moderation_holds_web_comments_only() -> None:
    policy = Policy(premoderate_web=True, hold_first_web=False)
    regular_web = replace(CHAT_REGULAR, platform=WEB)
    assert _judge("hi", regular_web, policy) == Verdict(Standing.HELD, "pre-moderation")
    assert _judge("hi", CHAT_REGULAR, policy) == Verdict(Standing.VISIBLE, None)


@pytest.mark.parametrize(("recent", "standing"), [(2, Standing.VISIBLE), (3, Standing.HELD)])
def test_a_burst_starts_at_the_configured_count(recent: int, standing: Standing) -> None:
    facts = replace(CHAT_REGULAR, recent_comments=recent)
    assert _judge("hi", facts, Policy(burst_count=3)).standing is standing


def test_a_banned_word_in_disguise_is_still_rejected() -> None:
    assert _judge("h.3.l.l", CHAT_REGULAR).rule == "banned word “hell”"
    assert _judge("hello", CHAT_REGULAR).standing is Standing.VISIBLE


def test_a_policy_is_compiled_once_per_value() -> None:
    same = Policy(banned=("hell",), suspect=("darn",))
    assert compile_policy(same) is compile_policy(Policy(banned=("hell",), suspect=("darn",)))
    assert compile_policy(same) is not compile_policy(replace(same, banned=("heck",)))


def test_an_invalid_pattern_in_a_policy_is_refused() -> None:
    with pytest.raises(PatternError):
        compile_policy(Policy(suspect=("re:[",)))


@pytest.mark.parametrize(
    "text",
    [
        "see https://example.org/x",
        "HTTP://EXAMPLE.ORG",
        "www.example.org",
        "go to example.com now",
        "example.co.uk.",
        "<https://example.org|a link>",
        "[here](http://example.org)",
        "ex\u200bample\uff0ecom",
    ],
)
def test_links_are_found_however_they_are_written(text: str) -> None:
    assert has_link(text)


@pytest.mark.parametrize(
    "text", ["node.js and vue.js", "e.g. me", "Dr.Who", "version 1.2.3", "end. com", "a.b"]
)
def test_text_with_dots_is_not_taken_for_a_link(text: str) -> None:
    assert not has_link(text)


def test_an_author_is_never_told_the_entry_of_the_list_that_caught_them() -> None:
    entry = r"re:\bs+l+u+r+\w*"
    verdict = compile_policy(Policy(banned=(entry,))).judge("sluuur", CHAT_REGULAR, closed=False)
    assert verdict.rule is not None and entry in verdict.rule  # moderators see it
    for told in (
        slack_messages.rejected(verdict.rule),
        discord_messages.rejected_by_dm("Ferry fares", verdict.rule),
    ):
        assert entry not in told and "s+l+u+r+" not in told
        assert "a banned word" in told
    assert "(burst)" in discord_messages.rejected_by_dm("Ferry fares", "burst")


@pytest.mark.parametrize(
    "text",
    ["a." * 20_000, "a-" * 19_998 + "com", "a.-" * 13_333, "ab.a" + ".a" * 19_998, "a.+" * 13_333],
    ids=["dots", "hyphens", "punctuation", "labels", "scheme-chars"],
)
def test_a_reader_cannot_stall_the_relay_with_a_long_run_of_dots(text: str) -> None:
    # The longest comment briefbot takes; the earlier link expression was quadratic on
    # these (seconds per comment, the event loop blocked meanwhile).
    policy = compile_policy(Policy(banned=("bad",), suspect=("hmm",), hold_links=True))
    started = time.perf_counter()
    has_link(text)
    policy.judge(text, CHAT_REGULAR, closed=False)
    assert time.perf_counter() - started < 0.5


def test_an_author_is_never_told_the_list_entry_that_caught_them() -> None:
    policy = compile_policy(Policy(banned=("re:tur+nip",), suspect=("parsnip*",)))
    facts = AuthorFacts(DISCORD, banned=False, first_web_comment=False, recent_comments=0)
    banned = policy.judge("turrnip soup", facts, closed=False)
    suspect = policy.judge("parsnips again", facts, closed=False)
    assert (banned.standing, suspect.standing) == (Standing.REJECTED, Standing.HELD)
    assert reason_for_author(banned.rule) == messages.RULE_BANNED_WORD
    assert reason_for_author(suspect.rule) == messages.RULE_SUSPECT_WORD
    for told in (reason_for_author(banned.rule), reason_for_author(suspect.rule)):
        assert "nip" not in told
