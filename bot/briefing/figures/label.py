"""What a figure counts: the noun phrase after it, or the clause it belongs to.

No tagger: a small closed list of function words and verbs marks where a phrase ends.
"10,000 troops to Russia to support..." gives "troops to Russia"; "$8.8 billion at list
prices" has no noun after it, so the clause before is used: "The order is valued at"
gives "order is valued".
"""

from __future__ import annotations

import re

from bot.briefing.figures.numbers import Quantity

__all__ = ["label_for"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MAX_WORDS = 7
_WORD = re.compile(r"[\w'’&.$£€%-]+|[^\w\s]")
_PREPOSITIONS = _words("of to in from for on with at by across among into over per")
_STOPS = _words(
    """a an the and or but nor so yet that which who whom whose when where while because
    after before as than since if although though unless until whether according is are
    was were be been being has have had will would could should may might can must did
    do does said says say told tells this these those it its they their them he she his
    her we our you your i also just only about around nearly almost some more less up
    including such not no"""
)
_LEADING = _words("a an the of in at to by for on from with and or but")
_TRAILING = _PREPOSITIONS | _words(
    """a an the and or but is are was were be been to rose fell by about around nearly
    almost some more less than up at least just over under down reached hit of including
    with for estimated"""
)
_CLAUSE_BREAK = re.compile(r"[,;:](?!\d)|[()\u2014\u2013\"“”]|\s-\s")


def _is_word(token: str) -> bool:
    return token[0].isalnum() or token[0] in "$£€"


def _phrase_after(text: str) -> list[str]:
    tokens = [t.rstrip(".") or t for t in _WORD.findall(text)]
    if tokens and tokens[0].lower() in ("of", "in"):
        tokens = tokens[1:]  # "37 percent of adults", "$63 billion in revenue"
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
    return phrase


def _clause_before(text: str, *, subject_first: bool) -> list[str]:
    clause = _CLAUSE_BREAK.split(text)[-1]
    words = [w for w in clause.split() if _is_word(w)]
    while words and words[-1].lower() in _TRAILING:
        words.pop()
    while words and words[0].lower() in _LEADING:
        words.pop(0)
    words = words[: _MAX_WORDS + 3] if subject_first else words[-_MAX_WORDS:]
    while words and words[-1].lower() in _TRAILING:
        words.pop()
    return words


def label_for(sentence: str, quantity: Quantity) -> str:
    """A short phrase saying what ``quantity`` in ``sentence`` counts or measures."""
    after = _phrase_after(sentence[quantity.end :])
    if quantity.kind in ("count", "ordinal") and after:
        return " ".join(after)
    if quantity.kind in ("date", "year"):
        after = []
    before = _clause_before(
        sentence[: quantity.start], subject_first=quantity.kind in ("date", "year")
    )
    if after and before:
        return f"{' '.join(before)} ({' '.join(after)})"
    return " ".join(after or before)
