"""Moderators' patterns: shapes that backtrack for ever are refused, the rest stay fast."""

from __future__ import annotations

import time

import pytest

from bot.moderation.matcher import WordMatcher, check_entries
from bot.moderation.patterns import REPEAT_LIMIT, PatternError, compile_pattern

CLASSIC_REDOS = [
    r"(a+)+$",
    r"(a*)*b",
    r"(a|aa)+$",
    r"^(a|a?)+$",
    r"(.*a){12}",
    r"(\w+\s?)+$",
    r"([a-z]+)*$",
    r"(a|b|ab)*c",
    r"(x+x+)+y",
    r"(?:a?){30}a{30}",
    r"\w*\w*\w*x",
    r"a.*b.*c",
    r"(\w+)x(\w+)y",
]
HOSTILE = ["a" * 10_000, "a " * 5_000, "ab1 " * 2_500, "a1" * 5_000, "x" * 10_000]


@pytest.mark.parametrize("pattern", CLASSIC_REDOS)
def test_a_pattern_that_could_backtrack_for_ever_is_refused_with_one_sentence(
    pattern: str,
) -> None:
    entry = f"re:{pattern}"
    with pytest.raises(PatternError) as raised:
        check_entries(["fine", entry])
    message = raised.value.user_message
    assert message.startswith(f"The word-list entry “{entry}” is refused: ")
    assert message.endswith("take far too long to match.")
    assert message.count(". ") == 0


@pytest.mark.parametrize(
    "pattern",
    [
        r"\bb+a+d+\b",
        r"\bkill(s|ed)?\b",
        r"\bdarn\w*",
        r"(cat|dog)+s",
        r"\w+x",
        r".*x",
        r"\w+$",
        r"[a-z]+\d+[a-z]+x",
        r"(\d|\w)+x",  # one class of characters, not two alternatives
        r"\b\w+ \w+x",
        r"(x)\1y",
    ],
)
def test_an_accepted_pattern_searches_ten_thousand_hostile_characters_quickly(
    pattern: str,
) -> None:
    compiled = compile_pattern(f"re:{pattern}", pattern).regex
    for text in HOSTILE:
        start = time.perf_counter()
        compiled.search(text)
        assert time.perf_counter() - start < 0.05, (pattern, text[:8])


def test_a_whole_list_of_patterns_answers_a_hostile_comment_quickly() -> None:
    matcher = WordMatcher([r"re:\w+q", r"re:.*zq", r"re:\bb+a+d+\b", r"re:\w+$y", "hell"])
    for text in HOSTILE:
        start = time.perf_counter()
        assert matcher.find(text) is None
        assert time.perf_counter() - start < 0.1


def test_an_open_ended_repeat_takes_at_most_the_repeat_limit() -> None:
    compiled = compile_pattern(r"re:\bx\w+y\b", r"\bx\w+y\b").regex
    assert compiled.search("x" + "a" * REPEAT_LIMIT + "y")
    assert not compiled.search("x" + "a" * (REPEAT_LIMIT + 1) + "y")


@pytest.mark.parametrize(
    ("pattern", "literal"),
    [
        (r"\bkill(s|ed)?\b", "kill"),
        (r"abcd[a4]efghzq", "efghzq"),
        (r"(?i)NaZi\w*", "nazi"),
        (r"\bkill\s+yourself", "yourself"),
        (r"(?:very )+bad", "very "),  # inside a repeat that must run once
        (r"\bb+a+d+\b", None),  # no run of two letters every match has
        (r"(cat|dog)s", None),
        (r"x?yz?", None),
    ],
)
def test_the_required_literal_is_the_longest_run_every_match_contains(
    pattern: str, literal: str | None
) -> None:
    assert compile_pattern(f"re:{pattern}", pattern).literal == literal


def test_a_pattern_is_searched_only_when_its_literal_occurs_and_still_names_itself() -> None:
    entries = ["hell", r"re:\bkill(s|ed)?\b", r"re:\bb+a+d+\b", r"re:z{3}", "killjoy"]
    matcher = WordMatcher(entries)
    assert matcher.find("he KILLED it") == r"re:\bkill(s|ed)?\b"
    assert matcher.find("what a killjoy") == "killjoy"
    assert matcher.find("skills") is None
    assert matcher.find("so baaad") == r"re:\bb+a+d+\b"
    assert matcher.find("zzz") == "re:z{3}"


def test_a_literal_that_is_also_a_wildcard_entry_keeps_both() -> None:
    matcher = WordMatcher(["*bad*", r"re:bad\w*x\b"])
    assert matcher.find("badminton") == "*bad*"
    matcher = WordMatcher([r"re:bad\w*x\b", "*bad*"])
    assert matcher.find("badx") == "*bad*"  # a word entry is found in the same pass


def test_the_bound_is_written_into_the_patterns_text_and_checked_by_parsing_it_again() -> None:
    bounded = compile_pattern("re:x", r"[+*]+x\d*?y{3,}").regex.pattern
    assert bounded == r"[+*]{1,32}x\d{0,32}?y{3,32}"
    # A verbose comment opening a "[" would hide the second repeat from the rewrite: the
    # check sees the difference and keeps the pattern as written (the timeout still bounds it).
    verbose = "(?x) a+ # [\n b+ ]"
    compiled = compile_pattern(f"re:{verbose}", verbose).regex
    assert compiled.pattern == verbose
    assert compiled.search("aab]")
