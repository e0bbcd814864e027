"""Key figures in Spanish, French and German, read with the language's number format.

"1.234,5" is one thousand two hundred and thirty-four and a half in Spanish and German,
"12 000" twelve thousand in French (plain, no-break or narrow no-break space). A number
is read with babel's strict parser for the article's locale after its group separators
are turned into the locale's own; what does not parse is no figure, never a guess.

What a figure counts is its label, in the article's own words:

* a count is labelled by the noun phrase after it ("120 viviendas", "12 000 habitants",
  "42 neue Wohnungen"), cut at the first little word that is not part of a name
  ("reforma del mercado" keeps its "del"), at punctuation and at six words;
* an amount of money or a percentage by the noun it measures ("una subida del 12 %",
  "eine Steigerung von 12,5 %"), else by what follows ("1,2 Mio. € für neue Radwege");
* a figure without such a phrase is left out rather than shown with a garbled label.

Dates ("3 de marzo", "12 mars", "3. März"), times ("18 Uhr", "18 h 30"), years, ranges
and numbered names ("Linie 12", "article 3") are not figures. Number words are not read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from babel.numbers import NumberFormatError, get_group_symbol, parse_decimal

from bot.briefing.figures.localised_lexicon import LEXICONS, Lexicon
from bot.briefing.model import KeyFigure
from bot.briefing.sentences import split_sentences
from bot.briefing.summary_quality import has_boilerplate

__all__ = ["LocalFigure", "find_local_figures", "local_key_figures", "supports"]

Kind = Literal["count", "money", "percent"]
MAX_LABEL_WORDS = 6
_SPACE = r"[ \u00a0\u202f]"
_TOKEN = re.compile(r"(?:[ldjnsc]|qu)['’]|[^\W\d_]+(?:-[^\W\d_]+)*|\d+|[^\w\s]", re.IGNORECASE)
_SCALE_VALUES = {
    "mil millones": 10**9,
    "milliard": 10**9,
    "milliards": 10**9,
    "milliarde": 10**9,
    "milliarden": 10**9,
    "mrd.": 10**9,
    "millones": 10**6,
    "millón": 10**6,
    "million": 10**6,
    "millions": 10**6,
    "millionen": 10**6,
    "mio.": 10**6,
    "mil": 10**3,
    "tsd.": 10**3,
}


@dataclass(frozen=True, slots=True)
class LocalFigure:
    """A figure as written (``text``), its value (scale words applied) and its label."""

    text: str
    number: Decimal
    kind: Kind
    label: str
    sentence: str


def supports(language: str | None) -> bool:
    return language in LEXICONS


@lru_cache(maxsize=len(LEXICONS))
def _pattern(language: str) -> re.Pattern[str]:
    lex = LEXICONS[language]
    seps = re.escape(lex.separators)
    return re.compile(
        rf"""(?<![\w.,:/+\-–])
        (?:(?P<pre>€|\$){_SPACE}?)?
        (?P<num>\d{{1,3}}(?P<sep>[{seps}])\d{{3}}(?:(?P=sep)\d{{3}})*(?:,\d+)?|\d+(?:,\d+)?)
        (?![.,:/\-–]?\d)
        (?:{_SPACE}(?P<scale>{"|".join(lex.scales)})(?!\w))?
        (?:{_SPACE}?(?P<pct>%)
          |{_SPACE}(?P<pctw>{"|".join(lex.percent_words)})(?!\w)
          |{_SPACE}?(?P<cur>{"|".join(lex.currencies)})(?!\w))?
        """,
        re.VERBOSE,
    )


def _key(token: str) -> str:
    return token.casefold().rstrip("'’")


def _is_word(token: str) -> bool:
    return token[0].isalpha()


def _content(token: str, lex: Lexicon) -> bool:
    """A word that can carry a label: not a function word, a month or a fragment."""
    key = _key(token)
    if not _is_word(token) or token[-1] in "'’":
        return False
    if len(token) < 3 and not token.isupper():
        return False
    if key in lex.stops or key in lex.articles or key in lex.links or key in lex.joins:
        return False
    if lex.nouns_capitalised:
        return key not in {m.casefold() for m in lex.months}
    return key not in lex.months


def _head(tokens: Sequence[str], start: int, lex: Lexicon) -> int | None:
    """End index of the noun (with its adjectives) starting at ``start``, if there is one."""
    index = start
    if lex.nouns_capitalised:
        while (
            index < len(tokens)
            and index - start < 2
            and _content(tokens[index], lex)
            and tokens[index][0].islower()
        ):
            index += 1
        if index < len(tokens) and _content(tokens[index], lex) and tokens[index][0].isupper():
            return index + 1
        return None
    while index < len(tokens) and index - start < 2 and _key(tokens[index]) in lex.adjectives:
        index += 1
    if index < len(tokens) and _content(tokens[index], lex):
        return index + 1
    return None


def _noun_phrase(tokens: Sequence[str], start: int, lex: Lexicon) -> list[str]:
    end = _head(tokens, start, lex)
    if end is None:
        return []
    words = list(tokens[start:end])
    while end < len(tokens) and _key(tokens[end]) in lex.joins:
        after = end + 1
        if after < len(tokens) and _key(tokens[after]) in lex.articles:
            after += 1
        tail = _head(tokens, after, lex)
        if tail is None or len(words) + tail - end > MAX_LABEL_WORDS:
            break
        words.extend(tokens[end:tail])
        end = tail
    return words


def _join(words: Sequence[str]) -> str:
    text = ""
    for word in words:
        text += word if not text or text[-1] in "'’" else f" {word}"
    return text


def _forward(tokens: Sequence[str], kind: Kind, lex: Lexicon) -> str:
    start = 0
    if kind != "count":
        while start < min(len(tokens), 3) and _key(tokens[start]) in lex.links | lex.articles:
            start += 1
    return _join(_noun_phrase(tokens, start, lex))


def _backward(tokens: Sequence[str], lex: Lexicon) -> str:
    """``[article] NOUN PREP <figure>``: the noun the amount measures."""
    if len(tokens) < 3 or _key(tokens[-1]) not in lex.before:
        return ""
    noun, article = tokens[-2], tokens[-3]
    if not _content(noun, lex) or _key(article) not in lex.articles:
        return ""
    if lex.nouns_capitalised and not noun[0].isupper():
        return ""
    return noun


def _excluded(before: Sequence[str], after: Sequence[str], lex: Lexicon, bare: bool) -> bool:
    """Dates, times, ordinals and numbered names; ``bare`` = no unit after the number."""
    words = [t for t in after[:3] if t not in {"."}]
    following = _key(words[0]) if words else ""
    months = {m.casefold() for m in lex.months}
    if following in months or (following == "de" and len(words) > 1 and _key(words[1]) in months):
        return True
    if bare and following in {w.casefold() for w in lex.time_words}:
        return True
    if bare and lex.nouns_capitalised and len(after) > 1 and after[0] == ".":
        return True  # German ordinal: "am 3. Spieltag"
    previous = [t for t in before if t != "."][-1:]
    identifiers = {w.casefold().rstrip(".") for w in lex.identifier_words}
    return bool(previous) and _key(previous[0]).rstrip(".") in identifiers


def _parse(number: str, separator: str | None, lex: Lexicon) -> Decimal | None:
    if separator:
        number = number.replace(separator, get_group_symbol(lex.locale))
    try:
        return parse_decimal(number, locale=lex.locale, strict=True)
    except NumberFormatError:
        return None


def _figures_in(sentence: str, lex: Lexicon, pattern: re.Pattern[str]) -> list[LocalFigure]:
    found: list[LocalFigure] = []
    for match in pattern.finditer(sentence):
        number = _parse(match["num"], match["sep"], lex)
        if number is None:
            continue
        scale = match["scale"]
        kind: Kind = (
            "percent"
            if match["pct"] or match["pctw"]
            else "money"
            if match["cur"] or match["pre"]
            else "count"
        )
        bare = kind == "count" and not scale
        if bare and not match["sep"] and "," not in match["num"] and 1800 <= number <= 2100:
            continue  # a year
        before = _TOKEN.findall(sentence[: match.start()])
        after = _TOKEN.findall(sentence[match.end() :])
        if _excluded(before, after, lex, bare):
            continue
        label = (_backward(before, lex) if kind != "count" else "") or _forward(after, kind, lex)
        if not label:
            continue
        if scale:
            number *= _SCALE_VALUES[scale.casefold()]
        found.append(LocalFigure(match[0].strip(), number, kind, label, sentence))
    return found


def find_local_figures(text: str, language: str, *, limit: int = 6) -> tuple[LocalFigure, ...]:
    """Up to ``limit`` labelled figures of a Spanish, French or German ``text``, in order."""
    lex = LEXICONS[language]
    pattern = _pattern(language)
    figures: list[LocalFigure] = []
    seen: set[str] = set()
    for sentence in split_sentences(text):
        if has_boilerplate(sentence):
            continue
        for figure in _figures_in(sentence, lex, pattern):
            if figure.text not in seen and len(figures) < limit:
                seen.add(figure.text)
                figures.append(figure)
    return tuple(figures)


def local_key_figures(text: str, language: str, *, limit: int = 6) -> tuple[KeyFigure, ...]:
    """:func:`find_local_figures` as the brief's key figures."""
    return tuple(
        KeyFigure(f.text, f.label, f.sentence)
        for f in find_local_figures(text, language, limit=limit)
    )
