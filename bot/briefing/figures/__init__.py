"""Key figures: the numbers a news editor would box beside the story.

The text is split into sentences; :mod:`numbers` finds every quantity in a sentence
(ranges, money, percentages, numbers in words, dates) after :mod:`exclude` has ruled out
identifiers, times, phone numbers and the like; :mod:`label` says what each counts;
:mod:`cues` reads the words around it as an editor would (a baseline, a toll...);
:mod:`rank` keeps the most newsworthy, once each, spread across the story.
"""

from __future__ import annotations

from datetime import date

from bot.briefing.figures.label import label_for
from bot.briefing.figures.numbers import Quantity, find_quantities
from bot.briefing.figures.rank import Candidate, rank_candidates
from bot.briefing.model import KeyFigure
from bot.briefing.sentences import split_sentences
from bot.briefing.summary_quality import has_boilerplate

__all__ = ["Quantity", "find_key_figures", "find_quantities"]


def find_key_figures(
    text: str, *, title: str | None = None, published: date | None = None, limit: int = 6
) -> tuple[KeyFigure, ...]:
    """Up to ``limit`` key figures of ``text``, most newsworthy first.

    ``value`` is verbatim from the text, ``label`` a short phrase of what it counts,
    ``sentence`` the sentence it came from. ``published`` keeps the article's own date
    out; numbers that also appear in ``title`` rank higher.
    """
    if limit <= 0:
        return ()
    candidates: list[Candidate] = []
    for position, sentence in enumerate(split_sentences(text)):
        if has_boilerplate(sentence):
            continue
        for quantity in find_quantities(sentence):
            label = label_for(sentence, quantity)
            candidates.append(Candidate(position, sentence, quantity, label))
    title_numbers = {v for q in find_quantities(title) for v in q.values} if title else set()
    best = rank_candidates(
        candidates, title_numbers=title_numbers, published=published, limit=limit
    )
    return tuple(KeyFigure(c.quantity.text, c.label, c.sentence) for c in best)
