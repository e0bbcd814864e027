"""A reading's words made into a label: no numbers, no opening or dangling function
word, at most seven words and 60 characters, or "" when what is left says nothing of
what a figure counts (only a unit, a verb or a function word)."""

from __future__ import annotations

from bot.briefing.figures.label_vocab import (
    AUXILIARIES,
    CHANGE,
    MAX_WORDS,
    NOUN,
    PUNCT_TAGS,
    TIME_WORDS,
    WHEN,
    is_unit_noun,
)
from bot.briefing.figures.numbers import Quantity
from bot.briefing.figures.tagging import Token, is_common

__all__ = ["tidy"]

MAX_CHARS = 60
_SUBJECT_PRONOUNS = frozenset({"it", "he", "she", "they", "we", "i", "you"})
_COMPARATIVES = frozenset({"more", "less", "fewer"})
_EDGE_TAGS = frozenset({"DT", "IN", "CC", "TO", "PRP$", "WDT", "WP", "MD", "POS", "PDT", "EX"})


def _is_number(token: Token, quantity: Quantity) -> bool:
    inside = token.start < quantity.end and token.end > quantity.start and not is_unit_noun(token)
    symbol = token.text in ("%", "$", "£", "€", "¥", "₹")
    return inside or symbol or token.tag == "CD" or any(c.isdigit() for c in token.text)


_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})


def _ordinal_suffix(words: list[Token], n: int, quantity: Quantity) -> bool:
    """The "st" of "21st" when the tagger splits it from its number."""
    if n == 0 or words[n].lower not in _ORDINAL_SUFFIXES:
        return False
    before = words[n - 1]
    return before.end == words[n].start and _is_number(before, quantity)


def tidy(
    words: list[Token],
    quantity: Quantity,
    sentence_start: int,
    *,
    verb_phrase: bool = False,
    least: int = 2,
) -> str:
    """The label from ``words``: no numbers, no edge function words, short, or "".

    With ``verb_phrase``, a phrase of ``least`` words or more will do without a noun."""
    words = [
        w
        for n, w in enumerate(words)
        if not _is_number(w, quantity) and not _ordinal_suffix(words, n, quantity)
    ]
    for n, w in enumerate(words):
        if w.tag in PUNCT_TAGS:
            words = words[:n]  # a label never runs over a comma or a bracket
            break
    while len(words) > MAX_WORDS:
        cut = max((n for n, w in enumerate(words) if n >= 2 and w.tag in ("IN", "CC")), default=0)
        words = words[: cut or MAX_WORDS]
    while words and (
        words[0].tag in _EDGE_TAGS
        or words[0].lower in _ORDINAL_SUFFIXES  # the "st" of "21st", its number gone
        or words[0].tag in PUNCT_TAGS
        or words[0].tag == "HYPH"
        or words[0].lower in AUXILIARIES
        or words[0].lower in _SUBJECT_PRONOUNS  # "it expected prices to rise"
    ):
        words.pop(0)
    while words and (
        (
            words[-1].tag in _EDGE_TAGS | {"RB", "RP", "WRB", "HYPH"}
            and words[-1].lower not in CHANGE
        )
        or words[-1].lower in _COMPARATIVES  # "net income more (than doubled)"
        or words[-1].lower in WHEN
        or words[-1].tag in PUNCT_TAGS
    ):
        words.pop()
    if not (_says_what(words) or (verb_phrase and len(words) >= least)):
        return ""
    text = ""
    for n, w in enumerate(words):
        word = w.text
        following = [v for v in words[n + 1 :] if v.tag != "POS"][:1]
        proper = bool(following) and following[0].text[:1].isupper()  # "China's Nikkei"
        if w.start == sentence_start and is_common(word) and not word.isupper() and not proper:
            word = word.lower()  # the sentence's capital, not the word's
        glued = n == 0 or w.tag in ("POS", "HYPH") or words[n - 1].tag == "HYPH"
        text += word if glued else " " + word
    while len(text) > MAX_CHARS and " " in text:
        text = text.rsplit(" ", 1)[0]
    return text


def _says_what(words: list[Token]) -> bool:
    """Not a bare verb, unit, time or function word ("months to September" says when, not
    what): a noun that is none of these, or a gerund clause that acts as one ("ending them
    will save")."""
    if any(w.tag in NOUN and w.lower not in TIME_WORDS for w in words):
        return True
    return len(words) >= 3 and words[0].tag == "VBG"
