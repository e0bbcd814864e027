"""The learned part of the key-figure box: how likely an editor would box a candidate.

A logistic regression over the general traits of :mod:`features` (about fifty weights
and a bias), with the policy that fills the box from its probabilities (a threshold, a
minimum, a maximum and a cap per sentence). Both live in ``selector_weights.json``
beside this module, written by ``benchmarks/train_figure_selector.py``, read at import.

What it was fitted on: the candidate figures of the labelled articles of the **dev half**
(``benchmarks/labels``: the team's and the editor's key-figure labels, see the labels
README) and of the team's own **invented** training articles, short and long
(``benchmarks/labels/invented/figures.json``; the check set beside it, ``check.json``, is
never trained on), a candidate being positive when its value and label
hold all the numbers of a labelled figure (``train_figure_selector.py --cv-all``). Each
weight is pulled towards a prior read from the labels README's rules (money and tolls are
figures; years, ages and headways are not); the strength of that pull and the box policy
were chosen by leave-one-article-out over all of those articles. The held-out half and
the summaries set (evaluation only, by its licence) were never used: not to fit, not to
choose the policy. The weights file holds numbers keyed by our feature names and the
counts of articles, candidates and positives, and of dev figures found in leave-one-out
against those labelled (the trainer's recall guard): no article text, no label text, no ids.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.briefing.figures.features import FEATURES
from bot.briefing.figures.rank import BoxPolicy

__all__ = ["WEIGHTS_FILE", "Model", "load_model", "model"]

WEIGHTS_FILE = Path(__file__).with_name("selector_weights.json")


@dataclass(frozen=True, slots=True)
class Model:
    """Weights in :data:`FEATURES` order, a bias and the box policy."""

    weights: tuple[float, ...]
    bias: float
    policy: BoxPolicy

    def probability(self, features: Sequence[float]) -> float:
        z = self.bias + math.fsum(w * x for w, x in zip(self.weights, features, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self, **counts: int) -> dict[str, Any]:
        """The weights file's content: numbers keyed by feature name, and the counts."""
        return {
            "bias": round(self.bias, 6),
            "weights": {n: round(w, 6) for n, w in zip(FEATURES, self.weights, strict=True)},
            "policy": {
                "threshold": self.policy.threshold,
                "minimum": self.policy.minimum,
                "per_sentence": self.policy.per_sentence,
                "maximum": self.policy.maximum,
            },
            "trained_on": counts,
        }


def from_json(raw: Mapping[str, Any]) -> Model:
    """A model from the weights file's content; every feature must have its weight."""
    weights = raw["weights"]
    missing = set(FEATURES) ^ set(weights)
    if missing:
        raise ValueError(f"selector weights do not match the features: {sorted(missing)}")
    policy = raw["policy"]
    return Model(
        tuple(float(weights[name]) for name in FEATURES),
        float(raw["bias"]),
        BoxPolicy(
            float(policy["threshold"]),
            int(policy["minimum"]),
            int(policy["per_sentence"]),
            int(policy["maximum"]),
        ),
    )


def load_model(path: Path = WEIGHTS_FILE) -> Model:
    return from_json(json.loads(path.read_text(encoding="utf-8")))


model = load_model()
