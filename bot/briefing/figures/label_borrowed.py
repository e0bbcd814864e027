"""A figure whose own words name nothing borrows them from the figure just before it.

Two shapes, each within one sentence and read on its tokens:

* a level told after its change, or one sum told again as a share, linked only by a few
  words: "to" ("pre-tax profit fell 22% to £84 million", "entries rose 11% to 18,900"),
  "at" before a price ("shares closed down 31.5p, or 14%, at 193.5p") or "or" between a
  sum and a share ("31.5p, or 14%"). Both measure one thing, which the first one's label
  says. Nothing else is linked: a count "at" is an age or a time ("£6.40 at 16", "92% at
  12 months"), a share "at" after a sum is a rate ("borrowed £3m at 4.2%"), a count "or"
  is another thing ("fined £200 or 20 days"), and "two or three days" is one count;
* a count whose noun the sentence has just named and only left out because it says
  "more" or sets two counts against each other: "destroyed 143 buildings and threatens
  some 4,500 more" → "more buildings", "another 500 damaged", "1.1 million people
  arrived, while about 670,000 left" → "people left". A count after a plain "and" is
  not read so: "two cars collided and four were injured" counts people, not cars.

:func:`label_for` asks here only when every rule of its own found nothing.
"""

from __future__ import annotations

import re

from bot.briefing.figures.label_phrases import content, noun_phrase, verb_group
from bot.briefing.figures.label_vocab import NOUN, TIME_WORDS, WINDOW, is_unit_noun
from bot.briefing.figures.numbers import Quantity
from bot.briefing.figures.tagging import Token

__all__ = ["elided_noun", "linked_before"]

_SUMS = frozenset({"money", "percent"})
_MAX_LINK = 3
_MORE = frozenset({"more", "others", "other"})
_CONTRAST = frozenset({"while", "whereas"})
_AGE_WORDS = frozenset({"aged", "age", "ages"})
_MEASURED = re.compile(r"\d[^\d\s,.]")  # a unit or a hyphen glued on: "5km", "27-year-old"


def linked_before(
    tokens: tuple[Token, ...], i: int, quantity: Quantity, before: Quantity, before_end: int
) -> bool:
    """Whether ``before`` (its tokens ending at ``before_end``) is the change or level of
    ``quantity`` (its tokens from ``i``), or the same sum told as a share."""
    link = [t.lower for t in tokens[before_end:i] if t.text != ","]
    if len(link) != 1 or i - before_end > _MAX_LINK:
        return False
    word = link[0]
    if word == "to":  # a change and the level it reached
        return before.kind in _SUMS and quantity.kind in _SUMS | {"count"}
    if word == "at":  # a change and the price it closed at
        return before.kind in _SUMS and quantity.kind == "money"
    if word == "or":  # a sum and its share, either way round
        return {before.kind, quantity.kind} == _SUMS
    return False


def elided_noun(
    tokens: tuple[Token, ...],
    i: int,
    j: int,
    quantity: Quantity,
    before: Quantity,
    before_end: int,
) -> list[Token] | None:
    """The words for ``quantity``, a count at tokens ``i:j`` whose noun is left out, from
    the count ``before`` it (its tokens ending at ``before_end``): that count's noun, with
    this one's verb, or None when the sentence named no such noun or does not leave it
    out."""
    if before.kind != "count" or i - before_end > 2 * WINDOW:
        return None
    if _MEASURED.search(quantity.text) or not all(float(v).is_integer() for v in quantity.values):
        return None  # "a 27-year-old", "about 130km/h", "measuring 4.9": not things counted
    more = [tokens[j]] if j < len(tokens) and tokens[j].lower in _MORE else []
    another = i > 0 and tokens[i - 1].lower == "another"
    contrast = i > 0 and tokens[i - 1].lower in _CONTRAST
    if not (more or another or contrast):
        return None  # "two cars collided and four were injured": people, not cars
    if j < len(tokens) and tokens[j].tag in NOUN:
        return None  # "12 points short": a noun of its own, a unit the labeller refused
    if any(t.tag == "CD" or t.lower in _AGE_WORDS for t in tokens[before_end:i]):
        return None  # "three children, aged 15, 12 and nine"
    end = noun_phrase(tokens, before_end, min(len(tokens), before_end + WINDOW))
    named = [t for t in tokens[before_end:end] if t.tag in NOUN]
    if not named or not all(is_unit_noun(t) and t.lower not in TIME_WORDS for t in named):
        return None  # "64 points, 12 clear": a unit or a time says nothing of what
    after = j + len(more)
    did = verb_group(tokens, after, min(len(tokens), after + WINDOW))
    return [*more, *named, *content(list(tokens[after:did]))]
