"""What a figure counts or measures, in the article's own words, read from POS tags.

The sentence is tagged once (:mod:`tagging`); a few rules read outwards from the figure,
and the first that finds words that say what it counts gives its label:

1. the noun phrase it quantifies, with what it is of, a rate or a verb that reads as part
   of it ("600 people queued" → "people queued", "a 12% rise in bus fares" → "rise in bus
   fares", "300 buses a day"), never a verb that belongs to the sentence ("250
   volunteers signed a petition" → "volunteers"; :mod:`label_counted`,
   :mod:`label_clause`);
2. otherwise a change's unit named between its ends ("fell from 19 seats to 8" → "seats
   fell"), or the subject and verb it completes ("turnout reached 64%" → "turnout
   reached", "the reserves stood at £9m" → "reserves", "the rent will remain £950" →
   "rent"; after "and" or "but", the subject of the verb before), the noun that names it
   ("a budget of $18m"), or the verb phrase of a figure that is itself the subject
   (:mod:`label_subject`);
3. for a date, the event before it ("opened its new pool in March 2025");
4. for a total, what was brought to it ("bringing the death toll to 340" → "death toll"),
   otherwise the phrase beside it (:mod:`label_nearby`);
5. when none of these finds words, a change's level borrows the change's label ("profit
   fell 22% to £84 million"), and a share the sum it restates ("down 31.5p, or 14%";
   :mod:`label_borrowed`).

A game's score is read first by :mod:`label_score`. A label has no numbers, no opening
or dangling function word, at most seven words and 60 characters (:mod:`label_tidy`). A
label that would be only a unit ("minutes"), a verb or a function word is no label:
``label_for`` returns "" and the selector treats the figure as unlabelled. Each rule
looks at a bounded window of tokens (:mod:`label_vocab`), so a sentence costs its
tagging, once.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache

from bot.briefing.figures.label_borrowed import linked_before
from bot.briefing.figures.label_counted import counted, inner_unit, of_them
from bot.briefing.figures.label_nearby import beside, brought_to, event
from bot.briefing.figures.label_score import is_contest_quantity, score_words, tally_words
from bot.briefing.figures.label_subject import acting, apposed, main_subject, subject_verb
from bot.briefing.figures.label_tidy import tidy
from bot.briefing.figures.label_vocab import CLAUSE_WORDS, WINDOW, is_break
from bot.briefing.figures.numbers import Quantity, find_quantities
from bot.briefing.figures.tagging import Tagged, Token, tag_sentence

__all__ = ["label_for"]


_Reading = tuple[list[Token] | None, bool]  # the words, and whether a verb phrase will do


def _readings(
    tokens: tuple[Token, ...], quantity: Quantity, i: int, j: int, *, score: bool = False
) -> Iterator[_Reading]:
    """The rules' readings of the figure at tokens ``i:j``, most specific first."""
    start = i
    while start > 0 and i - start < WINDOW and not is_break(tokens[start - 1]):
        start -= 1
    stop = j
    while stop < len(tokens) and stop - j < WINDOW and not is_break(tokens[stop], CLAUSE_WORDS):
        stop += 1
    if quantity.kind in ("date", "year"):
        yield event(tokens, i, start), False
        return
    if score:
        yield tally_words(tokens, j, stop, i, start), False
        yield score_words(tokens, j, stop, i, start), False
    yield counted(tokens, j, stop, i, start, money=quantity.kind == "money"), False
    yield brought_to(tokens, i, start), False  # "bringing the death toll to 340"
    # "fell from 19 seats to 8": the seats before the party; a tally's "votes" after it
    inner = inner_unit(tokens, i, j) if len(quantity.values) == 2 else None
    if not score:
        yield inner, False
    # "the mayor, 63, said": an age set off by commas, not what the mayor counts
    age = quantity.text.isdigit() and quantity.magnitude < 120 and j < len(tokens)
    age = age and tokens[j].text == ","
    yield (None if age else apposed(tokens, i, j)), False
    yield subject_verb(tokens, i, start), False
    yield main_subject(tokens, i, start), False
    if score:
        yield inner, False
    # The figure is the subject: what it did says what it counts ("18% had tried vaping").
    yield acting(tokens, j, stop, i, start), True
    yield beside(tokens, j, stop, i, start, ordinal=quantity.kind == "ordinal"), False


def label_for(sentence: str, quantity: Quantity) -> str:
    """A short phrase saying what ``quantity`` in ``sentence`` counts or measures, or ""."""
    tagged = tag_sentence(sentence)
    if not tagged.tokens:
        return ""
    return _own(sentence, tagged, quantity) or _borrowed(sentence, tagged, quantity)


@lru_cache(maxsize=32)
def _quantities(sentence: str) -> tuple[Quantity, ...]:
    """The sentence's quantities in reading order, found once per sentence."""
    return tuple(sorted(find_quantities(sentence), key=lambda q: q.end))


def _span(tagged: Tagged, quantity: Quantity) -> tuple[int, int]:
    i = tagged.index(quantity.start)
    return i, max(i, tagged.index(quantity.end - 1) + 1)


def _own(sentence: str, tagged: Tagged, quantity: Quantity) -> str:
    """The label the figure's own words give, or ""."""
    tokens = tagged.tokens
    i, j = _span(tagged, quantity)
    sentence_start = tokens[0].start
    group = of_them(tokens, j, min(len(tokens), j + WINDOW))
    if group:  # "5,200 of them have waited over a year": what they did
        return tidy(group, quantity, sentence_start, verb_phrase=True, least=3)
    readings = _readings(tokens, quantity, i, j, score=is_contest_quantity(sentence, quantity))
    for words, verb_phrase in readings:
        label = tidy(words, quantity, sentence_start, verb_phrase=verb_phrase) if words else ""
        if label:
            return label
    return ""


def _borrowed(sentence: str, tagged: Tagged, quantity: Quantity) -> str:
    """The label of the figure just before, for a change's level or a sum told again as a
    share (:mod:`label_borrowed`), or ""."""
    if quantity.kind not in ("money", "percent", "count"):
        return ""
    found = _quantities(sentence)
    n = bisect_right(found, quantity.start, key=lambda q: q.end)
    if n == 0:
        return ""
    prior = found[n - 1]
    i = _span(tagged, quantity)[0]
    prior_end = _span(tagged, prior)[1]
    if linked_before(tagged.tokens, i, quantity, prior, prior_end):
        return _own(sentence, tagged, prior)
    return ""
