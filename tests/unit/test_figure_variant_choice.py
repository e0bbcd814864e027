"""How benchmarks/train_figure_selector.py ranks its variants: a table of made-up scores,
no data needed."""

from __future__ import annotations

from benchmarks.train_figure_selector import dev_recall_guard, variant_order
from bot.briefing.figures.rank import BoxPolicy

_LOW = (1.0, BoxPolicy(0.2, 0, 3, 6))
_MID = (1.0, BoxPolicy(0.25, 0, 3, 6))
_HIGH = (3.0, BoxPolicy(0.4, 0, 3, 6))
_TABLE = {
    _LOW: {"recall": 0.80, "precision": 0.66, "f1": 0.723},
    _MID: {"recall": 0.74, "precision": 0.70, "f1": 0.719},
    _HIGH: {"recall": 0.62, "precision": 0.79, "f1": 0.695},
}


def _best(
    goals: tuple[float, float] = (0.80, 0.70), f1_first: bool = True, min_threshold: float = 0.0
) -> tuple[float, BoxPolicy]:
    order = variant_order(_TABLE, goals=goals, f1_first=f1_first, min_threshold=min_threshold)
    return max(_TABLE, key=order)


def test_f1_first_picks_the_best_f1_and_the_goal_margin_may_not() -> None:
    assert _best() == _LOW
    # the weaker goal: 0.66/0.70 = 0.943 for the low threshold, 0.74/0.80 = 0.925 mid
    assert _best(f1_first=False) == _LOW
    assert _best(goals=(0.60, 0.79)) == _LOW  # F1 still first
    assert _best(goals=(0.60, 0.79), f1_first=False) == _HIGH


def test_no_variant_under_the_minimum_threshold_is_chosen() -> None:
    assert _best(min_threshold=0.25) == _MID
    assert _best(min_threshold=0.3) == _HIGH


def _with_dev(recall: float) -> dict[str, object]:
    return {"recall": 0.7, "precision": 0.7, "f1": 0.7, "by_group": {"dev": {"recall": recall}}}


def test_the_guard_holds_only_when_dev_recall_is_kept() -> None:
    table = {_MID: _with_dev(0.766), _HIGH: _with_dev(0.750), _LOW: _with_dev(0.781)}
    fell = dev_recall_guard(table, chosen=_HIGH, in_use=_MID)
    assert (fell["in_use_dev_recall"], fell["chosen_dev_recall"], fell["held"]) == (
        0.766,
        0.750,
        False,
    )
    assert dev_recall_guard(table, chosen=_LOW, in_use=_MID)["held"]
    assert dev_recall_guard(table, chosen=_MID, in_use=_MID)["held"]


def test_the_guard_cannot_judge_without_dev_scores() -> None:
    # a run on dev alone has no groups: nothing to compare, so nothing is refused
    assert dev_recall_guard(_TABLE, chosen=_HIGH, in_use=_MID)["held"]


def test_the_guard_keeps_the_recall_recorded_with_the_weights_in_use() -> None:
    # a new feature that costs dev recall in every variant: this run's in-use variant has
    # fallen as far as the chosen one, but the weights file remembers 49 of 64
    table = {_MID: _with_dev(0.750), _HIGH: _with_dev(0.750)}
    recorded = {"dev_leave_one_out_found": 49, "dev_labelled": 64}
    guard = dev_recall_guard(table, chosen=_HIGH, in_use=_MID, recorded=recorded)
    assert (guard["in_use_dev_recall"], guard["held"]) == (0.766, False)
    assert dev_recall_guard(table, chosen=_HIGH, in_use=_MID)["held"]  # nothing recorded
