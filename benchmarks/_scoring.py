"""Article-extraction scoring: multiset overlap of word 4-grams ("shingles").

A reimplementation of the method described in
``shared/data/extraction/README.md`` (after scrapinghub's article-extraction
benchmark): per-page precision and recall over shingle counts, averaged over pages,
then F1 from the two averages. Shared by ``speed.py``, ``extraction.py`` and
``quality.py``.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["ExtractionScore", "PageScore", "score_extraction", "score_page", "shingles", "tokens"]

_WORD = re.compile(r"\w+")
SHINGLE_SIZE = 4


def tokens(text: str | None) -> list[str]:
    """Every maximal run of Unicode word characters, case kept."""
    return _WORD.findall(text or "")


def shingles(text: str | None, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of ``size``-token runs; a shorter, non-empty text is one short shingle."""
    words = tokens(text)
    if not words:
        return Counter()
    if len(words) < size:
        return Counter([tuple(words)])
    return Counter(tuple(words[i : i + size]) for i in range(len(words) - size + 1))


@dataclass(frozen=True, slots=True)
class PageScore:
    """Normalised counts for one page; ``exact`` is whole-token-list equality."""

    tp: float
    fp: float
    fn: float
    exact: bool

    @property
    def has_prediction(self) -> bool:
        return self.tp + self.fp > 0

    @property
    def has_truth(self) -> bool:
        return self.tp + self.fn > 0

    @property
    def precision(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.has_prediction else 0.0

    @property
    def recall(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.has_prediction and self.has_truth else 0.0


def score_page(truth: str | None, prediction: str | None) -> PageScore:
    """Score one page (steps 1 to 4 of the README)."""
    expected, predicted = shingles(truth), shingles(prediction)
    tp = fp = fn = 0
    for shingle in expected.keys() | predicted.keys():
        t, p = expected[shingle], predicted[shingle]
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    scale = 1 / total if total else 0.0
    return PageScore(tp * scale, fp * scale, fn * scale, tokens(truth) == tokens(prediction))


@dataclass(frozen=True, slots=True)
class ExtractionScore:
    """Averages over pages (steps 5 to 7), with bootstrap standard deviations (step 8)."""

    f1: float
    precision: float
    recall: float
    accuracy: float
    pages: int
    f1_std: float | None = None
    precision_std: float | None = None
    recall_std: float | None = None

    def to_dict(self) -> dict[str, float | int | None]:
        return {
            "f1": round(self.f1, 4),
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "accuracy": round(self.accuracy, 4),
            "pages": self.pages,
            "f1_std": None if self.f1_std is None else round(self.f1_std, 4),
            "precision_std": None if self.precision_std is None else round(self.precision_std, 4),
            "recall_std": None if self.recall_std is None else round(self.recall_std, 4),
        }


def _average(pages: list[PageScore]) -> tuple[float, float, float, float]:
    predicted = [p.precision for p in pages if p.has_prediction]
    recalled = [p.recall for p in pages if p.has_truth]
    if not predicted:
        raise ValueError("every prediction is empty: precision is undefined")
    precision = sum(predicted) / len(predicted)
    recall = sum(recalled) / len(recalled) if recalled else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(p.exact for p in pages) / len(pages)
    return f1, precision, recall, accuracy


def _std(values: list[float]) -> float:
    mean = sum(values) / len(values)
    return (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5


def score_extraction(
    truths: Mapping[str, str | None],
    predictions: Mapping[str, str | None],
    *,
    bootstrap: int = 0,
    seed: int = 0,
) -> ExtractionScore:
    """Score ``predictions`` against ``truths`` (both keyed by page id, same ids).

    With ``bootstrap`` > 0, also report the standard deviation of each average over
    that many resamples of the pages with replacement.
    """
    if set(truths) != set(predictions):
        raise ValueError("predictions must cover exactly the ground truth's page ids")
    pages = [score_page(truths[key], predictions[key]) for key in sorted(truths)]
    f1, precision, recall, accuracy = _average(pages)
    if bootstrap <= 0:
        return ExtractionScore(f1, precision, recall, accuracy, len(pages))
    rng = random.Random(seed)
    samples: list[tuple[float, float, float, float]] = []
    for _ in range(bootstrap):
        resample = [rng.choice(pages) for _ in pages]
        try:
            samples.append(_average(resample))
        except ValueError:
            continue
    return ExtractionScore(
        f1,
        precision,
        recall,
        accuracy,
        len(pages),
        f1_std=_std([s[0] for s in samples]),
        precision_std=_std([s[1] for s in samples]),
        recall_std=_std([s[2] for s in samples]),
    )
