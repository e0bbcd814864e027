"""Brief quality on the shared data; prints one JSON object.

* extraction: ``brief_from_html(...).text`` against the ground truth, shingle F1
  (``_scoring.score_extraction``, as ``data/extraction/README.md`` describes), beside
  trafilatura's defaults on the same pages;
* summaries: on every set ``data/summaries/*.jsonl`` with references, ROUGE-1/2/L/Lsum
  F-measure (x100, Porter stemming, mean over an article's references) of the brief's
  summary and of Lead-3 over the same text and the same sentence splitter, per
  ``data/summaries/README.md``, each with a 95% percentile bootstrap interval and the
  interval of the paired difference (``_bootstrap``), and how many briefs used the lead
  and how many the extractive summary (``Brief.summary_method``);
* languages: per non-English extraction page, the declared and detected language, and
  that an unsupported language shows no key figures (``_languages``);
* key figures: recall and precision (``_figure_scoring``) on the labelled articles
  (``_labels.load_labels``) per half and per source, briefed as the product would brief
  them: extraction pages from their HTML, the seed and summaries-set articles from their
  plain text as if pasted; also the editor's original 7 articles, for continuity.
  Per-article details are printed for the dev half only: the held-out half gives
  aggregates, so that nobody tunes on its details.

The summaries set is held out by its licence (evaluation only), so ``--half dev`` leaves
out its ROUGE as well as its figure labels.

Data comes from ``$BRIEFBOT_DATA_DIR`` or ``../shared/data``; without it, the script
says so in JSON and exits 0.
Usage: ``python benchmarks/quality.py [--half dev|heldout|both] [--resamples N]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import trafilatura
from rouge_score import rouge_scorer

from benchmarks._bootstrap import DEFAULT_RESAMPLES, DEFAULT_SEED, mean_intervals
from benchmarks._data import Page, data_dir, load_extraction_pages
from benchmarks._figure_report import figure_report
from benchmarks._labels import LabelledArticle, load_labels
from benchmarks._languages import language_report, summary_methods
from benchmarks._scoring import score_extraction
from benchmarks.labels.split import Half
from bot.briefing import Brief, brief_from_html, brief_from_text
from bot.briefing.sentences import split_sentences
from bot.errors import BriefbotError

_ROUGE_KEYS = ("rouge1", "rouge2", "rougeL", "rougeLsum")
_HALVES: tuple[Half, ...] = ("dev", "heldout")
_LABELLED_SUMMARY_SET = "realsumm"  # the summaries set whose ids the labels name


def _timed(make: Callable[[], Brief]) -> tuple[Brief | None, float]:
    started = time.perf_counter()
    try:
        brief: Brief | None = make()
    except BriefbotError:
        brief = None
    return brief, (time.perf_counter() - started) * 1000


def _extraction(
    pages: Sequence[Page], resamples: int
) -> tuple[dict[str, Any], dict[str, Brief | None]]:
    briefs: dict[str, Brief | None] = {}
    millis: list[float] = []
    for page in pages:
        briefs[page.id], elapsed = _timed(partial(brief_from_html, page.html, page.url))
        millis.append(elapsed)
    truths = {p.id: p.truth for p in pages}
    ours = {key: brief.text if brief else "" for key, brief in briefs.items()}
    theirs = {p.id: trafilatura.extract(p.html, url=p.url) or "" for p in pages}
    report: dict[str, Any] = {
        "pages": len(pages),
        "briefbot": score_extraction(truths, ours, bootstrap=resamples).to_dict(),
        "trafilatura_defaults": score_extraction(truths, theirs, bootstrap=resamples).to_dict(),
        "brief_ms_p50": round(statistics.median(millis), 1),
        "brief_ms_p90": round(statistics.quantiles(millis, n=10)[-1], 1),
        "summary_methods": summary_methods(briefs),
        "languages": language_report(pages, briefs),
    }
    return report, briefs


# --- summaries ---------------------------------------------------------------------


def _lines(text: str | Sequence[str]) -> str:
    sentences = split_sentences(text) if isinstance(text, str) else list(text)
    return "\n".join(sentences)


def _rouge(scorer: Any, references: Sequence[str], candidate: Sequence[str]) -> dict[str, float]:
    """F-measure x100 per key, the mean over the article's references."""
    totals = dict.fromkeys(_ROUGE_KEYS, 0.0)
    prediction = _lines(candidate)
    for reference in references:
        scores = scorer.score(_lines(reference), prediction)
        for key in _ROUGE_KEYS:
            totals[key] += scores[key].fmeasure
    return {key: 100 * value / len(references) for key, value in totals.items()}


def _summary_sets(root: Path) -> dict[str, list[dict[str, Any]]]:
    sets = {}
    for path in sorted((root / "summaries").glob("*.jsonl")):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        rows = [r for r in rows if r.get("article") and r.get("references")]
        if rows:
            sets[path.stem] = rows
    return sets


def _summary_set(
    rows: Sequence[Mapping[str, Any]], scorer: Any, resamples: int
) -> tuple[dict[str, Any], dict[str, Brief | None]]:
    columns: dict[str, list[float]] = {}
    briefs: dict[str, Brief | None] = {}
    millis: list[float] = []
    for row in rows:
        brief, elapsed = _timed(partial(brief_from_text, row["article"]))
        briefs[str(row["id"])] = brief
        millis.append(elapsed)
        text = brief.text if brief else row["article"]
        ours = _rouge(scorer, row["references"], brief.summary if brief else ())
        lead = _rouge(scorer, row["references"], split_sentences(text)[:3])
        for key in _ROUGE_KEYS:
            columns.setdefault(f"ours.{key}", []).append(ours[key])
            columns.setdefault(f"lead3.{key}", []).append(lead[key])
            columns.setdefault(f"diff.{key}", []).append(ours[key] - lead[key])
    intervals = mean_intervals(columns, resamples=resamples, seed=DEFAULT_SEED)
    report: dict[str, Any] = {
        "articles": len(rows),
        "references": sum(len(r["references"]) for r in rows),
        "no_brief": sum(b is None for b in briefs.values()),
    }
    for name, prefix in (("ours", "ours"), ("lead3", "lead3"), ("ours_minus_lead3", "diff")):
        report[name] = {key: intervals[f"{prefix}.{key}"].to_dict() for key in _ROUGE_KEYS}
    report["brief_from_text_ms_p50"] = round(statistics.median(millis), 1)
    report["summary_methods"] = summary_methods(briefs)
    report["briefs_by_language"] = dict(
        Counter(b.language or "unknown" for b in briefs.values() if b is not None)
    )
    return report, briefs


def _summaries(root: Path, resamples: int) -> tuple[dict[str, Any] | None, dict[str, Brief | None]]:
    sets = _summary_sets(root)
    if not sets:
        return None, {}
    scorer = rouge_scorer.RougeScorer(list(_ROUGE_KEYS), use_stemmer=True)
    report: dict[str, Any] = {
        "bootstrap": {"resamples": resamples, "seed": DEFAULT_SEED, "level": 0.95},
    }
    labelled_briefs: dict[str, Brief | None] = {}
    for name, rows in sets.items():
        report[name], briefs = _summary_set(rows, scorer, resamples)
        if name == _LABELLED_SUMMARY_SET:
            labelled_briefs = briefs
    return report, labelled_briefs


# --- key figures -------------------------------------------------------------------


def _figures(
    root: Path,
    halves: Sequence[Half],
    page_briefs: Mapping[str, Brief | None],
    summary_briefs: Mapping[str, Brief | None],
) -> dict[str, Any] | None:
    articles = [a for a in load_labels(root=root) if a.half in halves]
    seed_path = root.parent / "samples" / "seed-article.txt"

    def brief_for(article: LabelledArticle) -> Brief | None:
        if article.source == "seed":
            seed = seed_path.read_text(encoding="utf-8")
            return _timed(partial(brief_from_text, seed))[0]
        if article.source == "summaries":
            return summary_briefs.get(article.id)
        return page_briefs.get(article.id)

    return figure_report(articles, brief_for, halves) if articles else None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("dev", "heldout", "both"), default="both")
    parser.add_argument("--resamples", type=int, default=DEFAULT_RESAMPLES)
    args = parser.parse_args(argv)
    halves = _HALVES if args.half == "both" else tuple(h for h in _HALVES if h == args.half)
    started = time.perf_counter()
    root = data_dir()
    pages = load_extraction_pages(root)
    if pages is None:
        print(json.dumps({"skipped": f"no shared data under {root} (set BRIEFBOT_DATA_DIR)"}))
        return 0
    extraction, page_briefs = _extraction(pages, args.resamples)
    summaries: dict[str, Any] | None = {"skipped": "the summaries set is held out"}
    summary_briefs: dict[str, Brief | None] = {}
    if "heldout" in halves:
        summaries, summary_briefs = _summaries(root, args.resamples)
    report = {
        "data_dir": str(root),
        "half": args.half,
        "extraction": extraction,
        "summaries": summaries,
        "key_figures": _figures(root, halves, page_briefs, summary_briefs),
        "runtime_s": round(time.perf_counter() - started, 1),
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
