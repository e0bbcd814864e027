"""What the timing benchmarks share: one core to run on, and percentiles of samples."""

from __future__ import annotations

import os
from collections.abc import Sequence

__all__ = ["percentile", "pin_to_one_core"]


def pin_to_one_core() -> str:
    """Run this process on one CPU, so a figure is one core's; says what was done."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity)"
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return f"pinned to CPU {core}"


def percentile(values: Sequence[float], share: float) -> float:
    """The ``share`` (0–1) percentile of ``values``, interpolated between neighbours."""
    ordered = sorted(values)
    rank = share * (len(ordered) - 1)
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)
