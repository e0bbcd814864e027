"""Key-figure scoring as ``shared/data/figures/README.md`` describes it.

Written separately from ``bot.briefing.figures`` on purpose, so that the product's
number grammar is not marking its own homework. A labelled figure is found when one
brief figure (value and label read together) contains all of its numbers. Precision,
which that README does not define, is the share of brief figures that find at least
one labelled figure.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "FigureScore",
    "figure_matches",
    "number_matches",
    "read_numbers",
    "score_figures",
    "shares_a_word",
]

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "first": 1, "second": 2, "third": 3,
    "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "eleventh": 11, "twelfth": 12, "twentieth": 20, "thirtieth": 30, "dozen": 12,
}  # fmt: skip
_SCALE = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SUFFIX = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "tn": 1e12, **_SCALE}
# A multiplier must end its word ("3bn", "5 million"), but the number itself need not:
# "13th", "77lb" and "5km" are read as 13, 77 and 5 ("km" is not "k" times anything).
_DIGITS = re.compile(
    r"(\d[\d,]*(?:\.\d+)?|\.\d+)(?:\s?(k|mn|m|bn|tn|thousand|million|billion|trillion)\b)?",
    re.IGNORECASE,
)
_RANGE = re.compile(
    r"(\d[\d,]*(?:\.\d+)?)\s*(?:-|–|to)\s*[$£€]?\s*(\d[\d,]*(?:\.\d+)?)\s?"
    r"(k|mn|m|bn|tn|thousand|million|billion|trillion)\b",
    re.IGNORECASE,
)
_NUMBER_WORD = "|".join(sorted([*_SMALL, *_SCALE, "half"], key=len, reverse=True))
_WORD_RUN = re.compile(
    rf"\b(?:a[\s-]+)?(?:{_NUMBER_WORD})\b(?:(?:[\s-]+(?:and[\s-]+)?(?:a[\s-]+)?)(?:{_NUMBER_WORD})\b)*",
    re.IGNORECASE,
)


def _words_value(run: str) -> float | None:
    total = current = 0.0
    seen = False
    for word in re.findall(r"[a-z]+", run.lower()):
        if word in ("a", "and"):
            continue
        seen = True
        if word == "half":
            current += 0.5
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALE:
            total += (current or 1) * _SCALE[word]
            current = 0.0
        else:
            current += _SMALL[word]
    return total + current if seen else None


def read_numbers(text: str) -> list[float]:
    """Every number in ``text``, normalised as the figures README says."""
    numbers: list[float] = []
    for low, _high, suffix in _RANGE.findall(text):
        numbers.append(float(low.replace(",", "")) * _SUFFIX[suffix.lower()])
    for digits, suffix in _DIGITS.findall(text):
        value = float(digits.replace(",", ""))
        numbers.append(value * (_SUFFIX[suffix.lower()] if suffix else 1))
    for run in _WORD_RUN.findall(_DIGITS.sub(" ", text)):
        spelled = _words_value(run)
        if spelled is not None:
            numbers.append(spelled)
    return numbers


def _contains(numbers: Sequence[float], wanted: Iterable[float]) -> bool:
    return all(any(math.isclose(n, w, rel_tol=1e-9) for n in numbers) for w in wanted)


@dataclass(frozen=True, slots=True)
class FigureScore:
    labelled: int
    found: int
    produced: int
    useful: int  # brief figures that found at least one labelled figure

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else 0.0

    @property
    def precision(self) -> float:
        return self.useful / self.produced if self.produced else 0.0


def figure_matches(
    labelled: Sequence[Sequence[float]], produced: Sequence[str]
) -> tuple[list[int], list[int]]:
    """Indexes of the labelled figures not found, and of the brief figures finding none."""
    return number_matches(labelled, [read_numbers(text) for text in produced])


def number_matches(
    labelled: Sequence[Sequence[float]], produced: Sequence[Sequence[float]]
) -> tuple[list[int], list[int]]:
    """``figure_matches`` for figures already read as numbers (two labellers' figures).

    A labelled figure is found when one produced figure holds all of its numbers.
    """
    missed = [i for i, w in enumerate(labelled) if not any(_contains(r, w) for r in produced)]
    unwanted = [i for i, r in enumerate(produced) if not any(_contains(r, w) for w in labelled)]
    return missed, unwanted


def score_figures(labelled: Sequence[Sequence[float]], produced: Sequence[str]) -> FigureScore:
    """Score one article: labelled ``numbers`` lists against brief figure texts."""
    missed, unwanted = figure_matches(labelled, produced)
    return FigureScore(
        len(labelled), len(labelled) - len(missed), len(produced), len(produced) - len(unwanted)
    )


_WORD = re.compile(r"[a-z]{3,}")
_NOT_CONTENT = frozenset(
    {"the", "and", "for", "from", "with", "that", "this", "than", "more", "less", "over"}
    | {"under", "into", "about", "its", "their", "his", "her", "who", "which", "what", "was"}
    | {"were", "are", "has", "have", "had", "per", "each"}
)


def _content_words(text: str) -> set[str]:
    """Lower-cased words of three letters or more, function words out, a plural's "s" off."""
    return {w.removesuffix("s") for w in _WORD.findall(text.lower()) if w not in _NOT_CONTENT}


def shares_a_word(ours: str, theirs: str) -> bool:
    """Whether two labels share a content word ("people killed" and "deaths" do not,
    "death toll" and "deaths" do): a rough check only."""
    return bool(_content_words(ours) & _content_words(theirs))
