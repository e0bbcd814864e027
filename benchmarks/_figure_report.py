"""The key-figure part of ``benchmarks/quality.py``: labelled articles against briefs.

Totals per half (with 95 % bootstrap intervals of recall and precision over articles) and
per source, how the box's labels read (``labels``: empty, one word, and for the figures
found, whether the label shares a word with ours), the editor's original 7 articles for
continuity, and
per-article details for the dev half only: the held-out half is reported in aggregate,
so that nobody tunes on its details.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from benchmarks._bootstrap import ratio_interval
from benchmarks._figure_scoring import figure_matches, shares_a_word
from benchmarks._labels import LabelledArticle, LabelledFigure
from benchmarks.labels.split import Half
from bot.briefing import Brief

__all__ = [
    "EDITOR_FILE",
    "figure_intervals",
    "figure_report",
    "figure_totals",
    "label_totals",
    "score_article",
]

EDITOR_FILE = "labels.json"  # the editor's original labels in the shared data


def score_article(article: LabelledArticle, brief: Brief | None) -> dict[str, Any]:
    """Counts for one article, with the labels missed and the brief figures not wanted."""
    figures = brief.key_figures if brief else ()
    texts = [f"{f.value} {f.label}" for f in figures]
    labelled = [f.numbers for f in article.figures]
    missed, unwanted = figure_matches(labelled, texts)
    # for each figure found, the figure of the box that holds it (by its value if one
    # does, else by value and label: a joined total): does its label say what ours says,
    # in at least one word?
    sharing = 0
    for i, ours in enumerate(article.figures):
        if i not in missed:
            holders = [k for k, text in enumerate(texts) if _holds(ours, text)]
            by_value = [k for k in holders if _holds(ours, figures[k].value)]
            k = (by_value or holders)[0]
            sharing += shares_a_word(ours.label, figures[k].label)
    return {
        "source": article.source,
        "topic": article.topic,
        "file": article.file,
        "no_brief": int(brief is None),
        "labelled": len(labelled),
        "found": len(labelled) - len(missed),
        "produced": len(texts),
        "useful": len(texts) - len(unwanted),
        "missed": [
            f"{article.figures[i].label} {list(article.figures[i].numbers)}" for i in missed
        ],
        "unwanted": [f"{figures[i].value} — {figures[i].label}" for i in unwanted],
        "label_empty": sum(not f.label.strip() for f in figures),
        "label_one_word": sum(len(f.label.split()) == 1 for f in figures),
        "label_shares_our_word": sharing,
    }


def _holds(ours: LabelledFigure, text: str) -> bool:
    return not figure_matches([ours.numbers], [text])[0]


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def figure_totals(rows: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Recall, precision and F1 over several articles' counts, with the counts."""
    rows = list(rows)
    found, labelled = sum(r["found"] for r in rows), sum(r["labelled"] for r in rows)
    useful, produced = sum(r["useful"] for r in rows), sum(r["produced"] for r in rows)
    recall, precision = _ratio(found, labelled), _ratio(useful, produced)
    f1 = 2 * recall * precision / (recall + precision) if recall and precision else None
    return {
        "recall": None if recall is None else round(recall, 3),
        "precision": None if precision is None else round(precision, 3),
        "f1": None if f1 is None else round(f1, 3),
        "articles": len(rows),
        "labelled": labelled,
        "found": found,
        "produced": produced,
        "useful": useful,
        "no_brief": sum(r["no_brief"] for r in rows),
    }


def label_totals(rows: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """How the box's labels read: the share empty or of one word among the figures shown,
    and among the labelled figures found, the share whose label shares a word with ours
    (a rough check that it says what the figure counts: ours are in our own words)."""
    rows = list(rows)
    produced, found = sum(r["produced"] for r in rows), sum(r["found"] for r in rows)

    def share(key: str, whole: int) -> float | None:
        part = _ratio(sum(r[key] for r in rows), whole)
        return None if part is None else round(part, 3)

    return {
        "empty": share("label_empty", produced),
        "one_word": share("label_one_word", produced),
        "found_sharing_a_word_with_ours": share("label_shares_our_word", found),
    }


def figure_intervals(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """95 % bootstrap intervals of the pooled recall and precision, resampling articles."""
    if not rows:
        return {}
    found = [r["found"] for r in rows]
    recall = ratio_interval(found, [r["labelled"] for r in rows])
    precision = ratio_interval([r["useful"] for r in rows], [r["produced"] for r in rows])
    return {
        "recall_ci95": None if recall is None else recall.to_dict(3)["ci95"],
        "precision_ci95": None if precision is None else precision.to_dict(3)["ci95"],
    }


def figure_report(
    articles: Sequence[LabelledArticle],
    brief_for: Callable[[LabelledArticle], Brief | None],
    halves: Sequence[Half] = ("dev", "heldout"),
) -> dict[str, Any]:
    """Score the articles of ``halves``; details only for dev articles."""
    scored = [(a, score_article(a, brief_for(a))) for a in articles if a.half in halves]
    report: dict[str, Any] = {}
    for half in halves:
        rows = [row for a, row in scored if a.half == half]
        sources = sorted({row["source"] for row in rows})
        report[half] = {
            **figure_totals(rows),
            **figure_intervals(rows),
            "labels": label_totals(rows),
            "by_source": {s: figure_totals(r for r in rows if r["source"] == s) for s in sources},
        }
    editor = [(a, row) for a, row in scored if a.file == EDITOR_FILE]
    if editor:
        report["editor_set"] = {
            **figure_totals(row for _, row in editor),
            "halves": sorted({a.half for a, _ in editor}),
        }
    if "dev" in halves:
        report["dev_per_article"] = {
            f"{a.source}:{a.id[:12]}": row for a, row in scored if a.half == "dev"
        }
    return report
