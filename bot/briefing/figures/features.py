"""What the selector knows about a candidate figure: general traits, as numbers.

Each feature is a trait an editor would weigh, read the same way in every article: the
kind of quantity and its size; whether it is a date, a year, a time span, an age or an
ordinal; where it stands in the story and whether it is said again or in the headline;
the :mod:`cues` around it (a baseline, a toll, a capacity...) and a few closed word lists
(records, totals, changes); whether :mod:`label` found what it counts. None of them names
an article, a sentence or a word of one. :mod:`selector` weighs them.

Every feature reads a bounded window around the figure and the figure's neighbours in its
sentence, so the work grows with the number of figures, not with their square.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.briefing.figures.cues import (
    is_apposed_age,
    is_baseline,
    is_capacity,
    is_delta,
    is_endpoint,
    is_follow_up,
    is_place,
    is_toll,
)
from bot.briefing.figures.numbers import Quantity
from bot.briefing.figures.words import word_set

__all__ = [
    "FEATURES",
    "ArticleFacts",
    "SentenceFacts",
    "feature_vector",
    "in_title",
    "sentence_facts",
]

FEATURES: tuple[str, ...] = (
    "kind_money",
    "kind_percent",
    "kind_count",
    "kind_year",
    "kind_date",
    "kind_ordinal",
    "two_values",  # a range, a change, a part of a whole, a tally
    "measure_unit",  # "60 miles", "112mm", "a 12-acre site"
    "in_words",  # "two", "a dozen"
    "log_magnitude",
    "below_ten",
    "at_most_two",
    "fine_decimals",  # "16.057%": a reading
    "date_with_day",
    "time_span",  # "12 months", "72 hours"
    "time_ago",  # "four years ago", "two weeks later": when, not how many
    "span_adjective",  # "a 25-minute walk", "a two-year contract": describes a thing
    "age",
    "appositive_age",  # "Braun, 38, said": an age beside a name
    "before_capital",  # "11 Pro", "the 7 Line": a number before a name is often part of it
    "every_before",  # "every 12 minutes": a headway or a schedule
    "hedged",  # "about", "more than"
    "relative_position",
    "lead_sentence",
    "early_sentence",
    "in_title",
    "said_again",
    "rounded_echo",  # "about $44 million" after "$44.2 million": a restatement
    "first_mention",
    "heading",  # no closing punctuation: a headline, caption or list line
    "in_quote",
    "in_brackets",
    "follow_up",
    "baseline",
    "endpoint",
    "capacity_or_place",
    "toll",
    "change_before",
    "record_near",
    "total_near",
    "no_label",
    "impact_label",
    "label_length",
    "sentence_length",
    "crowded_sentence",
    "largest_of_kind",
    "article_figures",
)

_NEIGHBOURS = 3  # quantities either side that the cues may compare with
_WINDOW = 60  # characters either side read for cue words
_QUOTE_REACH = 400  # characters either side counted for quotation marks

_UNIT = re.compile(
    r"(?:mph|kph|km/h|miles?|km|kilomet(?:er|re)s?|met(?:er|re)s?|feet|ft|inch(?:es)?|kg|"
    r"kilograms?|tonnes?|tons?|acres?|hectares?|degrees?|mm|cm|millimet(?:er|re)s?|"
    r"centimet(?:er|re)s?|gallons?|lit(?:er|re)s?|barrels?|-[a-z]+)$",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_FINE = re.compile(r"\d\.\d{2,}")
_DAY = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\b")
_TIME_SPAN = re.compile(
    r"^[\s-]*(?:sec(?:ond)?s?|min(?:ute)?s?|h(?:ou)?rs?|hours?|days?|nights?|weeks?|months?|"
    r"years?|decades?|centuries|innings|laps?)\b",
    re.IGNORECASE,
)
_AGO = re.compile(
    r"^\s+(?:sec(?:ond)?s?|min(?:ute)?s?|hours?|days?|nights?|weeks?|months?|years?|decades?)"
    r"\s+(?:ago|later|earlier|before|after|on|back|since)\b",
    re.IGNORECASE,
)
_SPANS = (
    r"-(?:sec(?:ond)?|min(?:ute)?|h(?:ou)?r|hour|day|night|week|month|year|decade|mile|km|"
    r"inch|foot|ft|metre|meter|acre|storey|story|bedroom|seat|point|mph)"
)
_SPAN_ADJECTIVE = re.compile(rf"^{_SPANS}\b(?!s)", re.IGNORECASE)
_SPAN_IN_TEXT = re.compile(rf"{_SPANS}$", re.IGNORECASE)
_AGE = re.compile(r"-?\byears?[- ]olds?\b|\baged\s+(?:between\s+)?$|\bage\s+(?:of\s+)?$", re.I)
_CAPITAL_AFTER = re.compile(r"^\s[A-Z][a-z]")
_EVERY = re.compile(r"\bevery\s+$", re.IGNORECASE)
_HEDGED = re.compile(
    r"^(?:about|around|approximately|roughly|nearly|almost|some|over|under|more|less|fewer|no|not|"
    r"up|at|as|an|close|just|between)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_QUOTES = re.compile(r"[\"“”]")
_CHANGE = re.compile(
    r"\b(?:rose|rise|rising|risen|fell|fall|falling|fallen|grew|grow|increased?|decreased?|"
    r"cut|dropped|drop|declined?|jumped|climbed|slumped|surged|doubled|tripled|reduced?|"
    r"raised?|lowered?|up|down|gained?|lost|lose|soared|plunged)\b[^,.;]{0,25}$",
    re.IGNORECASE,
)
_RECORD = re.compile(
    r"\b(?:record|highest|lowest|largest|biggest|smallest|most|fewest|worst|best|first\s+time|"
    r"all-time|ever|since\s+records)\b",
    re.IGNORECASE,
)
_TOTAL = re.compile(r"\b(?:total(?:l?ing|l?ed)?|in\s+all|overall|altogether|combined)\b", re.I)
_IMPACT = word_set(
    """people persons residents homes houses households jobs workers employees staff
    students pupils patients deaths dead cases diagnoses infections victims casualties
    injuries troops soldiers children families customers voters members officers
    refugees migrants protesters passengers votes seats users visitors tourists"""
)


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    """What the features need to know about the whole article."""

    sentences: int
    figures: int
    title_numbers: frozenset[float]
    mentions: dict[tuple[float, ...], int]  # how many sentences give each value
    first_position: dict[tuple[float, ...], int]
    largest: dict[str, float]  # the largest magnitude of each kind
    echoes: frozenset[tuple[int, int]]  # (sentence, start) of values restating earlier ones


_ROUNDED_MIN = 1000  # headlines round big numbers: "$9 billion" for "$8.8 billion"...
_ROUNDING = 0.06  # ...by a few percent at most


def in_title(quantity: Quantity, title_numbers: frozenset[float]) -> bool:
    """A value of ``quantity`` is in the headline, as written or rounded."""
    rounded = quantity.kind in ("money", "percent", "count")  # not years: 2000 is not 1990
    for value in quantity.values:
        if value in title_numbers:
            return True
        if rounded and any(
            title >= _ROUNDED_MIN
            and float(f"{title:.2g}") == title
            and abs(value - title) <= _ROUNDING * title
            for title in title_numbers
        ):
            return True
    return False


def _open_quote(sentence: str, quantity: Quantity) -> bool:
    before = len(_QUOTES.findall(sentence, max(0, quantity.start - _QUOTE_REACH), quantity.start))
    after = len(_QUOTES.findall(sentence, quantity.end, quantity.end + _QUOTE_REACH))
    return bool(before % 2 or after % 2)


def _in_brackets(sentence: str, quantity: Quantity) -> bool:
    before = sentence[max(0, quantity.start - _WINDOW) : quantity.start]
    return before.rfind("(") > before.rfind(")")


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    """What the features need to know about the whole sentence, read once for all its
    figures."""

    text: str
    position: int
    words: int
    heading: bool
    follow_up: bool


def sentence_facts(sentence: str, position: int) -> SentenceFacts:
    return SentenceFacts(
        sentence,
        position,
        len(sentence.split()),
        _SENTENCE_END.search(sentence) is None,
        is_follow_up(sentence),
    )


def feature_vector(
    where: SentenceFacts,
    quantity: Quantity,
    label: str,
    neighbours: Sequence[Quantity],
    facts: ArticleFacts,
) -> tuple[float, ...]:
    """The values of :data:`FEATURES` for ``quantity`` in its sentence, in that order.

    ``neighbours`` are the quantities near it in its sentence (itself included).
    """
    sentence, position = where.text, where.position
    others = list(neighbours)
    kind = quantity.kind
    text = quantity.text
    magnitude = quantity.magnitude
    before = sentence[max(0, quantity.start - _WINDOW) : quantity.start]
    after = sentence[quantity.end : quantity.end + _WINDOW]
    near = before + " " + after
    label_words = label.lower().split()
    length = max(facts.sentences, 1)
    small = kind == "count" and magnitude < 10
    baseline = is_baseline(sentence, quantity, others) or is_delta(sentence, quantity, others)
    values = {
        "kind_money": kind == "money",
        "kind_percent": kind == "percent",
        "kind_count": kind == "count",
        "kind_year": kind == "year",
        "kind_date": kind == "date",
        "kind_ordinal": kind == "ordinal",
        "two_values": len(quantity.values) == 2,
        "measure_unit": _UNIT.search(text) is not None and kind == "count",
        "in_words": _DIGIT.search(text) is None,
        "log_magnitude": min(math.log10(magnitude + 1), 12.0) / 12,
        "below_ten": small,
        "at_most_two": small and magnitude <= 2,
        "fine_decimals": _FINE.search(text) is not None,
        "date_with_day": kind == "date" and _DAY.search(text) is not None,
        "time_span": _TIME_SPAN.match(after) is not None,
        "time_ago": _AGO.match(after) is not None,
        "span_adjective": _SPAN_ADJECTIVE.match(after) is not None
        or _SPAN_IN_TEXT.search(text) is not None,
        "appositive_age": is_apposed_age(sentence, quantity),
        "before_capital": _CAPITAL_AFTER.match(after) is not None,
        "age": _AGE.search(text) is not None or _AGE.search(before) is not None,
        "every_before": _EVERY.search(before) is not None,
        "hedged": _HEDGED.match(text) is not None,
        "relative_position": position / length,
        "lead_sentence": position == 0,
        "early_sentence": position < 3,
        "in_title": in_title(quantity, facts.title_numbers),
        "said_again": facts.mentions.get(quantity.values, 0) > 1,
        "rounded_echo": (position, quantity.start) in facts.echoes,
        "first_mention": facts.first_position.get(quantity.values, position) == position,
        "heading": where.heading,
        "in_quote": _open_quote(sentence, quantity),
        "in_brackets": _in_brackets(sentence, quantity),
        "follow_up": where.follow_up,
        "baseline": baseline,
        "endpoint": is_endpoint(sentence, quantity, others),
        "capacity_or_place": is_capacity(sentence, quantity) or is_place(sentence, quantity),
        "toll": is_toll(sentence, quantity, label),
        "change_before": not baseline
        and kind in ("money", "percent", "count")
        and _CHANGE.search(before) is not None,
        "record_near": _RECORD.search(near) is not None,
        "total_near": _TOTAL.search(near) is not None,
        "no_label": not label_words,
        "impact_label": bool(_IMPACT.intersection(label_words)),
        "label_length": min(len(label_words), 7) / 7,
        "sentence_length": min(math.log2(where.words + 1), 7.0) / 7,
        "crowded_sentence": min(len(others) - 1, 6) / 6,
        "largest_of_kind": magnitude >= facts.largest.get(kind, math.inf),
        "article_figures": min(math.log2(facts.figures + 1), 7.0) / 7,
    }
    return tuple(float(values[name]) for name in FEATURES)
