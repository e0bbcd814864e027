"""Text folded to one canonical form so that word lists see through the usual disguises.

``normalise`` turns ``"B.Ａ.D"``, ``"bа\\u200bd"`` (a Cyrillic ``а`` and a zero-width space),
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

Before step 1, HTML character references are decoded (``b&#97;d`` is drawn as ``bad`` by the
web page's Markdown). Letters drawn as emoji (🅱, 🅑, regional indicators 🇧🇦🇩) and small
capitals (``ʙᴀᴅ``) fold to Latin in step 3. Text under a right-to-left override (U+202E),
which is drawn back to front (``\u202edab`` reads ``bad``), gets a second reading in
:func:`readings`, as drawn. A letter stretched three times or more (``baaaad``,
``asssss``) gets readings with every such run cut to one and to two letters (not mixed:
``heeeellll`` is left to a ``re:`` pattern).
"""

from __future__ import annotations

import html
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
        # Small capitals (IPA and phonetic extensions), which do not decompose either.
        "ᴀ": "a", "ʙ": "b", "ᴄ": "c", "ᴅ": "d", "ᴇ": "e", "ꜰ": "f", "ɢ": "g", "ʜ": "h",
        "ɪ": "i", "ᴊ": "j", "ᴋ": "k", "ʟ": "l", "ᴍ": "m", "ɴ": "n", "ᴏ": "o", "ᴘ": "p",
        "ǫ": "q", "ʀ": "r", "ꜱ": "s", "ᴛ": "t", "ᴜ": "u", "ᴠ": "v", "ᴡ": "w", "ʏ": "y",
        "ᴢ": "z",
        # Letters drawn as emoji: negative circled 🅐..🅩, negative squared 🅰..🆉 and the
        # regional indicators 🇦..🇿 (two of which make a flag: 🇺🇸 reads "us").
        **{chr(first + i): chr(ord("a") + i) for first in (0x1F150, 0x1F170, 0x1F1E6)
           for i in range(26)},
    }
)  # fmt: skip

_LEET_COMMON: Final = {
    "0": "o", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i",
}  # fmt: skip
_LEET: Final[dict[str, dict[int, str]]] = {
    one: str.maketrans({**_LEET_COMMON, "1": one}) for one in ("i", "l")
}

# Characters of words: letters, digits, and the symbols that stand for letters inside words.
# ("_" is turned into "-" first, so \w means letters and digits here.)
_W: Final = r"[\w@$!]"
_WORD: Final = re.compile(_W + "+")
_SINGLE: Final = rf"(?<!{_W}){_W}(?!{_W})"
# Runs of single letters, the gaps all punctuation (up to two marks, a blank either side:
# "b.a.d", "b. a. d", "b - a - d") or all blanks (up to three, at least three letters: "b a d").
_PUNCTUATED_RUN: Final = re.compile(rf"{_SINGLE}(?:\s?[^\w\s@$!]{{1,2}}\s?{_SINGLE})+")
_SPACED_RUN: Final = re.compile(rf"{_SINGLE}(?:\s{{1,3}}{_SINGLE}){{2,}}")
_GAPS: Final = re.compile(r"[^\w@$!]+")
# "!" at the edge of a word is punctuation ("bad!"); inside one it stands for "i" ("sh!t").
_EDGE_BANGS: Final = re.compile(r"(?<![\w@$])!+|!+(?![\w@$])")
_SYMBOLS: Final = re.compile(r"[0-9@$!]")
_NON_ASCII: Final = re.compile(r"[^\x00-\x7f]+")
# A right-to-left override and what it covers: up to its pop (U+202C) or the end of the line.
_RLO: Final = "\u202e"
_OVERRIDDEN: Final = re.compile("\u202e([^\u202c\n]*)")
# A letter written three times or more in a row ("baaaad").
_STRETCHED: Final = re.compile(r"([a-z])\1{2,}")
# An HTML character reference (``&#97;``, ``&#x61;``, ``&amp;``).
_CHAR_REF: Final = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
# The per-character tables remember what they worked out, up to this many characters.
_TABLE_LIMIT: Final = 50_000


class _CharTable(dict[int, str | None]):
    """A ``str.translate`` table filled on first sight of each character: format characters
    and blank fillers dropped; with ``fold``, also marks dropped and look-alikes folded."""

    def __init__(self, *, fold: bool) -> None:
        super().__init__()
        self._fold = fold

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        category = unicodedata.category(char)
        value: str | None
        dropped = category in _DROPPED_CATEGORIES if self._fold else category == "Cf"
        if dropped or char in _BLANK_LETTERS:
            value = None
        elif self._fold:
            value = _LOOKALIKES.get(code, char)
        else:
            value = char
        if len(self) < _TABLE_LIMIT:
            self[code] = value
        return value


_FOLD: Final = _CharTable(fold=True)
_UNHIDE: Final = _CharTable(fold=False)


def _translate_non_ascii(text: str, table: _CharTable) -> str:
    return _NON_ASCII.sub(lambda found: found.group().translate(table), text)


def unhide(text: str) -> str:
    """``text`` in compatibility form (NFKC) with format characters (zero-width etc.) dropped.

    Case, accents and letters are kept: this is for looking at text as written (links),
    not for matching words.
    """
    if text.isascii():
        return text
    return _translate_non_ascii(unicodedata.normalize("NFKC", text), _UNHIDE)


def _fold_letters(text: str) -> str:
    if "&" in text and _CHAR_REF.search(text):
        text = html.unescape(text)
    if not text.isascii():
        text = _translate_non_ascii(unicodedata.normalize("NFKD", text), _FOLD).casefold()
    else:
        text = text.lower()
    return text.replace("_", "-")


def _join(found: re.Match[str]) -> str:
    return _GAPS.sub("", found.group())


def _words(text: str) -> list[str]:
    """Words of folded ``text``; runs of spaced single letters joined (``b.a.d`` → ``bad``)."""
    if "!" in text:
        text = _EDGE_BANGS.sub(" ", text)
    text = _PUNCTUATED_RUN.sub(_join, text)
    text = _SPACED_RUN.sub(_join, text)
    return _WORD.findall(text)


def _read_symbols(word: str, one: str) -> str:
    if word.isalpha() or not any(ch.isalpha() for ch in word):
        return word
    return word.translate(_LEET[one])


def _joined(words: list[str], one: str, symbols: bool) -> str:
    if not symbols:
        return " ".join(words)
    return " ".join(_read_symbols(word, one) for word in words)


def normalise(text: str, *, one: str = "i") -> str:
    """``text`` as lower-case unaccented words of letters and digits, one space between them.

    ``one`` is the letter a ``1`` inside a word stands for: ``"i"`` (default) or ``"l"``.
    """
    if one not in _LEET:
        raise ValueError(f"one must be 'i' or 'l', not {one!r}")
    folded = _fold_letters(text)
    return _joined(_words(folded), one, _SYMBOLS.search(folded) is not None)


def _as_drawn(text: str) -> str:
    """``text`` with every right-to-left override run reversed, as the reader sees it."""
    return _OVERRIDDEN.sub(lambda found: found.group(1)[::-1], text)


def readings(text: str) -> tuple[str, ...]:
    """Every normal form worth matching: ``1`` read as ``i`` and, if the text has one, as ``l``;
    and text under a right-to-left override both as stored and as drawn."""
    forms = _readings(text)
    if _RLO in text:
        forms += tuple(f for f in _readings(_as_drawn(text)) if f not in forms)
    if _STRETCHED.search(forms[0]):  # the first reading: "k1ll" read as "klll" is no stretch
        for cut in (r"\1", r"\1\1"):
            squeezed = _STRETCHED.sub(cut, forms[0])
            if squeezed not in forms:
                forms += (squeezed,)
    return forms


def _readings(text: str) -> tuple[str, ...]:
    folded = _fold_letters(text)
    symbols = _SYMBOLS.search(folded) is not None
    words = _words(folded)
    first = _joined(words, "i", symbols)
    if "1" not in folded:
        return (first,)
    second = _joined(words, "l", symbols)
    return (first,) if second == first else (first, second)
