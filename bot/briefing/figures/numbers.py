"""The number grammar: find quantities in one sentence, verbatim, with their values.

A quantity is an optional hedge ("about", "up to"), then one number or a range of two
("10,000 to 12,000", "between 10 and 12", "from 10% to 25%", "$40-50 billion"), or a
part of a whole ("24 of the 45"). A number
is digits or words, with an optional currency before it and an optional multiplier
("bn", "million"), percent sign or word, or currency word after it. A year is a number
too, and a month before it makes the quantity a date ("June 2024").

Spans that are not quantities (phone numbers, times of day, model names...) are
removed first by :mod:`bot.briefing.figures.exclude`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from bot.briefing.figures.contests import is_contest, score_verb_before
from bot.briefing.figures.exclude import excluded_spans
from bot.briefing.figures.words import NUMBER_WORDS_PATTERN, parse_number_words

__all__ = ["SPAN_AFTER", "Kind", "Quantity", "find_quantities"]

Kind = Literal["money", "percent", "count", "year", "date", "ordinal"]

_MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "bn": 1e9,
    "billion": 1e9,
    "tn": 1e12,
    "trillion": 1e12,
}
_MONTHS = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_NUMBER = re.compile(
    r"(?<![\w.,/])"
    r"(?P<cur>US\$|HK\$|NZ\$|A\$|C\$|S\$|R\$|\$|£|€|¥|₹)?\s?"
    r"(?:(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<th>st\b|nd\b|rd\b|th\b)?"
    r"|(?P<words>" + NUMBER_WORDS_PATTERN + r"))"
    r"(?:(?P<short>k|m|mn|bn|tn)\b|\s?(?P<mult>mn|bn|tn|thousand|million|billion|trillion)\b)?"
    r"(?P<pct>\s?%|\s?(?:percent|per\s?cent)\b|\s?percentage\s+points?\b)?"
    r"(?P<curword>\s(?:dollars|pounds|euros|yen|yuan|rupees|taka|naira|pesos|rand|francs|"
    r"kronor|kroner|krona|lira|shekels|ringgit|baht|dinars|dirhams|riyals|rubles|roubles|"
    r"rupiah|shillings|cedis|zloty)\b)?"
    r"(?P<unit>\s?(?:mph|kph|km/h|miles?|km|kilomet(?:er|re)s?|met(?:er|re)s?|feet|ft|inch(?:es)?"
    r"|kg|kilograms?|tonnes?|tons?|acres?|hectares?|degrees?|mm|cm|millimet(?:er|re)s?"
    r"|centimet(?:er|re)s?|gallons?|lit(?:er|re)s?|barrels?)\b"
    # "40.3C", "38C", "38°C", "7.5p": degrees and pence written onto the number
    r"|\s?°\s?[CF]\b|(?<=\d)[CF]\b|p\b"
    r"|-(?:years?|months?|weeks?|days?)[- ]olds?\b"
    r"|-(?:inch|foot|ft|mile|metre|meter|acre|storey|story|bedroom|seat|mph)\b)?"
    r"(?![\w$£€%])",
    re.IGNORECASE,
)
# The two sides of a tally: "5-2", "24–21", and for a vote "7 to 2" ("voted 7 to 2").
_TALLY_JOIN = re.compile(r"^\s*[-–]\s*$|^\s+to\s+$", re.IGNORECASE)
_VOTES_TO = re.compile(r"^\s+votes?\s+to\s+$", re.IGNORECASE)
_SHARE_JOIN = re.compile(
    r"\s+of\s+(?:the\s+|its\s+|their\s+|all\s+)?|\s+(?:in|out\s+of)\s+(?:every\s+)?",
    re.IGNORECASE,
)
# "one in five", "one in every 20", "one out of ten": a ratio, one figure with its whole.
_RATIO_AFTER = re.compile(
    r"\s+(?:in|out\s+of)\s+(?:every\s+)?(?!1[89]\d\d\b|20\d\d\b)(?:\d+|"
    + NUMBER_WORDS_PATTERN
    + r")\b",
    re.IGNORECASE,
)
# "nine months", "20-minute": a number that is a span of time
SPAN_AFTER = re.compile(r"[\s-]+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b", re.I)
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|-?\s*to|and)\s*$", re.IGNORECASE)
# "no more than £105 million" keeps its "no": without it the meaning turns round.
_HEDGE = re.compile(
    r"(?:\b(?:about|around|approximately|roughly|nearly|almost|some|over|under|"
    r"(?:(?:no|not)\s+)?(?:more|less|fewer)\s+than|up\s+to|at\s+least|at\s+most|as\s+many\s+as|"
    r"as\s+much\s+as|an\s+estimated|close\s+to|just\s+over|just\s+under|between|from)\s+)+$",
    re.IGNORECASE,
)
_COUNTED = re.compile(r"\s+(?:people|[a-z]+s)\b")
_CHANGE_BY = re.compile(r"\bby\s+$", re.IGNORECASE)  # "down by 30 to 126" is not a range
# "from 2,050 to about 1,100", "from 1,200 members to 950 members", "from 2,050 passengers
# a day to 1,100": a change, kept whole whichever way it went, its unit said once or twice.
_CHANGE_JOIN = re.compile(
    r"^(?P<unit>(?:\s+(?!(?:and|or|but|which|who|that|while|whereas|when|where|then|before|"
    r"after|because|since|until|to)\b)[a-z][\w'’-]*){0,4})"
    r"\s*to\s+(?:(?:about|around|roughly|nearly|almost|just\s+over|just\s+under|some|"
    r"an\s+estimated|more\s+than|less\s+than|fewer\s+than|over|under|at\s+least|close\s+to|"
    r"as\s+many\s+as|as\s+few\s+as)\s+)?$",
    re.IGNORECASE,
)
# A unit between the ends is a noun phrase ("members", "passengers a day", "a loaf"), not a
# when or a where ("from 6 in the morning to 11"); after the second end it is repeated or
# the clause goes on ("from 3 stations to 12 cities" names two things, not a change).
_UNIT_OPENS_WITH_PLACE = re.compile(
    r"\s+(?:in|on|at|of|for|with|by|from|into|during|within|under|over|across|through)\b",
    re.IGNORECASE,
)
_AFTER_CHANGE = re.compile(
    r"\s*(?:[,.;:!?)\]—–]|$)|\s+(?:in|on|at|by|over|since|between|within|during|last|this|"
    r"after|before|and|but|as|a|an|per|each|every|while|when|from|for|with)\b",
    re.IGNORECASE,
)
_FROM_HEDGE = re.compile(r"\bfrom\b")
_MONTH_BEFORE = re.compile(rf"\b{_MONTHS}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?$", re.IGNORECASE)
_MONTH_DAY = re.compile(rf"\b{_MONTHS}\s+$", re.IGNORECASE)


def _lookback(start: int) -> int:
    """Where to start looking for words that qualify a number: hedges, months, "by"."""
    return max(0, start - 40)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A quantity in a sentence: ``text`` is ``sentence[start:end]``."""

    start: int
    end: int
    text: str
    values: tuple[float, ...]
    kind: Kind

    @property
    def magnitude(self) -> float:
        return max(abs(v) for v in self.values)


@dataclass(frozen=True, slots=True)
class _Number:
    start: int
    end: int
    value: float
    multiplier: float
    currency: bool
    percent: bool
    ordinal: bool
    plain_digits: str | None  # the digits when written bare (no separators or unit)


def _merged(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The excluded spans sorted and merged, as starts and ends: one pass, not spans x
    numbers."""
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(spans):
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def _overlaps(merged: tuple[list[int], list[int]], start: int, end: int) -> bool:
    starts, ends = merged
    index = bisect_left(starts, end) - 1  # the last span starting before ``end``
    return index >= 0 and ends[index] > start


_TEMPERATURE = re.compile(r"\s?(?:°\s?)?[CF]|\s?degrees?", re.IGNORECASE)
# A minus sign set onto a temperature ("-3C", "(−5°C)", "–4C"), or the word ("minus 12C"):
# not a dash after a number ("10-12C" is a range), a spaced dash ("the hottest day - 31C")
# or a list's bullet ("- 31C in Leeds"), nor "plus or minus 2C"
_MINUS_BEFORE = re.compile(r"(?:(?:^|(?<=[\s(]))[-−–]|(?<!or\s)\bminus\s)$", re.IGNORECASE)
_SCALE_WORD = re.compile(r"(?:hundred|thousand|million|billion|trillion)s?", re.IGNORECASE)
_A_BEFORE = re.compile(r"\b(?:a|one)\s+$", re.IGNORECASE)


def _bare_scale(sentence: str, match: re.Match[str]) -> bool:
    """ "a tax in the trillions", "billion-dollar": a scale word alone is not a number,
    unless "a million" or "one thousand"."""
    return (
        _SCALE_WORD.fullmatch(match["words"]) is not None
        and _A_BEFORE.search(sentence, max(0, match.start() - 6), match.start()) is None
    )


def _numbers(sentence: str) -> list[_Number]:
    matches = list(_NUMBER.finditer(sentence))
    if not matches:
        return []  # most sentences: no number, so no identifier to rule out either
    merged = _merged(excluded_spans(sentence))
    found: list[_Number] = []
    for match in matches:
        start, end = match.span()
        if _overlaps(merged, start, end):
            continue
        ordinal = bool(match["th"])  # "a 6th death", "the 21st century"
        if match["digits"]:
            value = float(match["digits"].replace(",", ""))
        else:
            parsed = parse_number_words(match["words"])
            if parsed is None or _bare_scale(sentence, match):
                continue
            value, ordinal = parsed
            if (
                value < 2
                and not (match["pct"] or match["mult"] or match["cur"])
                and not _RATIO_AFTER.match(sentence, end)
            ):
                continue  # "one of them", "a half": not a figure; "one in five" is
        short = (match["short"] or "").lower()
        # A bare "m" or "k" is metres or a typo, unless money or "1.5m people", "20k runners".
        if short in ("m", "k") and not match["cur"] and not _COUNTED.match(sentence, end):
            continue
        multiplier = _MULTIPLIERS.get(short or (match["mult"] or "").lower(), 1.0)
        plain = match["digits"] if match.group(0).strip() == match["digits"] else None
        start += len(match.group(0)) - len(match.group(0).lstrip())
        minus = (
            _MINUS_BEFORE.search(sentence, max(0, start - 6), start)
            if _TEMPERATURE.fullmatch(match["unit"] or "")
            else None
        )
        if minus:
            value = -value  # "fell to -3C", "minus 12C": below zero, the sign shown
            start = minus.start()
        found.append(
            _Number(
                start=start,
                end=end,
                value=value,
                multiplier=multiplier,
                currency=bool(
                    match["cur"] or match["curword"] or (match["unit"] or "").lower() == "p"
                ),
                percent=bool(match["pct"]),
                ordinal=ordinal,
                plain_digits=plain,
            )
        )
    return found


def _kind(number: _Number, before: str) -> Kind:
    if number.currency:
        return "money"
    if number.percent:
        return "percent"
    if number.ordinal:
        return "date" if number.value <= 31 and _MONTH_DAY.search(before) else "ordinal"
    digits = number.plain_digits
    if digits and len(digits) == 4 and 1800 <= number.value <= 2100:
        return "date" if _MONTH_BEFORE.search(before) else "year"
    if digits and number.value <= 31 and _MONTH_DAY.search(before):
        return "date"
    return "count"


def _as_range(first: _Number, second: _Number, joiner: str) -> tuple[float, float] | None:
    """Both ends of ``first``–``second`` when they make a rising range, else ``None``."""
    if joiner.strip().lower() == "and":
        return None  # only "between X and Y", checked by the caller
    if first.percent and not second.percent:
        return None  # "rose 12% to £40 million": a change and the level it reached
    multiplier = first.multiplier if first.multiplier != 1.0 else second.multiplier
    low, high = first.value * multiplier, second.value * second.multiplier
    return (low, high) if low < high else None


def _is_day_then_year(sentence: str, day: _Number, year: _Number) -> bool:
    """ "June 30, 2019", "June 6th, 2019": the day and the year make one date."""
    return (
        (day.plain_digits is not None or day.ordinal)
        and _MONTH_DAY.search(sentence, _lookback(day.start), day.start) is not None
        and year.plain_digits is not None
        and len(year.plain_digits) == 4
        and sentence[day.end : year.start] in (", ", " ")
    )


def _is_conversion(sentence: str, previous: list[Quantity], start: int) -> bool:
    """ "55 mph (88.5 kph)": a bracketed figure straight after another restates it."""
    return bool(previous) and re.fullmatch(r"\s*\(", sentence[previous[-1].end : start]) is not None


# "six years and four months", "two hours and 40 minutes": one span of time, told in two
# units.
_TERM_JOIN = re.compile(r"^[\s-]+(?:years?|months?|weeks?|days?|hours?)\s+and\s+$", re.I)
_TERM_AFTER = re.compile(r"[\s-]+(?:months?|weeks?|days?|hours?|minutes?)\b", re.IGNORECASE)


# Cricket writes a score as runs for wickets ("468 for eight") and a bowler's figures as
# wickets for runs ("five for 132", "three wickets for 19 runs"): one figure, in a sentence
# about cricket.
_FOR_JOIN = re.compile(r"^\s+(?:wickets?\s+)?for\s+$", re.IGNORECASE)
_CRICKET = re.compile(
    r"\b(?:wickets?|innings|declared|all\s+out|overs|bowl(?:ed|ing|er)|batting|stumps|"
    r"runs|century|spinner|seamer|test\s+match)\b",
    re.IGNORECASE,
)
_WICKETS_AFTER = re.compile(
    r"(?:\s+(?:runs|declared|all\s+out|off|in|at|on|when|before|after|with|and|as|by)\b"
    r"|\s*[,.;)]|\s*$)",
    re.IGNORECASE,
)


@lru_cache(maxsize=16)
def _about_cricket(sentence: str) -> bool:
    """Read once per sentence, however many of its numbers ask."""
    return _CRICKET.search(sentence) is not None


def _is_cricket_score(sentence: str, first: _Number, second: _Number, joiner: str) -> bool:
    if first.currency or second.currency or first.percent or second.percent:
        return False
    if not _FOR_JOIN.match(joiner) or not _WICKETS_AFTER.match(sentence, second.end):
        return False
    if min(first.value, second.value) > 10 or first.multiplier != 1 or second.multiplier != 1:
        return False  # ten wickets at most on one side
    return _about_cricket(sentence)


# " in ", " minutes in ", " members in ": the first end's unit, perhaps, then the year
_IN_YEAR = re.compile(r"^(?P<unit>(?:\s+[a-z][\w'’-]*){0,3}?)\s+in\s+$", re.IGNORECASE)


def _is_change_over_years(sentence: str, first: _Number, year: _Number, last: _Number) -> bool:
    """ "from 61 in 2021 to 104", "from $2m in 2020 to $5m", "from 7.8 minutes in 2021 to
    11.4 minutes": one change, its first year said between its ends."""
    to = _CHANGE_JOIN.match(sentence[year.end : last.start])
    in_year = _IN_YEAR.match(sentence[first.end : year.start])
    return (
        year.plain_digits is not None
        and len(year.plain_digits) == 4
        and 1800 <= year.value <= 2100
        and in_year is not None
        and to is not None
        and not to["unit"]
        and _alike(first, last)
        and _unit_said_once_or_twice(sentence, last, in_year)
    )


_CHANGED_BEFORE = re.compile(
    r"\b(?:rose|rise[sn]?|rising|fell|falls?|fallen|falling|grew|grow(?:s|n|ing)?|dropped|"
    r"drops?|declined?|decreased?|increased?|climbed|slumped|jumped|cut|slipped|shrank|"
    r"up|down)\s+(?:by\s+)?$",
    re.IGNORECASE,
)


def _after_change(sentence: str, first: _Number) -> bool:
    """A change verb just before ``first``: "fell by 2%", "grew £3bn", "up by £60"."""
    return _CHANGED_BEFORE.search(sentence, _lookback(first.start), first.start) is not None


# "had 44.2% of the vote to 31.7% for Keene": two candidates' shares of one vote.
_SHARES_OF_THE_VOTE = re.compile(
    r"^\s+of\s+the\s+(?:vote|votes|votes\s+cast|poll|ballot)\s+to\s+$", re.IGNORECASE
)


def _is_split(sentence: str, first: _Number, second: _Number, joiner: str) -> bool:
    """Two sides' shares of one result, one figure: "backed it by 52.8% to 47.2%" (the
    larger first, making the whole), "leads by 42% to 38%" or "won by 55% to 41%" (a verb
    of winning or leading before them; the rest undecided or elsewhere), "had 44.2% of the
    vote to 31.7%". Not a change: "fell by 2% to 98%" has the smaller first, and
    "occupancy fell by 60% to 40%" has a change verb before it."""
    if not (first.percent and second.percent) or _after_change(sentence, first):
        return False
    total = first.value + second.value
    if _SHARES_OF_THE_VOTE.match(joiner):
        return total <= 100.5
    if joiner.strip().lower() != "to" or first.value < second.value:
        return False
    return 98.0 <= total <= 100.5 or (total <= 100.5 and score_verb_before(sentence, first.start))


# "a fee of £38 million, rising to £45m with add-ons", "£30m, which could rise to £35m":
# a sum and the most it may reach, one fact. The comma sets the escalation off from a
# change of its own ("cut 1,200 jobs this year, rising to 2,000" has words between).
_ESCALATION = re.compile(
    r"^\s*,\s*(?:(?:which|that)\s+)?(?:(?:could|may|might|would|will|can)\s+)?"
    r"(?:potentially\s+|possibly\s+)?(?:rising|rise|climbing|climb|increasing|increase)\s+"
    r"to\s+(?:as\s+much\s+as\s+)?$",
    re.IGNORECASE,
)


def _is_escalation(sentence: str, first: _Number, second: _Number, joiner: str) -> bool:
    """Not a change and the level it reached ("grew by £3bn, rising to £40bn"), and both
    told on one scale ("$2, rising to $3 billion" is two facts)."""
    return (
        _ESCALATION.match(joiner) is not None
        and _alike(first, second)
        and first.multiplier == second.multiplier
        and first.value * first.multiplier < second.value * second.multiplier
        and not _after_change(sentence, first)
        and _CHANGE_BY.search(sentence, _lookback(first.start), first.start) is None
    )


def _pair(sentence: str, first: _Number, second: _Number, hedge: str) -> _Pairing:
    """How ``first`` relates to the number after it: one range, one date, apart, or noise."""
    joiner = sentence[first.end : second.start]
    change = _CHANGE_JOIN.match(joiner) if _FROM_HEDGE.search(hedge) else None
    if change and _alike(first, second) and _unit_said_once_or_twice(sentence, second, change):
        return (first.value * first.multiplier, second.value * second.multiplier)
    if _TALLY_JOIN.match(joiner) and _is_tally(sentence, first, second):
        return (first.value, second.value)  # "voted 5-2", "won 24-21": one figure
    if (
        _VOTES_TO.match(joiner)
        and first.plain_digits
        and second.plain_digits
        and not _COUNTED.match(sentence, second.end)  # "gave 5 votes to 3 candidates"
    ):
        return (first.value, second.value)  # "by 310 votes to 250": one tally
    if _is_cricket_score(sentence, first, second, joiner):
        return (first.value, second.value)  # "declared on 468 for eight", "took five for 132"
    if _TERM_JOIN.match(joiner) and _TERM_AFTER.match(sentence, second.end):
        return (first.value, second.value)  # "six years and four months": one term
    if _is_split(sentence, first, second, joiner):
        return (first.value, second.value)  # "backed it by 52.8% to 47.2%": one result
    if _is_escalation(sentence, first, second, joiner):
        return (first.value * first.multiplier, second.value * second.multiplier)
    if _RANGE_JOIN.match(joiner) and not _CHANGE_BY.search(
        sentence, _lookback(first.start), first.start
    ):
        ends = _as_range(first, second, joiner)
        if ends is None and joiner.strip().lower() == "and" and "between" in hedge:
            ends = (first.value * first.multiplier, second.value * second.multiplier)
        if ends is not None:
            return ends
        if joiner.strip() in ("-", "–") and not (first.currency or second.currency):
            return "noise"  # "787-9", "2024-25": an identifier or a season, not a quantity
    if _is_day_then_year(sentence, first, second):
        return (second.value,)
    if _is_share(first, second, joiner) and not SPAN_AFTER.match(sentence, second.end):
        return (first.value * first.multiplier, second.value * second.multiplier)
    return None


def _unit_said_once_or_twice(sentence: str, second: _Number, change: re.Match[str]) -> bool:
    """ "from 1,200 members to 950 members", "from 1,200 members to 950.": one change."""
    unit = change["unit"]
    if not unit:
        return True
    if _UNIT_OPENS_WITH_PLACE.match(unit):
        return False
    unit = unit.strip().lower()
    after = sentence[second.end : second.end + len(unit) + 8]  # bounded: reading stays linear
    repeated = after.lstrip().lower().startswith(unit)
    return repeated or _AFTER_CHANGE.match(sentence, second.end) is not None


def _alike(first: _Number, second: _Number) -> bool:
    """Two ends of one change: both money, both shares, or both plain (a year is not)."""
    year = second.plain_digits is not None and len(second.plain_digits) == 4
    return (
        first.currency == second.currency
        and first.percent == second.percent
        and not (year and 1800 <= second.value <= 2100)
    )


def _is_tally(sentence: str, first: _Number, second: _Number) -> bool:
    """ "voted 5-2", "a 3-1 win": the two sides of a vote or a game, unlike "787-9"."""
    return (
        first.plain_digits is not None
        and second.plain_digits is not None
        and is_contest(
            sentence,
            (first.start, first.end, first.value),
            (second.start, second.end, second.value),
        )
    )


def _is_share(first: _Number, second: _Number, joiner: str) -> bool:
    """ "24 of the 45 seats", "one in five children": a part and its whole, one figure
    (not "3 in 20 minutes", which the caller rules out)."""
    plain = not (first.currency or second.currency or first.percent or second.percent)
    year = second.plain_digits is not None and len(second.plain_digits) == 4
    return (
        plain
        and not year
        and _SHARE_JOIN.fullmatch(joiner) is not None
        and first.value * first.multiplier < second.value * second.multiplier
    )


_Pairing = tuple[float, ...] | Literal["noise"] | None

# Money by the period or the head is a different figure from money once: "$780,000 a
# year", "£12 per person", "$4.5 million annually". The rate is part of the value shown.
_RATE = re.compile(
    r"\s(?:(?:a|an|per|each|every)\s(?:year|month|week|day|night|hour|head|person|pupil"
    r"|household|resident|passenger|ticket)|annually|yearly|monthly|weekly|daily|nightly)\b"
    r"(?!['’-])",
    re.IGNORECASE,
)


# A tennis match told set by set: "3-6, 4-6, 7-6 (7-4), 6-3, 7-5" is one result. Each set
# is won with 6 or 7 games; a tiebreak in brackets is part of its set, not another one.
_SET = r"[0-7][-–][0-7](?:\s*\(\d{1,2}(?:[-–]\d{1,2})?\))?"
_SETS = re.compile(rf"(?<![\w.,–-]){_SET}(?:,\s*{_SET})+(?![\w–-])")
_SET_SCORE = re.compile(r"(?<!\()\b([0-7])[-–]([0-7])\b(?!\))")


def _is_set(a: int, b: int) -> bool:
    """A tennis set's score: 6 games to 4 or fewer, or 7 to 5 or 6 ("7-0" is no set)."""
    high, low = max(a, b), min(a, b)
    return (high == 6 and low <= 4) or (high == 7 and low in (5, 6))


def _set_runs(sentence: str) -> list[Quantity]:
    runs = []
    for match in _SETS.finditer(sentence):
        sets = [(int(a), int(b)) for a, b in _SET_SCORE.findall(match.group())]
        if len(sets) >= 2 and all(_is_set(a, b) for a, b in sets):
            values = tuple(float(v) for pair in sets for v in pair)
            runs.append(Quantity(match.start(), match.end(), match.group(), values, "count"))
    return runs


def find_quantities(sentence: str) -> list[Quantity]:
    """Every quantity in ``sentence``, in order. Identifiers are left out."""
    numbers = _numbers(sentence)
    quantities: list[Quantity] = []
    dashed = "-" in sentence or "–" in sentence
    runs = {r.start: r for r in _set_runs(sentence)} if dashed else {}
    index = 0
    while index < len(numbers):
        first = last = numbers[index]
        run = runs.get(first.start)
        if run is not None:
            quantities.append(run)
            while index < len(numbers) and numbers[index].start < run.end:
                index += 1
            continue
        index += 1
        start, end = first.start, first.end
        hedge = _HEDGE.search(sentence, _lookback(start), start)
        hedge_text = hedge.group(0).lower() if hedge else ""
        values: tuple[float, ...] = (first.value * first.multiplier,)
        pairing = (
            _pair(sentence, first, numbers[index], hedge_text) if index < len(numbers) else None
        )
        if (
            pairing is None
            and _FROM_HEDGE.search(hedge_text)
            and index + 1 < len(numbers)
            and _is_change_over_years(sentence, first, numbers[index], numbers[index + 1])
        ):
            index += 1  # "from 61 in 2021 to 104": the year between says when
            end_number = numbers[index]
            pairing = (first.value * first.multiplier, end_number.value * end_number.multiplier)
        if pairing == "noise":
            index += 1
            continue
        if pairing is not None:
            values, last = pairing, numbers[index]
            end = last.end
            index += 1
        if _is_conversion(sentence, quantities, start):
            continue
        if hedge and (len(values) == 2 or not hedge_text.startswith(("between", "from"))):
            start = hedge.start()
        kind = _kind(last, sentence[_lookback(first.start) : first.start])
        if kind == "count" and first.currency:
            kind = "money"
        if kind == "date":
            month = _MONTH_BEFORE.search(sentence, _lookback(first.start), first.start)
            if month:
                start = min(start, month.start())
        if kind == "money":
            rate = _RATE.match(sentence, end)
            end = rate.end() if rate else end
        quantities.append(Quantity(start, end, sentence[start:end].strip(), values, kind))
    return quantities
