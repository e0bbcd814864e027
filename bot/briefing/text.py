"""Plain-text articles: headline, headings, page furniture and whitespace.

Text pasted from a web page carries its layout as lines: the headline first, section
subheadings between paragraphs, and page furniture ("Share this", "Write a comment")
around the story. This module turns such text into clean blocks so that headings and
furniture never reach the summariser as sentence fragments.

Canonical article text, as produced here and by :mod:`bot.briefing.extract`, is one
block per paragraph (or heading, or list item), blocks separated by a blank line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

__all__ = [
    "Block",
    "body_text",
    "clean_lines",
    "is_furniture",
    "join_blocks",
    "looks_like_heading",
    "normalize_whitespace",
    "split_blocks",
    "split_title",
]

_MAX_HEADING_WORDS = 14
_MAX_HEADING_CHARS = 120
_MAX_TITLE_WORDS = 20
_MAX_TITLE_CHARS = 160
_CURRENCY = frozenset("$£€¥₹")  # "£14m lottery couple ..." opens a headline

# Whole-line page furniture: buttons, prompts and labels around a story, never content.
_FURNITURE = re.compile(
    r"""^(?:
        advertisement|advertising|sponsored(?:\s+content)?|ad
        |(?:write|leave|post|add)\s+an?\s+comment|comments?|\d+\s+comments?|view\s+comments
        |share(?:\s+(?:this|the)(?:\s+(?:article|story|post|page))?)?
        |share\s+(?:on|via)\s+\w+(?:\s+\w+)?|tweet|email|print|print\s+(?:this\s+)?article
        |order\s+reprints|reprints?|copy\s+link|save(?:\s+article)?
        |subscribe(?:\s+(?:now|today|here))?|sign\s+up(?:\s+(?:now|here))?
        |sign\s+up\s+for\s+(?:our|the)\s+\w+(?:\s+\w+)?\s+newsletter|newsletter
        |thanks?\s+(?:you\s+)?for\s+signing\s+up|log\s*in|sign\s+in|register
        |read\s+more|read\s+next|see\s+more|more\s+stories|related(?:\s+(?:articles|stories|content))?
        |recommended(?:\s+for\s+you)?|don'?t\s+miss|trending(?:\s+now)?|most\s+popular
        |skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|continue\s+reading
        |(?:read|see)\s+more\s*:.*|related\s*:.*
        |(?:©|copyright\b)[^.]{0,60}\.?|all\s+rights\s+reserved
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_FURNITURE_TRIM = " \t-–—•·|>»:.!"

# Zero-width characters and soft hyphens (a regex deletes them far faster than translate).
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SENTENCE_END = re.compile(r"""[.!?…:;,]["'”’»)\]]*$|["”»]$""")
# "... from April. The council said": a full stop after a word of three letters or more,
# then a capital; not after a title ("Cllr. Jane Smith"; "Mr." and "U.S." are shorter). A
# question or exclamation inside a headline is its style ("What next? Council leader quits").
_SENTENCE_INSIDE = re.compile(r"\b(?P<word>\w{3,})\.\s+[\"'“‘]?[A-Z]")
_TITLES = frozenset(
    {"cllr", "prof", "gov", "sen", "rep", "gen", "col", "capt", "supt", "insp", "sgt"}
    | {"rev", "mrs", "mme", "mlle", "inc", "ltd", "corp", "bros", "dept", "est", "univ"}
    | {"det", "hon", "maj", "pres", "lieut", "cmdr", "adm", "jnr", "snr"}
)
_QUOTED_ENDING = re.compile(r"""\w["”»]$""")  # a quoted phrase closes the line, no stop
_SMALL_WORDS = frozenset(
    {
        *("a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor"),
        *("of", "on", "or", "per", "the", "to", "up", "via", "vs", "with"),
    }
)
_WORD = re.compile(r"[^\W_][\w'’.-]*")


@dataclass(frozen=True, slots=True)
class Block:
    """One block of article text: a paragraph or a section heading."""

    kind: Literal["paragraph", "heading"]
    text: str


def normalize_whitespace(text: str) -> str:
    """NFC, one line ending (``\\n``), no invisible characters, single spaces in lines."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n")
    return "\n".join(" ".join(line.split()) for line in text.split("\n"))


def is_furniture(line: str) -> bool:
    """True for a whole line that is page furniture ("Write a comment", "Share this")."""
    stripped = line.strip().strip(_FURNITURE_TRIM).strip()
    if not stripped:
        return False
    return len(stripped) <= 160 and _FURNITURE.match(stripped) is not None


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def _is_titlecase(words: Sequence[str]) -> bool:
    significant = [w for w in words[1:] if w.lower() not in _SMALL_WORDS]
    if not significant:
        return True
    capitalised = sum(1 for w in significant if w[0].isupper() or w[0].isdigit())
    return capitalised / len(significant) >= 0.6


def looks_like_heading(
    line: str, *, max_words: int = _MAX_HEADING_WORDS, max_chars: int = _MAX_HEADING_CHARS
) -> bool:
    """True when ``line`` reads as a heading rather than body text.

    A heading is short, starts with a capital letter or a digit and does not end like a
    sentence (no final period, question mark, colon, comma or closing quote). Sentence-case
    headings ("Council votes on budget") count as well as title case.
    """
    line = line.strip()
    if not line or len(line) > max_chars:
        return False
    words = _words(line)
    if not words or len(words) > max_words:
        return False
    first = line.lstrip("\"'“‘([")
    if not first or not (first[0].isupper() or first[0].isdigit()):
        return False
    return _SENTENCE_END.search(line) is None


def _looks_like_title(line: str, *, own_paragraph: bool = False) -> bool:
    """A headline: like a heading, a little longer allowed, and title case or a few words.
    A sentence-case headline set apart by a blank line may run to the full length:
    "Hurricane Delphine kills at least 7 on Gulf Coast, leaves 1.2 million without power"
    is how wire services and British papers write them, as long as no sentence ends
    inside it. A headline may open on a sum ("£14m lottery couple ...") and, set apart,
    close on a quoted phrase; a paragraph of the body opening on a sum is not a heading."""
    if own_paragraph and _QUOTED_ENDING.search(line):
        line = line[:-1]  # 'Court acquits campaigner of "inciting unrest"'
    if line[:1] in _CURRENCY:
        line = line[1:]  # "14m lottery couple ...": a headline opening on a figure
    if not looks_like_heading(line, max_words=_MAX_TITLE_WORDS, max_chars=_MAX_TITLE_CHARS):
        return False
    words = _words(line)
    if len(words) < 2:
        return False
    if _is_titlecase(words) or len(words) <= 12:
        return True
    return own_paragraph and not any(
        m["word"].lower() not in _TITLES for m in _SENTENCE_INSIDE.finditer(line)
    )


def clean_lines(text: str) -> list[str]:
    """Whitespace-normalised lines with furniture dropped; blank lines kept as ``""``."""
    return [line for line in normalize_whitespace(text).split("\n") if not is_furniture(line)]


def _ends_sentence(line: str) -> bool:
    return _SENTENCE_END.search(line) is not None


def _starts_block(line: str) -> bool:
    first = line.lstrip("\"'“‘([-•*")
    return bool(first) and (first[0].isupper() or first[0].isdigit())


def split_blocks(text: str) -> list[Block]:
    """Cut text into paragraphs and headings.

    Blank lines always end a block. A run of lines where some line visibly continues on
    the next (the next starts in lower case) is hard-wrapped prose: it is joined into one
    paragraph. Otherwise each line is a block of its own (the usual shape of text copied
    from a web page), and a short line without end punctuation between two blocks is a
    heading.
    """
    blocks: list[Block] = []
    for run in _runs(clean_lines(text)):
        if _is_wrapped(run):
            if len(run) > 1 and looks_like_heading(run[0]) and _starts_block(run[1]):
                blocks.append(Block("heading", run[0]))
                run = run[1:]
            blocks.append(Block("paragraph", " ".join(run)))
            continue
        for index, line in enumerate(run):
            following = run[index + 1] if index + 1 < len(run) else ""
            is_heading = looks_like_heading(line) and (not following or _starts_block(following))
            blocks.append(Block("heading" if is_heading else "paragraph", line))
    return blocks


def _runs(lines: list[str]) -> list[list[str]]:
    runs: list[list[str]] = [[]]
    for line in lines:
        if line:
            runs[-1].append(line)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def _is_wrapped(run: list[str]) -> bool:
    return any(
        not _ends_sentence(line) and not _starts_block(following)
        for line, following in pairwise(run)
    )


def join_blocks(blocks: Iterable[Block | str]) -> str:
    """Canonical article text: one block per paragraph, separated by blank lines."""
    return "\n\n".join(b.text if isinstance(b, Block) else b for b in blocks)


def body_text(text: str) -> str:
    """The article's paragraphs only (headings and furniture left out), for the summariser."""
    return join_blocks(b for b in split_blocks(text) if b.kind == "paragraph")


def split_title(text: str) -> tuple[str | None, str]:
    """Split a headline off the first line when it looks like one.

    Returns ``(title, rest)``; ``title`` is ``None`` when the first non-empty line reads
    like body text (too long, ends with a period, not headline-like, or continued in
    lower case on the next line as hard-wrapped prose is).
    """
    lines = clean_lines(text)
    while lines and not lines[0]:
        lines.pop(0)
    if len(lines) < 2 or not _looks_like_title(lines[0], own_paragraph=not lines[1]):
        return None, "\n".join(lines)
    if lines[1] and not _starts_block(lines[1]):
        return None, "\n".join(lines)
    return lines[0], "\n".join(lines[1:])
