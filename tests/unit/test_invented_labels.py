"""The invented articles keep their shape and load as the trainer reads them.

They are our own writing (``benchmarks/labels/invented``): ``figures.json`` holds the
training articles, ``check.json`` the check set the trainer scores but never learns from;
these checks need nothing outside the repository.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from benchmarks._labels import MAX_FIGURES, MAX_LABEL_CHARS
from benchmarks.train_figure_selector import CHECK, INVENTED, TRAINING, invented_examples


def _entries(labels: str | None = None) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for name in (labels,) if labels else (TRAINING, CHECK):
        entries.extend(json.loads((INVENTED / name).read_text("utf-8")))
    return entries


def test_every_article_has_one_label_entry_and_every_entry_an_article() -> None:
    ids = [e["id"] for e in _entries()]
    assert len(ids) == len(set(ids)) >= 40
    assert {p.stem for p in INVENTED.glob("*.txt")} == set(ids)


def test_the_check_set_is_apart_from_the_training_articles() -> None:
    training = {e["id"] for e in _entries(TRAINING)}
    check = {e["id"] for e in _entries(CHECK)}
    assert training and check and not training & check


def test_articles_are_news_with_a_headline() -> None:
    # inv-01 to inv-56 are short (150-450 words); inv-57 to inv-110 are long wire-style
    # stories (450-800 words), the first 24 written for a diagnosis of the picker on long
    # pages; inv-111 to inv-185 run from 300 to 1,200 words in three house styles, and
    # inv-186 to inv-245, by four writers outside the team, from 300 to 1,150 in four more.
    for entry in _entries():
        text = (INVENTED / f"{entry['id']}.txt").read_text("utf-8")
        headline, _, body = text.partition("\n")
        assert headline.strip() and len(headline.split()) <= 20, entry["id"]  # tabloid: long
        assert 150 <= len(body.split()) <= 1200, entry["id"]


def test_labels_follow_the_readme_rules() -> None:
    for entry in _entries():
        assert entry["source"] == "invented"
        assert entry["topic"].strip()
        assert len(entry["figures"]) <= MAX_FIGURES
        for figure in entry["figures"]:
            assert figure["numbers"], entry["id"]
            assert all(isinstance(n, int | float) for n in figure["numbers"])
            assert 0 < len(figure["label"]) <= MAX_LABEL_CHARS


@pytest.mark.parametrize("labels", [TRAINING, CHECK])
def test_the_trainer_reads_every_article_with_candidates_and_labels(labels: str) -> None:
    examples = invented_examples(labels=labels)
    entries = _entries(labels)
    assert len(examples) == len(entries)
    for example, entry in zip(examples, entries, strict=True):
        assert example.candidates, entry["id"]
        assert len(example.positive) == len(example.candidates)
        assert len(example.labelled) == len(entry["figures"])
    # Stories with figures to box give the trainer positives; stories labelled
    # with none give it none.
    for example, entry in zip(examples, entries, strict=True):
        if not entry["figures"]:
            assert not any(example.positive), entry["id"]
    assert sum(sum(e.positive) for e in examples) > len(examples)
