"""A change stays whole: "about 1,100 passengers ..., down from 2,050" is one fact.

When a boxed figure is compared, later in its sentence, with a figure of the same kind
("up from 2,650", "down from 2,050", "compared with prior guidance of 4%"), or follows
the capacity it is measured against ("a cell meant for 35 held 155"), the comparison
joins the label in the article's words, and the baseline is not boxed again on its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.briefing.figures.numbers import Quantity
from bot.briefing.figures.rank import Candidate

__all__ = ["join_baselines"]

_REACH = 90  # characters between the figure and its comparison
# ", down from", "up from", "compared with", "against": the words that open a baseline.
# The baseline may be named first: "compared with prior guidance of 4%", "up from a peak
# of 310", "against last year's 2,100", but not after a bare "from" ("letters from
# residents of 12 streets" is no comparison).
_NAMED = r"(?:(?:[\w-]+\s+){0,3}(?:of|at)\s+|(?:[\w-]+\s+)?[\w-]+['’]s\s+)"
_OPENER = re.compile(
    r"(?:(?:\b(?:up|down|rising|falling|risen|fallen|increasing|decreasing)\s+from|"
    r"\bcompared\s+(?:with|to)|\bagainst|\bversus|\bvs\.?)\s+(?:an?\s+|the\s+)?"
    + _NAMED
    + r"?|\bfrom\s+(?:an?\s+|the\s+)?)$",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[;:()\"“”]|\bbut\b|\bwhile\b|\bwhereas\b")


def _baseline_of(candidate: Candidate, others: Sequence[Quantity]) -> Quantity | None:
    quantity, sentence = candidate.quantity, candidate.sentence
    for other in others:
        if other.start < quantity.end or other.start - quantity.end > _REACH:
            continue
        if other.kind != quantity.kind or len(other.values) != 1:
            return None
        gap = sentence[quantity.end : other.start]
        if _CLAUSE_BREAK.search(gap) or not _OPENER.search(gap):
            return None
        return other
    return None


# "a cell meant for 35 held 155", "a jail built to hold 1,000 now houses 2,400": the
# capacity named just before a figure is what the figure is measured against.
_CAPACITY = re.compile(
    r"\b(?:built|meant|designed|intended|made|licensed|rated|planned)\s+"
    r"(?:for|to\s+(?:hold|house|seat|carry|take|serve))\s+$",
    re.IGNORECASE,
)
# Only a verb of holding between them: "built for 200 guests hosted 50 weddings" is two facts.
_CAPACITY_GAP = re.compile(
    r"^\s+(?:(?:now|still|actually|instead|was|is|were|are)\s+)?(?:held|holds|holding|housed|"
    r"houses|housing|had|has|carried|carries|carrying|took|takes|taking|seated|seats|contained|"
    r"contains|kept|keeps|accommodated|accommodates|served|serves)\s+$",
    re.IGNORECASE,
)


def _capacity_of(candidate: Candidate, others: Sequence[Quantity]) -> Quantity | None:
    quantity, sentence = candidate.quantity, candidate.sentence
    before = [o for o in others if o.end <= quantity.start]
    if not before:
        return None
    other = before[-1]
    if other.kind != quantity.kind or len(other.values) != 1 or len(quantity.values) != 1:
        return None
    if not _CAPACITY_GAP.match(sentence[other.end : quantity.start]):
        return None
    return other if _CAPACITY.search(sentence, max(0, other.start - 40), other.start) else None


def _capacity_phrase(sentence: str, capacity: Quantity) -> str:
    opener = _CAPACITY.search(sentence, max(0, capacity.start - 40), capacity.start)
    start = opener.start() if opener else capacity.start
    return sentence[start : capacity.end]


def _phrase(sentence: str, baseline: Quantity) -> str:
    opener = _OPENER.search(sentence, 0, baseline.start)
    start = opener.start() if opener else baseline.start
    return sentence[start : baseline.end]


def join_baselines(
    picked: Sequence[Candidate], quantities: dict[str, list[Quantity]]
) -> list[tuple[Candidate, str]]:
    """Each picked figure with its label, its comparison joined; baselines not repeated.

    ``quantities`` maps each sentence to its quantities in reading order.
    """
    joined: list[tuple[Candidate, str]] = []
    used: set[tuple[str, int]] = set()
    for candidate in picked:
        others = quantities.get(candidate.sentence, [])
        baseline = _baseline_of(candidate, others)
        phrase = _phrase(candidate.sentence, baseline) if baseline else None
        if baseline is None:
            baseline = _capacity_of(candidate, others)
            phrase = _capacity_phrase(candidate.sentence, baseline) if baseline else None
        label = candidate.label
        if baseline is not None and phrase:
            label = f"{label}, {phrase}" if label else phrase
            used.add((candidate.sentence, baseline.start))
        joined.append((candidate, label))
    return [(c, label) for c, label in joined if (c.sentence, c.quantity.start) not in used]
