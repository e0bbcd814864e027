"""How well two labellers agree on key figures, beside the product; prints one JSON object.

A candidate label file (default ``labels/agreement/figures-c.json``, a second labeller's
fresh labels) is scored against the existing labels (``_labels.load_labels``: the team's
``labels/figures-*.json`` and the editor's ``labels.json``), treated as gold, on the
articles both label. The rule is ``_figure_scoring``'s, on number lists: a gold figure is
found when one candidate figure holds all of its numbers (relative tolerance 1e-9); a
candidate figure is useful when it finds at least one gold figure. Recall, precision and
F1 are given per article and pooled.

Beside it, on the same articles and against the same gold, the product: each page briefed
from its HTML (``brief_from_html``) and scored as ``quality.py`` scores it. And the
product against the candidate's labels as gold, to see whether the product's score moves
with the labeller.

Dev half only: held-out articles in the candidate file make the script refuse (exit 2),
and held-out gold labels are dropped before anything is scored or briefed. Data comes from
``$BRIEFBOT_DATA_DIR`` or ``../shared/data``; without it the script says so and exits 0.

``--labellers-only`` scores labeller against labeller and nothing else: no page is
briefed and no product score is computed, so the candidate may hold held-out articles
(the summaries set among them; labels are not tuning). It gives the candidate against
the existing labels as gold, the other way round (existing labels as candidate, the new
ones as gold: recall and precision swapped), 95 % bootstrap intervals over articles,
figures per article on each side, and per-article rows in both directions.

Usage: ``python benchmarks/label_agreement.py [--candidate PATH] [--labellers-only]``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._data import data_dir
from benchmarks._figure_report import figure_intervals, figure_totals, score_article
from benchmarks._figure_scoring import number_matches
from benchmarks._labels import (
    LABELS_DIR,
    LabelError,
    LabelledArticle,
    article_texts,
    copied_run,
    load_labels,
    read_label_file,
)
from bot.briefing import Brief, brief_from_html
from bot.errors import BriefbotError

__all__ = ["agreement_row", "check_candidate", "labellers_report", "main"]

DEFAULT_CANDIDATE = LABELS_DIR / "agreement" / "figures-c.json"


def _numbers(figure_numbers: Sequence[float]) -> str:
    return "[" + ", ".join(f"{n:g}" for n in figure_numbers) + "]"


def agreement_row(gold: LabelledArticle, candidate: LabelledArticle) -> dict[str, Any]:
    """Counts for one article, the candidate's figures scored against the gold ones.

    The keys are those of ``_figure_report.score_article`` so that ``figure_totals``
    pools them; ``missed`` names gold figures the candidate lacks, ``unwanted`` candidate
    figures matching no gold figure.
    """
    labelled = [f.numbers for f in gold.figures]
    produced = [f.numbers for f in candidate.figures]
    missed, unwanted = number_matches(labelled, produced)
    return {
        "source": gold.source,
        "topic": gold.topic or candidate.topic,
        "file": gold.file,
        "no_brief": 0,
        "labelled": len(labelled),
        "found": len(labelled) - len(missed),
        "produced": len(produced),
        "useful": len(produced) - len(unwanted),
        "missed": [f"{gold.figures[i].label} {_numbers(labelled[i])}" for i in missed],
        "unwanted": [f"{candidate.figures[i].label} {_numbers(produced[i])}" for i in unwanted],
    }


def _with_ratios(row: Mapping[str, Any]) -> dict[str, Any]:
    totals = figure_totals([row])
    return {**{k: totals[k] for k in ("recall", "precision", "f1")}, **row}


def _brief(root: Path, article_id: str, url: str | None) -> Brief | None:
    path = root / "extraction" / "html" / f"{article_id}.html.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        html = fh.read()
    try:
        return brief_from_html(html, url)
    except BriefbotError:
        return None


def check_candidate(
    candidate: Sequence[LabelledArticle],
    texts: Mapping[tuple[str, str], str],
    *,
    allow_heldout: bool = False,
) -> list[str]:
    """Problems that forbid scoring: held-out articles (unless ``allow_heldout``, for the
    labeller-only study that runs no product), unknown ids, copied wording."""
    problems = []
    for article in candidate:
        short = f"{article.source}:{article.id[:12]}"
        if article.half != "dev" and not allow_heldout:
            problems.append(f"{short} is held out; this study scores dev articles only")
            continue
        text = texts.get((article.source, article.id))
        if text is None:
            problems.append(f"{short} is not in the shared data")
            continue
        problems += [
            f"{short}: label {f.label!r} copies the article"
            for f in article.figures
            if copied_run(f.label, text)
        ]
    return problems


def _per_article(rows: Sequence[Mapping[str, Any]]) -> float | None:
    return round(sum(r["produced"] for r in rows) / len(rows), 2) if rows else None


_BACK_KEYS = ("recall", "precision", "f1", "missed", "unwanted")


def labellers_report(pairs: Sequence[tuple[LabelledArticle, LabelledArticle]]) -> dict[str, Any]:
    """Labeller against labeller on ``(gold, candidate)`` pairs, both ways; no product.

    ``candidate_vs_gold`` scores the candidate's figures against the existing labels;
    ``gold_vs_candidate`` scores the existing labels against the candidate's, which swaps
    recall and precision (up to figures that find several, or none, on the other side).
    """
    ahead: dict[str, dict[str, Any]] = {}
    back: dict[str, dict[str, Any]] = {}
    for g, c in pairs:
        key = f"{g.source}:{g.id[:12]}"
        ahead[key], back[key] = agreement_row(g, c), agreement_row(c, g)
    forward, backward = list(ahead.values()), list(back.values())
    return {
        "pooled": {
            "candidate_vs_gold": {**figure_totals(forward), **figure_intervals(forward)},
            "gold_vs_candidate": {**figure_totals(backward), **figure_intervals(backward)},
        },
        "figures_per_article": {
            "candidate": _per_article(forward),
            "gold": _per_article(backward),
        },
        "empty_articles": {
            "candidate": sum(not r["produced"] for r in forward),
            "gold": sum(not r["produced"] for r in backward),
        },
        "per_article": {
            key: {
                "candidate_vs_gold": _with_ratios(ahead[key]),
                "gold_vs_candidate": {
                    k: v for k, v in _with_ratios(back[key]).items() if k in _BACK_KEYS
                },
            }
            for key in ahead
        },
    }


def _urls(root: Path) -> dict[str, str]:
    truth = json.loads((root / "extraction" / "ground-truth.json").read_text(encoding="utf-8"))
    return {page_id: entry["url"] for page_id, entry in truth.items()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--candidate", type=Path, default=DEFAULT_CANDIDATE)
    parser.add_argument(
        "--labellers-only",
        action="store_true",
        help="score labeller against labeller only (both ways), held-out articles allowed; "
        "no page is briefed and no product score is given",
    )
    args = parser.parse_args(argv)
    root = data_dir()
    if not (root / "extraction" / "ground-truth.json").is_file():
        print(json.dumps({"skipped": f"no shared data under {root} (set BRIEFBOT_DATA_DIR)"}))
        return 0
    try:
        candidate = read_label_file(args.candidate)
    except (LabelError, OSError) as exc:
        print(json.dumps({"error": f"cannot read {args.candidate}: {exc}"}))
        return 2
    problems = check_candidate(candidate, article_texts(root), allow_heldout=args.labellers_only)
    if problems:
        print(json.dumps({"refused": problems}, indent=2, ensure_ascii=False))
        return 2
    if args.labellers_only:
        every = {(a.source, a.id): a for a in load_labels(root=root)}
        both = [(every[c.source, c.id], c) for c in candidate if (c.source, c.id) in every]
        report = {
            "data_dir": str(root),
            "candidate": str(args.candidate),
            "mode": "labellers only: no product run, no product scores",
            "halves": sorted({c.half for _, c in both}),
            "articles_in_candidate": len(candidate),
            "articles_scored": len(both),
            "not_in_gold": [
                f"{c.source}:{c.id[:12]}" for c in candidate if (c.source, c.id) not in every
            ],
            "gold_files": sorted({g.file for g, _ in both}),
            "rule": "gold figure found when one figure holds all its numbers (rel. tol. 1e-9)",
            **labellers_report(both),
        }
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    gold = {(a.source, a.id): a for a in load_labels(root=root) if a.half == "dev"}
    pairs = [(gold[c.source, c.id], c) for c in candidate if (c.source, c.id) in gold]
    urls = _urls(root)
    human: dict[str, dict[str, Any]] = {}
    product: dict[str, dict[str, Any]] = {}
    product_vs_candidate: list[dict[str, Any]] = []
    for g, c in pairs:
        key = f"{g.source}:{g.id[:12]}"
        human[key] = agreement_row(g, c)
        brief = _brief(root, g.id, urls.get(g.id)) if g.source == "extraction" else None
        product[key] = score_article(g, brief)
        product_vs_candidate.append(score_article(c, brief))
    report = {
        "data_dir": str(root),
        "candidate": str(args.candidate),
        "half": "dev",
        "articles_in_candidate": len(candidate),
        "articles_scored": len(pairs),
        "not_in_gold": [
            f"{c.source}:{c.id[:12]}" for c in candidate if (c.source, c.id) not in gold
        ],
        "rule": "gold figure found when one figure holds all its numbers (rel. tol. 1e-9)",
        "pooled": {
            "candidate_vs_gold": figure_totals(human.values()),
            "product_vs_gold": figure_totals(product.values()),
            "product_vs_candidate": figure_totals(product_vs_candidate),
        },
        "per_article": {
            key: {
                "candidate_vs_gold": _with_ratios(human[key]),
                "product_vs_gold": _with_ratios(product[key]),
            }
            for key in human
        },
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
