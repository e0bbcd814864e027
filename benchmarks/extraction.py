"""Extraction quality on the shared pages: briefbot's extractor against trafilatura's defaults.

Prints JSON. Scoring is ``_scoring.score_extraction`` (the benchmark's shingle F1).
Usage: ``python benchmarks/extraction.py [--bootstrap N]``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import trafilatura

from benchmarks._data import data_dir, load_extraction_pages
from benchmarks._scoring import score_extraction
from bot.briefing.extract import extract_article
from bot.errors import NotAnArticleError


def _briefbot(html: str, url: str) -> str:
    try:
        return extract_article(html, url).text
    except NotAnArticleError:
        return ""


def _trafilatura_defaults(html: str, url: str) -> str:
    return trafilatura.extract(html, url=url) or ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bootstrap", type=int, default=1000)
    args = parser.parse_args()
    pages = load_extraction_pages()
    if pages is None:
        print(json.dumps({"skipped": f"no extraction data under {data_dir()}"}))
        return 0
    truths = {p.id: p.truth for p in pages}
    report: dict[str, object] = {"pages": len(pages)}
    for name, extractor in (
        ("briefbot", _briefbot),
        ("trafilatura_defaults", _trafilatura_defaults),
    ):
        predictions = {p.id: extractor(p.html, p.url) for p in pages}
        report[name] = score_extraction(truths, predictions, bootstrap=args.bootstrap).to_dict()
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
