"""The team's key-figure labels keep their format, and the dev/held-out split stays put.

Needs nothing outside the repository: the checks against the articles run on small
article files written here, not on ../shared.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from benchmarks._labels import (
    LABELS_DIR,
    MAX_FIGURES,
    MAX_LABEL_CHARS,
    LabelError,
    copied_run,
    load_labels,
    read_label_file,
)
from benchmarks.labels.split import half_of

_HEX_ID = re.compile(r"[0-9a-f]{64}")
_STORY = (
    "The harbour board voted on Tuesday to spend 4.2 million pounds on a new ferry quay, "
    "replacing the wooden pier that has served the island since 1931."
)
_STORY_ID = "f" * 64


def _project_files() -> list[Path]:
    return sorted(LABELS_DIR.glob("figures-*.json"))


def _write(folder: Path, name: str, articles: list[dict[str, Any]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(articles), encoding="utf-8")
    return path


def _article(label: str = "money for the new quay", numbers: Any = None) -> dict[str, Any]:
    return {
        "id": _STORY_ID,
        "source": "extraction",
        "topic": "ferry quay",
        "figures": [{"numbers": numbers if numbers is not None else [4200000], "label": label}],
    }


def _shared_root(tmp_path: Path) -> Path:
    root = tmp_path / "shared" / "data"
    (root / "extraction").mkdir(parents=True)
    truth = {_STORY_ID: {"articleBody": _STORY, "url": "https://example.org/quay"}}
    (root / "extraction" / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return root


def test_every_project_label_file_has_the_documented_shape() -> None:
    files = _project_files()
    assert files, "no benchmarks/labels/figures-*.json"
    for path in files:
        articles = read_label_file(path)
        assert articles, path.name
        for article in articles:
            assert article.source in ("extraction", "summaries")
            if article.source == "extraction":
                assert _HEX_ID.fullmatch(article.id), article.id
            assert 1 <= len(article.topic.split()) <= 6, article.topic
            assert len(article.figures) <= MAX_FIGURES
            for figure in article.figures:
                assert figure.numbers
                assert 0 < len(figure.label) <= MAX_LABEL_CHARS


def test_loading_without_the_shared_data_gives_each_article_its_half(tmp_path: Path) -> None:
    articles = load_labels(root=tmp_path / "absent")
    assert len(articles) == sum(len(read_label_file(p)) for p in _project_files())
    assert all(a.half == half_of(a.id) for a in articles if a.source != "summaries")
    # The summaries set is for evaluation only: always held out, whatever the hash.
    summaries = [a for a in articles if a.source == "summaries"]
    assert summaries and all(a.half == "heldout" for a in summaries)


def test_the_labelled_articles_are_split_roughly_in_half() -> None:
    ids = {a.id for path in _project_files() for a in read_label_file(path)}
    dev = sum(half_of(i) == "dev" for i in ids)
    assert len(ids) >= 10
    assert len(ids) / 3 <= dev <= 2 * len(ids) / 3, (dev, len(ids))


def test_the_split_rule_is_stable() -> None:
    # Fixed before any tuning: these must never change, or held-out articles leak into dev.
    assert half_of("seed") == "heldout"
    assert half_of("3") == "dev"
    assert half_of("52") == "heldout"
    assert half_of("0dd1357045727799a447563fd8851f4ebe79f042073ea16991a9b67aa595f81a") == "dev"
    assert half_of("16c30add7e96315e9cc957d85aa876ccb6b70055f0ddab51547a586117cc1f56") == "heldout"
    assert half_of("seed") == half_of("seed")


@pytest.mark.parametrize(
    ("figure", "complaint"),
    [
        ({"numbers": ["12,000"], "label": "boats"}, "numbers"),
        ({"numbers": [True], "label": "boats"}, "numbers"),
        ({"numbers": [], "label": "boats"}, "numbers"),
        ({"numbers": [12], "label": "  "}, "label"),
        ({"numbers": [12], "label": "x" * (MAX_LABEL_CHARS + 1)}, "characters"),
    ],
)
def test_a_malformed_figure_is_refused(
    tmp_path: Path, figure: dict[str, Any], complaint: str
) -> None:
    path = _write(tmp_path, "figures-z.json", [{**_article(), "figures": [figure]}])
    with pytest.raises(LabelError, match=complaint):
        read_label_file(path)


def test_every_broken_article_is_named_at_once(tmp_path: Path) -> None:
    first = {**_article(), "id": "a" * 64, "topic": ""}
    second = {**_article(), "id": "b" * 64, "figures": [{"numbers": [1], "label": ""}] * 2}
    path = _write(tmp_path, "figures-z.json", [first, second])
    with pytest.raises(LabelError) as raised:
        read_label_file(path)
    assert "aaaaaaaaaaaa" in str(raised.value)
    assert "bbbbbbbbbbbb" in str(raised.value)


def test_too_many_figures_or_an_article_twice_is_refused(tmp_path: Path) -> None:
    many = {**_article(), "figures": [{"numbers": [n], "label": "boats"} for n in range(7)]}
    with pytest.raises(LabelError, match="at most"):
        read_label_file(_write(tmp_path, "figures-y.json", [many]))
    with pytest.raises(LabelError, match="twice"):
        read_label_file(_write(tmp_path, "figures-z.json", [_article(), _article()]))


def test_an_article_labelled_in_two_files_is_refused(tmp_path: Path) -> None:
    _write(tmp_path / "labels", "figures-a.json", [_article()])
    _write(tmp_path / "labels", "figures-b.json", [_article()])
    with pytest.raises(LabelError, match=r"figures-a\.json and figures-b\.json"):
        load_labels(tmp_path / "labels", root=tmp_path / "absent")


def test_with_the_articles_present_an_unknown_id_is_refused(tmp_path: Path) -> None:
    root = _shared_root(tmp_path)
    _write(tmp_path / "labels", "figures-a.json", [{**_article(), "id": "e" * 64}])
    with pytest.raises(LabelError, match="no extraction article eeeeeeeeeeee"):
        load_labels(tmp_path / "labels", root=root)


def test_with_the_articles_present_a_copied_label_is_refused(tmp_path: Path) -> None:
    root = _shared_root(tmp_path)
    copied = "replacing the wooden pier that has served the island"
    _write(tmp_path / "labels", "figures-a.json", [_article(label=copied)])
    with pytest.raises(LabelError, match="copies the article"):
        load_labels(tmp_path / "labels", root=root)


def test_with_the_articles_present_own_words_pass_and_the_editors_file_is_read(
    tmp_path: Path,
) -> None:
    root = _shared_root(tmp_path)
    _write(tmp_path / "labels", "figures-a.json", [_article()])
    seed_figure = {"value": "3", "numbers": [3], "label": "x"}
    editor = [{"id": "seed", "url": None, "figures": [seed_figure]}]
    _write(root / "figures", "labels.json", editor)
    articles = load_labels(tmp_path / "labels", root=root)
    assert [(a.id, a.source, a.file) for a in articles] == [
        (_STORY_ID, "extraction", "figures-a.json"),
        ("seed", "seed", "labels.json"),
    ]
    assert articles[0].figures[0].numbers == (4200000.0,)


def test_a_copied_run_is_eight_words_in_a_row_whatever_the_case() -> None:
    assert copied_run("Replacing the wooden pier that has served the Island", _STORY)
    assert not copied_run("replacing the wooden pier that has served", _STORY)  # seven words
    assert not copied_run("replacing the wooden pier that once served the island", _STORY)
