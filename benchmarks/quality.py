"""Brief quality on the shared data; prints one JSON object.

* extraction: ``brief_from_html(...).text`` against the ground truth, shingle F1
  (``_scoring.score_extraction``, as ``data/extraction/README.md`` describes);
* summaries: ROUGE-1/2/L/Lsum F-measure (x100, Porter stemming) of the brief's summary
  and of Lead-3 over the same text and the same sentence splitter, per
  ``data/summaries/README.md``; also on the two halves of the set (even and odd lines);
* key figures: recall and precision per ``data/figures/README.md`` (``_figure_scoring``).

Data comes from ``$BRIEFBOT_DATA_DIR`` or ``../shared/data``; without it, the script
says so in JSON and exits 0. Usage: ``python benchmarks/quality.py``.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rouge_score import rouge_scorer

from benchmarks._data import Page, data_dir, load_extraction_pages
from benchmarks._figure_scoring import FigureScore, score_figures
from benchmarks._scoring import score_extraction
from bot.briefing import Brief, brief_from_html, brief_from_text
from bot.briefing.sentences import split_sentences
from bot.errors import BriefbotError

_ROUGE_KEYS = ("rouge1", "rouge2", "rougeL", "rougeLsum")


def _timed(make: Callable[[], Brief]) -> tuple[Brief | None, float]:
    started = time.perf_counter()
    try:
        brief: Brief | None = make()
    except BriefbotError:
        brief = None
    return brief, (time.perf_counter() - started) * 1000


def _extraction(pages: Sequence[Page]) -> tuple[dict[str, Any], dict[str, Brief | None]]:
    briefs: dict[str, Brief | None] = {}
    millis: list[float] = []
    for page in pages:
        briefs[page.id], elapsed = _timed(partial(brief_from_html, page.html, page.url))
        millis.append(elapsed)
    truths = {p.id: p.truth for p in pages}
    predictions = {key: brief.text if brief else "" for key, brief in briefs.items()}
    report = score_extraction(truths, predictions).to_dict()
    report["brief_ms_p50"] = round(statistics.median(millis), 1)
    report["brief_ms_p90"] = round(statistics.quantiles(millis, n=10)[-1], 1)
    return report, briefs


def _lines(text: str | Sequence[str]) -> str:
    sentences = split_sentences(text) if isinstance(text, str) else list(text)
    return "\n".join(sentences)


def _mean_rouge(pairs: Sequence[tuple[str, Sequence[str]]], scorer: Any) -> dict[str, float]:
    totals = dict.fromkeys(_ROUGE_KEYS, 0.0)
    for references, candidate in pairs:
        scores = scorer.score(references, _lines(candidate))
        for key in _ROUGE_KEYS:
            totals[key] += scores[key].fmeasure
    return {key: round(100 * value / len(pairs), 2) for key, value in totals.items()}


def _summaries(root: Path) -> dict[str, Any] | None:
    path = root / "summaries" / "realsumm.jsonl"
    if not path.is_file():
        return None
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    scorer = rouge_scorer.RougeScorer(list(_ROUGE_KEYS), use_stemmer=True)
    ours: list[tuple[str, Sequence[str]]] = []
    lead: list[tuple[str, Sequence[str]]] = []
    millis: list[float] = []
    for row in rows:
        # Every set here has one reference per article; with several, rouge-score's
        # multi-reference scoring would differ from the README's mean, so take the first.
        reference = _lines(row["references"][0])
        brief, elapsed = _timed(partial(brief_from_text, row["article"]))
        millis.append(elapsed)
        text = brief.text if brief else row["article"]
        ours.append((reference, brief.summary if brief else ()))
        lead.append((reference, split_sentences(text)[:3]))
    report: dict[str, Any] = {"articles": len(rows)}
    for name, half in (("all", slice(None)), ("even_half", slice(0, None, 2))):
        ours_score, lead_score = _mean_rouge(ours[half], scorer), _mean_rouge(lead[half], scorer)
        report[name] = {
            "ours": ours_score,
            "lead3": lead_score,
            "ours_minus_lead3": {k: round(ours_score[k] - lead_score[k], 2) for k in _ROUGE_KEYS},
        }
    odd = slice(1, None, 2)
    ours_odd, lead_odd = _mean_rouge(ours[odd], scorer), _mean_rouge(lead[odd], scorer)
    report["odd_half"] = {
        "ours": ours_odd,
        "lead3": lead_odd,
        "ours_minus_lead3": {k: round(ours_odd[k] - lead_odd[k], 2) for k in _ROUGE_KEYS},
    }
    report["brief_from_text_ms_p50"] = round(statistics.median(millis), 1)
    return report


def _figure_totals(scores: Sequence[FigureScore]) -> dict[str, Any]:
    found, labelled = sum(s.found for s in scores), sum(s.labelled for s in scores)
    useful, produced = sum(s.useful for s in scores), sum(s.produced for s in scores)
    return {
        "recall": round(found / labelled, 3) if labelled else None,
        "precision": round(useful / produced, 3) if produced else None,
        "labelled": labelled,
        "found": found,
        "produced": produced,
    }


def _figures(root: Path, briefs: dict[str, Brief | None]) -> dict[str, Any] | None:
    path = root / "figures" / "labels.json"
    if not path.is_file():
        return None
    scores: list[FigureScore] = []
    per_article: dict[str, dict[str, int]] = {}
    for article in json.loads(path.read_text(encoding="utf-8")):
        if article["id"] == "seed":
            seed = (root.parent / "samples" / "seed-article.txt").read_text(encoding="utf-8")
            brief, _ = _timed(partial(brief_from_text, seed))
        else:
            brief = briefs.get(article["id"])
        figures = brief.key_figures if brief else ()
        score = score_figures(
            [f["numbers"] for f in article["figures"]], [f"{f.value} {f.label}" for f in figures]
        )
        scores.append(score)
        per_article[article["id"][:12]] = {
            "labelled": score.labelled,
            "found": score.found,
            "produced": score.produced,
            "useful": score.useful,
        }
    # Halves by position in the labels file: a change should hold up on both.
    return {
        **_figure_totals(scores),
        "even_half": _figure_totals(scores[::2]),
        "odd_half": _figure_totals(scores[1::2]),
        "per_article": per_article,
    }


def main() -> int:
    root = data_dir()
    pages = load_extraction_pages(root)
    if pages is None:
        print(json.dumps({"skipped": f"no shared data under {root} (set BRIEFBOT_DATA_DIR)"}))
        return 0
    extraction, briefs = _extraction(pages)
    report = {
        "data_dir": str(root),
        "extraction": extraction,
        "summaries": _summaries(root),
        "key_figures": _figures(root, briefs),
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
