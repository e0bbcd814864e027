"""Speed: briefs per second and ms per page, briefbot beside newspaper4k, same run.

Prints JSON. Both engines run in this one process, pinned to one core, on the shared
extraction pages (``$BRIEFBOT_DATA_DIR`` or ``../shared/data``), alternating page by
page so that both see the same machine state. Each page is timed ``--repeat`` times
per engine and its median kept; p50/p95 are over pages.

* briefbot: ``brief_from_html(html, url)``, the whole brief (extraction, metadata,
  summary, key figures); extraction alone is reported too.
* newspaper4k: ``Article(url, fetch_images=False)``, ``download(input_html=html)``,
  ``parse()``, and ``nlp()`` only when NLTK's ``punkt_tab`` data is installed (it is
  never downloaded here); the JSON says which.

Beside them, ``long_briefs`` (``benchmarks/_long_briefs.py``): a 10,000-word single
sentence and a 1,000,000-word article briefed as ``briefbot run`` briefs them (worker
processes, size and time limits), with the time to answer and the p99 delay of a ticker
coroutine on the same event loop (what relaying would wait). They run before pinning,
so that the workers have a core of their own as in production.

Usage: ``python benchmarks/speed.py [--repeat N] [--no-pin] [--long-only] [--no-thread]``
(``--no-thread`` skips the old in-thread run of the long sentence, which has no limit).
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._data import Page, data_dir, load_extraction_pages
from benchmarks._long_briefs import measure_long_briefs
from benchmarks._timing import percentile, pin_to_one_core
from bot.briefing.extract import extract_article
from bot.briefing.pipeline import brief_from_html
from bot.errors import BriefbotError

Engine = Callable[[Page], object]


def _briefbot(page: Page) -> object:
    try:
        return brief_from_html(page.html, page.url)
    except BriefbotError:
        return None


def _briefbot_extract(page: Page) -> object:
    try:
        return extract_article(page.html, page.url)
    except BriefbotError:
        return None


def _punkt_available() -> bool:
    try:
        import nltk

        nltk.data.find("tokenizers/punkt_tab")
    except (ImportError, LookupError):
        return False
    return True


def _newspaper_engine(with_nlp: bool, failures: dict[str, str]) -> Engine:
    from newspaper import Article

    def run(page: Page) -> object:
        try:
            article = Article(page.url, fetch_images=False)
            article.download(input_html=page.html)
            article.parse()
            if with_nlp:
                article.nlp()
        except Exception as exc:  # a page it cannot handle is reported, not fatal
            failures[page.id] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}"
            return None
        return article

    return run


def _summary(per_page: list[float]) -> dict[str, float]:
    return {
        "briefs_per_second": round(len(per_page) / sum(per_page), 1),
        "p50_ms": round(percentile(per_page, 0.50) * 1000, 2),
        "p95_ms": round(percentile(per_page, 0.95) * 1000, 2),
        "mean_ms": round(statistics.fmean(per_page) * 1000, 2),
        "max_ms": round(max(per_page) * 1000, 2),
    }


def _measure(pages: Sequence[Page], engines: dict[str, Engine], repeat: int) -> dict[str, Any]:
    names = list(engines)
    for page in pages[:3]:  # warm-up: imports, caches, lazy compilation
        for engine in engines.values():
            engine(page)
    timings: dict[str, list[list[float]]] = {n: [[] for _ in pages] for n in names}
    for round_number in range(repeat):
        gc.collect()
        for index, page in enumerate(pages):
            shift = (index + round_number) % len(names)
            for name in names[shift:] + names[:shift]:
                started = time.perf_counter()
                engines[name](page)
                timings[name][index].append(time.perf_counter() - started)
    return {n: _summary([statistics.median(t) for t in timings[n]]) for n in names}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-pin", action="store_true")
    parser.add_argument("--long-only", action="store_true", help="only the long briefs")
    parser.add_argument("--no-thread", action="store_true", help="skip the in-thread run")
    args = parser.parse_args()

    long_briefs = measure_long_briefs(with_thread=not args.no_thread)
    pages = None if args.long_only else load_extraction_pages()
    if pages is None:
        skipped = "--long-only" if args.long_only else f"no extraction data under {data_dir()}"
        print(json.dumps({"skipped": skipped, "pages": 0, "long_briefs": long_briefs}, indent=2))
        return 0
    pinning = "not pinned (--no-pin)" if args.no_pin else pin_to_one_core()
    with_nlp = _punkt_available()
    failures: dict[str, str] = {}
    engines: dict[str, Engine] = {
        "briefbot": _briefbot,
        "briefbot_extract_only": _briefbot_extract,
        "newspaper4k": _newspaper_engine(with_nlp, failures),
    }
    results = _measure(pages, engines, args.repeat)
    ours, theirs = results["briefbot"], results["newspaper4k"]
    report = {
        "pages": len(pages),
        "repeat": args.repeat,
        "cpu": pinning,
        "python": platform.python_version(),
        "versions": {n: version(n) for n in ("trafilatura", "newspaper4k")},
        "newspaper4k_measured": "download(input_html)+parse()+nlp()"
        if with_nlp
        else "download(input_html)+parse() only: nlp() needs NLTK punkt_tab data, "
        "which is not installed (nlp() would try to download it)",
        "results": results,
        "newspaper4k_failed_pages": {
            key: error for key, error in sorted(failures.items())
        },  # timed until they failed
        "ratio": {
            "throughput_briefbot_over_newspaper4k": round(
                ours["briefs_per_second"] / theirs["briefs_per_second"], 2
            ),
            "p50_newspaper4k_over_briefbot": round(theirs["p50_ms"] / ours["p50_ms"], 2),
        },
        "goal": {"p50_ms_max": 40, "met": ours["p50_ms"] <= 40},
        "long_briefs": long_briefs,
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
