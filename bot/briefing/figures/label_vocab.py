"""The tags and words the label rules read, and small tests on single tokens.

Shared by the phrase readers (:mod:`label_phrases`), the readings and the tidy-up: which
tags make a noun, a modifier or a verb, which words end a clause, which name a unit or a
time, and how far from a figure the rules look.
"""

from __future__ import annotations

from bot.briefing.figures.tagging import Token
from bot.briefing.figures.words import word_set

__all__ = [
    "AUXILIARIES",
    "BREAK_WORDS",
    "CHANGE",
    "CLAUSE_WORDS",
    "DETERMINER",
    "MAX_WORDS",
    "MODIFIER",
    "NOUN",
    "PUNCT_TAGS",
    "TIME_WORDS",
    "TOTAL_AT",
    "TOTAL_VERBS",
    "UNITS",
    "VERB",
    "WHEN",
    "WINDOW",
    "is_auxiliary",
    "is_break",
    "is_unit_noun",
]

# "bringing the death toll to 340", "which took the total to 1.2 million": the verbs that
# carry what was added to the total it reached, as base, present, past and participle
TOTAL_VERBS = (
    ("bring", "brings", "brought", "bringing"),
    ("take", "takes", "took", "taking"),
    ("push", "pushes", "pushed", "pushing"),
    ("put", "puts", "put", "putting"),
    ("lift", "lifts", "lifted", "lifting"),
    ("raise", "raises", "raised", "raising"),
    ("boost", "boosts", "boosted", "boosting"),
    ("swell", "swells", "swelled", "swelling"),
)
# the forms that reach their total with "at": "putting the toll at 140" ("took office at
# 45" is an age)
TOTAL_AT = frozenset({"put", "puts", "putting"})

MAX_WORDS = 7
WINDOW = 12  # tokens read on each side of a figure

NOUN = frozenset({"NN", "NNS", "NNP", "NNPS"})
MODIFIER = frozenset({"JJ", "JJR", "JJS", "VBN", "VBG", "POS", "HYPH"}) | NOUN
DETERMINER = frozenset({"DT", "PRP$", "PDT"})
VERB = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"})
PUNCT_TAGS = frozenset({",", ".", ":", "(", ")", '"', "''", "``", "SYM", "$", "#"})
CHANGE = frozenset({"up", "down"})
AUXILIARIES = word_set("""be is are was were been being am 's have has had having do does did""")
BREAK_WORDS = word_set("""which who whom whose that and but or while whereas said says""")
CLAUSE_WORDS = word_set("""which who whom whose that but while whereas said says""")
UNITS = word_set(
    """second seconds minute minutes hour hours day days week weeks month months year years
    decade decades century centuries km kilometre kilometres kilometer kilometers mile miles
    metre metres meter meters foot feet ft inch inches cm mm kg kilogram kilograms gram
    grams tonne tonnes ton tons acre acres hectare hectares litre litres liter liters gallon
    gallons percent cent per point points times pence cents p mph degrees"""
)
_MULTIPLIERS = word_set("""thousand million billion trillion mn bn tn""")
WHEN = frozenset({"last", "next", "past", "this"})
# "in March", "last year": when, not what; such a phrase never extends a label.
TIME_WORDS = UNITS | word_set(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday spring summer autumn fall
    winter morning afternoon evening night weekend weekday weekdays quarter today yesterday
    tomorrow time period"""
)


def is_unit_noun(token: Token) -> bool:
    """A noun naming what a figure counts ("seats" in "from 26 seats to 11"), not a unit."""
    return (
        token.tag in NOUN
        and token.text.isalpha()
        and len(token.text) > 2
        and token.lower not in UNITS
        and token.lower not in _MULTIPLIERS
    )


def is_break(token: Token, words: frozenset[str] = BREAK_WORDS) -> bool:
    return token.tag in PUNCT_TAGS or token.lower in words


def is_auxiliary(token: Token) -> bool:
    return token.lower in AUXILIARIES
