"""What a score says: the result it names or who beat whom, in the article's words.

Read from the tagged sentence like the other labels (:mod:`label`): "a 3-1 win over
Leeds" → "win over Leeds", "Boston beat Miami 102-98" → "Boston beat Miami", "the hosts
lost 2–0 to Celtic" → "hosts lost to Celtic". A vote's tally says what was decided: "the
council on Monday approved new cycle lanes by a vote of 7 to 2" → "approved new cycle
lanes", "the parish council voted 7-2 to close the pool" → "parish council voted to close
the pool"; a tally whose verb
has no object ("the plan was rejected by 31 votes to 12") is labelled by the general
rules ("plan rejected").
"""

from __future__ import annotations

import re

from bot.briefing.figures.contests import DECISION_VERBS, RESULT_NOUNS, SCORE_VERBS, is_contest
from bot.briefing.figures.label_vocab import NOUN, PUNCT_TAGS, TIME_WORDS
from bot.briefing.figures.numbers import Quantity
from bot.briefing.figures.tagging import Token

__all__ = ["is_contest_quantity", "score_words", "tally_words"]

_DASHED = re.compile(r"(\d{1,3})(?:\s?[-–]\s?|\s+(?P<votes>votes?\s+)?to\s+)(\d{1,3})")
_STOPS = frozenset({"by", "in", "on", "at", "after", "with", "during", "before", "when"})


def is_contest_quantity(sentence: str, quantity: Quantity) -> bool:
    """Whether ``quantity`` is a vote's tally or a game's score ("24-21", "7 to 2",
    "31 votes to 12")."""
    dashed = _DASHED.fullmatch(quantity.text)
    if dashed is None or len(quantity.values) != 2:
        return False
    if dashed["votes"]:
        return True
    low, high = quantity.values
    first = (quantity.start, quantity.start + dashed.end(1), low)
    return is_contest(sentence, first, (quantity.start + dashed.start(3), quantity.end, high))


def score_words(
    tokens: tuple[Token, ...], j: int, stop: int, i: int, start: int
) -> list[Token] | None:
    """A game's score: the result it names ("a 3-1 win over Leeds"), else who did what to
    whom ("Boston beat Miami", "hosts lost to Celtic")."""
    for k in (j, j + 1):
        if k < stop and tokens[k].lower in RESULT_NOUNS:
            return list(tokens[j : k + 1]) + _other_side(tokens, k + 1, stop)
    verb = next((r for r in range(i - 1, start - 1, -1) if tokens[r].lower in SCORE_VERBS), None)
    if verb is None:
        return None
    subject = verb
    while subject > start and tokens[subject - 1].tag in NOUN and verb - subject < 3:
        subject -= 1
    return list(tokens[subject:i]) + _other_side(tokens, j, stop)


def _other_side(tokens: tuple[Token, ...], j: int, stop: int) -> list[Token]:
    """ "to Celtic", "against the Rovers": the side a score was made against, by name (a
    tagger often reads a club's name after "to" as a verb)."""
    if j >= stop or tokens[j].lower not in ("to", "against", "over", "with", "for"):
        return []
    k = j + 1 + (j + 1 < stop and tokens[j + 1].lower == "the")
    end = k
    while (
        end < stop and end - k < 4 and (tokens[end].text[:1].isupper() or tokens[end].tag in NOUN)
    ):
        end += 1
    return list(tokens[j:end]) if end > k else []


def tally_words(
    tokens: tuple[Token, ...], j: int, stop: int, i: int, start: int
) -> list[Token] | None:
    """A vote's tally: the decision and what it was on ("approved new cycle lanes", "voted
    to close the pool"), or ``None`` when no verb of deciding with an object is near."""
    verb = next((r for r in range(i - 1, start - 1, -1) if tokens[r].lower in DECISION_VERBS), None)
    if verb is None:
        return None
    end = verb + 1
    while end < i and tokens[end].lower not in _STOPS and tokens[end].tag not in PUNCT_TAGS:
        end += 1
    if end == verb + 1:
        said = _to_clause(tokens, verb, j, stop)  # "voted 7-2 to close the pool"
        return [*_deciders(tokens, verb, start), *said] if said else None
    return [*_deciders(tokens, verb, start), *tokens[verb:end]]


def _deciders(tokens: tuple[Token, ...], verb: int, start: int) -> list[Token]:
    """ "the parish council" in "the parish council voted": nouns straight before the verb,
    never a when ("on Tuesday approved")."""
    first = verb
    while (
        first > start
        and verb - first < 3
        and tokens[first - 1].tag in NOUN
        and tokens[first - 1].lower not in TIME_WORDS
    ):
        first -= 1
    return list(tokens[first:verb])


def _to_clause(tokens: tuple[Token, ...], verb: int, j: int, stop: int) -> list[Token] | None:
    """ "voted 7-2 to close the pool": the verb and what it voted to do."""
    if j >= stop or tokens[j].lower != "to":
        return None
    end = j + 1
    while end < stop and tokens[end].lower not in _STOPS and tokens[end].tag not in PUNCT_TAGS:
        end += 1
    return [tokens[verb], *tokens[j:end]] if end > j + 1 else None
