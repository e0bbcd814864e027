"""Numbers written as words: "twelve", "fifty-one", "a dozen", "five-and-a-half", "seventh"."""

from __future__ import annotations

import re

__all__ = ["NUMBER_WORDS_PATTERN", "parse_number_words", "word_set"]

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {
    "hundred": 100,
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
}
_ORDINALS = {
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "hundredth": 100,
}
_FRACTIONS = {"half": 0.5, "quarter": 0.25}

_ALTERNATION = "|".join(
    sorted([*_UNITS, *_TENS, *_SCALES, *_ORDINALS, "dozen"], key=len, reverse=True)
)
_JOIN = r"(?:[\s-]+(?:and[\s-]+)?(?:a[\s-]+)?)"
# Starts with a unit, a ten or "a dozen"; continues with more number words or "a half".
NUMBER_WORDS_PATTERN = (
    rf"(?:\ba[\s-]+dozen\b|\b(?:{_ALTERNATION})\b(?:{_JOIN}(?:{_ALTERNATION}|half|quarter)\b)*)"
)
_TOKEN = re.compile(r"[a-z]+")


def parse_number_words(text: str) -> tuple[float, bool] | None:
    """Value of a number written in words and whether it is an ordinal, or ``None``."""
    total = 0.0
    current = 0.0
    ordinal = False
    seen = False
    for word in _TOKEN.findall(text.lower()):
        if word in ("and", "a"):
            continue
        if word in _UNITS or word in _TENS:
            current += _UNITS.get(word, 0) + _TENS.get(word, 0)
        elif word in _ORDINALS:
            current += _ORDINALS[word]
            ordinal = True
        elif word == "dozen":
            current = (current or 1) * 12
        elif word in _FRACTIONS:
            current += _FRACTIONS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0.0
        else:
            return None
        seen = True
    return (total + current, ordinal) if seen else None


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``: closed word lists read as prose."""
    return frozenset(text.split())
