"""Key figures in Spanish, French and German, read with the language's number format.

"1.234,5" is one thousand two hundred and thirty-four and a half in Spanish and German,
"12 000" twelve thousand in French (plain, no-break or narrow no-break space). A number
is read with babel's strict parser for the article's locale after its group separators
are turned into the locale's own; what does not parse is no figure, never a guess.

What a figure counts is its label, in the article's own words
(:mod:`~bot.briefing.figures.localised_labels`):

* a count is labelled by the noun phrase after it ("120 viviendas", "12 000 habitants",
  "42 neue Wohnungen"), cut at the first little word that is not part of a name
  ("reforma del mercado" keeps its "del"), at punctuation and at six words;
* an amount of money or a percentage by the noun it measures ("una subida del 12 %",
  "eine Steigerung von 12,5 %"), else by what follows ("1,2 Mio. € für neue Radwege"),
  else by its clause's subject ("Die Kosten liegen bei 12,5 Mio. Euro"), or, after
  "soit" / "es decir" / "also", by the figure it restates;
* a duration keeps its unit in the value ("26 Monate", "14 mois") and is labelled by the
  noun after it ("18 meses de obras") or its clause's subject ("Les travaux dureront…");
  an age or a point in time ("de 35 años", "vor 10 Jahren", "il y a 3 ans") is none;
* a vote tally is one figure ("23 zu 9 Stimmen", "21 voix contre 6") labelled by what
  was voted on when an article-led noun follows, else by its vote noun;
* a figure without such a phrase is left out rather than shown with a garbled label;
  a bare count ("calle Mayor 12") never takes its clause's subject.

Dates ("3 de marzo", "12 mars", "3. März"), times ("18 Uhr", "18 h 30"), years, ranges
and numbered names ("Linie 12", "article 3") are not figures. Number words are not read.
When there are more figures than room, money, shares and tallies go first, then counts,
then durations; the chosen ones are shown in reading order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from babel.numbers import NumberFormatError, get_group_symbol, parse_decimal

from bot.briefing.figures import localised_labels as labels
from bot.briefing.figures.localised_labels import key
from bot.briefing.figures.localised_lexicon import LEXICONS, Lexicon
from bot.briefing.model import KeyFigure
from bot.briefing.sentences import split_sentences
from bot.briefing.summary_quality import has_boilerplate

__all__ = ["LocalFigure", "find_local_figures", "local_key_figures", "supports"]

Kind = Literal["count", "money", "percent", "tally", "duration"]
_PRIORITY: dict[Kind, int] = {"money": 0, "percent": 0, "tally": 0, "count": 1, "duration": 2}
_SPACE = r"[ \u00a0\u202f]"
_TOKEN = re.compile(r"(?:[ldjnsc]|qu)['’]|[^\W\d_]+(?:-[^\W\d_]+)*|\d+|[^\w\s]", re.IGNORECASE)
_RANGE_WORDS = frozenset({"y", "et", "und", "a", "à", "bis"})
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


@dataclass(frozen=True, slots=True)
class _Patterns:
    number: re.Pattern[str]
    tally: re.Pattern[str]
    unit: re.Pattern[str]
    comparative: re.Pattern[str]
    age: re.Pattern[str]


def supports(language: str | None) -> bool:
    return language in LEXICONS


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=len(LEXICONS))
def _patterns(language: str) -> _Patterns:
    lex = LEXICONS[language]
    seps = re.escape(lex.separators)
    number = re.compile(
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
    vote, first = "|".join(lex.vote_nouns), r"(?<![\w.,:/+\-–])(?P<a>\d+)"
    tally = (
        rf"{first}(?:{_SPACE}(?P<v1>{vote}))?(?:{'|'.join(lex.versus)})(?P<b>\d+)(?![.,]?\d)"
        rf"(?:{_SPACE}(?P<v2>{vote}))?(?!\w)"
    )
    if lex.for_against:
        for_, against = lex.for_against
        tally += (
            rf"|{first.replace('<a>', '<c>')}{_SPACE}(?P<v3>{vote}){_SPACE}{for_}"
            rf"(?:,\s*|\s+(?:y|et|und)\s+)\d+{_SPACE}{against}(?!\w)"
        )
    return _Patterns(
        number=number,
        tally=re.compile(tally),
        unit=re.compile(rf"{_SPACE}(?:{_alternatives(lex.duration_units)})(?!\w)", re.I),
        comparative=re.compile(rf"{_SPACE}?(?:{_alternatives(lex.comparatives)})(?!\w)"),
        age=re.compile(rf"\s+(?:{lex.age_after})(?!\w)"),
    )


def _excluded(before: Sequence[str], after: Sequence[str], lex: Lexicon, bare: bool) -> bool:
    """Dates, times, ordinals and numbered names; ``bare`` = no unit after the number."""
    words = [t for t in after[:3] if t not in {"."}]
    following = key(words[0]) if words else ""
    months = {m.casefold() for m in lex.months}
    if following in months or (following == "de" and len(words) > 1 and key(words[1]) in months):
        return True
    if bare and following in {w.casefold() for w in lex.time_words}:
        return True
    if bare and lex.nouns_capitalised and len(after) > 1 and after[0] == ".":
        return True  # German ordinal: "am 3. Spieltag"
    previous = [t for t in before if t != "."][-1:]
    identifiers = {w.casefold().rstrip(".") for w in lex.identifier_words}
    return bool(previous) and key(previous[0]).rstrip(".") in identifiers


def _no_duration(before: Sequence[str], lex: Lexicon) -> bool:
    """An age, a point in time or a range's end: "de 35 años", "vor 10 Jahren", "18 y 35"."""
    p1 = key(before[-1]) if before else ""
    p2 = key(before[-2]) if len(before) > 1 else ""
    if p1 in _RANGE_WORDS and p2.isdigit():
        return True
    if p1 in {"de", "d"} and p2 in lex.more_less:
        return False
    return p1 in lex.duration_blocks or f"{p2} {p1}" in lex.duration_blocks


def _parse(number: str, separator: str | None, lex: Lexicon) -> Decimal | None:
    if separator:
        number = number.replace(separator, get_group_symbol(lex.locale))
    try:
        return parse_decimal(number, locale=lex.locale, strict=True)
    except NumberFormatError:
        return None


def _tallies(sentence: str, lex: Lexicon, patterns: _Patterns) -> list[tuple[int, LocalFigure]]:
    found = []
    for match in patterns.tally.finditer(sentence):
        groups = match.groupdict()
        votes = groups["v1"] or groups["v2"] or groups.get("v3")
        if not votes:
            continue  # "3 zu 1" without votes is a score, not a tally
        after = _TOKEN.findall(sentence[match.end() :])
        label = labels.object_after(after, lex) or votes
        number = Decimal(re.findall(r"\d+", match[0])[0])  # the votes for
        found.append((match.start(), LocalFigure(match[0], number, "tally", label, sentence)))
    return found


def _figures_in(sentence: str, lex: Lexicon, patterns: _Patterns) -> list[tuple[int, LocalFigure]]:
    found = _tallies(sentence, lex, patterns)
    taken = [range(start, start + len(f.text)) for start, f in found]
    previous = ""
    for match in patterns.number.finditer(sentence):
        if any(match.start() in span for span in taken):
            continue
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
        if _excluded(before, _TOKEN.findall(sentence[match.end() :]), lex, bare):
            continue
        end, label = match.end(), ""
        unit = patterns.unit.match(sentence, end) if bare else None
        compared = patterns.comparative.match(sentence, end) if not bare else None
        if unit:
            if _no_duration(before, lex) or patterns.age.match(sentence, unit.end()):
                continue
            kind, end = "duration", unit.end()
            after = _TOKEN.findall(sentence[end:])
            if lex.nouns_capitalised and after and after[0][0].isupper():
                label = labels.noun_phrase(after, 0, lex)  # "26 Monate Bauzeit"
            elif len(after) > 1 and key(after[0]) in lex.joins:  # "30 meses de (las) obras"
                label = labels.noun_phrase(after, 2 if key(after[1]) in lex.articles else 1, lex)
        else:
            end = compared.end() if compared else end
            after = _TOKEN.findall(sentence[end:])
            if kind != "count":
                label = labels.backward(before, lex)
            if not label and (not compared or lex.nouns_capitalised):
                label = labels.forward(after, kind != "count", lex)
            if kind != "count" and key(label.split(" ")[0]) in lex.duration_units:
                label = ""  # "10 % le mois prochain": a time, not what was measured
        if not label and (kind != "count" or scale):
            restated = [t for t in before if t != ","][-1:]
            if restated and key(restated[0]) in lex.restates:
                label = previous
            else:
                label = labels.subject(before, lex)
        if not label:
            continue
        if scale:
            number *= _SCALE_VALUES[scale.casefold()]
        text = sentence[match.start() : end].strip()
        found.append((match.start(), LocalFigure(text, number, kind, label, sentence)))
        previous = label
    return sorted(found, key=lambda item: item[0])


def find_local_figures(text: str, language: str, *, limit: int = 6) -> tuple[LocalFigure, ...]:
    """Up to ``limit`` labelled figures of a Spanish, French or German ``text``, in order.

    When there are more, money, shares and tallies are kept before counts, and counts
    before durations.
    """
    lex = LEXICONS[language]
    patterns = _patterns(language)
    candidates: dict[str, tuple[tuple[int, int], LocalFigure]] = {}
    for index, sentence in enumerate(split_sentences(text)):
        if has_boilerplate(sentence):
            continue
        for start, figure in _figures_in(sentence, lex, patterns):
            candidates.setdefault(figure.text, ((index, start), figure))
    ranked = sorted(candidates.values(), key=lambda c: (_PRIORITY[c[1].kind], c[0]))[:limit]
    return tuple(figure for _, figure in sorted(ranked, key=lambda c: c[0]))


def local_key_figures(text: str, language: str, *, limit: int = 6) -> tuple[KeyFigure, ...]:
    """:func:`find_local_figures` as the brief's key figures."""
    return tuple(
        KeyFigure(f.text, f.label, f.sentence)
        for f in find_local_figures(text, language, limit=limit)
    )
