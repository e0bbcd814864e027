"""Fit the key-figure selector on the dev half and choose how it fills the box.

Reads the labelled articles (``benchmarks/_labels.py``) of the **dev half only** from the
shared data (``$BRIEFBOT_DATA_DIR`` or ``../shared/data``), briefs each as the product
would (extraction pages from their HTML, the seed article as pasted text), and turns
every candidate figure into the general traits of ``bot.briefing.figures.features``. A
candidate is positive when its value and label hold all the numbers of a labelled figure
(``benchmarks._figure_scoring.figure_matches``, the rule the quality benchmark scores
with).

A logistic regression (L2, Newton steps, numpy only) is scored by leave-one-article-out
cross-validation within dev: for each article, fit on the others and fill that article's
box. Printed as JSON: the hand-tuned ranking it replaced (``_legacy_figure_rank``, no
fitting, same articles), the model's top six, and the best of the box policies tried
(probability threshold, minimum and maximum shown, cap per sentence) with each L2 strength. The
chosen variant is the one that clears the weaker of the two goals (``--goal-recall``,
``--goal-precision``: issue 12's 0.80 and 0.70) by the most, a tie going to the higher
F1; it is then fitted on all of dev and written to
``bot/briefing/figures/selector_weights.json`` (numbers only; ``--dry-run`` writes
nothing).

With ``--with-invented`` the short articles the team invented and labelled for training
(``benchmarks/labels/invented/``: our own writing, never an evaluation set) join the
training data. Cross-validation still leaves out one *dev* article at a time and scores
only dev articles, the invented ones always being in the training part, so its figures
stay comparable with the dev-only run. The report then also gives the weights in use
(fitted on all of dev, so in-sample there, and out of sample on the invented articles),
the dev-only cross-validation, and a model trained on the invented articles alone and
scored on every dev article: its L2 strength
and box policy chosen by leave-one-invented-article-out cross-validation, so no dev
article shaped it (and, beside it, the best the invented-only fit reaches when the policy
is picked on dev, an optimistic bound). The weights written are then fitted on dev and
invented together.

With ``--cv-all`` (which implies ``--with-invented``) every article, dev and invented
alike, is left out in turn and scored, and the variant with the best *balanced* F1 is
chosen: the mean of the F1 pooled over the real pages (dev) and the F1 pooled over the
invented articles, so the 23 real pages weigh as much as the 80 invented ones (pooled
over every article, the invented ones outvote the real pages, and a choice made that way
once shrank the box on real pages and cost recall there; the goal margin breaks ties:
it flips between variants on differences far smaller than its own noise, and once chose
a box that always shows three figures for a 0.002 gain in margin and 0.016 less F1). The
report gives dev, short and long invented articles apart (``by_group``; long is
``LONG_WORDS`` words or more). ``long_unseen`` then asks whether a fit carries over to
articles unlike its training ones: fitted on dev and the short invented articles only,
with the variant their own leave-one-out chooses, it scores the long invented ones,
beside the prior's weights.
The weights written are fitted on every article. They are not written when the chosen
variant's dev leave-one-out recall is below that of the variant in use
(``dev_recall_guard``; ``--allow-lower-dev-recall`` overrides it): twice, such a refit
lowered recall on the held-out half.

The invented articles of ``labels/invented/check.json`` (``inv-81`` to ``inv-245``, 165
articles written and labelled blind the same way; from ``inv-186`` on by four writers
outside the team) are never trained on: every run scores its fit and the weights in use on
them (``check_set``, and apart by writer), a yardstick of articles no fit or choice saw
that leaves the held-out half untouched. They were a training set for two refits on
2026-12-05 that were not kept (the project README says why).

No variant with a box threshold under ``--min-threshold`` (0.25) is chosen, in either
mode: fitted on every article, a lower threshold boxes the small counts, dates and
ordinals of a short note, which the product's unit tests forbid
(``tests/unit/briefing/test_figure_selector.py``). ``without_min_threshold`` in the
report is the variant the same order would pick without the rule, when it differs.

Plain leave-one-out picks the best of some 3,900 variants on the articles it scores, so
it flatters the procedure. ``--nested`` also reports nested leave-one-out: each dev
article's box is filled by the variant chosen on the other dev articles alone.

``--learning-curve`` asks whether more labelled articles would help: for each training
size k (5 to 22), each dev article is held out in turn and the model fitted on k of the
*other* dev articles drawn at random (``--repeats`` draws, ``--seed``), its box filled
with the shipped policy (``selector_weights.json``) and the L2 strength whose fit on all
of dev reproduces the shipped weights. Per k: pooled recall, precision and F1, the spread
of F1 across draws, and the gain up to the largest k with an article-bootstrap interval;
then the slope between the last two points and two fitted curves read at k=46, an
extrapolation. For reference it also gives the prior's weights alone (only the bias
fitted) and the recall if every candidate were shown. The point at k=22 is plain
leave-one-out with a variant chosen on these same articles, so it flatters a little. It
implies ``--dry-run``.

The held-out half and the summaries set are never read here. Without the shared data
the script says so in JSON and exits 0.
Usage: ``python benchmarks/train_figure_selector.py [--goal-recall R] [--goal-precision P]
[--with-invented [--invented-weight W]] [--cv-all] [--nested]
[--learning-curve [--repeats N] [--seed S]] [--min-threshold T] [--dry-run]``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np

from benchmarks._data import data_dir
from benchmarks._figure_scoring import FigureScore, figure_matches, score_figures
from benchmarks._labels import LabelledArticle, load_labels
from benchmarks._legacy_figure_rank import LegacyCandidate, rank_candidates
from bot.briefing.extract import extract_article
from bot.briefing.figures import boxed
from bot.briefing.figures.features import FEATURES
from bot.briefing.figures.label import label_for
from bot.briefing.figures.numbers import find_quantities
from bot.briefing.figures.rank import BoxPolicy, Candidate, gather, pick
from bot.briefing.figures.selector import WEIGHTS_FILE, Model, from_json
from bot.briefing.pipeline import text_article
from bot.briefing.sentences import split_sentences
from bot.briefing.summary_quality import has_boilerplate
from bot.briefing.text import body_text
from bot.errors import BriefbotError

LIMIT = 6
INVENTED = Path(__file__).resolve().parent / "labels" / "invented"
TRAINING = "figures.json"  # inv-01 to inv-80: the invented articles the selector learns from
# inv-81 to inv-245: written and labelled the same way but never trained on, so that a fit
# can be scored on articles it never saw without touching the held-out half
CHECK = "check.json"
OTHER_WRITERS_FROM = 186  # check articles from inv-186 on were written outside the team
# Where the weights start and are pulled back to (an informative prior): the labels
# README's rules read as signs, set once before fitting and never tuned on an article.
# Money, shares, changes, tolls and counts of people are figures; years, dates, ordinals,
# ages, headways, small counts, baselines, specifications and restatements are not.
# Traits not named start at 0. The data moves each weight as far as ``l2`` allows.
PRIOR = {
    "kind_money": 1.0,
    "kind_percent": 0.8,
    "kind_year": -2.0,
    "kind_date": -1.5,
    "kind_ordinal": -1.5,
    "date_with_day": -0.5,
    "two_values": 0.3,
    "log_magnitude": 1.0,
    "below_ten": -0.7,
    "at_most_two": -0.7,
    "fine_decimals": -0.3,
    "measure_unit": -0.3,
    "age": -1.5,
    "appositive_age": -1.5,
    "rounded_echo": -0.5,
    "in_brackets": -0.3,
    "span_adjective": -1.0,
    "time_ago": -1.0,
    "every_before": -1.5,
    "relative_position": -0.5,
    "in_title": 0.5,
    "heading": -0.5,
    "in_quote": -0.3,
    "follow_up": -0.5,
    "baseline": -1.5,
    "endpoint": -1.2,
    "capacity_or_place": -0.8,
    "toll": 1.2,
    "change_before": 0.3,
    "record_near": 0.3,
    "no_label": -0.5,
    "impact_label": 0.8,
}
_L2 = (1.0, 3.0, 10.0, 30.0, 100.0, 1e6)  # 1e6: the prior alone
_THRESHOLDS = (0.0, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
_MINIMUMS = (0, 1, 2, 3)
_PER_SENTENCE = (1, 2, 3)
_MAXIMUMS = (4, 5, 6)
_CURVE_SIZES = (5, 8, 11, 14, 17, 20, 22)  # training articles; 22 is all of dev but one
_EXTRAPOLATE_TO = 46  # twice the dev half: labelling as many articles again
_BOOTSTRAP = 2000  # article resamples for the learning curve's intervals


@dataclass(frozen=True, slots=True)
class Example:
    """One dev article: its candidates, which are positive, and its labelled figures."""

    candidates: list[Candidate]
    positive: list[bool]
    labelled: list[tuple[float, ...]]
    title: str | None
    words: int = 0  # the length of the text briefed
    name: str = ""  # the article's id


def _article_input(
    article: LabelledArticle, root: Path
) -> tuple[list[str], str | None, date | None] | None:
    """The sentences, title and date the product would brief, or ``None`` without a brief."""
    try:
        if article.source == "seed":
            seed = (root.parent / "samples" / "seed-article.txt").read_text(encoding="utf-8")
            extracted = text_article(seed)
        else:
            truth = json.loads((root / "extraction" / "ground-truth.json").read_text("utf-8"))
            path = root / "extraction" / "html" / f"{article.id}.html.gz"
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                extracted = extract_article(fh.read(), truth[article.id]["url"])
    except (BriefbotError, FileNotFoundError):
        return None
    body = body_text(extracted.text) or extracted.text
    sentences = [s for s in split_sentences(body) if not has_boilerplate(s)]
    return sentences, extracted.title, extracted.published


def _example(
    brief_input: tuple[list[str], str | None, date | None],
    labelled: list[tuple[float, ...]],
    name: str = "",
) -> Example:
    sentences, title, published = brief_input
    candidates = gather(sentences, labeller=label_for, title=title, published=published)
    # a candidate is positive when the box would show it holding a labelled figure: its
    # comparison joined ("rose 6%, to £1.37 billion"), as the product shows it
    texts = [_texts(candidates, [c]) for c in candidates]
    positive = [bool(text) and not figure_matches(labelled, text)[1] for text in texts]
    words = sum(len(s.split()) for s in sentences)
    return Example(candidates, positive, labelled, title, words, name)


def _examples(articles: Iterable[LabelledArticle], root: Path) -> list[Example]:
    examples = []
    for article in articles:
        brief_input = _article_input(article, root)
        if brief_input is None:
            continue
        examples.append(_example(brief_input, [f.numbers for f in article.figures], article.id))
    return examples


def invented_examples(folder: Path = INVENTED, labels: str = TRAINING) -> list[Example]:
    """Invented articles (``<id>.txt``, headline first) with their labels from ``labels``
    (the training file, or :data:`CHECK` for the check set), briefed as pasted text."""
    examples = []
    for entry in json.loads((folder / labels).read_text("utf-8")):
        extracted = text_article((folder / f"{entry['id']}.txt").read_text("utf-8"))
        body = body_text(extracted.text) or extracted.text
        sentences = [s for s in split_sentences(body) if not has_boilerplate(s)]
        labelled = [tuple(float(n) for n in f["numbers"]) for f in entry["figures"]]
        examples.append(_example((sentences, extracted.title, None), labelled, entry["id"]))
    return examples


def fit(
    rows: np.ndarray,
    targets: np.ndarray,
    l2: float,
    steps: int = 25,
    sample: np.ndarray | None = None,
) -> Model:
    """Logistic regression by Newton steps, each weight pulled towards its :data:`PRIOR`
    with strength ``l2``; the bias is not penalised. ``sample`` weighs each row (1 when
    not given)."""
    sample = np.ones(len(rows)) if sample is None else sample
    x = np.hstack([np.ones((len(rows), 1)), rows])
    prior = np.array([0.0, *(PRIOR.get(name, 0.0) for name in FEATURES)])
    w = prior.copy()
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (sample * (p - targets)) + penalty * (w - prior)
        hessian = (x.T * (sample * p * (1 - p))) @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return Model(tuple(float(v) for v in w[1:]), float(w[0]), BoxPolicy(0.0, 0, LIMIT, LIMIT))


def _matrix(examples: Sequence[Example]) -> tuple[np.ndarray, np.ndarray]:
    rows = [c.features for e in examples for c in e.candidates]
    targets = [p for e in examples for p in e.positive]
    return np.array(rows, dtype=float).reshape(-1, len(FEATURES)), np.array(targets, float)


class _Tally:
    def __init__(self) -> None:
        self.labelled = self.found = self.produced = self.useful = 0

    def add(self, labelled: Sequence[Sequence[float]], produced: Sequence[str]) -> None:
        self.add_score(score_figures(labelled, produced))

    def add_score(self, score: FigureScore | _Tally) -> None:
        self.labelled += score.labelled
        self.found += score.found
        self.produced += score.produced
        self.useful += score.useful

    def rates(self) -> tuple[float, float, float]:
        """Recall, precision and F1, pooled over everything added (micro)."""
        recall = self.found / self.labelled if self.labelled else 0.0
        precision = self.useful / self.produced if self.produced else 0.0
        f1 = 2 * recall * precision / (recall + precision) if recall and precision else 0.0
        return recall, precision, f1

    def report(self) -> dict[str, Any]:
        recall, precision, f1 = self.rates()
        return {
            "recall": round(recall, 3),
            "precision": round(precision, 3),
            "f1": round(f1, 3),
            "found": self.found,
            "labelled": self.labelled,
            "useful": self.useful,
            "produced": self.produced,
        }


def _texts(candidates: Sequence[Candidate], chosen: Sequence[Candidate]) -> list[str]:
    """The chosen figures as the product's box shows them (comparisons joined)."""
    return [f"{f.value} {f.label}" for f in boxed(candidates, chosen)]


def _legacy(examples: Sequence[Example]) -> dict[str, Any]:
    tally = _Tally()
    for e in examples:
        legacy = [
            LegacyCandidate(c.position, c.sentence, c.quantity, c.label) for c in e.candidates
        ]
        title_numbers = (
            {v for q in find_quantities(e.title) for v in q.values} if e.title else set()
        )
        best = rank_candidates(legacy, title_numbers=title_numbers, published=None, limit=LIMIT)
        tally.add(e.labelled, [f"{c.quantity.text} {c.label}" for c in best])
    return tally.report()


def _policies() -> list[BoxPolicy]:
    return [
        BoxPolicy(t, m, s, x)
        for t in _THRESHOLDS
        for m in _MINIMUMS
        for s in _PER_SENTENCE
        for x in _MAXIMUMS
        if not (t == 0.0 and m)  # a minimum means nothing without a threshold
    ]


Results = dict[tuple[float, BoxPolicy], dict[str, Any]]


def _weighted(
    examples: Sequence[Example], always: Sequence[Example], weight: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows and targets of ``examples`` (weight 1) then ``always`` (weight ``weight``)."""
    rows, targets = _matrix([*examples, *always])
    own = sum(len(e.candidates) for e in examples)
    sample = np.ones(len(rows))
    sample[own:] = weight
    return rows, targets, sample


def cross_validate(
    examples: Sequence[Example],
    always: Sequence[Example] = (),
    weight: float = 1.0,
    groups: Sequence[str] = (),
) -> Results:
    """Leave one article of ``examples`` out: fit on the rest and on ``always`` (never
    scored, its rows weighted ``weight``), fill the left-out article's box under every
    policy. With ``groups`` (one name per article of ``examples``) each result also
    holds the scores of each group apart, under ``by_group``."""
    policies = _policies()
    tallies = {(l2, p): _Tally() for l2 in _L2 for p in policies}
    parts: dict[tuple[float, BoxPolicy, str], _Tally] = {}
    for held, example in enumerate(examples):
        rest = [e for i, e in enumerate(examples) if i != held]
        rows, targets, sample = _weighted(rest, always, weight)
        for l2 in _L2:
            model = fit(rows, targets, l2, sample=sample)
            probabilities = [model.probability(c.features) for c in example.candidates]
            for policy in policies:
                chosen = pick(example.candidates, probabilities, policy, LIMIT)
                score = score_figures(example.labelled, _texts(example.candidates, chosen))
                tallies[l2, policy].add_score(score)
                if groups:
                    parts.setdefault((l2, policy, groups[held]), _Tally()).add_score(score)
    results = {key: tally.report() for key, tally in tallies.items()}
    for (l2, policy, group), tally in sorted(parts.items(), key=lambda kv: kv[0][2]):
        results[l2, policy].setdefault("by_group", {})[group] = tally.report()
    if "dev" in groups and any(g != "dev" for g in groups):
        for l2, policy in results:  # real pages weigh as much as every invented article
            real, invented = _Tally(), _Tally()
            for group in set(groups):
                (real if group == "dev" else invented).add_score(parts[l2, policy, group])
            balanced = (real.rates()[2] + invented.rates()[2]) / 2
            results[l2, policy]["balanced_f1"] = round(balanced, 4)
    return results


def nested_cross_validate(
    examples: Sequence[Example],
    chooser: Callable[[Results], Callable[[tuple[float, BoxPolicy]], Any]],
    always: Sequence[Example] = (),
    weight: float = 1.0,
) -> dict[str, Any]:
    """The whole procedure scored on articles it never saw: for each dev article, choose
    the L2 strength and box policy by leave-one-out on the *other* dev articles (as
    :func:`main` does on all of them), fit on those, and fill the left-out article's box.

    Plain leave-one-out picks the best of thousands of variants on the same articles it
    scores, so it flatters; this does not. Slow: one full cross-validation per article.
    """
    tally = _Tally()
    picked: Counter[str] = Counter()
    for held, example in enumerate(examples):
        rest = [e for i, e in enumerate(examples) if i != held]
        inner = cross_validate(rest, always=always, weight=weight)
        l2, policy = max(inner, key=chooser(inner))
        picked[f"l2={l2} {_name(policy)}"] += 1
        rows, targets, sample = _weighted(rest, always, weight)
        model = fit(rows, targets, l2, sample=sample)
        probabilities = [model.probability(c.features) for c in example.candidates]
        tally.add(
            example.labelled,
            _texts(example.candidates, pick(example.candidates, probabilities, policy, LIMIT)),
        )
    return {**tally.report(), "variants_chosen": dict(picked.most_common())}


def transfer(train: Sequence[Example], scored: Sequence[Example]) -> Results:
    """Fit on ``train`` alone and fill every box of ``scored`` under every policy."""
    rows, targets = _matrix(train)
    policies = _policies()
    results = {}
    for l2 in _L2:
        model = fit(rows, targets, l2)
        tallies = {p: _Tally() for p in policies}
        for example in scored:
            probabilities = [model.probability(c.features) for c in example.candidates]
            for policy in policies:
                chosen = pick(example.candidates, probabilities, policy, LIMIT)
                tallies[policy].add(example.labelled, _texts(example.candidates, chosen))
        results.update({(l2, p): t.report() for p, t in tallies.items()})
    return results


def score_model(model: Model, scored: Sequence[Example]) -> dict[str, Any]:
    """A fitted model with its own policy, on ``scored``."""
    tally = _Tally()
    for example in scored:
        probabilities = [model.probability(c.features) for c in example.candidates]
        chosen = pick(example.candidates, probabilities, model.policy, LIMIT)
        tally.add(example.labelled, _texts(example.candidates, chosen))
    return tally.report()


def shipped_l2(examples: Sequence[Example], shipped: Model) -> tuple[float, float]:
    """The L2 strength of :data:`_L2` whose fit on all of ``examples`` comes nearest the
    ``shipped`` weights (the weights file does not record it), and the largest gap of a
    weight or the bias between that fit and the shipped model."""
    rows, targets = _matrix(examples)
    target = np.array([shipped.bias, *shipped.weights])
    gaps = {}
    for l2 in _L2:
        model = fit(rows, targets, l2)
        gaps[l2] = float(np.max(np.abs(np.array([model.bias, *model.weights]) - target)))
    nearest = min(gaps, key=gaps.__getitem__)
    return nearest, gaps[nearest]


def _pooled_f1(counts: np.ndarray) -> np.ndarray:
    """Micro F1 of rows of (labelled, found, produced, useful) counts."""
    labelled, found, produced, useful = counts.T
    recall = np.divide(found, labelled, out=np.zeros_like(found), where=labelled > 0)
    precision = np.divide(useful, produced, out=np.zeros_like(useful), where=produced > 0)
    total = recall + precision
    return np.divide(2 * recall * precision, total, out=np.zeros_like(total), where=total > 0)


def _extrapolate(ks: Sequence[int], f1s: Sequence[float], to: int) -> dict[str, Any]:
    """Least-squares fits F1 = a - b/k and F1 = a + b ln k through the curve, and what
    each gives at ``to`` (an extrapolation beyond the data)."""
    k = np.array(ks, dtype=float)
    y = np.array(f1s)
    fits = {}
    curves: tuple[tuple[str, Callable[[Any], Any]], ...] = (
        ("f1 = a - b/k", lambda v: -1 / v),
        ("f1 = a + b ln k", np.log),
    )
    for name, transform in curves:
        design = np.column_stack([np.ones_like(k), transform(k)])
        (a, b), *_ = np.linalg.lstsq(design, y, rcond=None)
        at = a + b * transform(float(to))
        fits[name] = {
            "a": round(float(a), 3),
            "b": round(float(b), 3),
            "rms_residual": round(float(np.sqrt(np.mean((design @ (a, b) - y) ** 2))), 4),
            f"extrapolated_f1_at_k={to}": round(float(at), 3),
        }
    return fits


def learning_curve(
    examples: Sequence[Example],
    l2: float,
    policy: BoxPolicy,
    sizes: Sequence[int] = _CURVE_SIZES,
    repeats: int = 20,
    seed: int = 0,
    extrapolate_to: int = _EXTRAPOLATE_TO,
) -> dict[str, Any]:
    """How the score on an unseen article grows with the number of training articles.

    For each size k and each article held out in turn, fit on k articles drawn at random
    from the *other* ones (``repeats`` draws, fixed ``seed``), fill the held-out box with
    ``policy`` and pool the scores (micro, as every report here). Sizes above the number
    of other articles are dropped; at exactly that number every draw is the same, so it
    is run once (this point is plain leave-one-out). Per k: the pooled rates, the spread
    of the pooled F1 across draws, and the gain of the largest k over this k with a 90%
    interval from resampling the articles (paired: the same resample on both sides).
    Then the slope between the last two points and two curves fitted through the points,
    each evaluated at ``extrapolate_to`` articles.
    """
    rng = np.random.default_rng(seed)
    n = len(examples)
    ks = sorted({k for k in sizes if 1 <= k <= n - 1})
    points: list[dict[str, Any]] = []
    per_article: list[np.ndarray] = []
    for k in ks:
        draws = 1 if k == n - 1 else repeats
        pooled = _Tally()
        counts = np.zeros((n, 4))  # per held-out article: labelled, found, produced, useful
        f1s = []
        for _ in range(draws):
            draw = _Tally()
            for held, example in enumerate(examples):
                others = [i for i in range(n) if i != held]
                subset = rng.choice(others, size=k, replace=False)
                model = fit(*_matrix([examples[i] for i in subset]), l2)
                probabilities = [model.probability(c.features) for c in example.candidates]
                chosen = pick(example.candidates, probabilities, policy, LIMIT)
                score = score_figures(example.labelled, _texts(example.candidates, chosen))
                draw.add_score(score)
                pooled.add_score(score)
                counts[held] += (score.labelled, score.found, score.produced, score.useful)
            f1s.append(draw.rates()[2])
        spread = np.array(f1s)
        per_article.append(counts)
        points.append(
            {
                "k": k,
                "draws": draws,
                **pooled.report(),
                "f1_std_across_draws": round(float(spread.std()), 3),
                "f1_p10_p90_across_draws": [
                    round(float(np.percentile(spread, q)), 3) for q in (10, 90)
                ],
            }
        )
    if not points:
        return {"points": []}
    resample = rng.integers(0, n, size=(_BOOTSTRAP, n))
    last = _pooled_f1(per_article[-1][resample].sum(axis=1))
    for point, counts in zip(points, per_article, strict=True):
        gain = last - _pooled_f1(counts[resample].sum(axis=1))
        point[f"f1_gain_to_k={ks[-1]}"] = round(points[-1]["f1"] - point["f1"], 3)
        point["gain_90pct_article_bootstrap"] = [
            round(float(np.percentile(gain, q)), 3) for q in (5, 95)
        ]
    report: dict[str, Any] = {"points": points}
    if len(points) >= 2:
        (a, b) = points[-2:]
        report["slope_last_two"] = {
            "from_k": a["k"],
            "to_k": b["k"],
            "f1_per_article": round((b["f1"] - a["f1"]) / (b["k"] - a["k"]), 4),
            "recall_per_article": round((b["recall"] - a["recall"]) / (b["k"] - a["k"]), 4),
            "precision_per_article": round(
                (b["precision"] - a["precision"]) / (b["k"] - a["k"]), 4
            ),
        }
        report["extrapolation"] = {
            "note": f"EXTRAPOLATION beyond the data: curves fitted through the points above, "
            f"read at k={extrapolate_to}; not a measurement",
            **_extrapolate(ks, [p["f1"] for p in points], extrapolate_to),
        }
    return report


LONG_WORDS = 400  # an invented article this long or longer is scored as "invented_long"


def _check_parts(check: Sequence[Example]) -> dict[str, list[Example]]:
    """The check set by who wrote it: the team (``inv-81`` to ``inv-185``) and four writers
    who saw neither the team's articles nor the product (from ``OTHER_WRITERS_FROM``)."""
    parts: dict[str, list[Example]] = {}
    for example in check:
        others = int(example.name.removeprefix("inv-")) >= OTHER_WRITERS_FROM
        parts.setdefault("other_writers" if others else "team", []).append(example)
    return parts


def _length_group(example: Example) -> str:
    return "invented_long" if example.words >= LONG_WORDS else "invented_short"


def _long_unseen(
    examples: Sequence[Example],
    invented: Sequence[Example],
    chooser: Callable[[Results], Callable[[tuple[float, BoxPolicy]], Any]],
) -> dict[str, Any]:
    """How a fit carries over to long articles it never saw: the variant chosen by
    leave-one-out on dev and the short invented articles, fitted on those, scores the long
    invented ones; beside it the prior's weights (bias fitted the same way)."""
    short = [e for e in invented if _length_group(e) == "invented_short"]
    long = [e for e in invented if _length_group(e) == "invented_long"]
    if not long:
        return {}
    train = [*examples, *short]
    inner = cross_validate(train)
    l2, policy = max(inner, key=chooser(inner))
    scored = transfer(train, long)
    return {
        "trained_on": f"{len(examples)} dev and {len(short)} short invented articles",
        "scored": f"{len(long)} invented articles of {LONG_WORDS} words or more",
        "chosen": {"l2": l2, "policy": _name(policy), **scored[l2, policy]},
        "prior_same_policy": {"l2": _L2[-1], **scored[_L2[-1], policy]},
    }


def variant_order(
    table: Results,
    *,
    goals: tuple[float, float],
    f1_first: bool,
    min_threshold: float,
) -> Callable[[tuple[float, BoxPolicy]], tuple[float, ...]]:
    """The key that ranks the variants of ``table``, best highest: how far a variant clears
    the weaker of the two goals, then F1 (F1 first when ``f1_first``, for ``--cv-all``: see
    the module's notes), then the stronger pull to the prior (the simpler model) on a tie.
    A variant whose threshold is under ``min_threshold`` ranks below every other."""

    def key(variant: tuple[float, BoxPolicy]) -> tuple[float, ...]:
        l2, policy = variant
        if policy.threshold < min_threshold:
            return -1.0, -1.0, l2  # it boxes the small counts of a short note
        r = table[variant]
        met = round(min(r["recall"] / goals[0], r["precision"] / goals[1]), 3)
        f1 = r.get("balanced_f1", r["f1"])
        return (f1, met, l2) if f1_first else (met, f1, l2)

    return key


# what the weights file records of the fit's dev leave-one-out, for the recall guard
_DEV_FOUND = "dev_leave_one_out_found"
_DEV_LABELLED = "dev_labelled"


def dev_recall_guard(
    table: Results,
    chosen: tuple[float, BoxPolicy],
    in_use: tuple[float, BoxPolicy],
    recorded: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Whether ``chosen`` keeps the dev leave-one-out recall of the weights in use.

    The recall to keep is the one recorded in the weights file when it was written
    (``recorded``, its ``trained_on``: a new feature that costs dev recall in every variant
    is caught too), else that of the variant in use in this same run. Twice on 2026-12-05
    a refit that showed fewer figures on dev (recall 0.703 and 0.750 against 0.766)
    lowered recall on the held-out half, once while the invented check set rose: a
    variant that loses dev recall is written only when asked for."""

    def recall(variant: tuple[float, BoxPolicy]) -> float | None:
        group = table.get(variant, {}).get("by_group", {}).get("dev")
        return None if group is None else float(group["recall"])

    before = recall(in_use)
    source = "the variant in use, in this run"
    if recorded and recorded.get(_DEV_LABELLED):
        before = round(recorded[_DEV_FOUND] / recorded[_DEV_LABELLED], 3)
        source = "recorded in the weights file when it was written"
    after = recall(chosen)
    return {
        "in_use": f"l2={in_use[0]} {_name(in_use[1])}",
        "in_use_dev_recall": before,
        "in_use_dev_recall_source": source,
        "chosen_dev_recall": after,
        "held": before is None or after is None or after >= before,
    }


def _name(policy: BoxPolicy) -> str:
    return (
        f"threshold={policy.threshold} min={policy.minimum} max={policy.maximum} "
        f"per_sentence={policy.per_sentence}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--goal-recall", type=float, default=0.80)
    parser.add_argument("--goal-precision", type=float, default=0.70)
    parser.add_argument(
        "--with-invented",
        action="store_true",
        help="also train on benchmarks/labels/invented (CV still leaves out dev articles only)",
    )
    parser.add_argument(
        "--invented-weight",
        type=float,
        default=1.0,
        help="weight of each invented candidate against a dev one (default 1)",
    )
    parser.add_argument(
        "--cv-all",
        action="store_true",
        help="implies --with-invented: leave out and score every article, dev and invented "
        "alike, and choose the variant on all of them",
    )
    parser.add_argument(
        "--min-threshold",
        type=float,
        default=0.25,
        help="choose no box threshold below this: fitted on every article, a lower one "
        'boxes the small counts, dates and ordinals of a short note ("The two councillors '
        "met on 3 March 2026 ... A third meeting is planned.\"), which the product's unit "
        "tests forbid; the report's without_min_threshold names what it would pick without it",
    )
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument(
        "--allow-lower-dev-recall",
        action="store_true",
        help="write the weights even when the chosen variant's dev leave-one-out recall is "
        "below that of the variant in use (see dev_recall_guard)",
    )
    parser.add_argument(
        "--nested",
        action="store_true",
        help="also score the whole procedure by nested leave-one-out (about a minute)",
    )
    parser.add_argument(
        "--learning-curve",
        action="store_true",
        help="also report F1 against the number of training articles (implies --dry-run)",
    )
    parser.add_argument("--repeats", type=int, default=20, help="learning-curve draws per k")
    parser.add_argument("--seed", type=int, default=0, help="learning-curve random seed")
    args = parser.parse_args(argv)
    if args.min_threshold > max(_THRESHOLDS):
        parser.error(f"no box policy has a threshold of {args.min_threshold} or more")
    if args.learning_curve:
        args.dry_run = True
    root = data_dir()
    if not (root / "extraction" / "ground-truth.json").is_file():
        print(json.dumps({"skipped": f"no shared data under {root} (set BRIEFBOT_DATA_DIR)"}))
        return 0
    dev = [a for a in load_labels(root=root) if a.half == "dev" and a.source != "summaries"]
    examples = _examples(dev, root)
    if args.cv_all:
        if args.invented_weight != 1.0 or args.nested:
            parser.error("--cv-all weighs every article alike and has no nested run")
        args.with_invented = True
    invented = invented_examples() if args.with_invented else []
    groups = [*(["dev"] * len(examples)), *(_length_group(e) for e in invented)]
    if args.cv_all:
        results = cross_validate([*examples, *invented], groups=groups)
    else:
        results = cross_validate(examples, always=invented, weight=args.invented_weight)
    top6 = {
        f"l2={l2}": results[l2, BoxPolicy(0.0, 0, s, LIMIT)]
        for l2 in _L2
        for s in (_PER_SENTENCE[-1],)
    }

    def chooser(
        table: Results, min_threshold: float = args.min_threshold
    ) -> Callable[[tuple[float, BoxPolicy]], tuple[float, ...]]:
        return variant_order(
            table,
            goals=(args.goal_recall, args.goal_precision),
            f1_first=args.cv_all,
            min_threshold=min_threshold,
        )

    margin = chooser(results)
    best = max(results, key=margin)
    l2, policy = best
    # the variant the same order picks with no minimum threshold: what the rule costs
    unruled = max(results, key=chooser(results, min_threshold=0.0))
    ranked = sorted(results, key=lambda k: -results[k]["f1"])[:10]
    rows, targets, sample = _weighted(examples, invented, args.invented_weight)
    final = fit(rows, targets, l2, sample=sample)
    final = Model(final.weights, final.bias, policy)
    counts = {
        "dev_articles": len(examples),
        "candidates": len(rows),
        "positives": int(targets.sum()),
    }
    if invented:
        counts["invented_articles"] = len(invented)
    families = {
        "threshold_max6": lambda p: p.threshold > 0 and p.minimum == 0 and p.maximum == LIMIT,
        "threshold_with_minimum": lambda p: p.threshold > 0 and p.minimum > 0,
        "threshold_with_smaller_maximum": lambda p: p.threshold > 0 and p.maximum < LIMIT,
    }
    best_of = {}
    for family, member in families.items():
        key = max((k for k in results if member(k[1])), key=margin)
        best_of[family] = {"l2": key[0], "policy": _name(key[1]), **results[key]}
    extra: dict[str, Any] = {}
    # the weights in use, read once: scored beside this fit, and what the recall guard keeps
    in_use_raw = json.loads(WEIGHTS_FILE.read_text("utf-8"))
    in_use = from_json(in_use_raw)
    if invented:
        extra["current_weights_on_dev"] = {
            "note": "the weights in use, fitted on all of dev: in-sample",
            "policy": _name(in_use.policy),
            **score_model(in_use, examples),
        }
        extra["current_weights_on_invented"] = {
            "note": "the weights in use on the invented articles: none of them shaped it",
            **score_model(in_use, invented),
        }
        dev_only = cross_validate(examples)
        dev_best = max(dev_only, key=chooser(dev_only))
        extra["dev_only_cv"] = {
            "l2": dev_best[0],
            "policy": _name(dev_best[1]),
            **dev_only[dev_best],
        }
        inv_cv = cross_validate(invented)
        inv_best = max(inv_cv, key=chooser(inv_cv))
        inv_to_dev = transfer(invented, examples)
        dev_picked = max(inv_to_dev, key=chooser(inv_to_dev))
        extra["invented_only_to_dev"] = {
            "chosen_by_invented_cv": {
                "l2": inv_best[0],
                "policy": _name(inv_best[1]),
                "invented_cv": inv_cv[inv_best],
                "on_dev": inv_to_dev[inv_best],
            },
            "policy_picked_on_dev_optimistic": {
                "l2": dev_picked[0],
                "policy": _name(dev_picked[1]),
                **inv_to_dev[dev_picked],
            },
            "top6_on_dev": {
                f"l2={k}": inv_to_dev[k, BoxPolicy(0.0, 0, _PER_SENTENCE[-1], LIMIT)] for k in _L2
            },
        }
    if args.cv_all:
        extra["current_weights_by_group"] = {
            group: score_model(
                in_use,
                [e for e, g in zip([*examples, *invented], groups, strict=True) if g == group],
            )
            for group in sorted(set(groups))
        }
        extra["long_unseen"] = _long_unseen(examples, invented, chooser)
    check = invented_examples(labels=CHECK)
    extra["check_set"] = {
        "note": f"the {len(check)} invented articles of {CHECK}: no fit and no choice saw them",
        "this_fit": score_model(final, check),
        "weights_in_use": score_model(in_use, check),
        "this_fit_by_length": {
            group: score_model(final, [e for e in check if _length_group(e) == group])
            for group in sorted({_length_group(e) for e in check})
        },
        "by_writer": {
            writers: {
                "this_fit": score_model(final, part),
                "weights_in_use": score_model(in_use, part),
            }
            for writers, part in _check_parts(check).items()
        },
    }
    if args.nested:
        extra["nested_cv"] = {
            "note": "L2 and box policy chosen on the other dev articles each time: what the "
            "procedure gives on an article it never saw",
            **nested_cross_validate(examples, chooser, invented, args.invented_weight),
        }
    if args.learning_curve:
        curve_l2, gap = shipped_l2(examples, in_use)
        extra["learning_curve"] = {
            "note": "each dev article held out in turn, fitted on k of the other dev articles "
            "drawn at random (dev only, no invented articles), its box filled with the "
            "shipped policy; scores pooled over articles and draws",
            "l2": curve_l2,
            "l2_source": "the L2 whose fit on all of dev is nearest the shipped weights "
            f"(largest weight gap {gap:.3f}); this run's chosen variant has l2={l2}",
            "policy": _name(in_use.policy),
            "policy_source": str(WEIGHTS_FILE.name),
            "repeats": args.repeats,
            "seed": args.seed,
            **learning_curve(
                examples, curve_l2, in_use.policy, repeats=args.repeats, seed=args.seed
            ),
        }
        prior_only = learning_curve(examples, _L2[-1], in_use.policy, sizes=(len(examples) - 1,))
        every = _Tally()
        for example in examples:
            every.add(example.labelled, _texts(example.candidates, example.candidates))
        extra["learning_curve"]["for_reference"] = {
            f"prior_only_k={len(examples) - 1}": {
                "note": f"l2={_L2[-1]:g}: the prior's weights, only the bias fitted",
                **{key: prior_only["points"][0][key] for key in ("recall", "precision", "f1")},
            },
            "recall_if_every_candidate_shown": every.report()["recall"],
        }
    guard = None
    if args.cv_all:
        in_use_l2, _ = shipped_l2([*examples, *invented], in_use)
        recorded = in_use_raw.get("trained_on", {})
        guard = dev_recall_guard(results, best, (in_use_l2, in_use.policy), recorded)
        dev = results[best].get("by_group", {}).get("dev")
        if dev is not None:
            counts[_DEV_FOUND], counts[_DEV_LABELLED] = int(dev["found"]), int(dev["labelled"])
    refused = guard is not None and not guard["held"] and not args.allow_lower_dev_recall
    report = {
        "trained_on": counts,
        "cv": "leave one article out of dev and invented alike; every article scored"
        if args.cv_all
        else "leave one dev article out"
        + (" (invented articles always in training, never scored)" if invented else ""),
        "invented_weight": args.invented_weight if invented else None,
        **extra,
        "legacy_rank_py": _legacy(examples),
        "model_top6": top6,
        "model_best_of_each_family": best_of,
        "model_best_f1": {f"l2={k[0]} {_name(k[1])}": results[k] for k in ranked},
        "chosen": {"l2": l2, "policy": _name(policy), **results[best]},
        "without_min_threshold": None
        if unruled == best
        else {"l2": unruled[0], "policy": _name(unruled[1]), **results[unruled]},
        "goals": {"recall": args.goal_recall, "precision": args.goal_precision},
        "dev_recall_guard": guard,
        "written": None if args.dry_run or refused else str(WEIGHTS_FILE),
    }
    if refused:
        report["refused"] = (
            "the chosen variant loses dev recall against the variant in use; weights not "
            "written (--allow-lower-dev-recall writes them)"
        )
    elif not args.dry_run:
        WEIGHTS_FILE.write_text(json.dumps(final.to_json(**counts), indent=1) + "\n", "utf-8")
    print(json.dumps(report, indent=2))
    return 3 if refused else 0


if __name__ == "__main__":
    raise SystemExit(main())
