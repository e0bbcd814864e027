"""Can a sentence stand alone in a summary? A penalty to subtract from its score.

``0`` means fine; a small penalty means "usable, but prefer another" (an opener that
points back at an earlier sentence, a leading quote); :data:`EXCLUDE` means "never"
(page furniture, bylines, captions, questions, headings, fragments).
"""

from __future__ import annotations

import re

__all__ = ["EXCLUDE", "fits_lead", "has_boilerplate", "readability_penalty", "tidy"]

EXCLUDE = 10.0
_DANGLING = 0.25
_QUOTE = 0.3
_LENGTH = 0.4

_MIN_WORDS = 6
_MAX_WORDS = 40  # longer reads badly as a chat message
# A lead sentence is the article's own opening: long ones are kept as written; past 80
# words the splitter has most likely run a list or a page's furniture together.
_LEAD_MIN_WORDS = 6  # shorter lines at the top are stamps and crossheads ("Updated 3 hours ago.")
_LEAD_MAX_WORDS = 80

_DANGLING_OPENER = re.compile(
    r"""^(?:he|she|it|they|them|his|her|its|their|this|that|these|those|there|here
    |but|and|or|so|yet|also|however|meanwhile|still|instead|then|thus|therefore|moreover
    |furthermore|besides|otherwise|nevertheless|nonetheless|indeed|such|both|another
    |other|later|earlier|similarly|likewise|additionally|as\s+a\s+result|in\s+addition
    |for\s+example|for\s+instance|at\s+the\s+same\s+time|the\s+same|that's|it's|he's|she's
    |they're)\b""",
    re.IGNORECASE | re.VERBOSE,
)
_OPENING_QUOTE = re.compile(r"""^\s*['"“‘«]""")
# Every alternative starts with one of these (case aside): the lookahead lets the engine
# skip any other position at once, which halves the time of a search.
_FURNITURE_FIRST = "abcdfgiloprstvw©"
_FURNITURE = re.compile(
    f"(?=[{_FURNITURE_FIRST}])"
    r"""(?:
    click\s+here|sign\s+up\s+(?:for|to|now|here|today)|subscribe\s+(?:now|today|here|to\s+our)
    |our\s+newsletter|scroll\s+down|read\s+more|follow\s+us|share\s+this
    |all\s+rights\s+reserved|copyright\s+(?:©\s*)?\d{4}|©|terms\s+of\s+(?:use|service)
    |privacy\s+policy|cookie\s+(?:policy|settings)|^advertisement\b|related\s+(?:articles|stories)
    |watch\s+the\s+video|download\s+(?:the|our)\s+app|getty\s+images
    |associated\s+press\s+contributed|contributed\s+to\s+this\s+report
    |(?:photo|image|picture|video)\s*(?:credit)?\s*:
    |^(?:pictured|above|below|left|right|inset|file\s+photo)\b)""",
    re.IGNORECASE | re.VERBOSE,
)
_BYLINE = re.compile(
    r"""^(?:published:|updated:|last\s+updated|posted\s+(?:on|at)|[\w.+-]+@\w
    |updated\s+\d+\s+\w+\s+ago|(?:additional\s+)?reporting\s+by|editing\s+by
    |(?:photo(?:graph)?s?|pictures?|video|words)\s+by|listen\s+to\s+this\s+(?:article|story)
    |(?:related|see\s+also|read\s+(?:also|more)|editor['’]s\s+note)\s*:)""",
    re.IGNORECASE | re.VERBOSE,
)
# "By Jane Roe", "By JANE ROE, Health Reporter", "By The Associated Press": two to four
# capitalised words after "By", then a comma or the end. Not "By Christmas, ...", "By
# NASA's count", "By Sept. 30" or "By the end of the year".
_BY_NAME = re.compile(
    r"""^(?:By|BY)\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday
    |January|February|March|April|May|June|July|August|September|October|November
    |December|Christmas|Easter|New|Next|Last|This|That|Then|Now|Mid|Early|Late)\b)
    [A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3}\s*(?:,|\||$)""",
    re.VERBOSE,
)
# "Walking together: the mayor of ..." labels mark photo captions on tabloid sites.
_CAPTION_LABEL = re.compile(r"^[A-Z][\w'’ ,-]{0,30}:\s+[a-z]")
# "SAN FRANCISCO (AP) — ", "(Reuters) - ", "DUBAI, United Arab Emirates — ", "- " bullets.
# A byline glued before the dateline is furniture too: "By JOHN ROE Associated Press
# WASHINGTON (AP) — ".
_LEADING_FURNITURE = re.compile(
    r"""^(?:By\s+(?:[A-Z][\w'’.-]*\s+){1,5}?(?=[A-Z][A-Z .'-]{2,}))?
    (?:[A-Z][A-Z .'-]{2,}(?:,\s[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,3})?\s*)?
    (?:\((?:AP|Reuters|AFP|CNN|UPI|Bloomberg|PA|dpa)\)\s*)?[-—–]\s+
    |^[•·*]\s*""",
    re.VERBOSE,
)
_DOUBLE_QUOTES = re.compile(r'["“”]')
_TERMINAL = re.compile(r"""[.!]['"”’»)\]]*$""")


def has_boilerplate(sentence: str) -> bool:
    """A sentence that carries page furniture or a byline ("Click here to...", "By Jane Roe").

    Whole furniture lines are dropped earlier (:func:`bot.briefing.text.is_furniture`);
    this catches what is left inside sentences, and text that did not pass through there.
    """
    return bool(
        _FURNITURE.search(sentence) or _BYLINE.search(sentence) or _BY_NAME.search(sentence)
    )


def readability_penalty(sentence: str, *, first: bool = False) -> float:
    """How much worse ``sentence`` reads alone in a summary (0 = fine, EXCLUDE = never).

    ``first`` marks the article's first sentence, which may open with a dateline.
    """
    words = sentence.split()
    if (
        len(words) < 4
        or has_boilerplate(sentence)
        or sentence.rstrip("'\"”’) ").endswith("?")
        or not _TERMINAL.search(sentence)
    ):
        return EXCLUDE
    penalty = 0.0
    if not first and _CAPTION_LABEL.search(sentence):
        penalty += EXCLUDE
    if _DANGLING_OPENER.search(sentence):
        penalty += _DANGLING
    if _OPENING_QUOTE.search(sentence) or len(_DOUBLE_QUOTES.findall(sentence)) % 2:
        penalty += _QUOTE  # a quote, or the tail of one that started earlier
    if len(words) < _MIN_WORDS or len(words) > _MAX_WORDS:
        penalty += _LENGTH
    return penalty


def fits_lead(sentence: str, *, first: bool = False, english: bool = True) -> bool:
    """Whether a sentence from the top of an article can open a brief as written.

    A lead sentence must be a whole statement: not a question, not a fragment without end
    punctuation, not under 6 words or over 80 (a run of list items). In English it must
    also not be page furniture, a byline or (after the first) a photo caption. Pronoun
    openers and quotes are fine here: in the lead they follow the sentence they refer to.
    ``english=False`` applies only the checks that hold in any language.
    """
    words = sentence.split()
    if not _LEAD_MIN_WORDS <= len(words) <= _LEAD_MAX_WORDS:
        return False
    if sentence.rstrip("'\"”’»)] ").endswith("?") or not _TERMINAL.search(sentence):
        return False
    if not english:
        return True
    caption = not first and _CAPTION_LABEL.search(sentence) is not None
    return not (caption or has_boilerplate(sentence))


def tidy(sentence: str) -> str:
    """``sentence`` without a leading dateline ("LONDON (Reuters) —") or list bullet."""
    return _LEADING_FURNITURE.sub("", sentence, count=1) or sentence
