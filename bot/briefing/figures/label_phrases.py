"""A small phrase chunker for one news sentence, read outwards from a figure.

Words are classed by closed lists (:mod:`label_words`); what is left is a content word,
a noun or an adjective. A noun phrase is a run of content words ending in one, with an
optional determiner before it and "and" between two of them ("local bands and
podcasters"); a past participle or an -ing word in the run is a modifier when a content
word follows ("fundraising drive"), else the verb that ends the phrase ("people queued").
Words that belong to another figure of the sentence are marked and never kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.briefing.figures.label_words import (
    ADVERBS,
    AUXILIARIES,
    CONJUNCTIONS,
    DETERMINERS,
    NOUN_OR_VERB,
    PARTICLES,
    PREPOSITIONS,
    PRONOUNS,
    RELATIVES,
    REPORTING,
    SUBORDINATORS,
    TIME_WORDS,
    is_verb,
)
from bot.briefing.figures.words import NUMBER_WORDS_PATTERN, parse_number_words, word_set

__all__ = ["Word", "is_pronoun", "kind", "noun_phrase", "noun_phrase_before", "split_words"]

# "3G pitch", "A350", "M25": names with digits, not quantities.
_IDENTIFIER = re.compile(r"\d[a-z]|[a-z]+\d+[a-z]?")
_UNITS = word_set(
    """million billion trillion thousand hundred bn mn m k percent per cent pc percentage
    points point mph km miles mile metres meters feet ft tonnes tons kg pounds dollars
    euros degrees acres hectares"""
)
_NUMBER_WORDS = re.compile(NUMBER_WORDS_PATTERN, re.IGNORECASE)
_TOKEN = re.compile(r"[\w$£€](?:[\w'’&.$£€%/-]|,(?=\d))*|[^\w\s]")
_ABBREVIATIONS = word_set("Jr. Sr. Dr. Mr. Mrs. Ms. St. Mt. Ft. Gov. Sen. Rep. Inc. Ltd. Co.")
_NOT_ADVERBS = word_set(
    "family supply assembly rally italy july only early daily weekly monthly fly ally"
)


@dataclass(frozen=True, slots=True)
class Word:
    """A token of the sentence; ``number`` when it belongs to another figure."""

    text: str
    start: int
    end: int
    number: bool = False
    noun: bool = False  # a verb form used as a noun here: "a state grant"

    @property
    def lower(self) -> str:
        return self.text.lower()


def _number_word_spans(sentence: str) -> list[tuple[int, int]]:
    """ "Sixty-two", "a dozen", "third": numbers in words (digits are seen by :func:`kind`)."""
    spans = []
    for match in _NUMBER_WORDS.finditer(sentence):
        parsed = parse_number_words(match.group(0))
        if parsed and (parsed[0] >= 2 or parsed[1]):
            spans.append(match.span())
    return spans


def split_words(sentence: str) -> list[Word]:
    """The tokens of ``sentence``, a full stop kept only inside "U.S." or "a.m."."""
    words: list[Word] = []
    spans = _number_word_spans(sentence)
    for match in _TOKEN.finditer(sentence):
        text, start, end = match.group(0), match.start(), match.end()
        if (
            len(text) > 2
            and text.endswith(".")
            and "." not in text[:-1]
            and text not in _ABBREVIATIONS
        ):
            text, end = text[:-1], end - 1
        number = any(s < end and start < e for s, e in spans) or (
            text.lower() in _UNITS and bool(words) and kind(words[-1]) == "num"
        )  # "38.6 million", "2.4 per cent": the unit is the number's
        words.append(Word(text, start, end, number))
    _lower_opening(words)
    return [
        Word(w.text, w.start, w.end, w.number, True) if _used_as_noun(words, i) else w
        for i, w in enumerate(words)
    ]


_NOT_COSTING = word_set("of from in for at on to by")


def _used_as_noun(words: list[Word], index: int) -> bool:
    """ "the cost of", "a state grant.", "pay rise": a noun; "fares rise by": a verb."""
    if words[index].lower not in NOUN_OR_VERB:
        return False
    before = kind(words[index - 1]) if index else "punct"
    after = kind(words[index + 1]) if index + 1 < len(words) else "punct"
    if words[index].lower in ("cost", "costs"):  # "costs $5", "cost about £40,000"
        return after not in ("num", "det", "adv", "prep") or words[index + 1].lower in _NOT_COSTING
    if before == "det" or (index and words[index - 1].lower.endswith(("'s", "’s"))):
        return True
    if before not in ("word", "num"):
        return False
    return after in ("punct", "verb", "aux", "say") or words[index + 1].lower in ("of", "and")


_COMMON_ENDINGS = (
    "s", "ing", "ed", "ment", "tion", "sion", "ity", "ness", "age", "ship", "ance", "ence",
    "al", "ic", "ive", "er", "or", "ure", "ty", "cy", "out", "ful", "ous", "ble", "ist",
)  # fmt: skip


def _lower_opening(words: list[Word]) -> None:
    """ "Average rents rose": the capital is the sentence's, not the word's."""
    index = next((i for i, w in enumerate(words) if w.text[0].isalpha()), None)
    if index is None or index + 1 >= len(words):
        return
    word, following = words[index], words[index + 1]
    titled = word.text[:1].isupper() and word.text[1:].islower() and "'" not in word.text
    common = kind(word) != "word" or word.lower.endswith(_COMMON_ENDINGS)
    if titled and common and following.text.islower() and kind(following) != "say":
        words[index] = Word(word.lower, word.start, word.end, word.number)


def kind(word: Word) -> str:
    """The class of ``word``: num, punct, det, prep, aux, pron, conj, rel, sub, say,
    adv, time, verb or word (a content word)."""
    if word.noun:
        return "word"
    if word.number:
        return "num"
    return _kind_of(word.lower.replace("’", "'"))


@lru_cache(maxsize=4096)
def _kind_of(lower: str) -> str:
    if any(c.isdigit() for c in lower):
        return "word" if _IDENTIFIER.fullmatch(lower) else "num"
    if not (lower[0].isalnum() or lower[0] in "$£€"):
        return "punct"
    for name, words in _CLASSES:
        if lower in words:
            return name
    if lower.endswith("ly") and len(lower) > 4 and lower not in _NOT_ADVERBS:
        return "adv"
    if is_verb(lower):
        return "verb"
    return "word"


_CLASSES = (
    ("rel", RELATIVES),
    ("det", DETERMINERS),
    ("conj", CONJUNCTIONS),
    ("aux", AUXILIARIES),
    ("sub", SUBORDINATORS - PREPOSITIONS),
    ("prep", PREPOSITIONS),
    ("pron", PRONOUNS),
    ("say", REPORTING),
    ("adv", ADVERBS | (PARTICLES - PREPOSITIONS)),
    ("time", TIME_WORDS),
)


def _modifier(words: list[Word], index: int) -> bool:
    """ "fundraising drive", "confirmed diagnoses", "14-month renovation": a word that
    qualifies the content word after it."""
    if index + 1 >= len(words) or kind(words[index + 1]) not in ("word", "time", "verb"):
        return False
    word = words[index]
    if kind(word) == "num":
        return "-" in word.text and not word.text.endswith("-")
    return kind(word) == "verb" and word.lower.endswith(("ed", "ing"))


def noun_phrase(words: list[Word], start: int, *, determiner: bool = True) -> int:
    """End (exclusive) of the noun phrase at ``start``; ``start`` when there is none."""
    index = start
    if determiner and index < len(words) and kind(words[index]) == "det":
        index += 1
    end = start
    while index < len(words):
        word_kind = kind(words[index])
        if word_kind == "word":
            index += 1
            end = index
        elif word_kind == "time":
            # "season tickets" (a modifier), "a year" (the head); not "residents last".
            before_head = index + 1 < len(words) and kind(words[index + 1]) == "word"
            if not (before_head or end == start):
                break
            index += 1
            end = index
            if not before_head:
                break
        elif _modifier(words, index) or (
            words[index].lower in ("and", "or", "&")
            and end == index > start
            and index + 1 < len(words)
            and kind(words[index + 1]) == "word"
        ):  # "local bands and podcasters"
            index += 1
        else:
            break
    return end


def noun_phrase_before(words: list[Word], end: int) -> int:
    """Start of the noun phrase ending at ``end``; ``end`` when there is none."""
    index = end - 1
    if index < 0 or kind(words[index]) not in ("word", "time"):
        return end
    start = end
    while index >= 0:
        word_kind = kind(words[index])
        if index >= 2 and words[index - 1].lower == "to" and kind(words[index - 2]) == "verb":
            break  # "promised to freeze charges": "freeze" is a verb
        counted = (  # "the two mayors", "Northgate's two hospitals"
            word_kind == "num"
            and index < end - 1
            and index > 0
            and (kind(words[index - 1]) == "det" or words[index - 1].lower.endswith("'s"))
        )
        if (
            word_kind in ("word", "time")
            or counted
            or (_modifier(words, index) and index < end - 1)
        ):
            start = index
        elif (
            words[index].lower in ("and", "&")
            and index > 0
            and kind(words[index - 1]) == "word"
            and start == index + 1
        ):
            pass
        else:
            break
        index -= 1
    if start > 0 and kind(words[start - 1]) == "det":
        start -= 1
    return start


def is_pronoun(words: list[Word]) -> bool:
    return bool(words) and all(kind(w) in ("pron", "det") for w in words)
