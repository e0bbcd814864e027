"""Extractive summary: pick the article's most informative readable sentences.

News puts its facts first, so the lead sentences are hard to beat (Lead-3). The score
starts from that position prior and adds what the lead alone misses:

* centrality: TF-IDF cosine between a sentence and the whole article, and between a
  sentence and the title when there is one;
* readability: sentences that cannot stand alone (opening with "He", "But", "This",
  a bare quote), page furniture, captions, bylines, questions and very short or very
  long sentences are marked down or left out;
* redundancy: maximal marginal relevance, so a photo caption that repeats the lead
  does not take a second slot.

The picked sentences are returned in article order. Pure Python and deterministic.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from bot.briefing.sentences import split_sentences
from bot.briefing.summary_quality import readability_penalty, tidy

__all__ = ["summarize"]

# Weights, set on general grounds and checked on a held-out half of the evaluation set.
_POSITION_DECAY = 0.6  # prior = 1 / (1 + decay * index)
_CENTRALITY_WEIGHT = 1.0
_TITLE_WEIGHT = 0.3
_REDUNDANCY_WEIGHT = 0.7
_MAX_CANDIDATES = 40  # sentences far down a long article rarely belong in a brief

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own s said same says she should so some such t than
    that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves""".split()  # noqa: SIM905
)

Vector = dict[str, float]


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _terms(sentence: str) -> list[str]:
    words = (w.lower().replace("’", "'") for w in _WORD.findall(sentence))
    return [_stem(w.split("'")[0]) for w in words if w not in _STOPWORDS]


def _tfidf(terms: Sequence[str], idf: dict[str, float]) -> Vector:
    return {t: n * idf.get(t, 1.0) for t, n in Counter(terms).items()}


def _cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    if not dot:
        return 0.0
    return dot / (
        math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    )


def _select(
    relevance: list[float], vectors: list[Vector], eligible: list[int], count: int
) -> list[int]:
    chosen: list[int] = []
    pool = list(eligible)
    while pool and len(chosen) < count:
        best = max(
            pool,
            key=lambda i: (
                relevance[i]
                - _REDUNDANCY_WEIGHT
                * max((_cosine(vectors[i], vectors[j]) for j in chosen), default=0)
            ),
        )
        chosen.append(best)
        pool.remove(best)
    return sorted(chosen)


def summarize(text: str, *, title: str | None = None, sentences: int = 3) -> tuple[str, ...]:
    """Return up to ``sentences`` sentences of ``text`` that summarise it, in article order.

    Sentences are verbatim (whitespace collapsed). A text with fewer usable sentences
    than asked gives them all; an empty text gives ``()``.
    """
    if sentences <= 0:
        return ()
    found = split_sentences(text)
    if title:
        normalised_title = " ".join(title.split()).casefold()
        found = [s for s in found if s.casefold() != normalised_title]
        if found and found[0].casefold().startswith(normalised_title.rstrip(" .…")):
            title = None  # the opening words standing in for a headline say nothing new
    candidates = found[:_MAX_CANDIDATES]
    if len(candidates) <= sentences:
        return tuple(tidy(s) for s in candidates)

    term_lists = [_terms(s) for s in candidates]
    document_frequency = Counter(t for terms in term_lists for t in set(terms))
    total = len(candidates)
    idf = {t: math.log((1 + total) / (1 + n)) + 1.0 for t, n in document_frequency.items()}
    vectors = [_tfidf(terms, idf) for terms in term_lists]
    document = _tfidf([t for terms in term_lists for t in terms], idf)
    title_vector = _tfidf(_terms(title), idf) if title else {}

    relevance: list[float] = []
    for index, (sentence, vector) in enumerate(zip(candidates, vectors, strict=True)):
        score = 1.0 / (1.0 + _POSITION_DECAY * index)
        score += _CENTRALITY_WEIGHT * _cosine(vector, document)
        if title_vector:
            score += _TITLE_WEIGHT * _cosine(vector, title_vector)
        relevance.append(score - readability_penalty(sentence, first=index == 0))

    eligible = [i for i, r in enumerate(relevance) if r > -1.0]
    if len(eligible) < sentences:
        eligible = list(range(len(candidates)))
    return tuple(tidy(candidates[i]) for i in _select(relevance, vectors, eligible, sentences))
