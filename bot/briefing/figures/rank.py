"""From an article's quantities to its key figures: gather, weigh, fill the box.

:func:`gather` makes one :class:`Candidate` per quantity, with its label and its
:mod:`features`, leaving out the article's own publication date and a headline or caption
that only repeats a body figure. :func:`pick` fills the box from the most likely
figures: each fact once (the same value, or a value inside a range already shown), a
few per sentence so the box covers the story, and none below the selector's threshold
once its minimum is met, so a story with no figure worth boxing shows few or none.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from bot.briefing.figures.features import (
    FEATURES,
    ArticleFacts,
    feature_vector,
    sentence_facts,
)
from bot.briefing.figures.numbers import Quantity, find_quantities

__all__ = ["BoxPolicy", "Candidate", "gather", "pick"]

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")
_LONG_SENTENCE = 1200  # longer than any sentence an editor writes: a run-on or a table
_RUN_ON_FIGURES = 24
_NEIGHBOURS = 3  # quantities either side that the cues compare a figure with
_LABEL_WINDOW = 150  # characters either side of a figure that its label may read
# "30%" and "30 jets" are different figures; "a third case" and "three cases" are not.
_UNIT = {"money": "money", "percent": "percent"}

Labeller = Callable[[str, Quantity], str]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A quantity in its sentence, with its label and features."""

    position: int  # index of the sentence in the article
    sentence: str
    quantity: Quantity
    label: str
    features: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class BoxPolicy:
    """How the box is filled from the candidates' probabilities."""

    threshold: float  # below it a figure is shown only to reach ``minimum``
    minimum: int
    per_sentence: int
    maximum: int = 6


def _is_publication_date(quantity: Quantity, published: date | None) -> bool:
    if published is None or quantity.kind != "date":
        return False
    day = _DAY.search(quantity.text)
    return (
        published.strftime("%b").lower() in quantity.text.lower()
        and quantity.values[-1] == published.year
        and (day is None or int(day[1]) == published.day)
    )


def _local_label(labeller: Labeller, sentence: str, quantity: Quantity) -> str:
    """The label read from a window around the figure: a long run-on sentence costs the
    same per figure as a short one."""
    if len(sentence) <= _LONG_SENTENCE:
        return labeller(sentence, quantity)
    start = max(0, quantity.start - _LABEL_WINDOW)
    end = min(len(sentence), quantity.end + _LABEL_WINDOW)
    window = sentence[start:end]
    shifted = Quantity(
        quantity.start - start, quantity.end - start, quantity.text, quantity.values, quantity.kind
    )
    return labeller(window, shifted)


def _quantities(sentence: str) -> list[Quantity]:
    """The sentence's quantities; a run-on "sentence" (a table, a list flattened into one
    line) offers only its first few, so that labelling and weighing stay bounded."""
    quantities = find_quantities(sentence)
    return quantities[:_RUN_ON_FIGURES] if len(sentence) > _LONG_SENTENCE else quantities


def _rounded(value: float) -> float:
    return float(f"{value:.2g}")


def _echoes(kept: list[tuple[int, str, list[Quantity]]]) -> frozenset[tuple[int, int]]:
    """Figures that round one said earlier: "about $44 million" after "$44.2 million"."""
    said: dict[tuple[str, float], set[float]] = {}
    echoes: set[tuple[int, int]] = set()
    for position, _, quantities in kept:
        for q in quantities:
            if len(q.values) != 1 or q.magnitude < 10:
                continue
            key = (_UNIT.get(q.kind, q.kind), _rounded(q.values[0]))
            earlier = said.setdefault(key, set())
            if earlier and q.values[0] not in earlier and q.values[0] == key[1]:
                echoes.add((position, q.start))
            if len(earlier) < 4:
                earlier.add(q.values[0])
    return frozenset(echoes)


def gather(
    sentences: Sequence[str],
    *,
    labeller: Labeller,
    title: str | None = None,
    published: date | None = None,
) -> list[Candidate]:
    """Every candidate figure of the article's ``sentences``, in reading order."""
    found = [(i, s, _quantities(s)) for i, s in enumerate(sentences)]
    # A headline or caption repeating a body figure gives way to the body sentence.
    in_body = {q.values for _, s, qs in found if _SENTENCE_END.search(s) for q in qs}
    mentions: Counter[tuple[float, ...]] = Counter()
    first: dict[tuple[float, ...], int] = {}
    largest: dict[str, float] = {}
    kept: list[tuple[int, str, list[Quantity]]] = []
    for position, sentence, quantities in found:
        heading = _SENTENCE_END.search(sentence) is None
        quantities = [
            q
            for q in quantities
            if not _is_publication_date(q, published) and not (heading and q.values in in_body)
        ]
        for values in {q.values for q in quantities}:
            mentions[values] += 1
            first.setdefault(values, position)
        for q in quantities:
            largest[q.kind] = max(largest.get(q.kind, 0.0), q.magnitude)
        kept.append((position, sentence, quantities))
    echoes = _echoes(kept)
    title_numbers = (
        frozenset(v for q in find_quantities(title) for v in q.values) if title else None
    )
    facts = ArticleFacts(
        sentences=len(sentences),
        figures=sum(len(qs) for _, _, qs in kept),
        title_numbers=title_numbers or frozenset(),
        mentions=dict(mentions),
        first_position=first,
        largest=largest,
        echoes=echoes,
    )
    candidates: list[Candidate] = []
    for position, sentence, quantities in kept:
        where = sentence_facts(sentence, position) if quantities else None
        for index, quantity in enumerate(quantities):
            assert where is not None
            label = _local_label(labeller, sentence, quantity)
            near = quantities[max(0, index - _NEIGHBOURS) : index + _NEIGHBOURS + 1]
            vector = feature_vector(where, quantity, label, near, facts)
            candidates.append(Candidate(position, sentence, quantity, label, vector))
    return candidates


def _key(quantity: Quantity) -> tuple[str, tuple[float, ...]]:
    return _UNIT.get(quantity.kind, ""), quantity.values


_Shown = dict[str, list[tuple[tuple[float, ...], bool]]]
_HEDGED = re.compile(
    r"(?:about|around|approximately|roughly|nearly|almost|some|close\s+to|an\s+estimated)\s",
    re.IGNORECASE,
)


_TIME_SPAN = FEATURES.index("time_span")


_MEASURED = FEATURES.index("measure_unit")


def _unexplained(candidate: Candidate) -> bool:
    """A bare count or a span of time with no label ("22", "51 minutes"): nothing says
    what it counts, so no figure a reader can use. Money and shares say what they are."""
    if candidate.label:
        return False
    return (candidate.quantity.kind == "count" and not candidate.features[_MEASURED] > 0) or (
        candidate.features[_TIME_SPAN] > 0
    )


def _same_fact(quantity: Quantity, shown: _Shown) -> bool:
    """The value is shown already, alone, as an end of a range or change, or rounded with
    a hedge ("about $44 million" beside "$44.2 million")."""
    unit, values = _key(quantity)
    hedged = _HEDGED.match(quantity.text) is not None
    for other, other_hedged in shown.get(unit, ()):
        if values == other or set(values) <= set(other) or set(other) <= set(values):
            return True
        if len(values) == len(other) == 1 and _restates(
            (values[0], hedged), (other[0], other_hedged)
        ):
            return True
    return False


def _restates(one: tuple[float, bool], two: tuple[float, bool]) -> bool:
    """Whether a hedged value is the other rounded to its own precision, two significant
    digits or more: "about 44 million" restates 44.2 million; "about 12,000" does not
    restate 12,500 (that rounds to 13,000), nor "about 3 million" 3.4 million (too coarse
    to say), nor a plain 12,000 a plain 12,400 (two counts that happen to be close)."""
    (a, a_hedged), (b, b_hedged) = one, two
    if a == b or min(abs(a), abs(b)) < 10:
        return False
    if _precision(a) > _precision(b) or (_precision(a) == _precision(b) and b_hedged):
        (a, a_hedged), (b, b_hedged) = two, one
    if not a_hedged:
        return False
    coarse, fine = a, b
    digits = _precision(coarse)
    if digits < 2:
        return False
    exponent = Decimal(repr(abs(fine))).adjusted() - digits + 1
    rounded = Decimal(repr(fine)).quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP)
    return rounded == Decimal(repr(coarse))


def _precision(value: float) -> int:
    """Significant digits of ``value`` as written: 44,000,000 → 2, 44,200,000 → 3."""
    digits = Decimal(repr(abs(value))).normalize().as_tuple().digits
    return len(digits)


def pick(
    candidates: Sequence[Candidate],
    probabilities: Sequence[float],
    policy: BoxPolicy,
    limit: int,
) -> list[Candidate]:
    """The box, most likely first: each fact once, a few per sentence, above threshold,
    and no bare count or span of time without a label."""
    order = sorted(
        range(len(candidates)),
        key=lambda i: (-probabilities[i], candidates[i].position, candidates[i].quantity.start),
    )
    picked: list[Candidate] = []
    shown: _Shown = {}
    per_sentence: Counter[int] = Counter()
    limit = min(limit, policy.maximum)
    for index in order:
        if len(picked) >= limit:
            break
        if probabilities[index] < policy.threshold and len(picked) >= policy.minimum:
            break
        candidate = candidates[index]
        if per_sentence[candidate.position] >= policy.per_sentence:
            continue
        if _same_fact(candidate.quantity, shown) or _unexplained(candidate):
            continue
        unit, values = _key(candidate.quantity)
        shown.setdefault(unit, []).append(
            (values, _HEDGED.match(candidate.quantity.text) is not None)
        )
        per_sentence[candidate.position] += 1
        picked.append(candidate)
    return picked
