"""A figure whose own words name nothing borrows them from the figure just before it.

Two shapes, each within one sentence and read on its tokens:

* a level told after its change, or a change told after its level, linked only by "to",
  "at", "or" and commas ("pre-tax profit fell 22% to £84 million", "shares closed down
  31.5p, or 14%, at 193.5p"): both measure one thing, which the first one's label says
  (a sum or a share on one side at least: "two or three days" is one count, not two);
* a count whose noun is left out because the sentence has just named it ("1.1 million
  people arrived, while about 670,000 left" → "people left"; "destroyed 143 buildings
  and threatens some 4,500 more" → "more buildings"): the earlier count's noun, with
  what this one did.

:func:`label_for` asks here only when every rule of its own found nothing.
"""

from __future__ import annotations

import re

from bot.briefing.figures.label_phrases import content, noun_phrase, verb_group
from bot.briefing.figures.label_vocab import (
    NOUN,
    TIME_WORDS,
    VERB,
    WINDOW,
    is_unit_noun,
)
from bot.briefing.figures.numbers import Quantity
from bot.briefing.figures.tagging import Token

__all__ = ["elided_noun", "linked_before"]

# What may stand between a change and its level: "fell 22% to £84m", "31.5p, or 14%, at"
_LINKS = frozenset({"to", "at", "or", ","})
_MAX_LINK = 3
_MEASURES = frozenset({"money", "percent", "count"})
_MORE = frozenset({"more", "others", "other"})
# What may come just before a count that stands for a noun already named: a verb or a
# conjunction ("while about 670,000 left", "threatens some 4,500 more", "and 12 were
# treated") or a determiner ("another 500 damaged", "the 14 recorded in 2019")
_OPENERS = frozenset({"CC", "DT"}) | VERB
_OPENING_WORDS = frozenset({"while", "whereas"})
_AGE_WORDS = frozenset({"aged", "age", "ages"})
_MEASURED = re.compile(r"\d[^\d\s,.]")  # a unit or a hyphen glued on: "5km", "27-year-old"


def _opens_a_count(token: Token) -> bool:
    return token.tag in _OPENERS or token.lower in _OPENING_WORDS


def linked_before(
    tokens: tuple[Token, ...], i: int, quantity: Quantity, before: Quantity, before_end: int
) -> bool:
    """Whether ``before`` (its tokens ending at ``before_end``) is the change or level of
    ``quantity`` (its tokens starting at ``i``): both measures, joined only by links."""
    if quantity.kind not in _MEASURES or before.kind not in _MEASURES:
        return False
    if "count" in (quantity.kind, before.kind) and quantity.kind == before.kind:
        return False  # "two or three days", "70 knots, or about 130km/h": one value twice
    link = tokens[before_end:i]
    return (
        0 < len(link) <= _MAX_LINK
        and all(t.lower in _LINKS for t in link)
        and any(t.lower != "," for t in link)  # "aged 15, 12 and nine": a list, not a change
    )


def elided_noun(
    tokens: tuple[Token, ...],
    i: int,
    j: int,
    quantity: Quantity,
    before: Quantity,
    before_end: int,
) -> list[Token] | None:
    """The words for ``quantity``, a count at tokens ``i:j`` whose noun is left out, from the count
    ``before`` it (its tokens ending at ``before_end``): that count's noun, with this
    one's verb, or None when the sentence named no such noun or this count has its own."""
    if before.kind != "count" or i - before_end > 2 * WINDOW:
        return None
    if _MEASURED.search(quantity.text) or not all(float(v).is_integer() for v in quantity.values):
        return None  # "a 27-year-old", "about 130km/h", "measuring 4.9": not things counted
    if any(t.lower in _AGE_WORDS for t in tokens[before_end:i]):
        return None  # "two daughters, now aged nine and five"
    if i == 0 or not _opens_a_count(tokens[i - 1]):
        return None  # "Judith Keane, 57,": an age; "at half past six": a time
    if j < len(tokens) and tokens[j].tag in NOUN:
        return None  # "12 points short": a noun of its own, a unit the labeller refused
    if any(t.tag == "CD" for t in tokens[before_end:i]):
        return None  # "three children, aged 15, 12 and nine": another number came between
    end = noun_phrase(tokens, before_end, min(len(tokens), before_end + WINDOW))
    named = [t for t in tokens[before_end:end] if t.tag in NOUN]
    if not named or not all(is_unit_noun(t) and t.lower not in TIME_WORDS for t in named):
        return None  # "64 points, 12 clear": a unit or a time says nothing of what
    more = [tokens[j]] if j < len(tokens) and tokens[j].lower in _MORE else []
    after = j + len(more)
    did = verb_group(tokens, after, min(len(tokens), after + WINDOW))
    return [*more, *named, *content(list(tokens[after:did]))]
