"""A change stays whole: "about 1,100 passengers ..., down from 2,050" is one fact.

When a boxed figure is compared, later in its sentence, with a figure of the same kind
("up from 2,650", "down from 2,050", "compared with 74%"), the comparison joins the
label in the article's words, and the baseline is not boxed again on its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.briefing.figures.numbers import Quantity
from bot.briefing.figures.rank import Candidate

__all__ = ["join_baselines"]

_REACH = 90  # characters between the figure and its comparison
# ", down from", "up from", "compared with", "against": the words that open a baseline.
_OPENER = re.compile(
    r"(?:\b(?:up|down|rising|falling|risen|fallen|increasing|decreasing)\s+)?"
    r"\b(?:from|compared\s+(?:with|to)|against|versus|vs\.?)\s+(?:an?\s+|the\s+)?$",
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
        baseline = _baseline_of(candidate, quantities.get(candidate.sentence, []))
        label = candidate.label
        if baseline is not None:
            phrase = _phrase(candidate.sentence, baseline)
            label = f"{label}, {phrase}" if label else phrase
            used.add((candidate.sentence, baseline.start))
        joined.append((candidate, label))
    return [(c, label) for c, label in joined if (c.sentence, c.quantity.start) not in used]
