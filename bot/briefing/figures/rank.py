"""Newsworthiness of a figure: what kind of number, how big, how early, said once."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from bot.briefing.figures.numbers import Quantity
from bot.briefing.figures.words import word_set

__all__ = ["Candidate", "rank_candidates"]

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
_QUOTE_PENALTY = 0.3  # numbers inside a quotation are often rhetoric ("10 cents")
_NO_LABEL_PENALTY = 0.2
_TIME_PENALTY = 0.3  # "12 months", "two years": a span of time is context
_AGE_PENALTY = 0.25  # "a 55-year-old man": an attribute of a person, seldom the news
_HEADING_PENALTY = 0.3  # a headline or caption: the body sentence says it better
_CROWD_PENALTY = 0.15  # per other figure in the sentence: a breakdown, not a headline
_FIGURE_KINDS = ("money", "percent", "count")
_PER_SENTENCE = 3
_KEEP_RATIO = 0.4  # after the first three, stop at figures this far below the best

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


@dataclass(frozen=True, slots=True)
class Candidate:
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


def _score(candidate: Candidate, title_numbers: set[float], crowd: int, length: int) -> float:
    quantity = candidate.quantity
    before = candidate.sentence[max(0, quantity.start - 60) : quantity.start]
    score = _KIND_WEIGHT[quantity.kind]
    if quantity.kind == "date" and _DAY.search(quantity.text):
        score -= 0.2  # "June 30, 2019" is a when, rarely the story's number
    if quantity.kind == "count":
        if quantity.magnitude < _SMALL_COUNT:
            score -= 0.45 if quantity.magnitude > 2 else 0.75
        else:
            score += min(0.3, math.log10(quantity.magnitude) / 20)
        if candidate.label:
            score += _LABEL_BONUS
        if _TIME_SPAN.match(candidate.sentence[quantity.end :]):
            score -= _TIME_PENALTY
        if _IMPACT_NOUNS.intersection(candidate.label.lower().split()):
            score += _IMPACT_BONUS
        if _AGE.search(quantity.text) or _AGE.search(before):
            score -= _AGE_PENALTY
    if quantity.kind in ("money", "percent", "count") and _CHANGE.search(before):
        score += _CHANGE_BONUS
    after = candidate.sentence[quantity.end :]
    opened = _QUOTES.findall(candidate.sentence, 0, quantity.start)
    if len(opened) % 2 or len(_QUOTES.findall(after)) % 2:
        score -= _QUOTE_PENALTY
    if not candidate.label:
        score -= _NO_LABEL_PENALTY
    if not _SENTENCE_END.search(candidate.sentence):
        score -= _HEADING_PENALTY
    score /= 1.0 + _CROWD_PENALTY * (crowd - 1)
    if len(quantity.values) == 2:
        score += _RANGE_BONUS
    if title_numbers.intersection(quantity.values):
        score += _TITLE_BONUS
    position = candidate.position
    return score / (1.0 + _POSITION_DECAY * position + _DEPTH_DECAY * position / length)


def rank_candidates(
    candidates: list[Candidate],
    *,
    title_numbers: set[float],
    published: date | None,
    limit: int,
) -> list[Candidate]:
    """The most newsworthy candidates, best first, one per distinct quantity."""
    # A headline or caption repeating a body figure gives way to the body sentence.
    in_body = {c.quantity.values for c in candidates if _SENTENCE_END.search(c.sentence)}
    candidates = [
        c
        for c in candidates
        if _SENTENCE_END.search(c.sentence) or c.quantity.values not in in_body
    ]
    crowds = Counter(c.position for c in candidates if c.quantity.kind in _FIGURE_KINDS)
    length = max((c.position for c in candidates), default=0) + 1
    scored = sorted(
        (
            (_score(c, title_numbers, max(1, crowds[c.position]), length), c)
            for c in candidates
            if not _is_publication_date(c.quantity, published)
        ),
        key=lambda pair: (-pair[0], pair[1].position, pair[1].quantity.start),
    )
    picked: list[Candidate] = []
    seen: set[tuple[float, ...]] = set()
    per_sentence: Counter[int] = Counter()
    best = scored[0][0] if scored else 0.0
    for score, candidate in scored:
        if len(picked) >= limit or (len(picked) >= 3 and score < best * _KEEP_RATIO):
            break
        if candidate.quantity.values in seen or per_sentence[candidate.position] >= _PER_SENTENCE:
            continue
        seen.add(candidate.quantity.values)
        per_sentence[candidate.position] += 1
        picked.append(candidate)
    return picked
