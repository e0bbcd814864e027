"""Digits that are not quantities: phone numbers, times, addresses, identifiers, counters."""

from __future__ import annotations

import re

from bot.briefing.figures.contests import is_contest, score_verb_before
from bot.briefing.figures.words import word_set

__all__ = ["excluded_spans"]


_MONTH_NAMES = word_set(
    """jan feb mar apr may jun jul aug sep sept oct nov dec january february march april
    june july august september october november december"""
)

# A number joined to a capitalised word is part of a name: "Six-Day War", "Big 10". These,
# the travel times, age limits and side sizes below apply to numbers in words; every
# other rule needs a digit.
_NAME_JOIN = re.compile(r"\b[A-Za-z]+-(?=[A-Z][a-z])")
_DIGIT = re.compile(r"\d")
# Travel times and headways say how a service runs, not what the story counts (see
# benchmarks/labels/README.md): "a 25-minute walk", "ten minutes' drive away", "every 12
# minutes". Digits or words alike.
_TIME_UNIT = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?)"
_TRAVEL_TIME = re.compile(
    rf"\b[\w.,]+[\s-]{_TIME_UNIT}(?:['’]s?)?[\s-]+"
    r"(?:walk|drive|ride|cycle|journey|trip|commute|stroll|away)\b",
    re.IGNORECASE,
)
_HEADWAY = re.compile(rf"\bevery\s+[\w.,]+\s+{_TIME_UNIT}\b", re.IGNORECASE)

_PATTERNS = [
    # Phone numbers: (555) 123-4567, 555-123-4567, +44 20 7946 0958, 0161 496 0000.
    re.compile(r"(?:\b1[\s.-])?\+?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b"),  # 1-800-555-0100 too
    re.compile(r"\+\d{1,3}(?:[\s.-]?\(?\d{2,5}\)?){2,5}"),
    re.compile(r"\b0\d{3,4}\s\d{3}\s?\d{3,4}\b"),
    # Times of day: 5 p.m., 10:30, 9am, 11 a.m. ET, and in British style 7.45pm.
    # Not money: "£24.99pm" is per month.
    re.compile(
        r"(?<![£$€¥₹\d.,])\b\d{1,2}(?:[:.]\d{2})?\s?(?:[ap]\.\s?m\.|[ap]m\b)", re.IGNORECASE
    ),
    re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b"),
    # The 24-hour clock of wire copy, told by its zone: "at 0815 GMT", "by 1400 local time"
    # ("1800 hours" may be a duration, so not that).
    re.compile(
        r"\b(?:[01]\d|2[0-3])[0-5]\d\s?(?:GMT|BST|UTC|CET|CEST|EST|EDT|ET|PT|local\s+time)\b"
    ),
    # Street addresses: 221 Baker Street, 1600 Pennsylvania Ave.
    re.compile(
        r"\b\d{1,5}\s+(?:[A-Z][\w'.-]*\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd"
        r"|Lane|Ln|Drive|Dr|Way|Court|Ct|Place|Pl|Square|Sq|Terrace|Highway|Hwy)\b\.?"
    ),
    # The same where no capital marks the name, as in lower-cased text ("200 north main
    # street"): a plain number, no function word, scale or unit between it and the street
    # ("the £4.5 billion relief road", "a 20 mile road" are not addresses).
    re.compile(
        r"(?<![£$€¥₹\d.,])\b\d{1,5}\s+(?:(?!(?:on|in|at|the|a|an|of|and|or|to|from|near|along"
        r"|down|up|off|by|for|with|into|onto|across|past|more|new|other|extra|thousand|million"
        r"|billion|trillion|bn|mn|m|k|miles?|km|kilomet(?:er|re)s?|met(?:er|re)s?|feet|foot"
        r"|yards?|acres?|lanes?|toll|ring|relief|link|bypass)\b)[a-z][\w'.-]*\s+){1,2}"
        r"(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|terrace|highway)\b\.?"
    ),
    # Identifiers mixing letters and digits: A350-900, F-35, 777X, COVID-19, Q3, 5G, No. 10.
    # A C or F may be a temperature instead ("reached 38C"): see _not_temperatures.
    re.compile(
        r"\b[A-Za-z]+-?\d[\w-]*|\b\d+[A-Za-z]+\d[\w-]*|(?<![\d.,])\b\d+(?:-\d+)?[A-BD-EG-Z]\b"
    ),
    # Ordinals that name rather than count: "the 25th Amendment", "the 82nd Airborne",
    # "the 21st century".
    re.compile(r"\b\d+(?:st|nd|rd|th)(?=\s[A-Z][a-z])|\b\d+(?:st|nd|rd|th)[\s-][Cc]entury\b"),
    re.compile(r"\b(?:No\.?|Number|#)\s?\d+\b"),
    # Numbers to call, not quantities: "called 911", "dial 999", "make 911 calls".
    re.compile(r"\b(?:call|dial|phone|text)(?:s|ed|led|ing)?\s+\d+", re.IGNORECASE),
    # "call police on 101", "ring the hotline on 0800 123 456"; not "called on 300 people"
    re.compile(
        r"\b(?:call|dial|phone|text|ring)(?:s|ed|led|ing)?\s+(?:[A-Za-z']+\s+){1,3}"
        r"on\s+\d{3}[\d ]*",
        re.IGNORECASE,
    ),
    re.compile(r"\b(?:911|999)\s+(?:calls?|call-takers|dispatch(?:ers)?|operators?)\b", re.I),
    # A reference to quote, not a quantity: "quoting log 4471", "quote reference 12/3456".
    re.compile(
        r"\bquot(?:e|es|ed|ing)\s+(?:(?:the\s+)?(?:crime\s+|incident\s+|case\s+)?"
        r"(?:reference|ref\.?|log|number|no\.?)\s+){1,2}\d[\d/]*",
        re.IGNORECASE,
    ),
    # Photo counters and list numbering: "1 of 5", "3/12", "2." at the start.
    re.compile(r"^\s*\d+\s*(?:of|/)\s*\d+\b", re.IGNORECASE),
    re.compile(r"\b\d+\s*(?:of|/)\s*\d+\s+(?:photos?|images?|pictures?|slides?)\b", re.I),
    re.compile(r"^\s*\(?\d{1,2}[.)]\s"),
    # Slashed pairs of small numbers are dates or phrases, not quantities: "24/7", "9/11".
    re.compile(r"\b\d{1,2}/\d{1,2}\b(?!/)"),
    # Copyright lines, ZIP+4 codes, ISBN-like digit runs, decimals-as-versions (v2.1.3).
    re.compile(r"(?:©|\(c\)|copyright)\s*\d{4}(?:\s*[-–]\s*\d{4})?", re.IGNORECASE),
    re.compile(r"\b\d{5}-\d{4}\b|\b\d+(?:\.\d+){2,}\b"),
    # Ids, not amounts: unseparated runs of 15+ digits (database and chat ids are often 17
    # to 20), long hexadecimal tokens, UUIDs. A chat's own mention syntax never gets here:
    # each chat adapter turns it into neutral text first.
    re.compile(r"\b\d{15,}\b|\b(?=[a-f]*\d)(?=\d*[a-f])[0-9a-f]{12,}\b", re.IGNORECASE),
    re.compile(r"\b[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\b", re.IGNORECASE),
]
# A bare number straight after a capitalised name is a model, an index or a designation
# ("Boeing 737", "Flight 370", "Route 66", "Chapter 11", "S&P 500"), except after a month.
_AFTER_NAME = re.compile(
    r"(?<=[a-z,;:(] )(?P<name>[A-Z][a-z]+|[A-Z]&[A-Z]+)\s(?P<number>\d+)\b(?![,.]\d|%)"
)
# An acronym names an index only as "the FTSE 100" or at the start ("FTSE 250 closed"):
# after "told CNN" or "the BBC", a number is what was told ("40 people", "2 percent").
_INDEX_NAME = re.compile(
    r"(?:^|(?<=\b[Tt]he ))[A-Z]{3,}\s(?P<number>\d+)\b"
    r"(?![,.]\d|%|\s+(?:percent|per\s+cent|people|persons)\b)"
)


_SCORE_AFTER = re.compile(r"[-–](?P<other>\d{1,3})\b")


def _is_score_after_side(sentence: str, match: re.Match[str]) -> bool:
    """ "beat Miami 102-98", "passed the Senate 26-12": the score or the tally after the
    other side's name or the body's, not a model number."""
    after = _SCORE_AFTER.match(sentence, match.end("number"))
    if after is None:
        return False
    start, end = match.span("number")
    first = (start, end, float(match["number"]))
    second = (after.start("other"), after.end(), float(after["other"]))
    return score_verb_before(sentence, start) or is_contest(sentence, first, second)


# A product's name: a number after a camel-case brand ("iPhone 11", "eBike 3") or a size
# joined to a capitalised name ("the 13-inch MacBook Pro", "a 65-inch OLED TV"). A size
# before a plain noun ("a 6-inch snowfall") is left to the selector.
_PRODUCT = re.compile(
    r"\b[a-z]+[A-Z][A-Za-z]*\s(?P<number>\d{1,4})\b(?![,.]\d|%)"
    r"|\b(?P<size>\d{1,3}(?:\.\d)?)-(?:inch|in|cm|mm)\s(?=[A-Z])"
)


# "the 737 Max", "five 787 Dreamliner sales": a bare, unround number of three or four
# digits before a capitalised word is a model name; counts there are usually round
# ("500 Americans"), and years are read as dates.
_MODEL = re.compile(r"(?<=[\w,] )(?P<number>\d{2,3}[1-9])\s[A-Z][a-z]")

# "the 777 program", "the 747 fleet": a designation before a singular noun. A count
# above one takes a plural ("the 346 people"); years are left to the date rules. After a
# comparison it is a count: "up from the 140 recorded in 2019", "twice the 400 expected".
_DESIGNATION = re.compile(
    r"\b[Tt]he\s(?P<number>(?!1[89]\d\d|20\d\d)\d{3,4})\s"
    r"(?!(?:people|men|women|children|staff|police|personnel|crew|cattle)\b)[a-z]+[^s\W]\b"
)
_COMPARED_BEFORE = re.compile(
    r"\b(?:from|than|double|twice|triple|treble|half|versus|against)\s+$", re.IGNORECASE
)


# Route and line numbers: "Route 9", "Flight 370", "the 7 line", "the 14 and 22 bus routes".
# A single number before a plural ("the 12 routes") is a count and stays.
# So do the other nouns that name a thing by its number: "Page 3", "Junction 5", "Stage 14",
# "Article 50", and in lower case "the number 42", "mile marker 27", "page 3 of the report",
# unless the number goes on to count something ("At this stage 40 jobs are at risk", "in a
# row 300 jobs", "the seat 20 years ago", "the number 10-fold").
_NAMING_NOUNS = (
    *("number", "marker", "page", "chapter", "junction", "stage", "section", "article"),
    *("clause", "row", "seat", "bay", "precinct", "episode", "volume", "hole"),
)
# Not when the number is a share, a measure or the start of a span: "page 3 of 40" names
# nothing, "hole 3 metres wide" measures.
_NOT_A_NAME_AFTER = (
    r"[,.]\d|\s*(?:%|per\s*cent|percent)|\s+(?:of|to|and|or)\s+\d"
    r"|\s*(?:m|km|cm|mm|ft|metres?|meters?|feet|foot|inches|miles?|yards?)\b"
)
_NAMED_BY_NUMBER = re.compile(
    r"\b(?:[Rr]oute|[Hh]ighway|[Ii]nterstate|[Pp]latform|[Gg]ate|[Ff]light|[Ee]xit|[Rr]oom|"
    r"[Pp]ier|[Bb]erth|[Tt]erminal|[Ww]ard|[Bb]us|[Tt]ram|[Ll]ine|"
    + "|".join(noun.capitalize() for noun in _NAMING_NOUNS)
    + r")\s(?P<number>\d{1,4})\b(?!"
    + _NOT_A_NAME_AFTER
    + ")"
)
_NAMED_LOWER = re.compile(
    r"(?<!\ba\s)(?<!\bthis\s)(?<!\bthat\s)(?<!\beach\s)(?<!\bevery\s)(?<!\bwhich\s)"
    r"\b(?:"
    + "|".join(_NAMING_NOUNS)
    + r")\s(?P<number>\d{1,4})\b(?!"
    + _NOT_A_NAME_AFTER
    + r"|[-–]"
    r"|\s+(?:(?!(?:for|in|on|at|to|from|with|by|after|before|over|during)\b)[a-z]+\s+)?"
    r"(?:people|men|women|children|staff|police|[a-z]*[^su\W]s)\b)"
)
_LINE_SINGULAR = re.compile(
    r"\b[Tt]he\s(?:[a-z]+\s)?(?P<number>\d{1,4})\s(?:(?:bus|tram|train|subway|metro)\s)?"
    r"(?:route|line|bus|tram|service)\b(?!s)"
)
_LINE_LIST = re.compile(
    r"\b[Tt]he\s(?P<numbers>\d{1,4}(?:(?:,\s?|\s(?:and|or)\s|\s?&\s?)\d{1,4})+)\s"
    r"(?:(?:bus|tram|train|subway|metro)\s)?(?:routes|lines|buses|trams|services)\b"
)
_DIGITS = re.compile(r"\d+")
# A race named by its distance: "the 400 metres hurdles", "50 yard freestyle", "100m sprint"
# (not "a 900km relay" for charity: races on a track or in a pool are in metres or yards).
_EVENT = re.compile(
    r"\b\d{2,5}\s?(?:m|metres?|meters?|yards?|yd)\s(?:individual\s)?"
    r"(?:freestyle|backstroke|breaststroke|butterfly|medley|hurdles|relay|steeplechase|"
    r"sprint|dash)\b",
    re.IGNORECASE,
)
# A train named by its departure time: "the 7.52 to Leeds", "the 18.05 service".
_TRAIN_TIME = re.compile(r"\b[Tt]he\s\d{1,2}\.\d{2}\s(?=(?:to|from)\s[A-Z]|train\b|service\b)")


def _route_numbers(sentence: str) -> list[tuple[int, int]]:
    spans = [m.span("number") for m in _NAMED_BY_NUMBER.finditer(sentence)]
    spans.extend(m.span("number") for m in _NAMED_LOWER.finditer(sentence))
    spans.extend(m.span("number") for m in _LINE_SINGULAR.finditer(sentence))
    for match in _LINE_LIST.finditer(sentence):
        start = match.start("numbers")
        spans.extend(
            (start + d.start(), start + d.end()) for d in _DIGITS.finditer(match["numbers"])
        )
    return spans


# An age given in passing ("my mother is 82", "aged 41,"): a person, not the story's figure.
_AGE = re.compile(
    r"\b(?:is|was|aged)\s(?P<number>\d{1,3})\b"
    r"(?=\s*(?:[,.;:](?!\d)|[)\u201d\x22]|and\b|$|years?\s+old\b))"
)


# An age limit, not a count: "people over 75", "children under five", "the over-75s",
# "residents are over 65".
_AGE_LIMIT = re.compile(
    r"\b(?:people|adults|those|anyone|children|pensioners|residents|patients|men|women|"
    r"drivers|pupils|users|teenagers|girls|boys)\s+(?:(?:who\s+)?(?:are|were)\s+)?(?:aged\s+)?"
    r"(?:over|under|above|below|older\s+than|younger\s+than)\s+"
    r"(?P<number>1[01]\d|\d{1,2}|[a-z]+)\b(?![,.]\d|\s*(?:%|per\s*cent|percent|million|thousand)"
    r"|\s*(?:mph|kph|km/h)\b"  # "drivers were over 40 mph"
    r"|\s+(?:[a-z]+s|mile|km|hour|day|week|month|year|minute|incident)\b)"  # "over two days"
    r"|\b(?:over|under)-(?P<band>\d{1,3})s\b",
    re.IGNORECASE,
)
# A side's size in its name, not a count: "ten-man Rovers", "a 12-man jury", "five-a-side".
# A force's size is a count: "a 100,000-man army" stays.
_SIDE_SIZE = re.compile(
    r"(?<![\d,.])\b(?:\d{1,2}|[a-z]+)-(?:man|men|woman|women|a-side)\b", re.IGNORECASE
)


# The day in "29 November 2018", "the 4th of July": the month (and year) make the date,
# the day is not a count.
_DAY_BEFORE_MONTH = re.compile(
    r"\b\d{1,2}(?:(?:st|nd|rd|th)?\s+|(?:st|nd|rd|th)\s+of\s+)(?=(?:"
    + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True))
    + r")\b)",
    re.IGNORECASE,
)


# A time told in o'clock, in digits or words: "the 10 o'clock news", "at six o'clock".
# "from nine to ten o'clock" is one time span, not a range of quantities.
_O_CLOCK = re.compile(
    r"\b(?:(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"\s+(?:(?:to|or|and|till|until)\s+)?){1,2}o['’]clock\b",
    re.IGNORECASE,
)


# Whole digits with a C or F ("34C", "23F") are a temperature where the sentence speaks of
# the weather or a verb or preposition of a reading comes just before ("Heathrow recorded
# 34C", "London baked at 33C"); never after a word that names a place by its number or
# letter ("seat 23F", "Room 3C", "Year 6C") or before a bus; otherwise a name ("Building
# 4C", "the 12C plan").
_WHOLE_DEGREES = re.compile(r"(?<![\d.,])\b\d{1,4}[CF]\b")
_NAMES_ITS_PLACE = re.compile(
    r"(?<!\ba\s)\b(?:seats?|rooms?|flats?|apartments?|suites?|units?|blocks?|class(?:es)?|year|"
    r"forms?|gates?|platforms?|bays?|rows?|floors?|levels?|wards?|junctions?|berths?|cabins?|"
    r"lockers?|stands?|houses?|numbers?|no\.?|terminals?|buildings?|cells?|groups?|grades?)"
    r"\s+(?:\d{1,4}[A-Z]\s+(?:and|or|&)\s+|\d{1,4}[A-Z],\s+)*$",
    re.IGNORECASE,
)
_A_ROUTE_AFTER = re.compile(r"\s+(?:bus|buses|service|route|tram|train)\b", re.IGNORECASE)
_WEATHER = re.compile(
    r"\b(?:temperatures?|degrees?|celsius|fahrenheit|heat|heatwave|hot|hotter|hottest|warm|"
    r"warmer|warmest|warming|cold|colder|coldest|chill|freezing|frost|frosty|thermometer|"
    r"mercury|weather|forecast|forecasters?|highs?|lows?|mild|sunshine|scorching|sweltering|"
    r"baked|sizzled|sweltered|shivered)\b",
    re.IGNORECASE,
)
_READING_BEFORE = re.compile(
    r"\b(?:recorded|reached|reaching|hit|hitting|peaked\s+at|peaking\s+at|topped|topping|"
    r"at|of|to|from|between|and|or|than|around|about|near|above|below|minus|endured|"
    r"enduring)\s+[-−–]?$",
    re.IGNORECASE,
)


def _not_temperatures(sentence: str) -> list[tuple[int, int]]:
    """The whole degrees with C or F that name a place, a class or a bus, not a reading."""
    spans = []
    weather = _WEATHER.search(sentence) is not None
    for match in _WHOLE_DEGREES.finditer(sentence):
        start = match.start()
        window = max(0, start - 60)
        named = _NAMES_ITS_PLACE.search(sentence, window, start) is not None
        bus = _A_ROUTE_AFTER.match(sentence, match.end()) is not None
        reading = weather or _READING_BEFORE.search(sentence, window, start) is not None
        if named or bus or not reading:
            spans.append(match.span())
    return spans


def excluded_spans(sentence: str) -> list[tuple[int, int]]:
    """Character spans of ``sentence`` where digits must not be read as quantities."""
    spans = [m.span() for m in _NAME_JOIN.finditer(sentence)]
    spans.extend(m.span() for m in _SIDE_SIZE.finditer(sentence))
    spans.extend(m.span() for m in _TRAVEL_TIME.finditer(sentence))
    spans.extend(m.span() for m in _HEADWAY.finditer(sentence))
    spans.extend(m.span() for m in _O_CLOCK.finditer(sentence))
    for match in _AGE_LIMIT.finditer(sentence):
        spans.append(match.span("number") if match["number"] else match.span("band"))
    if not _DIGIT.search(sentence):
        return spans
    spans.extend(m.span() for pattern in _PATTERNS for m in pattern.finditer(sentence))
    spans.extend(_not_temperatures(sentence))
    spans.extend(m.span() for m in _DAY_BEFORE_MONTH.finditer(sentence))
    for match in _AFTER_NAME.finditer(sentence):
        if match["name"].lower() not in _MONTH_NAMES and not _is_score_after_side(sentence, match):
            variant = _SCORE_AFTER.match(sentence, match.end("number"))  # "Boeing 737-800"
            spans.append((match.start("number"), variant.end() if variant else match.end("number")))
    spans.extend(m.span("number") for m in _INDEX_NAME.finditer(sentence))
    spans.extend(m.span("number") for m in _MODEL.finditer(sentence))
    for match in _PRODUCT.finditer(sentence):
        spans.append(match.span("number") if match["number"] else match.span("size"))
    spans.extend(
        m.span("number")
        for m in _DESIGNATION.finditer(sentence)
        if not _COMPARED_BEFORE.search(sentence, max(0, m.start() - 12), m.start())
    )
    spans.extend(_route_numbers(sentence))
    spans.extend(m.span() for m in _EVENT.finditer(sentence))
    spans.extend(m.span() for m in _TRAIN_TIME.finditer(sentence))
    spans.extend(m.span("number") for m in _AGE.finditer(sentence))
    return spans
