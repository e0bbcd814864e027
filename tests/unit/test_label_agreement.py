"""The inter-labeller agreement study (benchmarks/label_agreement.py): one labeller's
figures scored against another's by number lists, with invented numbers."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks._figure_scoring import number_matches
from benchmarks._labels import LabelledArticle, LabelledFigure, load_labels
from benchmarks.label_agreement import agreement_row, check_candidate
from benchmarks.labels.split import Half


def _article(numbers: list[tuple[float, ...]], half: Half = "dev") -> LabelledArticle:
    figures = tuple(LabelledFigure(n, f"thing {i}") for i, n in enumerate(numbers))
    return LabelledArticle("x1", "extraction", "a topic", figures, half, "figures-a.json")


def test_a_gold_figure_is_found_when_one_figure_holds_all_its_numbers() -> None:
    gold = _article([(40.0,), (3000.0, 1200.0), (7.5,)])
    other = _article([(40.0,), (1200.0, 3000.0, 2.0), (8.0,), (11.0,)])
    row = agreement_row(gold, other)
    assert (row["labelled"], row["found"], row["produced"], row["useful"]) == (3, 2, 4, 2)
    assert row["missed"] == ["thing 2 [7.5]"]
    assert row["unwanted"] == ["thing 2 [8]", "thing 3 [11]"]


def test_one_end_of_a_range_does_not_find_the_range() -> None:
    missed, unwanted = number_matches([(3000.0, 1200.0)], [(3000.0,)])
    assert (missed, unwanted) == ([0], [0])


def test_numbers_match_up_to_rounding_only() -> None:
    assert number_matches([(0.3,)], [(0.1 + 0.2,)]) == ([], [])
    assert number_matches([(44.2e6,)], [(44e6,)]) == ([0], [0])


def test_two_empty_labellings_agree_without_a_ratio() -> None:
    row = agreement_row(_article([]), _article([]))
    assert (row["labelled"], row["produced"]) == (0, 0)


def test_held_out_articles_are_refused() -> None:
    problems = check_candidate([_article([(1.0,)], half="heldout")], {})
    assert problems and "held out" in problems[0]


def test_labels_in_the_agreement_folder_are_not_loaded(tmp_path: Path) -> None:
    study = tmp_path / "agreement"
    study.mkdir()
    article = {"id": "x1", "source": "extraction", "topic": "t", "figures": []}
    (study / "figures-c.json").write_text(json.dumps([article]), encoding="utf-8")
    assert load_labels(tmp_path, root=tmp_path / "no-data") == []
