"""A figure and the total it brings something to: one fact, boxed once.

"The storm killed 12 more people, bringing the death toll to 340", "will hire 250 more
staff, taking its workforce to 700", "pay 4.2% more, which brings tuition to $39,600":
the figure is shown as first said, with the total in its label in the article's words.
Only the one figure of its clause joins: in "12 soldiers and 3 civilians were killed,
bringing the toll to 95" neither alone brought the toll there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.briefing.figures.cues import is_apposed_age
from bot.briefing.figures.label_vocab import TOTAL_AT, TOTAL_VERBS
from bot.briefing.figures.numbers import SPAN_AFTER, Quantity
from bot.briefing.figures.rank import Candidate

__all__ = ["increment_of", "total_after"]

# ", bringing the death toll to", " and taking its workforce to", ", which will bring the
# total to", ", putting the toll at", " and bring its workforce to": a verb that carries
# what was added to the total it reached, and what the total counts (a few words, perhaps
# with a number of their own: "the 7-day average", "losses since 2021").
# A verb in the past or present joins only after "which": "sold 500 tickets and raised the
# price to $12" is another act.
_BASE, _PRESENT, _PAST, _PARTICIPLE = ("|".join(forms) for forms in zip(*TOTAL_VERBS, strict=True))
_BRINGS = re.compile(
    rf"(?:,\s*(?P<which>(?:which|that)\s+)"
    rf"(?:(?:will|would|could)\s+(?:{_BASE})|{_PRESENT}|{_PAST})"
    rf"|(?:,\s*|\s+and\s+)(?P<verb>{_PARTICIPLE})"
    rf"|(?:,\s*|\s+)(?P<base>(?:and|to)\s+(?:{_BASE})))"
    r"(?P<what>(?:\s+[\w'’.-]+){1,8}?)\s+(?P<to>to|at|past)\s+$",
    re.IGNORECASE,
)
# what stands between the figure and the verb: its own words, no other figure or clause
_BEFORE = re.compile(r"^[^;:()\"“”\d]{0,70}$")
# what the total counts, once the verb is said: no clause break
_WHAT = re.compile(r"^[^;:()\"“”]*$")
_KINDS = frozenset({"count", "money", "percent"})
_REACH = 160  # characters from the figure to its total
# "in 2 attacks", "in 3 sets", "of 40 officers": a figure inside a phrase of another's
_INSIDE = re.compile(r"\b(?:in|of|at|over|across|from|among)\s+$", re.IGNORECASE)
# "to 46, up from 35 on Friday": the total has a comparison of its own
_OWN_COMPARISON = re.compile(r"\s*,?\s*(?:(?:up|down)\s+from\b|compared\s+)", re.I)
_CLAUSE_END = re.compile(r"[;:]|,\s+(?:and|but)\s")
_UNIT = re.compile(r"\d\s*([A-Za-z]+)$")
_SCALES = frozenset({"million", "billion", "trillion", "thousand", "m", "bn", "k", "tn", "mn"})
_NEXT_WORD = re.compile(r"\s+([a-z]+)")
_PEOPLE = frozenset({"people", "persons"})
_NOT_A_SUM = re.compile(r"\b(?:average|mean|median|rate|share|proportion)\b", re.IGNORECASE)
_FIRST_WORDS = re.compile(r"(?:\s+[\w'’-]+){0,3}")
# words after a total that name no thing of its own: "to 340 last year", "to 700 by June"
_NAMES_NOTHING = frozenset(
    {"in", "on", "at", "by", "for", "from", "of", "to", "since", "last", "this", "next", "so"}
    | {"far", "as", "and", "but", "or", "after", "before", "over", "with", "when", "while"}
    | {"according", "said", "says", "per", "each", "a", "an", "the", "its"}
    | {"their", "his", "her", "mark", "percent", "cent", "points", "point"}
)


def _other_thing(sentence: str, first: Quantity, total: Quantity, what: str) -> bool:
    """ "took 12 people to 3 police stations", "added 12 routes, bringing its fleet to 340
    aircraft", "raising concerns at 3 of the sites": the total counts a thing of its own,
    neither named just after the first figure nor in what was brought to it."""
    noun = _NEXT_WORD.match(sentence, total.end)
    if noun is None:
        return False
    if noun[1] == "of":
        return True
    if noun[1] in _NAMES_NOTHING or noun[1] in _PEOPLE or noun[1] in what.lower().split():
        return False
    near_first = _FIRST_WORDS.match(sentence, first.end)
    return noun[1] not in (near_first.group().lower().split() if near_first else [])


def _alone(sentence: str, first: Quantity, others: Sequence[Quantity]) -> bool:
    """The figure is its clause's one figure ("12 soldiers and 3 civilians were killed":
    neither), not inside another's phrase ("in 2 attacks") nor an age set off by commas
    ("the striker, 31, scored")."""
    before = sentence[max(0, first.start - 12) : first.start]
    if _INSIDE.search(before) or is_apposed_age(sentence, first):
        return False
    for other in others:
        if other.end > first.start:
            break
        if (
            other.kind in _KINDS
            and not is_apposed_age(sentence, other)
            and not _CLAUSE_END.search(sentence, other.end, first.start)
        ):
            return False
    return True


def _smaller(first: Quantity, total: Quantity, what: str) -> bool:
    """ "30 people died ..., which brought the number of disasters this year to 12": a
    total no bigger than what was added is of something else (an average or a rate may
    be: "1,200 new cases, bringing the 7-day average to 900")."""
    return (
        total.kind == first.kind != "percent"
        and total.values[0] < first.values[0]
        and not _NOT_A_SUM.search(what)
    )


def _unit(quantity: Quantity) -> str:
    """ "feet" of "40,000 feet", "mm" of "12mm": the unit written with the number."""
    unit = _UNIT.search(quantity.text)
    return unit[1].lower() if unit and unit[1].lower() not in _SCALES else ""


def _brings(sentence: str, first: Quantity, total: Quantity) -> re.Match[str] | None:
    """The words that bring ``first`` to ``total``, or ``None``."""
    if (
        total.kind not in _KINDS
        or len(total.values) != 1
        or (total.kind != first.kind and first.kind != "percent")
        or total.start - first.end > _REACH
        or SPAN_AFTER.match(sentence, total.end)
        or (first.kind == "count" and _unit(total) != _unit(first))  # "to 40,000 feet"
    ):
        return None
    gap = sentence[first.end : total.start]
    brings = _BRINGS.search(gap)
    if (
        brings is None
        or not _BEFORE.match(gap[: brings.start()])
        or not _WHAT.match(brings["what"])
        or (brings["to"].lower() == "at" and TOTAL_AT.isdisjoint(brings.group().lower().split()))
        or _smaller(first, total, brings["what"])
        or _OWN_COMPARISON.match(sentence, total.end)
        or _other_thing(sentence, first, total, brings["what"])
    ):
        return None
    return brings


def _total_of(
    sentence: str, first: Quantity, others: Sequence[Quantity]
) -> tuple[Quantity, int] | None:
    """The total ``first`` brought something to, and where the words saying so start."""
    if (
        first.kind not in _KINDS
        or len(first.values) != 1
        or SPAN_AFTER.match(sentence, first.end)
        or not _alone(sentence, first, others)
    ):
        return None
    for total in (o for o in others if o.start >= first.end):
        if total.start - first.end > _REACH:
            return None
        brings = _brings(sentence, first, total)
        if brings is not None:
            start = next(brings.start(g) for g in ("which", "verb", "base") if brings[g])
            return total, first.end + start
    return None


def total_after(candidate: Candidate, others: Sequence[Quantity]) -> tuple[Quantity, str] | None:
    """For a figure, the total it brought something to just after it, and the words that
    say so ("bringing the death toll to 340"); ``others`` are the sentence's quantities in
    reading order."""
    found = _total_of(candidate.sentence, candidate.quantity, others)
    if found is None:
        return None
    total, start = found
    return total, candidate.sentence[start : total.end]


def increment_of(candidate: Candidate, others: Sequence[Quantity]) -> Quantity | None:
    """For a total, the figure before it that brought something to it: the box shows that
    one, with the total in its label."""
    before = [o for o in others if o.end <= candidate.quantity.start]
    for first in reversed(before[-4:]):  # past "the 7-day average", "since 2021"
        found = _total_of(candidate.sentence, first, others)
        if found is not None and found[0] == candidate.quantity:
            return first
    return None
