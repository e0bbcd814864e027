"""Percentile bootstrap confidence intervals for means of per-article scores.

Every column is resampled with the same article indexes, so a column of paired
differences (ours minus a baseline, article by article) gets the interval of the paired
difference, not one made up from two independent intervals.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = ["DEFAULT_RESAMPLES", "DEFAULT_SEED", "Interval", "mean_intervals"]

DEFAULT_RESAMPLES = 1000
DEFAULT_SEED = 12  # fixed, so two runs on the same output print the same intervals


@dataclass(frozen=True, slots=True)
class Interval:
    """A mean and its percentile bootstrap interval."""

    mean: float
    low: float
    high: float

    def to_dict(self, digits: int = 2) -> dict[str, float | list[float]]:
        return {
            "mean": round(self.mean, digits),
            "ci95": [round(self.low, digits), round(self.high, digits)],
        }


def mean_intervals(
    columns: Mapping[str, Sequence[float]],
    *,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    level: float = 0.95,
) -> dict[str, Interval]:
    """The mean of each column with its ``level`` interval over ``resamples`` resamples.

    All columns must have the same, non-zero length: row ``i`` of each is one article.
    """
    lengths = {len(values) for values in columns.values()}
    if len(lengths) != 1 or 0 in lengths:
        raise ValueError("columns must be non-empty and of one length")
    if resamples < 1 or not 0 < level < 1:
        raise ValueError("resamples must be positive and level between 0 and 1")
    (size,) = lengths
    rng = random.Random(seed)
    means: dict[str, list[float]] = {name: [] for name in columns}
    for _ in range(resamples):
        rows = rng.choices(range(size), k=size)
        for name, values in columns.items():
            means[name].append(math.fsum(values[i] for i in rows) / size)
    tail = (1 - level) / 2
    low_at = math.floor(tail * resamples)
    high_at = max(low_at, math.ceil((1 - tail) * resamples) - 1)
    intervals = {}
    for name, values in columns.items():
        spread = sorted(means[name])
        mean = math.fsum(values) / size
        intervals[name] = Interval(mean, spread[low_at], spread[high_at])
    return intervals
