"""The extraction scorer in benchmarks/_scoring.py follows the data README's steps."""

from __future__ import annotations

import pytest

from benchmarks._scoring import score_extraction, score_page, shingles, tokens


def test_tokens_keep_case_and_drop_punctuation() -> None:
    assert tokens("The quay, the Quay!") == ["The", "quay", "the", "Quay"]
    assert tokens(None) == []


def test_short_texts_make_one_short_shingle() -> None:
    assert shingles("ferry back") == {("ferry", "back"): 1}
    assert shingles("") == {}
    assert sum(shingles("a b c d e").values()) == 2


def test_page_counts() -> None:
    page = score_page("a b c d e", "a b c d x")  # one shared shingle of two each
    assert page.precision == pytest.approx(0.5)
    assert page.recall == pytest.approx(0.5)
    assert score_page("a b c d", "a b c d").precision == 1.0
    assert score_page("a b c d", "a, b. c d!").exact


def test_empty_outputs_only_cost_recall() -> None:
    truths = {"1": "a b c d e", "2": "f g h i j"}
    score = score_extraction(truths, {"1": "a b c d e", "2": ""})
    assert score.precision == 1.0  # page 2 is left out of the precision average
    assert score.recall == 0.5
    assert score.f1 == pytest.approx(2 * 0.5 / 1.5)
    assert score.accuracy == 0.5


def test_ids_must_match_and_all_empty_is_undefined() -> None:
    with pytest.raises(ValueError):
        score_extraction({"1": "a"}, {"2": "a"})
    with pytest.raises(ValueError):
        score_extraction({"1": "a b"}, {"1": ""})


def test_bootstrap_reports_spread() -> None:
    truths = {str(i): f"w{i} x y z q" for i in range(10)}
    predictions = {k: (v if int(k) % 2 else "") for k, v in truths.items()}
    score = score_extraction(truths, predictions, bootstrap=50)
    assert score.f1_std is not None and score.f1_std > 0
