"""The first reading of a label, kept for sentences the phrase rules do not cover.

The noun phrase after the figure, or the clause before it: "10,000 troops to Russia to
support..." gives "troops to Russia"; "The order is valued at" gives "order is valued".
"""

from __future__ import annotations

import re

from bot.briefing.figures.numbers import Quantity
from bot.briefing.figures.words import word_set

__all__ = ["fallback_label"]

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


def fallback_label(sentence: str, quantity: Quantity) -> str:
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
