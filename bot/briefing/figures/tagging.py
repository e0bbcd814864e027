"""Penn part-of-speech tags for a sentence, from TextBlob's Pattern lexicon.

The lexicon and its suffix rules ship inside the ``textblob`` wheel (no NLTK data, no
download). It gives each word its most frequent tag, so three contextual fixes follow:
a base-form verb inside a noun phrase is a noun ("a 25-minute walk"), a noun after a
subject pronoun is a verb ("it cost"), and "%" is a noun. Tokens keep their offsets, so
a figure found in the sentence's text is found among its tokens too. Linear in the
sentence's length.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from textblob.en import parser

__all__ = ["Tagged", "Token", "is_common", "tag_sentence"]

# Numbers apart from words ("25-minute" is "25", "-", "minute"); the possessive apart.
_TOKEN = re.compile(
    r"\d+(?:[.,]\d+)*(?:(?:bn|mn|tn|m|k|p)\b)?"  # "£4m", "12.4p": the scale is the number's
    r"|['’]s\b"
    r"|[^\W\d_]+(?:[-&][^\W\d_]+|['’](?!s\b)[^\W\d_]+)*"
    r"|[^\w\s]"
)
_NOUN_PHRASE_OPENERS = frozenset({"DT", "JJ", "JJR", "JJS", "PRP$", "POS"})
_COMPOUND_OPENERS = _NOUN_PHRASE_OPENERS | {"CD", "HYPH", "VBG"}
_CURRENCY = frozenset("$£€¥₹")
_PUNCTUATION = frozenset({",", ".", "(", ")", '"', "''", "``", "#", "POS", "HYPH", ":"})
_PREPOSITIONS = frozenset({"including", "excluding", "following", "according"})
_HAS_IS = frozenset({"has", "is", "does", "was", "'s", "’s"})
_PARTICLES = frozenset({"up", "down", "out", "off", "in", "on", "back", "over"})
_SUBJECT_PRONOUNS = frozenset({"it", "he", "she", "they", "we", "i", "you"})


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    tag: str

    @property
    def lower(self) -> str:
        return self.text.lower()


def _fix(tokens: list[list[str]]) -> None:
    """Brill-style corrections where the lexicon's one tag per word is most often wrong."""
    for n, token in enumerate(tokens):
        word, tag = token
        previous = tokens[n - 1] if n else ["", ""]
        following = tokens[n + 1][1] if n + 1 < len(tokens) else "."
        before = tokens[n - 2][1] if n > 1 else ""
        if word[0].isdigit():
            token[1] = "CD"  # "4m", "12.4p", and "4" after "by £", which the lexicon calls IN
        elif word == "%":
            token[1] = "NN"
        elif word in _CURRENCY:
            token[1] = "$"
        elif not word[0].isalnum() and len(word) == 1 and tag not in _PUNCTUATION:
            token[1] = ":"  # dashes and other marks: a break, never a word
        elif word.lower() in _PREPOSITIONS:
            token[1] = "IN"  # "including $1bn for ...": a preposition, not a verb
        elif word[0] in "'’" and word[1:].lower() == "s":
            token[1] = "POS"
        elif tag in ("VB", "VBP") and (
            previous[1] in _NOUN_PHRASE_OPENERS
            or (tag == "VB" and previous[1] in ("NN", "VBG") and before in _COMPOUND_OPENERS)
        ):
            token[1] = "NN"  # "a walk", "a 25-minute walk"
        elif tag in ("VBZ", "VBP") and (
            (previous[1] == "CD" and word.lower() not in _HAS_IS)  # not "£250,000 has been"
            or (previous[1] in ("JJ", "VBN") and before in ("CD", "DT", ""))
            or (tag == "VBZ" and following in ("VBD", "MD") and word.lower() not in _HAS_IS)
        ):
            token[1] = "NNS"  # "14 broken lifts", "registered lets fell"
        elif tag in ("NN", "NNS", "JJ") and previous[1] in ("MD", "TO"):
            token[1] = "VB"  # "will rise", "to clear"
        elif tag in ("NN", "NNS") and (
            previous[0].lower() in _SUBJECT_PRONOUNS or previous[1] in ("WDT", "WP")
        ):
            token[1] = "VBD"  # "it cost", "which cost"
        elif tag == "VBD" and previous[1] in ("CD", "DT", "JJ") and following in ("NN", "NNS"):
            token[1] = "VBN"  # "14 broken lifts"
        elif tag == "JJ" and (
            (previous[1] in ("DT", "JJ", "PRP$", "CD") and following in _PUNCTUATION)
            or (previous[1] == "DT" and n + 1 < len(tokens) and tokens[n + 1][0].lower() == "of")
        ):
            token[1] = "NN"  # "than the national average.", "a $250 fine.", "a fine of $75"
        elif tag == "JJ" and word.endswith("ed") and previous[1] in ("NNS", "NNPS"):
            token[1] = "VBD"  # "people queued"
        elif tag == "NN" and previous[1] in ("NNS", "NNPS") and following == "PRP$":
            token[1] = "VBP"  # "countries share their views": no noun before "their"
        elif (
            word.lower() in _PARTICLES
            and previous[1].startswith("VB")
            and following not in _NOUN_PHRASE_OPENERS | {"NN", "NNS", "NNP", "CD", "PRP"}
        ):
            token[1] = "RP"  # "turned up to", "brought in"


@dataclass(frozen=True, slots=True, eq=False)
class Tagged:
    """A sentence's tokens with their tags, and where each ends (for bisecting)."""

    tokens: tuple[Token, ...]
    ends: tuple[int, ...]

    def index(self, offset: int) -> int:
        """The index of the first token ending after ``offset``."""
        return bisect_left(self.ends, offset + 1)


def is_common(word: str) -> bool:
    """Whether the lexicon knows ``word`` in lower case: "Water", not "Hillcrest"."""
    return word.lower() in parser.lexicon


@lru_cache(maxsize=32)
def tag_sentence(sentence: str) -> Tagged:
    """The sentence's tokens with their tags, computed once per sentence."""
    matches = list(_TOKEN.finditer(sentence))
    tagged: list[list[str]] = parser.find_tags([m[0] for m in matches]) if matches else []
    for n, m in enumerate(matches):
        inside = m[0] == "-" and 0 < n < len(matches) - 1
        if inside and matches[n - 1].end() == m.start() == matches[n + 1].start() - 1:
            tagged[n][1] = "HYPH"  # "25-minute": one word, not a dash
    _fix(tagged)
    tokens = tuple(
        Token(m[0], m.start(), m.end(), tag) for m, (_, tag) in zip(matches, tagged, strict=True)
    )
    return Tagged(tokens, tuple(t.end for t in tokens))
