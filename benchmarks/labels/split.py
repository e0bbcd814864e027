"""The fixed dev / held-out split of the labelled articles.

Chosen before any tuning and never to be changed: an article belongs to a half by a
hash of its id alone, so adding labels never moves an article from one half to the
other. Tune on "dev"; score "heldout" only at the end. Articles of the summaries set are
held out whatever their hash (``benchmarks/_labels.py``): their licence allows evaluation
only, never tuning.
"""

from __future__ import annotations

import hashlib
from typing import Literal

__all__ = ["Half", "half_of"]

Half = Literal["dev", "heldout"]


def half_of(article_id: str) -> Half:
    """The half ``article_id`` belongs to: "dev" when its SHA-256 is even, else "heldout"."""
    digest = int(hashlib.sha256(article_id.encode()).hexdigest(), 16)
    return "dev" if digest % 2 == 0 else "heldout"
