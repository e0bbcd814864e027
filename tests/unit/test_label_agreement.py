"""The inter-labeller agreement study (benchmarks/label_agreement.py): one labeller's
figures scored against another's by number lists, with invented numbers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from benchmarks import label_agreement
from benchmarks._figure_scoring import number_matches
from benchmarks._labels import LabelledArticle, LabelledFigure, load_labels
from benchmarks.label_agreement import agreement_row, check_candidate, labellers_report
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


def _held_out(numbers: list[tuple[float, ...]], file: str) -> LabelledArticle:
    figures = tuple(LabelledFigure(n, f"thing {i}") for i, n in enumerate(numbers))
    return LabelledArticle("7", "summaries", "a topic", figures, "heldout", file)


def test_held_out_articles_are_allowed_when_only_labellers_are_scored() -> None:
    article = _held_out([(1.0,)], "figures-e.json")
    problems = check_candidate([article], {("summaries", "7"): "one two"}, allow_heldout=True)
    assert problems == []


def test_the_labeller_report_scores_both_ways() -> None:
    gold = _held_out([(40.0,), (3000.0, 1200.0), (7.5,)], "figures-d.json")
    other = _held_out([(40.0,), (1200.0, 3000.0, 2.0), (8.0,), (11.0,)], "figures-e.json")
    report = labellers_report([(gold, other)])
    ahead, back = report["pooled"]["candidate_vs_gold"], report["pooled"]["gold_vs_candidate"]
    assert (ahead["recall"], ahead["precision"]) == (round(2 / 3, 3), 0.5)
    # The other way, the three-number figure is not found by the two-number one.
    assert (back["recall"], back["precision"]) == (0.25, round(1 / 3, 3))
    assert report["figures_per_article"] == {"candidate": 4.0, "gold": 3.0}
    row = report["per_article"]["summaries:7"]
    assert row["gold_vs_candidate"]["missed"] == [
        "thing 1 [1200, 3000, 2]",
        "thing 2 [8]",
        "thing 3 [11]",
    ]


def _run_main(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str], *flags: str
) -> tuple[int, dict[str, Any]]:
    (tmp_path / "extraction").mkdir()
    (tmp_path / "extraction" / "ground-truth.json").write_text("{}", encoding="utf-8")
    candidate = tmp_path / "figures-e.json"
    mine = {
        "id": "7",
        "source": "summaries",
        "topic": "t",
        "figures": [{"numbers": [5], "label": "x"}],
    }
    candidate.write_text(json.dumps([mine]), encoding="utf-8")
    gold = _held_out([(5.0,), (6.0,)], "figures-d.json")

    def no_product(*_: object) -> None:
        raise AssertionError("the product must not run")

    monkeypatch.setattr(label_agreement, "data_dir", lambda: tmp_path)
    monkeypatch.setattr(label_agreement, "article_texts", lambda _: {("summaries", "7"): "text"})
    monkeypatch.setattr(label_agreement, "load_labels", lambda **_: [gold])
    monkeypatch.setattr(label_agreement, "_brief", no_product)
    monkeypatch.setattr(label_agreement, "score_article", no_product)
    code = label_agreement.main(["--candidate", str(candidate), *flags])
    return code, json.loads(capsys.readouterr().out)


def test_labellers_only_scores_held_out_articles_without_the_product(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, report = _run_main(monkeypatch, tmp_path, capsys, "--labellers-only")
    assert code == 0
    assert report["articles_scored"] == 1
    assert report["pooled"]["candidate_vs_gold"]["recall"] == 0.5
    assert report["pooled"]["gold_vs_candidate"]["precision"] == 0.5
    assert "product_vs_gold" not in json.dumps(report)


def test_the_default_mode_still_refuses_held_out_articles(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, report = _run_main(monkeypatch, tmp_path, capsys)
    assert code == 2
    assert "held out" in report["refused"][0]
