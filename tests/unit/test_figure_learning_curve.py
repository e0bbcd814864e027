"""The learning curve of benchmarks/train_figure_selector.py, run on the team's invented
training articles (our own writing, in the repository) so it needs no shared data."""

from __future__ import annotations

import pytest

from benchmarks.train_figure_selector import (
    LONG_WORDS,
    _extrapolate,
    _length_group,
    cross_validate,
    invented_examples,
    learning_curve,
)
from bot.briefing.figures.rank import BoxPolicy

_POLICY = BoxPolicy(0.35, 0, 3, 6)


def test_each_size_fits_on_other_articles_and_pools_every_draw() -> None:
    examples = invented_examples()[:8]
    labelled = sum(len(e.labelled) for e in examples)
    curve = learning_curve(examples, 3.0, _POLICY, sizes=(2, 4, 7, 9), repeats=3, seed=5)
    points = curve["points"]
    # 9 is more than the 7 other articles; 7 is all of them, so one draw is enough.
    assert [p["k"] for p in points] == [2, 4, 7]
    assert [p["draws"] for p in points] == [3, 3, 1]
    assert [p["labelled"] for p in points] == [3 * labelled, 3 * labelled, labelled]
    assert points[-1]["f1_std_across_draws"] == 0.0
    assert points[-1]["gain_90pct_article_bootstrap"] == [0.0, 0.0]
    for p in points:
        low, high = p["f1_p10_p90_across_draws"]
        assert 0.0 <= low <= high <= 1.0
    assert curve["slope_last_two"]["from_k"] == 4
    assert "EXTRAPOLATION" in curve["extrapolation"]["note"]
    again = learning_curve(examples, 3.0, _POLICY, sizes=(2, 4, 7, 9), repeats=3, seed=5)
    assert again == curve


def test_the_fitted_curves_recover_exact_data() -> None:
    ks = [5, 10, 20]
    fits = _extrapolate(ks, [0.8 - 0.5 / k for k in ks], to=40)
    inverse = fits["f1 = a - b/k"]
    assert (inverse["a"], inverse["b"]) == (0.8, 0.5)
    assert inverse["extrapolated_f1_at_k=40"] == pytest.approx(0.8 - 0.5 / 40, abs=1e-3)
    assert inverse["rms_residual"] == 0.0


def test_cross_validation_by_group_splits_the_pooled_counts() -> None:
    examples = invented_examples()[:5]
    groups = ["a", "b", "a", "b", "b"]
    results = cross_validate(examples, groups=groups)
    for pooled in results.values():
        parts = pooled["by_group"]
        assert sorted(parts) == ["a", "b"]
        for count in ("found", "labelled", "useful", "produced"):
            assert parts["a"][count] + parts["b"][count] == pooled[count]
    assert "by_group" not in next(iter(cross_validate(examples[:2]).values()))


def test_long_articles_are_told_apart_by_their_length() -> None:
    short, long = invented_examples()[0], invented_examples()[-1]
    assert short.words < LONG_WORDS <= long.words
    assert (_length_group(short), _length_group(long)) == ("invented_short", "invented_long")
