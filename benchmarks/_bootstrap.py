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

__all__ = ["DEFAULT_RESAMPLES", "DEFAULT_SEED", "Interval", "mean_intervals", "ratio_interval"]

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


def ratio_interval(
    parts: Sequence[float],
    wholes: Sequence[float],
    *,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    level: float = 0.95,
) -> Interval | None:
    """A pooled ratio (sum of ``parts`` over sum of ``wholes``, one pair per article) and
    its percentile bootstrap interval over articles; ``None`` when the wholes sum to 0.

    Resamples whose wholes sum to 0 are drawn again, so each of them has a ratio.
    """
    if len(parts) != len(wholes) or not parts:
        raise ValueError("parts and wholes must be non-empty and of one length")
    if resamples < 1 or not 0 < level < 1:
        raise ValueError("resamples must be positive and level between 0 and 1")
    if not math.fsum(wholes):
        return None
    size = len(parts)
    rng = random.Random(seed)
    ratios: list[float] = []
    while len(ratios) < resamples:
        rows = rng.choices(range(size), k=size)
        whole = math.fsum(wholes[i] for i in rows)
        if whole:
            ratios.append(math.fsum(parts[i] for i in rows) / whole)
    ratios.sort()
    tail = (1 - level) / 2
    low_at = math.floor(tail * resamples)
    high_at = max(low_at, math.ceil((1 - tail) * resamples) - 1)
    return Interval(math.fsum(parts) / math.fsum(wholes), ratios[low_at], ratios[high_at])
