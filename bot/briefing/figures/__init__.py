"""Key figures: the numbers a news editor would box beside the story.

The text is split into sentences; :mod:`numbers` finds every quantity in a sentence
(ranges, money, percentages, numbers in words, dates) after :mod:`exclude` has ruled out
identifiers, times, phone numbers and the like; :mod:`label` says what each counts;
:mod:`cues` reads the words around it as an editor would (a baseline, a toll...);
:mod:`features` turns all that into general traits, :mod:`selector` (a small model fitted
on the dev half of the labelled articles and the team's invented ones) says how likely an
editor would box each, and :mod:`rank` fills the box with the likeliest, once each,
spread across the story.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.briefing.figures.changes import join_baselines
from bot.briefing.figures.label import label_for
from bot.briefing.figures.numbers import Quantity, find_quantities
from bot.briefing.figures.rank import Candidate, gather, pick
from bot.briefing.figures.restated import first_said
from bot.briefing.figures.selector import model
from bot.briefing.figures.shown import shown
from bot.briefing.figures.totals import increment_of
from bot.briefing.model import KeyFigure
from bot.briefing.sentences import split_sentences
from bot.briefing.summary_quality import has_boilerplate

__all__ = ["Quantity", "boxed", "find_key_figures", "find_quantities"]


def find_key_figures(
    text: str, *, title: str | None = None, published: date | None = None, limit: int = 6
) -> tuple[KeyFigure, ...]:
    """Up to ``limit`` key figures of ``text``, most newsworthy first.

    ``value`` is verbatim from the text, ``label`` a short phrase of what it counts,
    ``sentence`` the sentence it came from. ``published`` keeps the article's own date
    out; numbers that also appear in ``title`` are likelier figures. Fewer than
    ``limit`` when the rest are unlikely to be figures an editor would box.
    """
    if limit <= 0:
        return ()
    sentences = [s for s in split_sentences(text) if not has_boilerplate(s)]
    candidates = gather(sentences, labeller=label_for, title=title, published=published)
    probabilities = [model.probability(c.features) for c in candidates]
    return boxed(candidates, pick(candidates, probabilities, model.policy, limit))


def boxed(candidates: Sequence[Candidate], best: Sequence[Candidate]) -> tuple[KeyFigure, ...]:
    """The picked figures as the box shows them: each with the figure it is compared
    with joined (:mod:`changes`), and its unit of time or length (:mod:`shown`).
    ``candidates`` are all of the article's, for the comparisons."""
    in_sentence: dict[str, list[Quantity]] = {}
    at: dict[tuple[str, int], Candidate] = {}
    for c in candidates:
        in_sentence.setdefault(c.sentence, []).append(c.quantity)
        at[c.sentence, c.quantity.start] = c
    # a sum said again in other money is shown as first said: "£5m (about $6.2m)", and a
    # total with what brought it there: "12 more people killed, bringing the toll to 340"
    shown_first: dict[tuple[str, int], Candidate] = {}
    for c in best:
        others = in_sentence.get(c.sentence, [])
        original = first_said(c, others) or increment_of(c, others)
        chosen = at.get((c.sentence, original.start), c) if original else c
        shown_first.setdefault((chosen.sentence, chosen.quantity.start), chosen)
    return tuple(
        KeyFigure(*shown(c.sentence, c.quantity, label), c.sentence)
        for c, label in join_baselines(list(shown_first.values()), in_sentence)
    )
