"""Hand-written key-figure labels: read them, check them, and give each its half.

The team's files are ``benchmarks/labels/figures-*.json``; the editor's older labels are
``<data>/figures/labels.json`` and are read too when the shared data is there (their
``value`` field, verbatim article text, is not kept). The format and the dev/held-out rule
are in ``benchmarks/labels/README.md``.

Shape checks need nothing but the files. The checks against the articles (the id exists,
no label copies eight or more words of the article) run when the shared data is present.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks._data import data_dir
from benchmarks.labels.split import Half, half_of

__all__ = [
    "LABELS_DIR",
    "MAX_FIGURES",
    "MAX_LABEL_CHARS",
    "LabelError",
    "LabelledArticle",
    "LabelledFigure",
    "article_texts",
    "copied_run",
    "load_labels",
    "read_label_file",
]

LABELS_DIR = Path(__file__).resolve().parent / "labels"
MAX_LABEL_CHARS = 60
MAX_FIGURES = 6
_COPY_WORDS = 8
_SOURCES = ("extraction", "summaries", "seed")
_WORD = re.compile(r"\w+")
_EDITOR_FILE = "labels.json"


class LabelError(ValueError):
    """A label file breaks the format; the message names the file and the article."""


@dataclass(frozen=True, slots=True)
class LabelledFigure:
    numbers: tuple[float, ...]
    label: str


@dataclass(frozen=True, slots=True)
class LabelledArticle:
    id: str
    source: str
    topic: str
    figures: tuple[LabelledFigure, ...]
    half: Half
    file: str


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _figure(raw: Any, where: str, *, max_chars: int | None) -> LabelledFigure:
    if not isinstance(raw, dict):
        raise LabelError(f"{where}: a figure must be an object")
    numbers, label = raw.get("numbers"), raw.get("label")
    if not isinstance(numbers, list) or not numbers or not all(map(_is_number, numbers)):
        raise LabelError(f"{where}: numbers must be a non-empty list of finite numbers")
    if not isinstance(label, str) or not label.strip():
        raise LabelError(f"{where}: label must be a non-empty string")
    if max_chars is not None and len(label) > max_chars:
        raise LabelError(f"{where}: label {label!r} is over {max_chars} characters")
    return LabelledFigure(tuple(float(n) for n in numbers), label)


def _article(raw: Any, name: str, *, shared: bool) -> LabelledArticle:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or not raw["id"]:
        raise LabelError(f"{name}: every article needs a non-empty string id")
    article_id: str = raw["id"]
    where = f"{name} {article_id[:12]}"
    source: str
    topic: str
    if shared:  # the editor's file has no source or topic fields
        source, topic = ("seed" if article_id == "seed" else "extraction"), ""
    else:
        raw_source, raw_topic = raw.get("source"), raw.get("topic")
        if not isinstance(raw_source, str) or raw_source not in _SOURCES:
            raise LabelError(f"{where}: source must be one of {', '.join(_SOURCES)}")
        if not isinstance(raw_topic, str) or not raw_topic.strip():
            raise LabelError(f"{where}: topic must be a non-empty string")
        source, topic = raw_source, raw_topic
    figures = raw.get("figures")
    if not isinstance(figures, list):
        raise LabelError(f"{where}: figures must be a list")
    if len(figures) > MAX_FIGURES:
        raise LabelError(f"{where}: {len(figures)} figures, at most {MAX_FIGURES}")
    # The editor's labels are read as they are; the length rule is for the team's own.
    limit = None if shared else MAX_LABEL_CHARS
    parsed = tuple(
        _figure(f, f"{where} figure {i}", max_chars=limit) for i, f in enumerate(figures)
    )
    # The summaries set may be used for evaluation only (its licence): never for tuning.
    half: Half = "heldout" if source == "summaries" else half_of(article_id)
    return LabelledArticle(article_id, source, topic, parsed, half, name)


def read_label_file(path: Path, *, shared: bool = False) -> list[LabelledArticle]:
    """The articles in one label file, checked for shape; ``shared`` for the editor's file.

    Raises ``LabelError`` naming every article that breaks the format, not just the first.
    """
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise LabelError(f"{path.name}: not valid JSON ({exc})") from exc
    if not isinstance(raw, list):
        raise LabelError(f"{path.name}: the file must hold a list of articles")
    articles, problems = [], []
    for item in raw:
        try:
            articles.append(_article(item, path.name, shared=shared))
        except LabelError as exc:
            problems.append(str(exc))
    if problems:
        raise LabelError("\n".join(problems))
    ids = [a.id for a in articles]
    if len(set(ids)) < len(ids):
        raise LabelError(f"{path.name}: an article is labelled twice")
    return articles


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def copied_run(label: str, text: str, words: int = _COPY_WORDS) -> bool:
    """Whether ``label`` repeats ``words`` or more consecutive words of ``text``."""
    mine = _words(label)
    if len(mine) < words:
        return False
    theirs = _words(text)
    runs = {tuple(theirs[i : i + words]) for i in range(len(theirs) - words + 1)}
    return any(tuple(mine[i : i + words]) in runs for i in range(len(mine) - words + 1))


def article_texts(root: Path) -> dict[tuple[str, str], str]:
    """Article text by (source, id) for the sources whose data is under ``root``."""
    texts: dict[tuple[str, str], str] = {}
    truth = root / "extraction" / "ground-truth.json"
    if truth.is_file():
        for page_id, entry in json.loads(truth.read_text(encoding="utf-8")).items():
            texts["extraction", page_id] = entry["articleBody"]
    summaries = root / "summaries" / "realsumm.jsonl"
    if summaries.is_file():
        for line in summaries.read_text(encoding="utf-8").splitlines():
            if line.strip():
                doc = json.loads(line)
                texts["summaries", str(doc["id"])] = doc["article"]
    seed = root.parent / "samples" / "seed-article.txt"
    if seed.is_file():
        texts["seed", "seed"] = seed.read_text(encoding="utf-8")
    return texts


def _check_against(articles: list[LabelledArticle], texts: Mapping[tuple[str, str], str]) -> None:
    known_sources = {source for source, _ in texts}
    for article in articles:
        if article.file == _EDITOR_FILE:
            # The editor's file is read where it lies and not kept in the project: only
            # its ids are checked, not its wording.
            if article.source in known_sources and (article.source, article.id) not in texts:
                raise LabelError(f"{article.file}: no {article.source} article {article.id}")
            continue
        if article.source not in known_sources:
            continue  # that part of the shared data is not here; nothing to check against
        text = texts.get((article.source, article.id))
        if text is None:
            raise LabelError(f"{article.file}: no {article.source} article {article.id[:12]}")
        for figure in article.figures:
            if copied_run(figure.label, text):
                raise LabelError(
                    f"{article.file} {article.id[:12]}: label {figure.label!r} copies the article"
                )


def load_labels(labels_dir: Path = LABELS_DIR, root: Path | None = None) -> list[LabelledArticle]:
    """Every labelled article, checked, in file then id order, each with its half.

    ``root`` is the shared data folder (default: ``benchmarks._data.data_dir()``); when it
    is missing only the project's own files are read and only their shape is checked.
    """
    root = root or data_dir()
    articles: list[LabelledArticle] = []
    for path in sorted(labels_dir.glob("figures-*.json")):
        articles += sorted(read_label_file(path), key=lambda a: a.id)
    editor = root / "figures" / _EDITOR_FILE
    if editor.is_file():
        articles += read_label_file(editor, shared=True)
    seen: dict[tuple[str, str], str] = {}
    for article in articles:
        if (article.source, article.id) in seen:
            first = seen[article.source, article.id]
            raise LabelError(f"{article.id[:12]} is labelled in {first} and {article.file}")
        seen[article.source, article.id] = article.file
    _check_against(articles, article_texts(root))
    return articles
