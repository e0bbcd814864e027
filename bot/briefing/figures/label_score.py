"""What a score says: the result it names or who beat whom, in the article's words.

Read from the tagged sentence like the other labels (:mod:`label`): "a 3-1 win over
Leeds" → "win over Leeds", "Boston beat Miami 102-98" → "Boston beat Miami", "the hosts
lost 2–0 to Celtic" → "hosts lost to Celtic". A vote's tally finds neither and is
labelled by the general rules.
"""

from __future__ import annotations

import re

from bot.briefing.figures.contests import RESULT_NOUNS, SCORE_VERBS, is_contest
from bot.briefing.figures.label_vocab import NOUN
from bot.briefing.figures.numbers import Quantity
from bot.briefing.figures.tagging import Token

__all__ = ["is_contest_quantity", "score_words"]

_DASHED = re.compile(r"(\d{1,3})\s?[-–]\s?(\d{1,3})")


def is_contest_quantity(sentence: str, quantity: Quantity) -> bool:
    """Whether ``quantity`` is a vote's tally or a game's score ("24-21")."""
    dashed = _DASHED.fullmatch(quantity.text)
    if dashed is None or len(quantity.values) != 2:
        return False
    low, high = quantity.values
    first = (quantity.start, quantity.start + dashed.end(1), low)
    return is_contest(sentence, first, (quantity.start + dashed.start(2), quantity.end, high))


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
