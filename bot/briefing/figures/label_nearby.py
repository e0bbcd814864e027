"""The words near a figure when no phrase names what it counts: for a date, the event
before it ("opened its new pool in March 2025"); for a total, what was brought to it
("bringing the death toll to 340"); otherwise the phrase beside it."""

from __future__ import annotations

from bot.briefing.figures.label_vocab import (
    MAX_WORDS,
    MODIFIER,
    NOUN,
    PUNCT_TAGS,
    TOTAL_AT,
    TOTAL_VERBS,
    UNITS,
    WINDOW,
)
from bot.briefing.figures.tagging import Token

__all__ = ["beside", "brought_to", "event"]

_BRINGING = frozenset(form for forms in TOTAL_VERBS for form in forms)
_TO = frozenset({"to", "past"})
# "raised rates by a quarter point to 5.5%": what was raised ends before "by"
_WHAT_ENDS = frozenset({"by", "from", "for", "on"})
_HEDGES = frozenset({"about", "around", "nearly", "almost", "over", "more", "than", "least"})
_PRONOUNS = frozenset({"it", "them", "him", "her", "us"})


def event(tokens: tuple[Token, ...], i: int, start: int) -> list[Token]:
    """For a date: the clause before it, "town opened its new swimming pool", or what a
    relative clause says of its noun ("a pact that the two leaders signed" → "pact signed")."""
    for r in range(i - 1, max(0, i - WINDOW), -1):
        if tokens[r].tag in PUNCT_TAGS:
            break
        if tokens[r].lower in ("that", "which") and tokens[r - 1].tag in NOUN:
            n = r - 1
            while n > 0 and tokens[n - 1].tag in MODIFIER and r - n < 5:
                n -= 1
            verbs = [t for t in tokens[r + 1 : i] if t.tag in ("VBD", "VBN")]
            if verbs:
                return [*tokens[n:r], *verbs]
    end = i
    while end > start and tokens[end - 1].tag in ("IN", "TO", "DT", "RB"):
        end -= 1
    return list(tokens[max(start, end - MAX_WORDS) : end])


def brought_to(tokens: tuple[Token, ...], i: int, start: int) -> list[Token] | None:
    """For a total, what was brought to it: "the death toll" of "bringing the death toll to
    340", "its workforce" of "taking its workforce to about 700"."""
    to = i - 1
    while to > start and tokens[to].lower in _HEDGES:  # "to at least 340", "to about 300"
        to -= 1
    if to <= start or tokens[to].lower not in (*_TO, "at"):
        return None
    for verb in range(to - 1, max(start, to - MAX_WORDS - 1) - 1, -1):
        if tokens[verb].tag in PUNCT_TAGS:
            return None
        word = tokens[verb].lower
        if word in _BRINGING:
            if tokens[to].lower == "at" and word not in TOTAL_AT:
                return None
            what = list(tokens[verb + 1 : to])
            ends = next((n for n, t in enumerate(what) if t.lower in _WHAT_ENDS), len(what))
            what = what[:ends]
            if not what or (len(what) == 1 and what[0].lower in _PRONOUNS):
                return None
            return what
    return None


def beside(
    tokens: tuple[Token, ...], j: int, stop: int, i: int, start: int, *, ordinal: bool
) -> list[Token] | None:
    """The phrase beside the figure: after it, else before it; never for a duration."""
    if j < len(tokens) and tokens[j].lower in UNITS and not ordinal:
        return None  # "over the next four years" says nothing of what "four" counts
    right = list(tokens[j : min(stop, j + MAX_WORDS)])
    if any(t.tag in NOUN and t.lower not in UNITS for t in right):
        return right
    return list(tokens[max(start, i - MAX_WORDS) : i])
