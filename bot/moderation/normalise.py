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
and :func:`readings` gives both when the text has a ``1``. Before step 1, HTML character
references are decoded (``b&#97;d`` is drawn as ``bad`` by the web page's Markdown). Letters
that do not decompose, drawn as emoji (🅰, 🅐, the regional indicators 🇦) or as small
capitals (``ʙᴀᴅ``), are folded in step 3 like look-alikes.

:func:`readings` also gives, only for a comment that shows them, readings that undo the
evasions which would break ordinary words if applied to every text: punctuation or a line
break inside a word (``sh.it``), letters stretched to three or more (``shiiiit``), a ``*``
masking a letter (``f*ck``), ``1`` as both ``i`` and ``l`` in one word (``k11l``), and a run of
spaced letters next to the word ``a`` or ``i`` (``a f u c k``); and text under a right-to-left
override (U+202E), drawn back to front (``\u202edab`` reads ``bad``), is read as drawn too.
Apostrophes are never joined (``he'll`` is not ``hell``). The matcher searches every reading;
entries are normalised only.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Final

__all__ = ["EXTRA_READINGS", "normalise", "readings", "unhide"]

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
        # Emoji letters with no decomposition: negative circled and squared letters (🅐 🅰)
        # and regional indicators (🇦, the halves of flags).
        **{chr(start + n): chr(ord("a") + n) for start in (0x1F150, 0x1F170, 0x1F1E6)
           for n in range(26)},
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
# An HTML character reference (``&#97;``, ``&#x61;``, ``&amp;``).
_CHAR_REF: Final = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
# A right-to-left override and what it covers: up to its pop (U+202C) or the end of the line.
_RLO: Final = "\u202e"
_OVERRIDDEN: Final = re.compile("\u202e([^\u202c\n]*)")
# Evasions that get readings of their own (see ``readings``):
# a single "*" masking a letter inside a word ("f*ck"), marked with "_" (free: "_" became "-");
_MASKED: Final = re.compile(r"(?<=[^\W\d_])\*(?=[^\W\d_])")
# punctuation inside a word ("sh.it", "sh-it"), or a line break inside one ("sh\nit", "sh-\nit");
# apostrophes stay, or "he'll" would read as "hell";
_IN_WORD: Final = re.compile(
    r"(?<=[^\W\d_])(?:[.\-*·~+/|^\"`•:]{1,3}|-?[ \t]*\n[ \t]*)(?=[^\W\d_]|[0-9@$](?=\w))"
)
# (each with a quick test first, as most comments show none of them);
_IN_WORD_HINT: Final = re.compile(r"[.\-*·~+/|^\"`•:\n][ \t]*[^\W_]")
_STRETCH_HINT: Final = re.compile(r"(.)\1\1")
# a letter stretched to three or more ("shiiiit");
_STRETCHED: Final = re.compile(r"([^\W\d_])\1{2,}")
_VOWELS: Final = "aeiou"
# How many extra readings one comment may get, and alternatives one word may give.
EXTRA_READINGS: Final = 16
_WORD_ALTERNATIVES: Final = 16
_LONGEST_WORD: Final = 40
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
    return _split(text)[0]


def _split(text: str) -> tuple[list[str], bool]:
    """:func:`_words`, and whether a run of blank-spaced letters was joined."""
    if "!" in text:
        text = _EDGE_BANGS.sub(" ", text)
    text = _PUNCTUATED_RUN.sub(_join, text)
    text, spaced = _SPACED_RUN.subn(_join, text)
    return _WORD.findall(text), spaced > 0


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


def readings(text: str) -> tuple[str, ...]:
    """Every normal form worth matching: ``1`` read as ``i`` and, if the text has one, as ``l``;
    then, only for text that shows one of these evasions, up to :data:`EXTRA_READINGS` more:

    - punctuation or a line break inside a word removed (``sh.it``, ``sh-\\nit`` → ``shit``);
    - letters stretched to three or more cut to one and to two (``shiiiit`` → ``shit``,
      ``hellllo`` → ``hello``);
    - a ``*`` masking one letter read as each vowel (``f*ck``), and a word with several ``1``
      read with every mix of ``i`` and ``l`` (``k11l`` → ``kill``), one word at a time;

    and text under a right-to-left override both as stored and as drawn.
    """
    forms = _readings(text)
    if _RLO in text:
        forms += tuple(form for form in _readings(_as_drawn(text)) if form not in forms)
    return forms


def _as_drawn(text: str) -> str:
    """``text`` with every right-to-left override run reversed, as the reader sees it."""
    return _OVERRIDDEN.sub(lambda found: found.group(1)[::-1], text)


def _readings(text: str) -> tuple[str, ...]:
    folded = _fold_letters(text)
    symbols = _SYMBOLS.search(folded) is not None
    words, spaced = _split(folded)
    forms = [_joined(words, "i", symbols)]
    if "1" in folded:
        forms.append(_joined(words, "l", symbols))
    forms += _evasion_forms(folded, words, forms[0], spaced)
    return tuple(dict.fromkeys(forms))


def _evasion_forms(folded: str, words: list[str], text: str, spaced: bool) -> list[str]:
    """The extra readings of :func:`readings`; ``text`` is the first reading of ``words``."""
    joined = _IN_WORD.sub("", folded) if _IN_WORD_HINT.search(folded) else folded
    out: list[str] = []
    if joined != folded:
        words = _words(joined)
        text = " ".join(_read_symbols(word, "i") for word in words)
        out.append(text)
    if spaced:
        trimmed = _trim_spaced_runs(folded)
        if trimmed is not None:
            out.append(_joined(_words(trimmed), "i", symbols=True))
    if _STRETCH_HINT.search(text) and _STRETCHED.search(text):
        out += [_STRETCHED.sub(r"\1", text), _STRETCHED.sub(r"\1\1", text)]
    if "*" in folded:
        masked = _words(_IN_WORD.sub("", _MASKED.sub("_", folded)))
        if len(masked) == len(words):  # the same words, a "*" kept as "_" inside them
            words = masked
    if "1" not in folded and "*" not in folded:
        return out
    base = text.split(" ")
    for index, word in enumerate(words):
        ones, masks = word.count("1"), word.count("_")
        if not (ones > 1 or masks) or ones > 4 or masks > 2 or len(word) > _LONGEST_WORD:
            continue
        for alternative in _alternatives(word):
            out.append(" ".join([*base[:index], alternative, *base[index + 1 :]]))
            if len(out) >= EXTRA_READINGS:
                return out
    return out


def _trim_spaced_runs(folded: str) -> str | None:
    """``folded`` with spaced runs joined, leaving out a first or last ``a`` or ``i``: these
    are words of their own as often as letters of the run (``a f u c k glass``)."""
    pieces: list[str] = []
    last = 0
    for run in _SPACED_RUN.finditer(folded):
        letters = run.group().split()
        head = letters.pop(0) + " " if letters[0] in "ai" else ""
        tail = " " + letters.pop() if letters[-1] in "ai" else ""
        if head or tail:
            pieces += [folded[last : run.start()], head, "".join(letters), tail]
            last = run.end()
    return "".join([*pieces, folded[last:]]) if pieces else None


def _alternatives(word: str) -> list[str]:
    """A word's other readings: each vowel for a masked letter, each i/l mix for ``1``."""
    spellings = [word]
    for mark, letters in (("_", _VOWELS), ("1", "il")):
        for _ in range(word.count(mark)):
            spellings = [
                spelling.replace(mark, letter, 1) for spelling in spellings for letter in letters
            ]
    return [_read_symbols(spelling, "i") for spelling in spellings][:_WORD_ALTERNATIVES]
