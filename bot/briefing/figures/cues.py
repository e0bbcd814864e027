"""What the words around a figure say about it, read as a news editor would.

An editor boxes the new value, not the one it is compared with ("to $9.1 billion, down
from $19.5 billion") nor the step that led to it ("rose by £10 to £145"); the size of a
change, not its two ends when both are given ("rose by 37 percent, from 0.90 percent to
1.23 percent"); the first statement of a number, not the sentence that works it out
again ("That would work out to..."); what happened, not what a thing can hold ("seating
242 to 330 passengers") or where it is ("60 miles away"); and a death toll, however
small ("Two people died").
"""

from __future__ import annotations

import re

from bot.briefing.figures.numbers import Quantity

__all__ = [
    "is_apposed_age",
    "is_baseline",
    "is_capacity",
    "is_delta",
    "is_endpoint",
    "is_follow_up",
    "is_place",
    "is_toll",
]

# "up from 2,650", "from 8,100", "compared with 74%", "against 92 per cent", "than 3,000".
_BASELINE_BEFORE = re.compile(
    r"(?:\b(?:up|down|rising|falling|risen|fallen)\s+)?\b(?:from|compared\s+(?:with|to)|"
    r"against|versus|vs\.?|than)\s+(?:an?\s+|the\s+)?(?:[^\W\d]+\s+){0,3}$",
    re.IGNORECASE,
)
# "68% ... a year earlier": "74% a year earlier", "in the previous year".
_BASELINE_AFTER = re.compile(
    r"^\s*(?:a|one|the)\s+(?:year|month|week|decade)\s+(?:earlier|before|ago)\b"
    r"|^\s*(?:in\s+)?the\s+(?:previous|prior)\s+(?:year|month|week|quarter)\b",
    re.IGNORECASE,
)
# A sentence that opens by pointing back at what came before: "That figure has...",
# "If that holds up, that would...", "For context, that's...".
_FOLLOW_UP = re.compile(
    r"^\W*(?:(?:if|for\s+context|in\s+other\s+words|put\s+another\s+way|by\s+comparison)"
    r"\b[^,]{0,30},\s*)?(?:that|this|those|these)(?:'s|’s|\s+(?:figure|number|amount|sum|"
    r"total|would|is|was|will|means|works?|equals?|compares))\b",
    re.IGNORECASE,
)
_TOLL_NOUNS = re.compile(
    r"\b(?:deaths?|dead|fatalities|casualties|victims|injuries|injured|wounded|cases|"
    r"diagnos[ei]s|infections)\b",
    re.IGNORECASE,
)
# "killed a total of 346 people", "Two people died", "100 million people may have perished".
_TOLL_BEFORE = re.compile(
    r"\b(?:killed|killing|kills|(?:claimed|cost|took)\s+the\s+lives\s+of|"
    r"death\s+toll\s+(?:of|rose\s+to|reached|to))\s+"
    r"(?:a\s+total\s+of\s+|at\s+least\s+)?$",
    re.IGNORECASE,
)
_TOLL_AFTER = re.compile(
    r"^[\s-]*(?:[\w-]+\s+){0,3}?(?:(?:have|had|were|was|are|is|may\s+have|have\s+been|"
    r"had\s+been)\s+)?(?:died|killed|perished|dead|injured|hurt|wounded|"
    r"hospitali[sz]ed|diagnosed|infected)\b",
    re.IGNORECASE,
)

# "seating 242 to 330 passengers", "able to treat 9,000 patients a year": what a thing
# can hold is a specification, not what happened.
_CAPACITY = re.compile(
    r"\b(?:seating|seats?|capacity|able\s+to\s+\w+|can\s+(?:hold|carry|seat|take|treat|"
    r"house|accommodate)|holds?|accommodat\w+)\s+(?:up\s+to\s+|about\s+|some\s+)?$",
    re.IGNORECASE,
)


def is_capacity(sentence: str, quantity: Quantity) -> bool:
    """``quantity`` is what something can hold or do, a specification."""
    return _CAPACITY.search(sentence, max(0, quantity.start - 30), quantity.start) is not None


_DISTANCE = re.compile(r"(?:miles?|km|kilomet(?:er|re)s?)$", re.IGNORECASE)
_WHERE = re.compile(
    r"\s*(?:away|north|south|east|west|(?:north|south)-?(?:east|west)|from|outside|off|"
    r"offshore|inland|up\s+the|down\s+the)\b",
    re.IGNORECASE,
)


def is_place(sentence: str, quantity: Quantity) -> bool:
    """A distance that says where something is ("60 miles away"), not how far it went."""
    return bool(_DISTANCE.search(quantity.text) and _WHERE.match(sentence, quantity.end))


def is_baseline(sentence: str, quantity: Quantity, others: list[Quantity]) -> bool:
    """``quantity`` is what another figure of the sentence is compared with."""
    if not any(o.kind == quantity.kind and o.start != quantity.start for o in others):
        return False  # "from an original estimate of 660,000": the only figure, so the news
    if len(quantity.values) == 2:
        return False  # "from 10% to 25%": both ends of the change
    before = sentence[max(0, quantity.start - 40) : quantity.start]
    after = sentence[quantity.end : quantity.end + 60]
    return bool(_BASELINE_BEFORE.search(before) or _BASELINE_AFTER.match(after))


_BY = re.compile(r"\bby\s+$", re.IGNORECASE)
_THEN_TO = re.compile(r"\s+to\s+$", re.IGNORECASE)


def is_delta(sentence: str, quantity: Quantity, others: list[Quantity]) -> bool:
    """``quantity`` is a step whose result comes next: the £10 of "rose by £10 to £145".

    The level it led to is the figure; its label carries the step ("fell by £4.5 million").
    """
    if not _BY.search(sentence, max(0, quantity.start - 10), quantity.start):
        return False
    result = next((o for o in others if o.start > quantity.start), None)
    return (
        result is not None
        and result.kind == quantity.kind
        and _THEN_TO.fullmatch(sentence, quantity.end, result.start) is not None
    )


_FROM = re.compile(r"\bfrom\s+(?:an?\s+|the\s+)?(?:[^\W\d]+\s+){0,3}$", re.IGNORECASE)
_TO = re.compile(r"\b(?:down|up|back)?\s*to\s+$", re.IGNORECASE)


def is_endpoint(sentence: str, quantity: Quantity, others: list[Quantity]) -> bool:
    """``quantity`` is an end of a change whose size the sentence has already given.

    "rose by 37 percent, from 0.90 percent to 1.23 percent"; "100 million people
    perished, reducing the population from 450 million to 350 million": the change is
    the figure, its ends restate it.
    """
    earlier = [o for o in others if o.kind == quantity.kind and o.end <= quantity.start]
    if len(quantity.values) == 2 and quantity.text.lower().startswith("from"):
        return bool(earlier)
    if len(earlier) < 2 or not _TO.search(sentence, earlier[-1].end, quantity.start):
        return False
    start = earlier[-1].start
    return _FROM.search(sentence, max(0, start - 40), start) is not None


# "Braun, 38, said": an age beside a name, set off as an apposition
_NAME_COMMA = re.compile(r"\b[A-Za-z][\w'’.-]*,\s*$")
_APPOSITION_END = re.compile(r"^\s*(?:[,;)–—]|-\s)")
_APPOSED_REACH = 60  # characters read either side


def is_apposed_age(sentence: str, quantity: Quantity) -> bool:
    """A small whole number set off after a name: "Braun, 38, said", "the striker, 31,
    scored"."""
    before = sentence[max(0, quantity.start - _APPOSED_REACH) : quantity.start]
    after = sentence[quantity.end : quantity.end + _APPOSED_REACH]
    return (
        quantity.kind == "count"
        and quantity.values[0] < 120
        and quantity.text.isdigit()
        and _NAME_COMMA.search(before) is not None
        and _APPOSITION_END.match(after) is not None
    )


def is_follow_up(sentence: str) -> bool:
    """The sentence works out or restates a figure said just before it."""
    return _FOLLOW_UP.match(sentence) is not None


def is_toll(sentence: str, quantity: Quantity, label: str) -> bool:
    """A count of the dead, hurt or sick: "Two people died", "three confirmed diagnoses"."""
    if quantity.kind != "count":
        return False
    return bool(
        _TOLL_NOUNS.search(label)
        or _TOLL_BEFORE.search(sentence, max(0, quantity.start - 30), quantity.start)
        or _TOLL_AFTER.match(sentence[quantity.end : quantity.end + 60])
    )
