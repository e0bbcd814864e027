"""The hand-tuned figure ranking that the learned selector replaced, kept as a baseline.

Only ``benchmarks/train_figure_selector.py`` uses it, to print beside the selector's
cross-validated scores what this ranking scored on the same dev articles. What follows
is its original description.

Newsworthiness of a figure: what kind of number, how big, how early, said once.

Each figure is scored on its own (its kind, size, label, place in the article and the
:mod:`cues` around it); the box is then filled best first, each figure once, with a
figure from a sentence already used discounted: one sentence seldom holds more than one
headline number, and the box should cover the story's parts, not its lead alone.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from bot.briefing.figures.cues import (
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

__all__ = ["LegacyCandidate", "rank_candidates"]

_KIND_WEIGHT = {
    "money": 1.0,
    "percent": 0.9,
    "count": 0.6,
    "date": 0.5,  # month and year: when the event happened
    "year": 0.2,
    "ordinal": 0.3,
}
# The lead carries the story's main numbers, but explainers spread them out, so the
# prior falls with the share of the article read as well as with the sentence count.
_POSITION_DECAY = 0.02
_DEPTH_DECAY = 0.5
_SMALL_COUNT = 10  # "three", "7": true but rarely the headline number
_RANGE_BONUS = 0.15
_LABEL_BONUS = 0.15  # a count that says what it counts ("4,000 jobs") beats a bare one
_IMPACT_BONUS = 0.15  # counts of people and their homes, jobs and lives lead the news
_CHANGE_BONUS = 0.2  # "rose by 37 percent", "cut to $9.1 billion": a change is news
_TITLE_BONUS = 0.4
_ROUNDED_MIN = 1000  # headlines round big numbers: "$9 billion" for "$8.8 billion"...
_ROUNDING = 0.06  # ...by a few percent at most
_QUOTE_PENALTY = 0.3  # numbers inside a quotation are often rhetoric ("10 cents")
_NO_LABEL_PENALTY = 0.2
_TIME_PENALTY = 0.3  # "12 months", "two years": a span of time is context
_AGE_PENALTY = 0.25  # "a 55-year-old man": an attribute of a person, seldom the news
_HEADING_PENALTY = 0.3  # a headline or caption: the body sentence says it better
_BASELINE_PENALTY = 0.35  # "up from 2,650": the old value beside the new one
_FOLLOW_UP_PENALTY = 0.25  # "That would work out to...": a figure worked out again
_TOLL_BONUS = 0.3  # the dead and the sick are news even when few
_FINE_PENALTY = 0.2  # "16.057%", "15.36 percent": a reading, not a number to box
_CAPACITY_PENALTY = 0.3  # "seating 242 to 330 passengers", "60 miles away": a description
_ENDPOINT_PENALTY = 0.3  # "from 0.90 percent to 1.23 percent" after "rose by 37 percent"
_SAME_SENTENCE = 0.7  # each figure already taken from a sentence discounts the next
# "30%" and "30 jets" are different figures; "a third case" and "three cases" are not.
_UNIT = {"money": "money", "percent": "percent"}
_PER_SENTENCE = 3
_KEEP_RATIO = 0.5  # after the first three, stop at figures this far below the third
_MIN_SCORE = 0.25  # ...or this weak: a year or a small count nobody would box

_CHANGE = re.compile(
    r"\b(?:rose|rise|rising|risen|fell|fall|falling|grew|grow|increased?|decreased?|cut|"
    r"dropped|drop|declined?|jumped|climbed|slumped|surged|doubled|tripled|reduced?|raised?|"
    r"lowered?|by|to|up|down)\b[^,.;]{0,25}$",
    re.IGNORECASE,
)
_TIME_SPAN = re.compile(
    r"^[\s-]*(?:sec(?:ond)?s?|min(?:ute)?s?|h(?:ou)?rs?|hours?|days?|weeks?|months?|years?"
    r"|decades?)\b"
)
_AGE = re.compile(r"-?\byears?[- ]olds?\b|\baged\s+(?:between\s+)?$", re.IGNORECASE)
_IMPACT_NOUNS = word_set(
    """people persons residents homes houses households jobs workers employees staff
    students pupils patients deaths dead cases diagnoses infections victims casualties
    injuries troops soldiers children families customers voters members officers
    counties states cities towns schools businesses companies refugees migrants
    protesters"""
)
_DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_QUOTES = re.compile(r"[\"“”]")
_FINE_DECIMALS = re.compile(r"\d\.\d{2,}")


@dataclass(frozen=True, slots=True)
class LegacyCandidate:
    """A quantity in its sentence, with the label found for it."""

    position: int  # index of the sentence in the article
    sentence: str
    quantity: Quantity
    label: str


def _is_publication_date(quantity: Quantity, published: date | None) -> bool:
    if published is None or quantity.kind != "date":
        return False
    day = _DAY.search(quantity.text)
    return (
        published.strftime("%b").lower() in quantity.text.lower()
        and quantity.values[-1] == published.year
        and (day is None or int(day[1]) == published.day)
    )


def _in_title(value: float, title_numbers: set[float], *, rounded: bool) -> bool:
    """``value`` is in the headline, as written or rounded ("$9 billion" for $8.8 billion)."""
    if value in title_numbers:
        return True
    return rounded and any(
        title >= _ROUNDED_MIN
        and float(f"{title:.2g}") == title
        and abs(value - title) <= _ROUNDING * title
        for title in title_numbers
    )


def _score(
    candidate: LegacyCandidate,
    title_numbers: set[float],
    siblings: list[Quantity],
    length: int,
) -> float:
    quantity = candidate.quantity
    sentence = candidate.sentence
    before = sentence[max(0, quantity.start - 60) : quantity.start]
    score = _KIND_WEIGHT[quantity.kind]
    toll = is_toll(sentence, quantity, candidate.label)
    if quantity.kind == "date" and _DAY.search(quantity.text):
        score -= 0.2  # "June 30, 2019" is a when, rarely the story's number
    if quantity.kind == "count":
        if quantity.magnitude < _SMALL_COUNT and not toll:
            score -= 0.45 if quantity.magnitude > 2 else 0.75
        else:
            score += min(0.3, math.log10(quantity.magnitude) / 20)
        if candidate.label:
            score += _LABEL_BONUS
        if _TIME_SPAN.match(sentence[quantity.end :]):
            score -= _TIME_PENALTY
        if _IMPACT_NOUNS.intersection(candidate.label.lower().split()):
            score += _IMPACT_BONUS
        if _AGE.search(quantity.text) or _AGE.search(before):
            score -= _AGE_PENALTY
        elif toll:
            score += _TOLL_BONUS
    baseline = is_baseline(sentence, quantity, siblings) or is_delta(sentence, quantity, siblings)
    if baseline:
        score -= _BASELINE_PENALTY
    elif quantity.kind in ("money", "percent", "count") and _CHANGE.search(before):
        score += _CHANGE_BONUS
    if _FINE_DECIMALS.search(quantity.text):
        score -= _FINE_PENALTY
    after = sentence[quantity.end :]
    opened = _QUOTES.findall(sentence, 0, quantity.start)
    if len(opened) % 2 or len(_QUOTES.findall(after)) % 2:
        score -= _QUOTE_PENALTY
    if not candidate.label:
        score -= _NO_LABEL_PENALTY
    if not _SENTENCE_END.search(sentence):
        score -= _HEADING_PENALTY
    if is_endpoint(sentence, quantity, siblings):
        score -= _ENDPOINT_PENALTY
    if is_capacity(sentence, quantity) or is_place(sentence, quantity):
        score -= _CAPACITY_PENALTY
    if is_follow_up(sentence):
        score -= _FOLLOW_UP_PENALTY
    if len(quantity.values) == 2:
        score += _RANGE_BONUS
    rounded = quantity.kind in ("money", "percent", "count")  # not years: 2000 is not 1990
    if any(_in_title(value, title_numbers, rounded=rounded) for value in quantity.values):
        score += _TITLE_BONUS
    position = candidate.position
    return score / (1.0 + _POSITION_DECAY * position + _DEPTH_DECAY * position / length)


def rank_candidates(
    candidates: list[LegacyCandidate],
    *,
    title_numbers: set[float],
    published: date | None,
    limit: int,
) -> list[LegacyCandidate]:
    """The most newsworthy candidates, best first, one per distinct quantity."""
    # A headline or caption repeating a body figure gives way to the body sentence.
    in_body = {c.quantity.values for c in candidates if _SENTENCE_END.search(c.sentence)}
    candidates = [
        c
        for c in candidates
        if _SENTENCE_END.search(c.sentence) or c.quantity.values not in in_body
    ]
    siblings: dict[int, list[Quantity]] = {}
    for c in candidates:
        siblings.setdefault(c.position, []).append(c.quantity)
    length = max((c.position for c in candidates), default=0) + 1
    scored = [
        (_score(c, title_numbers, siblings[c.position], length), c)
        for c in candidates
        if not _is_publication_date(c.quantity, published)
    ]
    scored.sort(key=lambda pair: (-pair[0], pair[1].position, pair[1].quantity.start))
    return _pick(scored, limit)


def _pick(scored: list[tuple[float, LegacyCandidate]], limit: int) -> list[LegacyCandidate]:
    """Fill the box best first; a sentence already used makes its other figures weaker."""
    picked: list[LegacyCandidate] = []
    seen: set[tuple[str, tuple[float, ...]]] = set()
    per_sentence: Counter[int] = Counter()
    floor = 0.0
    while scored and len(picked) < limit:
        index, (score, candidate) = max(
            enumerate(scored),
            key=lambda item: (
                item[1][0] * _SAME_SENTENCE ** per_sentence[item[1][1].position],
                -item[0],
            ),
        )
        del scored[index]
        key = (_UNIT.get(candidate.quantity.kind, ""), candidate.quantity.values)
        weak = len(picked) >= 3 and score < floor
        if weak or key in seen or per_sentence[candidate.position] >= _PER_SENTENCE:
            continue
        seen.add(key)
        per_sentence[candidate.position] += 1
        picked.append(candidate)
        if len(picked) == 3:
            floor = max(score * _KEEP_RATIO, _MIN_SCORE)
    return picked
