"""Which words beside a counted noun belong in its label, and which to the sentence.

A label is the noun phrase a figure quantifies, with at most a short phrase saying
which. A verb joins it only when it reads as part of the noun phrase:

* after the noun, an intransitive verb ("600 people queued", "12 people were injured in
  the crash") or a gerund ("staff building the stadium"); a finite verb whose object the
  label would cut off belongs to the sentence ("200 residents signed a petition" →
  "residents", "250 volunteers spent Saturday hauling rubbish" → "volunteers hauling
  rubbish");
* before the noun, a verb whose past participle it is ("affected 2,000 homes" → "homes
  affected"), but not a past tense that is no participle ("the fair drew 5,000 fans" →
  "fans") nor a verb of containing, whose subject says which ("the haul included 38
  trolleys" → "trolleys in the haul").

A rate after the figure says which too ("300 buses a day"), and a verb after "and" or
"but" shares the subject of the verb before it ("the pound fell early but was down 1.2%"
→ "pound down").
"""

from __future__ import annotations

from itertools import pairwise

from bot.briefing.figures.label_vocab import NOUN, VERB
from bot.briefing.figures.tagging import Token
from bot.briefing.figures.words import word_set

__all__ = [
    "container",
    "cuts_object",
    "doing",
    "is_rate",
    "reads_as_participle",
    "shared_subject_end",
]

_OBJECT_OPENERS = NOUN | {"DT", "PRP$", "PDT", "PRP", "CD", "JJ", "JJR", "JJS", "$"}
_BE = word_set("""be is are was were been being am 's""")
_HAVE = word_set("""have has had having do does did""")
# "light up the city", "carried out the survey": a particle, then the verb's object.
_PARTICLES = word_set("""up down out off""")
_CONTAINING = word_set(
    """include includes included contain contains contained comprise comprises comprised
    feature features featured"""
)
# Past tenses that are no past participle: "fans drew" would read as a clause.
_PAST_ONLY = word_set(
    """saw drew took gave ate rose fell grew began ran came became wrote drove went knew
    threw flew chose broke spoke stole wore tore froze hid rode sang rang swam drank shook
    forgot did"""
)
_TIME = word_set(
    """second seconds minute minutes hour hours day days week weeks month months year years
    weekend weekends morning mornings afternoon evening night nights summer winter spring
    autumn monday tuesday wednesday thursday friday saturday sunday the a an whole entire
    last this past"""
)
_SPENDING = word_set("""spend spends spent""")  # time as the object: "spent Saturday ..."
_SHARING = word_set("""and but""")  # "fell early but was up 2%": one subject, two verbs
_LISTING = _SHARING | {","}  # "bought A, sold B and was left with 2%"
_REACH = 24  # tokens read back for a shared subject
# "buses a day", "patients per week": a rate says which, like "in federal custody".
_RATE_OPENERS = word_set("""a an per each every""")
_RATE_UNITS = word_set("""second minute hour day night week weekend month year season""")
_HOLDER = frozenset({"DT", "POS", "JJ", "VBN", "VBG", "HYPH"}) | NOUN


def cuts_object(tokens: tuple[Token, ...], begin: int, end: int, stop: int) -> bool:
    """Whether the verbs ``tokens[begin:end]`` after a counted noun take an object that
    follows them: the label would end on a verb that belongs to the sentence."""
    verbs = [t for t in tokens[begin:end] if t.tag in VERB and t.tag != "MD"]
    if not verbs or end >= stop:
        return False
    main = verbs[-1]
    passive = any(a.lower in _BE and b.tag in ("VBN", "VBD") for a, b in pairwise(verbs))
    if main.tag == "VBG" or passive:
        return False  # "staff building", "people were ordered to leave": a participle
    following = tokens[end]
    if _time_span(tokens, end, stop) > end and main.lower not in _SPENDING:
        return False  # "600 people queued Saturday": when, not an object
    if following.tag in _OBJECT_OPENERS:
        return True
    return (
        following.lower in _PARTICLES
        and end + 1 < stop
        and tokens[end + 1].tag in _OBJECT_OPENERS - {"CD", "$"}
    )


def _time_span(tokens: tuple[Token, ...], end: int, stop: int) -> int:
    """The end of a stretch of time at ``end`` ("Saturday", "the whole weekend"), or ``end``."""
    k = end
    while k < stop and k - end < 3 and tokens[k].lower in _TIME:
        k += 1
    if k == end or tokens[k - 1].tag not in NOUN or (k < stop and tokens[k].tag in NOUN):
        return end
    return k


def doing(tokens: tuple[Token, ...], end: int, stop: int) -> list[Token]:
    """ "spent Saturday hauling rubbish": after a stretch of time, what was done in it."""
    k = _time_span(tokens, end, stop)
    if k == end or k >= stop or tokens[k].tag != "VBG":
        return []
    m = k + 1
    while m < stop and m - k <= 3 and tokens[m].tag in _OBJECT_OPENERS - {"CD", "$", "PRP"}:
        m += 1
    return list(tokens[k:m]) if m > k + 1 else []


def reads_as_participle(verb: Token) -> bool:
    """Whether a verb before the counted noun reads after it: "homes affected"."""
    if verb.lower in _BE or verb.lower in _HAVE or verb.lower in _CONTAINING:
        return False
    return verb.tag in ("VBD", "VBN") and verb.lower not in _PAST_ONLY


def container(tokens: tuple[Token, ...], verb: int, start: int) -> list[Token] | None:
    """For a verb of containing at ``verb``, "in" and its subject ("this year's haul"),
    or None when the verb is of another kind or its subject is no short noun phrase."""
    if tokens[verb].lower not in _CONTAINING:
        return None
    m = verb - 1
    while m >= start and verb - m <= 4 and tokens[m].tag in _HOLDER:
        if tokens[m].tag == "DT":
            break
        m -= 1
    if m < start or tokens[m].tag != "DT" or verb - m < 2 or tokens[verb - 1].tag not in NOUN:
        return None  # "the haul", "this year's haul": a named holder, nothing vaguer
    if tokens[m].lower not in ("the", "this", "that", "these", "those"):
        return None
    joint = Token("in", tokens[verb].start, tokens[verb].start, "IN")
    return [joint, *tokens[m:verb]]


def shared_subject_end(tokens: tuple[Token, ...], m: int) -> int:
    """The end of the subject a verb after "and" or "but" at ``m`` shares with the verb
    before it ("the index slumped 0.2%, but recovered and was up 0.4%"), or -1."""
    for v in range(m - 1, max(0, m - _REACH), -1):
        if tokens[v].text in (".", ";", ":") or tokens[v].tag in ("WDT", "WP"):
            return -1
        if tokens[v].tag in ("VBD", "VBZ", "VBP", "MD") and tokens[v - 1].lower not in _LISTING:
            before = tokens[v - 1]
            return v - 1 if before.tag in NOUN or before.text == ")" else -1
    return -1


def is_rate(tokens: tuple[Token, ...], k: int, stop: int) -> bool:
    """ "a day", "per week" at ``k``."""
    return k + 1 < stop and tokens[k].lower in _RATE_OPENERS and tokens[k + 1].lower in _RATE_UNITS
