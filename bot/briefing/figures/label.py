"""What a figure counts or measures, in the words an editor would put beside it.

No tagger: the sentence is chunked with closed word lists (:mod:`label_words`,
:mod:`label_phrases`, :mod:`label_chunks`) and read outwards from the figure by a few
patterns: the noun phrase it counts ("600 people queued outside"), what money or a
share measures (:mod:`label_measures`: "cost of the renovation", "rise in bus fares"),
the event of a date (:mod:`label_rules`). When none applies, :mod:`label_fallback` gives
the phrase beside the figure. Every label is tidied the same way: no numbers of other
figures, no dangling or opening function word, at most 60 characters.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.briefing.figures.label_fallback import fallback_label
from bot.briefing.figures.label_measures import measure_label
from bot.briefing.figures.label_phrases import Word, kind, split_words
from bot.briefing.figures.label_rules import event_label, noun_label, subject_verb_label
from bot.briefing.figures.label_words import (
    ADVERBS,
    FUNCTION_WORDS,
    PREPOSITIONS,
    TIME_WORDS,
)
from bot.briefing.figures.numbers import Quantity
from bot.briefing.figures.words import word_set

__all__ = ["label_for"]

_MAX_WORDS = 7
# "5,200 of them have waited over a year": the group was named before; say what it did.
_OF_PRONOUN = re.compile(
    r"\s*of\s+(?:them|those|these|us|you|whom)\s+(?:(?:have|has|had|are|were|was|is|will|"
    r"would|could|may|might|been|now|still|already)\s+)*(?P<rest>[^,;:.!?()\"“”]*)",
    re.IGNORECASE,
)
_MAX_CHARS = 60
# A label never ends on these: "survey of residents last", "the cost of the".
_DANGLING = FUNCTION_WORDS | word_set(
    """last next ago also just only even more less most then later earlier very said
    says told including estimated about around nearly almost roughly some instead past
    previous same how what why where when whether"""
)
_OPENERS = word_set(
    "a an the and or but nor so yet that which who whom whose of in into with at by to on as"
)
_CONJUNCTIONS = word_set("and but or while whereas")
_BREAKS = PREPOSITIONS | _CONJUNCTIONS | word_set("who which that")
# "bus routes in March", "residents last spring": when, not what; "over a year" stays.
_WHEN = word_set("in on last next this since until during past previous")
_BRACKETS = str.maketrans("", "", '()[]{}"“”')


def _is_number(word: Word) -> bool:
    """A word of another figure, or any number: labels carry no numbers of their own."""
    return kind(word) == "num"


def tidy(words: list[str]) -> str:
    """A clean label from ``words``: no dangling or opening function words, at most
    ``_MAX_CHARS`` characters, no brackets or quotes."""
    words = [w.translate(_BRACKETS) for w in words]
    words = [w for w in words if w and (w[0].isalnum() or w[0] in "$£€")]
    if len(" ".join(words)) > _MAX_CHARS:
        # "Apple admitted the flaw and launched a repair program": the first clause.
        cut = next((i for i, w in enumerate(words) if i >= 3 and w.lower() in _CONJUNCTIONS), 0)
        words = words[:cut] or words
    while words and words[0].lower() in _OPENERS:
        words.pop(0)
    while len(" ".join(words)) > _MAX_CHARS:
        # Too long: drop the last prepositional phrase whole, not a word of it.
        cut = max((i for i, w in enumerate(words) if i >= 2 and w.lower() in _BREAKS), default=0)
        if not cut:
            break
        words = words[:cut]
    while words and (
        words[-1].lower() in _DANGLING
        or len(" ".join(words)) > _MAX_CHARS
        or (len(words) > 2 and words[-1].lower() in TIME_WORDS and words[-2].lower() in _WHEN)
    ):
        words.pop()
    while words and words[0].lower() in _OPENERS:
        words.pop(0)
    if not words or all(w.lower() in _DANGLING | ADVERBS for w in words):
        return ""
    if words[-1].count(".") == 1 and words[-1].endswith("."):
        words[-1] = words[-1][:-1]  # "Path A.", "Jr.": no full stop at the end, "U.S." keeps its
    return " ".join(words)


def _rules(sentence: str, quantity: Quantity, words: list[Word]) -> list[str] | None:
    left = [w for w in words if w.end <= quantity.start]
    right = [w for w in words if w.start >= quantity.end]
    of_pronoun = _OF_PRONOUN.match(sentence, quantity.end)
    if of_pronoun and quantity.kind in ("count", "percent"):
        return of_pronoun["rest"].split()[:_MAX_WORDS]
    if quantity.kind in ("date", "year"):
        return event_label(left)
    direct_noun = bool(right) and (
        quantity.kind in ("count", "ordinal")
        or right[0].lower in ("of", "in", "worth")
        or (left and left[-1].lower in ("a", "an", "the", "its", "their"))
        or kind(right[0]) == "word"
    )
    if direct_noun:
        found = noun_label(right, left, count=quantity.kind in ("count", "ordinal"))
        if found:
            return found
    if quantity.kind == "ordinal" and not (left and left[-1].lower in ("a", "an")):
        return None  # "the third year", but "fallen by a third" is a change
    money = quantity.kind == "money"
    return subject_verb_label(right) or measure_label(left, right, money=money)


@lru_cache(maxsize=16)
def _read(sentence: str) -> tuple[Word, ...]:
    """The sentence's words, read once for all the figures in it."""
    return tuple(split_words(sentence))


def label_for(sentence: str, quantity: Quantity) -> str:
    """A short phrase saying what ``quantity`` in ``sentence`` counts or measures."""
    words = list(_read(sentence))
    found = _rules(sentence, quantity, words)
    if found:
        label = tidy(found)
        if label:
            return label
    segments: list[list[str]] = [[]]
    opening = next((w for w in words if w.text[0].isalpha()), None)
    for word in split_words(fallback_label(sentence, quantity)):
        if _is_number(word):
            segments.append([])  # another figure's number splits the phrase
        elif opening and word.text == sentence[opening.start : opening.end]:
            segments[-1].append(opening.text)  # lowered when only the sentence's capital
        else:
            segments[-1].append(word.text)
    longest = max(segments, key=len)
    said = [i for i, w in enumerate(longest[:-2]) if w.lower() in ("said", "says", "told")]
    if said:
        longest = longest[said[-1] + 1 :]  # "Marsh said the amount had fallen"
    label = tidy(longest)
    if len(segments) > 1 and all(w in TIME_WORDS for w in label.lower().split()):
        return ""  # "2,050 four years ago" is not labelled "years"
    return label
