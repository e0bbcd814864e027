"""Bootstrap intervals for the quality benchmark (benchmarks/_bootstrap.py)."""

from __future__ import annotations

import pytest

from benchmarks._bootstrap import mean_intervals, ratio_interval


def test_a_constant_column_has_no_spread() -> None:
    interval = mean_intervals({"x": [2.5] * 10})["x"]
    assert (interval.mean, interval.low, interval.high) == (2.5, 2.5, 2.5)


def test_the_interval_holds_the_mean_and_widens_with_spread() -> None:
    narrow = mean_intervals({"x": [10.0, 11.0] * 20})["x"]
    wide = mean_intervals({"x": [0.0, 21.0] * 20})["x"]
    assert narrow.low < narrow.mean == 10.5 < narrow.high
    assert wide.low < wide.mean == 10.5 < wide.high
    assert wide.high - wide.low > 5 * (narrow.high - narrow.low)


def test_same_seed_same_interval_and_seed_matters() -> None:
    values = [float(i % 7) for i in range(50)]
    assert mean_intervals({"x": values}, seed=3) == mean_intervals({"x": values}, seed=3)
    assert mean_intervals({"x": values}, seed=3) != mean_intervals({"x": values}, seed=4)


def test_paired_differences_share_the_resamples() -> None:
    # Ours is the baseline plus one on every article: the paired difference is exactly 1
    # although each column alone spreads widely.
    base = [float(i * 3 % 17) for i in range(40)]
    ours = [b + 1 for b in base]
    intervals = mean_intervals({"ours": ours, "base": base, "diff": [1.0] * 40})
    assert intervals["ours"].low == pytest.approx(intervals["base"].low + 1)
    assert intervals["ours"].high == pytest.approx(intervals["base"].high + 1)
    assert intervals["base"].high - intervals["base"].low > 2


def test_columns_must_line_up() -> None:
    with pytest.raises(ValueError):
        mean_intervals({"a": [1.0, 2.0], "b": [1.0]})
    with pytest.raises(ValueError):
        mean_intervals({"a": []})
    with pytest.raises(ValueError):
        mean_intervals({"a": [1.0]}, level=1.0)


def test_to_dict_rounds() -> None:
    interval = mean_intervals({"x": [1.0, 2.0, 4.0]}, resamples=200)["x"]
    shown = interval.to_dict()
    assert shown["mean"] == round(7 / 3, 2)
    assert isinstance(shown["ci95"], list) and len(shown["ci95"]) == 2


def test_a_pooled_ratio_has_an_interval_around_it_that_narrows_with_more_articles() -> None:
    few = ratio_interval([1, 2, 0, 3], [2, 2, 1, 4])
    many = ratio_interval([1, 2, 0, 3] * 10, [2, 2, 1, 4] * 10)
    assert few is not None and many is not None
    assert few.mean == many.mean == 6 / 9
    assert few.low <= few.mean <= few.high
    assert (many.high - many.low) < (few.high - few.low)


def test_a_ratio_of_nothing_has_no_interval_and_uneven_columns_are_refused() -> None:
    assert ratio_interval([0, 0], [0, 0]) is None
    with pytest.raises(ValueError):
        ratio_interval([1], [1, 2])
