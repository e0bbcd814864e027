"""Text folded to one canonical form so that word lists see through the usual disguises.

``normalise`` turns ``"B.Ａ.D"``, ``"bа\u200bd"`` (a Cyrillic ``а`` and a zero-width space),
``"BÄD"`` and ``"b4d"`` into ``"bad"``: lower-case words of letters and digits separated by
single spaces, with nothing else left. Banned-word entries go through the same function, so an
entry and a comment meet in the same form. The steps, in order:

1. compatibility decomposition (NFKD): full-width and mathematical letters become plain ones,
   accented letters become a letter plus marks;
2. marks (accents), format characters (zero-width spaces and joiners, bidi controls, soft
   hyphens) and blank fillers are dropped;
3. look-alike letters from other scripts (Cyrillic, Greek) and letters that do not decompose
   (``ø``, ``ł``, ``æ``) are folded to Latin, then everything is case-folded;
4. the text is cut into words; a run of single letters spaced by short separators
   (``b.a.d``, ``b-a-d``, ``b a d``) is joined into one word;
5. inside a word that has at least one letter, digits and symbols standing for letters are
   read as letters (``0→o 1→i 3→e 4→a 5→s 7→t @→a $→s !→i``), so ``a55`` is ``ass`` but
   ``455 votes`` and ``$5`` stay numbers.

``1`` reads as ``i`` by default; ``normalise(text, one="l")`` reads it as ``l`` (``s1ut``),
and :func:`readings` gives both when the text has a ``1``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = ["normalise", "readings", "unhide"]

# Categories dropped outright: nonspacing and enclosing marks (accents, variation selectors),
# format characters (U+200B..U+200F, U+2060.., U+FEFF, U+00AD, bidi controls, tag characters).
_DROPPED_CATEGORIES: Final = frozenset({"Mn", "Me", "Cf"})
# Letters of category Lo that render as nothing at all.
_BLANK_LETTERS: Final = frozenset("\u115f\u1160\u3164\uffa0")

_LOOKALIKES: Final[dict[int, str]] = str.maketrans(
    {
        # Cyrillic, capital and small, that are drawn like Latin letters.
        "А": "a", "а": "a", "В": "b", "в": "b", "Е": "e", "е": "e", "К": "k", "к": "k",
        "М": "m", "м": "m", "Н": "h", "н": "h", "О": "o", "о": "o", "Р": "p", "р": "p",
        "С": "c", "с": "c", "Т": "t", "т": "t", "У": "y", "у": "y", "Х": "x", "х": "x",
        "Ѕ": "s", "ѕ": "s", "І": "i", "і": "i", "Ј": "j", "ј": "j", "Ԁ": "d", "ԁ": "d",
        "Ү": "y", "ү": "y", "Һ": "h", "һ": "h", "Ӏ": "l", "ӏ": "l", "Ԛ": "q", "ԛ": "q",
        "Ԝ": "w", "ԝ": "w", "г": "r", "п": "n", "ь": "b",
        # Greek, capital and small.
        "Α": "a", "α": "a", "Β": "b", "β": "b", "Ε": "e", "ε": "e", "Ζ": "z", "Η": "h",
        "η": "n", "Ι": "i", "ι": "i", "Κ": "k", "κ": "k", "Μ": "m", "μ": "u", "Ν": "n",
        "ν": "v", "Ο": "o", "ο": "o", "Ρ": "p", "ρ": "p", "Τ": "t", "τ": "t", "Υ": "y",
        "υ": "u", "Χ": "x", "χ": "x", "ω": "w", "γ": "y",
        # Latin letters with no decomposition to a base letter.
        "Ø": "o", "ø": "o", "Ł": "l", "ł": "l", "Đ": "d", "đ": "d", "Ð": "d", "ð": "d",
        "Ħ": "h", "ħ": "h", "Ŧ": "t", "ŧ": "t", "ı": "i", "ƒ": "f", "ɡ": "g", "ɑ": "a",
        "Æ": "ae", "æ": "ae", "Œ": "oe", "œ": "oe", "Þ": "th", "þ": "th",
    }
)  # fmt: skip

_LEET_COMMON: Final = {
    "0": "o", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i",
}  # fmt: skip
_LEET: Final[dict[str, dict[int, str]]] = {
    one: str.maketrans({**_LEET_COMMON, "1": one}) for one in ("i", "l")
}

# A word: letters and digits, plus the symbols that stand for letters inside words.
_WORD: Final = re.compile(r"(?:[^\W_]|[@$!])+")
# Separators short enough to be an evasion between single letters (". ", " - ", "_").
_MAX_SEPARATOR: Final = 3


def unhide(text: str) -> str:
    """``text`` in compatibility form (NFKC) with format characters (zero-width etc.) dropped.

    Case, accents and letters are kept: this is for looking at text as written (links),
    not for matching words.
    """
    if text.isascii():
        return text
    composed = unicodedata.normalize("NFKC", text)
    return "".join(
        ch for ch in composed if unicodedata.category(ch) != "Cf" and ch not in _BLANK_LETTERS
    )


def _fold_letters(text: str) -> str:
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(
        ch
        for ch in decomposed
        if unicodedata.category(ch) not in _DROPPED_CATEGORIES and ch not in _BLANK_LETTERS
    )
    return kept.translate(_LOOKALIKES).casefold()


def _words(text: str) -> list[str]:
    """Words of ``text``; runs of spaced single letters joined (``b.a.d`` → ``bad``)."""
    words: list[str] = []
    run: list[str] = []
    run_punctuated = False
    previous_end = -1

    def close_run() -> None:
        if len(run) >= 3 or (len(run) == 2 and run_punctuated):
            words.append("".join(run))
        else:
            words.extend(run)
        run.clear()

    for found in _WORD.finditer(text):
        word = found.group().strip("!")
        if not word:
            continue
        gap = text[previous_end : found.start()] if previous_end >= 0 else ""
        previous_end = found.end()
        if len(word) == 1:
            if run and len(gap) <= _MAX_SEPARATOR:
                run.append(word)
                run_punctuated = run_punctuated or not gap.isspace()
                continue
            close_run()
            run.append(word)
            run_punctuated = False
            continue
        close_run()
        words.append(word)
    close_run()
    return words


def _read_symbols(word: str, one: str) -> str:
    if word.isalpha() or not any(ch.isalpha() for ch in word):
        return word
    return word.translate(_LEET[one])


def normalise(text: str, *, one: str = "i") -> str:
    """``text`` as lower-case unaccented words of letters and digits, one space between them.

    ``one`` is the letter a ``1`` inside a word stands for: ``"i"`` (default) or ``"l"``.
    """
    if one not in _LEET:
        raise ValueError(f"one must be 'i' or 'l', not {one!r}")
    return " ".join(_read_symbols(word, one) for word in _words(_fold_letters(text)))


def readings(text: str) -> tuple[str, ...]:
    """Every normal form worth matching: ``1`` read as ``i`` and, if the text has one, as ``l``."""
    words = _words(_fold_letters(text))
    first = " ".join(_read_symbols(word, "i") for word in words)
    if not any("1" in word for word in words):
        return (first,)
    second = " ".join(_read_symbols(word, "l") for word in words)
    return (first,) if second == first else (first, second)
