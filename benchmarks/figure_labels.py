"""Key-figure label quality on the DEV half of the labelled articles; prints one JSON object.

For every labelled figure whose numbers a figure of our brief holds (its value alone),
our label is compared with the team's: token-overlap F1 after lowercasing and Porter
stemming, punctuation and the figure's own numbers left out. Two readings:

* ``brief``: the figures the brief shows (ranking decides which are compared);
* ``labeller``: the labeller alone, on the first quantity of the article text that holds
  the labelled numbers, whether or not the brief picked it.

For the brief's figures, matched or not, it also counts the labels that say nothing of
what is counted (empty, a bare verb, a unit alone or a function word) and their mean
length. Only the dev half is read: held-out articles are filtered out before anything is
briefed. Data comes from ``$BRIEFBOT_DATA_DIR`` or ``../shared/data``.

Usage: ``python benchmarks/figure_labels.py [--examples N]``.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nltk.stem.porter import PorterStemmer
from textblob.en import tag as pattern_tag

from benchmarks._data import data_dir, load_extraction_pages
from benchmarks._figure_scoring import read_numbers
from benchmarks._labels import LabelledArticle, load_labels
from bot.briefing import Brief, brief_from_html, brief_from_text
from bot.briefing.figures import find_quantities
from bot.briefing.figures.label import label_for
from bot.briefing.sentences import split_sentences
from bot.errors import BriefbotError

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_STEMMER = PorterStemmer()
# Judged apart from the product's own lists, so the labeller does not mark its own work.
_UNITS = frozenset(
    """second seconds minute minutes hour hours day days week weeks month months year years km
    kilometres miles mile metres meters feet foot kg tonnes percent per cent points times
    mph""".split()  # noqa: SIM905
)
_FUNCTION = frozenset(
    """a an the and or but of to in on at by for from with as than that which who this it its
    their his her is are was were be been has have had will would""".split()  # noqa: SIM905
)


def _tokens(text: str) -> list[str]:
    return [_STEMMER.stem(w.lower()) for w in _WORD.findall(text)]


def token_f1(ours: str, theirs: str) -> float:
    """Overlap F1 of the two labels' stemmed, lowercased word tokens (bags)."""
    a, b = _tokens(ours), _tokens(theirs)
    if not a or not b:
        return 0.0
    common = sum(min(a.count(w), b.count(w)) for w in set(a))
    if not common:
        return 0.0
    precision, recall = common / len(a), common / len(b)
    return 2 * precision * recall / (precision + recall)


def says_nothing(label: str, sentence: str) -> str | None:
    """Why ``label`` does not say what is counted ("empty", "verb", "unit",
    "function word"), or None. A one-word label is a verb when the Pattern tagger tags
    it a verb where it stands in the sentence."""
    words = _WORD.findall(label)
    if not words:
        return "empty"
    if len(words) > 1:
        return None
    word = words[0].lower()
    if word in _UNITS:
        return "unit"
    if word in _FUNCTION:
        return "function word"
    tags = [tag for token, tag in pattern_tag(sentence) if token.lower() == word]
    return "verb" if tags and all(t.startswith("VB") for t in tags) else None


def _holds(numbers: Sequence[float], wanted: Sequence[float]) -> bool:
    return all(any(math.isclose(n, w, rel_tol=1e-9) for n in numbers) for w in wanted)


def _brief(article: LabelledArticle, html: dict[str, tuple[str, str]], seed: str) -> Brief | None:
    try:
        if article.source == "seed":
            return brief_from_text(seed)
        if article.id in html:
            return brief_from_html(*html[article.id])
    except BriefbotError:
        return None
    return None


def _first_label(text: str, wanted: Sequence[float]) -> tuple[str, str] | None:
    """The labeller's label for the first quantity of ``text`` holding ``wanted``."""
    for sentence in split_sentences(text):
        for quantity in find_quantities(sentence):
            if _holds(read_numbers(quantity.text), wanted):
                return label_for(sentence, quantity), sentence
    return None


def _summary(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    scores = [token_f1(ours, theirs) for ours, theirs in pairs]
    return {
        "compared": len(pairs),
        "token_f1_mean": round(statistics.fmean(scores), 3) if scores else None,
        "exact_or_superset": sum(
            bool(_tokens(t)) and set(_tokens(t)) <= set(_tokens(o)) for o, t in pairs
        ),
        "empty": sum(not o.strip() for o, _ in pairs),
    }


def run(examples: int) -> dict[str, Any]:
    root = data_dir()
    pages = load_extraction_pages(root)
    if pages is None:
        return {"skipped": f"no shared data under {root} (set BRIEFBOT_DATA_DIR)"}
    articles = [a for a in load_labels(root=root) if a.half == "dev"]  # never heldout
    wanted_ids = {a.id for a in articles}
    html = {p.id: (p.html, p.url) for p in pages if p.id in wanted_ids}
    seed_path = root.parent / "samples" / "seed-article.txt"
    seed = seed_path.read_text(encoding="utf-8") if seed_path.is_file() else ""
    brief_pairs: list[tuple[str, str]] = []
    labeller_pairs: list[tuple[str, str]] = []
    shown: list[dict[str, Any]] = []
    lengths: list[int] = []
    chars: list[int] = []
    nothing: dict[str, int] = {}
    produced = 0
    started = time.perf_counter()
    for article in articles:
        brief = _brief(article, html, seed)
        if brief is None:
            continue
        for figure in brief.key_figures:
            produced += 1
            lengths.append(len(figure.label.split()))
            chars.append(len(figure.label))
            why = says_nothing(figure.label, figure.sentence)
            if why:
                nothing[why] = nothing.get(why, 0) + 1
        readings = [read_numbers(f.value) for f in brief.key_figures]
        for labelled in article.figures:
            match = next(
                (f for f, r in zip(brief.key_figures, readings, strict=True)
                 if _holds(r, labelled.numbers)),
                None,
            )  # fmt: skip
            if match is not None:
                brief_pairs.append((match.label, labelled.label))
            found = _first_label(brief.text, labelled.numbers)
            if found is not None:
                labeller_pairs.append((found[0], labelled.label))
                if len(shown) < examples:
                    shown.append({"ours": found[0], "team": labelled.label})
    return {
        "data_dir": str(root),
        "half": "dev",
        "articles": len(articles),
        "brief": {
            **_summary(brief_pairs),
            "figures_shown": produced,
            "says_nothing": sum(nothing.values()),
            "says_nothing_share": round(sum(nothing.values()) / produced, 3) if produced else None,
            "says_nothing_by_reason": dict(sorted(nothing.items())),
            "mean_words": round(statistics.fmean(lengths), 2) if lengths else None,
            "mean_chars": round(statistics.fmean(chars), 1) if chars else None,
        },
        "labeller": _summary(labeller_pairs),
        "examples": shown,
        "runtime_s": round(time.perf_counter() - started, 1),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=0, help="dev label pairs to print")
    args = parser.parse_args(argv)
    print(json.dumps(run(args.examples), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
