"""What a figure counts: the noun phrase after it, or the clause it belongs to.

No tagger: a small closed list of function words and verbs marks where a phrase ends.
"10,000 troops to Russia to support..." gives "troops to Russia"; "$8.8 billion at list
prices" has no noun after it, so the clause before is used: "The order is valued at"
gives "order is valued".
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.briefing.figures.label_phrases import Word, kind, split_words
from bot.briefing.figures.label_rules import (
    event_label,
    measure_label,
    noun_label,
    subject_verb_label,
)
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
_WORD = re.compile(r"[\w'’&.$£€%-]+|[^\w\s]")
_PREPOSITIONS = word_set(
    """of to in from for on with at by across among into over per through until since
    during against under after before within between around about like than via"""
)
_STOPS = word_set(
    """a an the and or but nor so yet that which who whom whose when where while because
    after before as than since if although though unless until whether according is are
    was were be been being has have had will would could should may might can must did
    do does said says say told tells this these those it its they their them he she his
    her we our you your i also just only about around nearly almost some more less up
    including such not no based"""
)
_LEADING = word_set("a an the of in at to by for on from with and or but")
_TRAILING = _PREPOSITIONS | word_set(
    """a an the and or but is are was were be been to rose fell by about around nearly
    almost some more less than up at least just over under down reached hit of including
    with for estimated"""
)
_DETERMINERS = word_set("the its their his her our your this that these those")
_AMOUNT_NOUNS = word_set(
    "total number sum estimate average maximum minimum figure range tally group"
)
_RELATIVE = word_set("that which who whom whose")
_OWNER = re.compile(r"\b(?P<noun>[A-Za-z]{3,})\s+of\s+$")
# "5,200 of them have waited over a year": the group was named before; say what it did.
_OF_PRONOUN = re.compile(
    r"\s*of\s+(?:them|those|these|us|you|whom)\s+(?:(?:have|has|had|are|were|was|is|will|"
    r"would|could|may|might|been|now|still|already)\s+)*(?P<rest>[^,;:.!?()\"“”]*)",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;:](?!\d)|[()\u2014\u2013\"“”]|\s-\s")


def _is_word(token: str) -> bool:
    return token[0].isalnum() or token[0] in "$£€"


def _phrase_after(text: str) -> tuple[list[str], bool]:
    """The noun phrase after a figure, and whether it came straight after it."""
    tokens = [t.rstrip(".") or t for t in _WORD.findall(text)]
    direct = not (tokens and tokens[0].lower() in ("of", "in"))
    if not direct:
        tokens = tokens[1:]  # "37 percent of adults", "$63 billion in revenue"
        while tokens and tokens[0].lower() in _DETERMINERS:
            tokens = tokens[1:]  # "150 of the staff", "40 percent of its members"
    phrase: list[str] = []
    used_preposition = False
    for position, token in enumerate(tokens):
        lower = token.lower()
        if not _is_word(token) or len(phrase) >= _MAX_WORDS:
            break
        if lower in _PREPOSITIONS:
            if used_preposition or not phrase:
                break
            used_preposition = True
        elif lower in _STOPS or (position > 0 and lower.endswith(("ed", "ing")) and phrase):
            break
        phrase.append(token)
    while phrase and phrase[-1].lower() in _TRAILING:
        phrase.pop()
    return phrase, direct


def _clause_before(text: str, *, subject_first: bool) -> list[str]:
    clause = _CLAUSE_BREAK.split(text)[-1]
    words = [w for w in clause.split() if _is_word(w)]
    while words and words[0].lower() in _LEADING:
        words.pop(0)
    if subject_first:
        # "A pact that Kim and Putin signed in": the subject ends where its clause starts.
        cut = next((i for i, w in enumerate(words) if w.lower() in _RELATIVE), len(words))
        words = words[: min(cut if cut >= 2 else len(words), _MAX_WORDS + 5)]
    else:
        words = words[-_MAX_WORDS:]
    while words and words[-1].lower() in _TRAILING:
        words.pop()
    return words


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
    return " ".join(words)


def _legacy_label(sentence: str, quantity: Quantity) -> str:
    """The first reading: the phrase after the figure, or the clause before it."""
    before_text = sentence[: quantity.start]
    after, direct = _phrase_after(sentence[quantity.end :])
    if quantity.kind in ("count", "ordinal") and after:
        return " ".join(after)
    if quantity.kind == "money" and after and direct:
        return " ".join(after)  # "$1.2bn project"
    if quantity.kind in ("date", "year"):
        after = []
    before = _clause_before(before_text, subject_first=quantity.kind in ("date", "year"))
    if after and before:
        return " ".join(before)
    if not (after or before):
        # "Use rose by 37 percent, from 0.90 percent to 1.23 percent": the sentence's subject.
        before = _clause_before(_CLAUSE_BREAK.split(before_text)[0], subject_first=True)
    return " ".join(after or before)


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
    if quantity.kind == "ordinal":
        return None
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
    for word in split_words(_legacy_label(sentence, quantity)):
        if _is_number(word):
            segments.append([])  # another figure's number splits the phrase
        elif opening and word.text == sentence[opening.start : opening.end]:
            segments[-1].append(opening.text)  # lowered when only the sentence's capital
        else:
            segments[-1].append(word.text)
    label = tidy(max(segments, key=len))
    if len(segments) > 1 and all(w in TIME_WORDS for w in label.lower().split()):
        return ""  # "2,050 four years ago" is not labelled "years"
    return label
