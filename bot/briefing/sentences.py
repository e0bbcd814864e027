"""Sentence splitting over syntok, with line and paragraph rules for article text.

syntok handles abbreviations ("Dr.", "U.S.", "p.m."), decimals and quotes well on
news. It does not know about layout, so lines are grouped into blocks first:

* a blank line always ends a sentence (paragraph end);
* a single line break ends a sentence too, unless the next line visibly continues
  the current one (it starts in lower case, or the line ends mid-phrase with a comma,
  hyphen or similar). This keeps a heading without a period ("Council votes on
  budget") from being glued onto the first sentence under it, while hard-wrapped
  plain text still joins up.
"""

from __future__ import annotations

import re
from functools import lru_cache

from syntok.segmenter import split
from syntok.tokenizer import Tokenizer

__all__ = ["split_sentences"]

_TOKENIZER = Tokenizer()
_LINE_BREAK = re.compile(r"[ \t\f\v\u00a0]*(?:\r\n|\r|\n)")
_CONTINUES_LINE = re.compile(r"[,;:(\[\-–—/&]$|\b(?:and|or|the|a|an|of|to|in|for|with)$", re.I)
# A block with no mark that can end a sentence before its last character is one sentence
# (about half of a news page's paragraphs): syntok, the costliest step, is not needed.
# syntok also ends one at ";" and after a bracket ("WASHINGTON (Reuters) - ...").
_INNER_END = re.compile(r"[.!?…;)\]]")
_WORD = re.compile(r"\w")
_TRAILING = " \"'”’)]"
# Titles before a name that syntok takes for a sentence end: "U.S. Rep. Ilhan Omar".
_TITLE_AT_END = re.compile(
    r"\b(?:Rep|Reps|Sen|Sens|Gov|Gen|Lt|Sgt|Capt|Col|Cmdr|Adm|Maj|Cpl|Pvt|Det|Supt|Insp"
    r"|Prof|Rev|Hon|Atty|Rt|Mt|Ft)\.$"
)
# A month cut short before its day: "on Dec. 12", and in lower-cased text "on dec. 12",
# which syntok ends at the month.
_MONTH_SHORT_AT_END = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$", re.IGNORECASE
)
_DAY_AT_START = re.compile(r"^\d{1,2}\b")
# German dates write the day as an ordinal, "am 3. März", which syntok ends at "3.".
_ORDINAL_AT_END = re.compile(r"\b\d{1,2}\.$")
# Lower-cased text ("the storm hit. the council said ..."): syntok ends a sentence only
# before a capital, so a block with none gets its likely sentence starts capitalised on a
# copy of the same length, and the cut is made on the original.
_UPPER = re.compile(r"[A-Z]")
_LOWER_START = re.compile(r"(?:^|(?<=[.!?])[\"'”’)\]]*\s+)([a-z])")
_WORD_BEFORE = re.compile(r"(\S+)\s*$")
# Words that end in a period without ending a sentence, in lower case: titles, initials
# ("u.s.", "a.m."), companies ("inc.", "ltd."), streets, units, "no." and "vs.", months cut
# short.
_ABBREVIATION = re.compile(
    r"^(?:mr|mrs|ms|dr|st|mt|ft|no|nos|vs|v|etc|al|cf|gen|gov|rep|reps|sen|sens|pres|sec|lt|"
    r"sgt|cpl|pvt|spc|capt|col|cmdr|adm|maj|det|ch|supt|insp|prof|rev|fr|hon|atty|cllr|rt|"
    r"jr|sr|inc|co|corp|ltd|bros|assn|govt|dept|approx|est|fig|pct|lbs|mins|ave|blvd|rd|jan|"
    r"feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|(?:[a-z]\.)+[a-z])\.$"
)
# "\"why now?\" asked the mayor", "he paused ... and left": a quoted question or cry, or
# an ellipsis, is followed by more of its sentence as often as by a new one.
_NO_START_AFTER = re.compile(r"(?:[?!][\"'”’]|\.\s?\.\s?\.|…)[\"'”’)\]]*\s+$")
_MONTH_AT_START = re.compile(
    r"^(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober"
    r"|November|Dezember)\b"
)


def _blocks(text: str) -> list[str]:
    """Cut text into blocks that no sentence may cross (paragraphs, headings, list items)."""
    blocks: list[str] = []
    current: list[str] = []
    for raw in _LINE_BREAK.split(text):
        line = raw.strip()
        if not line:
            if current:
                blocks.append(" ".join(current))
                current = []
            continue
        if current and not (line[0].islower() or _CONTINUES_LINE.search(current[-1])):
            blocks.append(" ".join(current))
            current = []
        current.append(line)
    if current:
        blocks.append(" ".join(current))
    return blocks


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences, in order, each a stripped substring of its block.

    Whitespace inside a sentence is collapsed to single spaces; nothing else is
    changed, so numbers and quotes in a sentence are verbatim from the text.
    """
    return list(_split(text))


# The summariser and the figure finder split the same article back to back.
@lru_cache(maxsize=8)
def _split(text: str) -> tuple[str, ...]:
    sentences: list[str] = []
    for block in _blocks(text):
        if not _INNER_END.search(block, 0, len(block.rstrip(_TRAILING)) - 1):
            if _WORD.search(block):
                sentences.append(" ".join(block.split()))  # one sentence, as is
            continue
        parts: list[str] = []  # the pieces of the current sentence; never across blocks
        for tokens in split(_TOKENIZER.tokenize(_capitalised(block))):
            if not tokens:
                continue
            start = tokens[0].offset
            end = tokens[-1].offset + len(tokens[-1].value)
            sentence = " ".join(block[start:end].split())
            if not sentence:
                continue
            # only the last piece is read, and pieces are joined once: a block of many
            # false ends ("on dec. 5 and on dec. 6 and ...") costs its length, not its square
            if parts and _joins_previous(parts[-1], sentence):
                parts.append(sentence)
                continue
            if parts:
                sentences.append(" ".join(parts))
            parts = [sentence]
        if parts:
            sentences.append(" ".join(parts))
    return tuple(sentences)


def _capitalised(block: str) -> str:
    """``block`` as syntok should read it: unchanged unless it holds no capital letter,
    when each word that likely starts a sentence gets one (same length, same offsets)."""
    if _UPPER.search(block):
        return block
    chars = list(block)
    for match in _LOWER_START.finditer(block):
        window = max(0, match.start(1) - 40)
        if _NO_START_AFTER.search(block, window, match.start(1)):
            continue
        before = _WORD_BEFORE.search(block, window, match.start(1))
        if before is None or not _ABBREVIATION.match(before.group(1).lower().lstrip("(\"'“‘")):
            chars[match.start(1)] = chars[match.start(1)].upper()
    return "".join(chars)


def _joins_previous(previous: str, sentence: str) -> bool:
    """A false sentence end: a title before a name, a month cut short before its day, or
    a German day before its month."""
    return bool(
        _TITLE_AT_END.search(previous)
        or (_MONTH_SHORT_AT_END.search(previous) and _DAY_AT_START.match(sentence))
        or (_ORDINAL_AT_END.search(previous) and _MONTH_AT_START.match(sentence))
    )
