"""A change stays whole: "about 1,100 passengers ..., down from 2,050" is one fact.

When a boxed figure is compared, later in its sentence, with a figure of the same kind
("up from 2,650", "down from 2,050", "compared with prior guidance of 4%"), or follows
the capacity it is measured against ("a cell meant for 35 held 155"), or is said again
(:mod:`restated`: "or 49.6%", "about $420 million"), or brings something to a total
(:mod:`totals`: "12 more people killed, bringing the death toll to 340"), the comparison
joins the label in the article's words, and the baseline is not boxed again on its own.
So does the level a change took its subject to: "revenue rose 6% to £1.37 billion" is one
fact, boxed as the change with "to £1.37 billion" in its label, or as the level with
"rose 6%" in its label, whichever the box picked first; so is "closed 3.8% higher at
$84.20", its direction said after the change.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.briefing.figures.numbers import SPAN_AFTER, Quantity
from bot.briefing.figures.rank import Candidate
from bot.briefing.figures.restated import restatement
from bot.briefing.figures.totals import total_after

__all__ = ["join_baselines"]

_REACH = 90  # characters between the figure and its comparison
# "4,812 patients spent more than 12 hours in A&E at the county hospital in October, up from
# 2,950": a comparison set off by a comma may close a longer clause.
_SET_OFF_REACH = 160
# ", down from", "up from", "compared with", "against": the words that open a baseline.
# The baseline may be named first: "compared with prior guidance of 4%", "up from a peak
# of 310", "against last year's 2,100", but not after a bare "from" ("letters from
# residents of 12 streets" is no comparison) unless a comma sets it off ("dropped to 4.6%,
# from a peak of 6.8%").
# A record or a forecast beaten is a baseline too: "breaking the previous high of 38.7C",
# "beating analysts' forecasts of $9.2 billion".
_NAMED = r"(?:(?:[\w'’-]+\s+){0,3}(?:of|at)\s+|(?:[\w-]+\s+)?[\w-]+['’]s\s+)"
# "up from about 122,000": a hedge the number did not take into its own text.
_HEDGE = (
    r"(?:(?:about|around|roughly|nearly|almost|some|approximately|just|an\s+estimated"
    r"|more\s+than|less\s+than|fewer\s+than|over|under)\s+)"
)
_OPENER = re.compile(
    r"(?:(?:\b(?:up|down|rising|falling|risen|fallen|increasing|decreasing)\s+from|"
    r"\bcompared\s+(?:with|to)|\bagainst|\bversus|\bvs\.?|,\s*from|"
    r"\b(?:beating|breaking|surpassing|topping|exceeding|eclipsing|beat|broke|surpassed|"
    r"topped|exceeded|eclipsed)|\b(?:(?:more|less)\s+than\s+|nearly\s+|almost\s+|about\s+|over\s+)?"
    r"(?:double|twice|triple|treble|quadruple|half)(?=\s+the\b))"
    r"\s+(?:an?\s+|the\s+)?" + _NAMED + r"?|\bfrom\s+(?:an?\s+|the\s+)?)" + _HEDGE + r"?$",
    re.IGNORECASE,
)
# "rose 6%", "were up 12%", "fell by 300", "will rise by 4.99%": a change, whose level may
# follow.
_CHANGED = re.compile(
    r"\b(?:rose|rises|rising|risen|rise|fell|falls|falling|fallen|fall|grew|grows|growing|"
    r"grown|grow|jumped|jumps|jump|climbed|climbs|climb|dropped|drops|drop|slipped|slips|"
    r"slumped|surged|soared|increased|increases|increase|decreased|decreases|decrease|"
    r"declined|declines|decline|gained|gains|lost|up|down|higher|lower|weakened|weakens|"
    r"strengthened|strengthens|tumbled|tumbles|plunged|plunges|plummeted|slid|slides|sank|"
    r"sinks|eased|eases|dipped|dips|rallied|rallies|advanced|rebounded|shed|sheds|shrank|"
    r"shrinks|widened|narrowed)"
    r"\s+(?:by\s+)?(?:(?:a|an|some)\s+)?$",
    re.IGNORECASE,
)
# "voted to raise tuition by 7.5%", "cut prices by 8%", "fares were cut by 10%": someone
# makes the change, perhaps naming what it changes.
_MADE = re.compile(
    r"\b(?:raise|raises|raised|raising|increase|increases|increased|increasing|cut|cuts|cutting|"
    r"reduce|reduces|reduced|reducing|lift|lifts|lifted|lifting|hike|hikes|hiked|hiking)"
    r"(?:\s+(?!by\b)[\w'’-]+){0,3}\s+by\s+$",
    re.IGNORECASE,
)
# A change still to come, told "by X to Y" with nothing between, may be a range of the
# change itself ("bills will rise by 3% to 5%", "fares are set to rise by 3% to 5%"): only
# a level of another kind joins then. "The operator cut fares by 10p to £1.50" is done.
_TO_COME = re.compile(
    r"\b(?:will|would|could|may|might|should|shall|to)\s+(?:be\s+)?(?:[a-z]+ly\s+)?$",
    re.IGNORECASE,
)
# ", to £1.37 billion", " at £71 million", " on the previous year, to about 78,000": the
# level, a few words after the change at most, in the same clause.
# "closed 34% higher at 58.10 euros": the direction said after the change.
_DIRECTION_AFTER = re.compile(r"\s+(?:higher|lower|up|down)\b", re.IGNORECASE)
_DIRECTIONS = frozenset({"higher", "lower", "up", "down"})
_TO_LEVEL = re.compile(r"^(?:\s+[\w'’-]+){0,8}?,?\s+(?:to|at)\s+$", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:()\"“”]|\bbut\b|\bwhile\b|\bwhereas\b")


# "the number of fans thrown out ... had also risen sharply, up from 12": a change of its own
_OWN_CHANGE = re.compile(
    r"\b(?:rose|risen|rising|rises|fell|fallen|falling|falls|grew|grown|growing|grows|"
    r"increased|increases|decreased|decreases|declined|declines|dropped|drops|doubled|"
    r"tripled|trebled|quadrupled|halved|jumped|climbed|surged|soared|slumped|shrank|shrunk|"
    r"(?:gone|went|going|goes)\s+(?:up|down))\b",
    re.IGNORECASE,
)


# "more than double the 14": a multiple, a comparison only when set off by a comma or
# after a linking verb ("was twice the 14"), not when it is the verb ("to double the 14")
_MULTIPLE = re.compile(
    r"(?:(?:more|less)\s+than\s+|nearly\s+|almost\s+|about\s+|over\s+)?"
    r"(?:double|twice|triple|treble|quadruple|half)\b",
    re.IGNORECASE,
)
_LINKING = re.compile(r"\b(?:is|was|are|were|be|been|being)\s+$", re.IGNORECASE)
_ANOTHER = re.compile(r"\b(?:and|but|while|whereas)\b|[;:]", re.IGNORECASE)


def _far_apart(a: Quantity, b: Quantity) -> bool:
    """12 hours and 2,950: too far apart in size to be one measure told twice (a span of
    time may meet a bare baseline: "41 weeks last year, up from 18 in 2019")."""
    x, y = abs(a.values[0]), abs(b.values[0])
    return not x or not y or max(x, y) / min(x, y) > 10


def _baseline_of(candidate: Candidate, others: Sequence[Quantity]) -> Quantity | None:
    quantity, sentence = candidate.quantity, candidate.sentence
    span = SPAN_AFTER.match(sentence, quantity.end)
    # a span of time is compared with one in the same unit: "8,214 hours, up from 5,630 hours"
    comparable = [
        o
        for o in others
        if span and o.start >= quantity.end and _same_span(sentence, o, span.group().strip(" -"))
    ]
    for other in sorted([*_figures(sentence, others), *comparable], key=lambda o: o.start):
        distance = other.start - quantity.end
        if other.start < quantity.end or distance > _SET_OFF_REACH:
            continue
        if other.kind != quantity.kind or len(other.values) != 1:
            return None
        gap = sentence[quantity.end : other.start]
        opener = _OPENER.search(gap)
        if _CLAUSE_BREAK.search(gap) or opener is None:
            return None
        set_off = gap[: opener.start()].rstrip().endswith(",") or gap[opener.start()] == ","
        linking = _LINKING.search(gap, 0, opener.start())
        # "sales were $5 million and costs were twice the $2 million": another subject's
        linked = set_off or (linking is not None and not _ANOTHER.search(gap, 0, linking.start()))
        if _MULTIPLE.match(opener.group()) and not linked:
            return None  # "plans to double the 14 stores": a verb, not a comparison
        if distance > _REACH and (
            not set_off
            or opener.group().lstrip(" ,").lower().startswith("from")
            or _OWN_CHANGE.search(gap, 0, opener.start())
            or _far_apart(quantity, other)
        ):
            return None  # far off, the comparison is of what the clause between says changed
        if span and other not in comparable and _far_apart(quantity, other):
            return None  # "12 hours in A&E in October, up from 2,950": the patients' baseline
        return other
    return None


# "a cell meant for 35 held 155", "a jail built to hold 1,000 now houses 2,400": the
# capacity named just before a figure is what the figure is measured against.
_CAPACITY = re.compile(
    r"\b(?:built|meant|designed|intended|made|licensed|rated|planned)\s+"
    r"(?:for|to\s+(?:hold|house|seat|carry|take|serve))\s+$",
    re.IGNORECASE,
)
# Only a verb of holding between them: "built for 200 guests hosted 50 weddings" is two facts.
# The capacity may name what it is for, set off by a comma: "a camp built for 5,000 people,
# was now sheltering nearly 14,000" (the later figure then names nothing else).
_CAPACITY_GAP = re.compile(
    r"^(?:\s+(?P<noun>people|[a-z]+s),?)?\s+(?:and\s+)?"
    r"(?:(?:now|still|actually|instead|was|is|were|are)\s+){0,2}"
    r"(?:held|holds|holding|housed|houses|housing|had|has|carried|carries|carrying|took|takes|"
    r"taking|seated|seats|contained|contains|kept|keeps|accommodated|accommodates|served|serves|"
    r"sheltered|shelters|sheltering)\s+$",
    re.IGNORECASE,
)
# After the later figure: its clause ends or goes on, it names no thing of its own.
_NAMES_NOTHING = re.compile(
    r"\s*(?:[,.;:!?)\]—–]|$)|\s+(?:in|on|at|by|last|this|over|during|after|before|and|but|as|"
    r"when|while|from|for|with|now|still|says|said|according)\b",
    re.IGNORECASE,
)


# "held 155 adult males": the occupants, perhaps described first (never "30 events for
# children", "300 fewer inmates"); not only some of them ("900 men and 200 women")
_OCCUPANTS = re.compile(
    r"(?:(?!(?:for|with|of|in|on|at|to|from|by|more|fewer|less|extra|than)\b)[a-z-]+\s+){0,2}?"
    r"(?P<noun>people|men|women|children|adults|males|females|boys|girls|inmates|prisoners|"
    r"detainees|patients|pupils|students|passengers|fans|supporters|spectators|visitors|"
    r"worshippers|delegates|tourists|guests|residents|migrants|refugees|families|animals|"
    r"dogs|cats|schoolchildren|nationals)\b"
)
# "900 men and 200 women": only some of the occupants ("9,000 people and 400 animals" are
# all of them)
_SOME_OF_THEM = re.compile(r"(?!people\b)[a-z]+\s+and\s+\d")


def _capacity_of(candidate: Candidate, others: Sequence[Quantity]) -> Quantity | None:
    """For a figure, the capacity named just before it that it is measured against."""
    before = [o for o in others if o.end <= candidate.quantity.start]
    if before and _fills(candidate.sentence, before[-1], candidate.quantity):
        return before[-1]
    return None


def _fills(sentence: str, capacity: Quantity, quantity: Quantity) -> bool:
    """Whether ``quantity`` is measured against ``capacity``: "meant for 35 held 155"."""
    if (
        capacity.kind != quantity.kind
        or len(capacity.values) != 1
        or len(quantity.values) != 1
        or quantity.values[0] <= capacity.values[0]  # "held 12 high-profile inmates": some
        or not _CAPACITY.search(sentence, max(0, capacity.start - 40), capacity.start)
    ):
        return False
    gap = _CAPACITY_GAP.match(sentence[capacity.end : quantity.start])
    if gap is None:
        return False
    after = sentence[quantity.end : quantity.end + 40].lstrip().lower()
    # "built for 200 guests, now holds 50 weddings": a named capacity is of something else
    # when the later figure names a thing of its own
    if _NAMES_NOTHING.match(sentence, quantity.end):
        return True
    if gap["noun"] and after.startswith(gap["noun"].lower()):
        return True
    occupants = _OCCUPANTS.match(after)
    return occupants is not None and not _SOME_OF_THEM.match(after, occupants.start("noun"))


def _capacity_phrase(sentence: str, capacity: Quantity) -> str:
    opener = _CAPACITY.search(sentence, max(0, capacity.start - 40), capacity.start)
    start = opener.start() if opener else capacity.start
    return sentence[start : capacity.end]


def _same_span(sentence: str, other: Quantity, unit: str) -> bool:
    after = SPAN_AFTER.match(sentence, other.end)
    return after is not None and after.group().strip(" -").lower() == unit.lower()


def _figures(sentence: str, others: Sequence[Quantity]) -> list[Quantity]:
    """The sentence's figures that may be a change or its level: no dates, no spans of
    time ("rose 18% in the first nine months, to 212,000")."""
    return [
        o
        for o in others
        if o.kind not in ("date", "year") and not SPAN_AFTER.match(sentence, o.end)
    ]


def _change_verb(sentence: str, change: Quantity) -> re.Match[str] | None:
    """The verb of the change just before ``change``: one of a change ("rose", "will rise
    by"), else one that makes it ("cut prices by"), else the direction just after it
    ("closed 34% higher")."""
    window = max(0, change.start - 40)
    return (
        _CHANGED.search(sentence, window, change.start)
        or _MADE.search(sentence, window, change.start)
        or _DIRECTION_AFTER.match(sentence, change.end)
    )


# "2.3% lower at 0815 GMT", "3.2% lower at 1,200 locations", "shed 1,500 jobs at 40
# stores", "5% higher at 62 polling stations": a count after "at" is no level when what
# follows it names a thing of its own (a plural other than what the change counted, or a
# time zone); "closed 0.5% higher at 7,650 despite weak data" is a level.
_TWO_WORDS_AFTER = re.compile(r"\s+([A-Za-z]+)(?:\s+([A-Za-z]+))?")
_TIME_ZONES = frozenset({"gmt", "bst", "utc", "cet", "est", "edt", "et", "pt", "pst", "pdt"})
_LEVEL_UNITS = frozenset({"points", "pence", "cents", "dollars", "euros", "pounds", "yen"})
_FUNCTION_WORDS = frozenset(
    {"a", "an", "the", "this", "last", "its", "his", "her", "their", "in", "on", "at", "by"}
    | {"after", "before", "as", "and", "but", "from", "with", "for", "to", "of", "despite"}
    | {"ahead", "following", "amid", "late", "early", "when", "while", "since", "until"}
    | {"against", "compared", "was", "is", "has", "thus", "plus", "per"}
)


def _plural_noun(word: str) -> bool:
    return word.islower() and len(word) > 3 and word.endswith("s") and word not in _LEVEL_UNITS


def _names_another_thing(sentence: str, change: Quantity, level: Quantity) -> bool:
    after = _TWO_WORDS_AFTER.match(sentence, level.end)
    if after is None:
        return False
    first, second = after[1], after[2] or ""
    own = _TWO_WORDS_AFTER.match(sentence, change.end)
    if first.lower() in _TIME_ZONES:
        return True
    if (own and own[1].lower() == first.lower()) or first.lower() in _FUNCTION_WORDS:
        return False
    return _plural_noun(first) or _plural_noun(second)


def _joins(sentence: str, change: Quantity, level: Quantity) -> bool:
    """Whether ``level`` is what ``change`` took its subject to: "rose 6% to £1.37bn", "will
    rise by 4.99% in April, to £2,100", "raise tuition by 7.5% next fall, to $13,480"."""
    gap = sentence[change.end : level.start]
    if level.start - change.end > _REACH or _CLAUSE_BREAK.search(gap):
        return False
    if _TO_LEVEL.match(gap) is None:
        return False
    verb = _change_verb(sentence, change)
    if verb is None:
        return False
    at_count = gap.rstrip().lower().endswith("at") and level.kind == "count"
    if at_count and _names_another_thing(sentence, change, level):
        return False
    if (
        gap.strip().lower() == "to"
        and level.kind == change.kind
        and _TO_COME.search(sentence, max(0, verb.start() - 30), verb.start())
    ):
        return False  # "will rise by 3% to 5%": perhaps a range of the rise
    if verb.re is _MADE:
        # a price, a fee or a rate changed and reached, never a place ("by 50p at 12 car
        # parks"), a count ("the fleet by 12 buses to 80 routes") or who did it ("was
        # raised by 12 residents")
        return (
            gap.rstrip().lower().endswith("to")
            and change.kind in ("money", "percent")
            and level.kind in ("money", "percent")
        )
    return True


def _level_of(candidate: Candidate, others: Sequence[Quantity]) -> Quantity | None:
    """ "rose 6% to £1.37 billion": for the change, the level it reached."""
    quantity, sentence = candidate.quantity, candidate.sentence
    after = [o for o in _figures(sentence, others) if o.start >= quantity.end]
    return after[0] if after and _joins(sentence, quantity, after[0]) else None


def _change_of(candidate: Candidate, others: Sequence[Quantity]) -> Quantity | None:
    """ "rose 6% to £1.37 billion": for the level, the change that reached it."""
    quantity, sentence = candidate.quantity, candidate.sentence
    before = [o for o in _figures(sentence, others) if o.end <= quantity.start]
    return before[-1] if before and _joins(sentence, before[-1], quantity) else None


def _change_phrase(sentence: str, change: Quantity) -> str:
    """ "rose 6%", "up by a third", "34% higher": the verb of the change and the change."""
    verb = _change_verb(sentence, change)
    if verb is not None and verb.start() >= change.end:
        return sentence[change.start : verb.end()]
    return sentence[verb.start() if verb else change.start : change.end]


def _level_phrase(sentence: str, change: Quantity, level: Quantity) -> str:
    """ "to £1.37 billion", "at £71 million", "higher at 58.10 euros": from "to" or "at",
    or the direction said after the change, to the level's end."""
    gap = sentence[change.end : level.start]
    if _DIRECTION_AFTER.match(gap):
        return sentence[change.end : level.end].strip()
    cut = max(gap.rfind(" to "), gap.rfind(" at "), gap.rfind(" To "), gap.rfind(" At "))
    return sentence[change.end + cut + 1 if cut >= 0 else level.start : level.end]


def _comparison(candidate: Candidate, others: Sequence[Quantity]) -> tuple[Quantity, str] | None:
    """What the figure is compared with in its sentence, and the words that say so."""
    sentence = candidate.sentence
    baseline = _baseline_of(candidate, others)
    if baseline is not None:
        return baseline, _phrase(sentence, baseline)
    capacity = _capacity_of(candidate, others)
    if capacity is not None:
        return capacity, _capacity_phrase(sentence, capacity)
    restated = restatement(candidate, others)
    if restated is not None:
        return restated
    total = total_after(candidate, others)
    if total is not None:
        return total
    level = _level_of(candidate, others)
    if level is not None:
        return level, _level_phrase(sentence, candidate.quantity, level)
    change = _change_of(candidate, others)
    if change is not None:
        return change, _change_phrase(sentence, change)
    return None


def _phrase(sentence: str, baseline: Quantity) -> str:
    opener = _OPENER.search(sentence, 0, baseline.start)
    start = opener.start() if opener else baseline.start
    span = SPAN_AFTER.match(sentence, baseline.end)  # "up from 5,630 hours": its unit too
    end = span.end() if span else baseline.end
    return sentence[start:end].lstrip(", ")  # ", from 7.6%" joins as "from 7.6%"


def _joined(label: str, phrase: str) -> str:
    """The label and its comparison: "revenue rose" and "rose 6%" read "revenue rose 6%"."""
    if not label:
        return phrase
    words = label.split()
    direction = words[-1].lower()
    if len(words) > 1 and direction in _DIRECTIONS and direction == phrase.split()[-1].lower():
        words = words[:-1]  # "profits came in down" and "8% down": the direction once
        label = " ".join(words)
    first = phrase.split()[0].lower()
    if words[-1].lower() == first:
        return f"{label}{phrase[len(first) :]}"
    lowered = [w.lower() for w in words]
    if first in lowered[1:]:  # "operator cut fares by" and "cut fares by 10p"
        return " ".join([*words[: lowered.index(first, 1)], phrase])
    return f"{label}, {phrase}"


def join_baselines(
    picked: Sequence[Candidate], quantities: dict[str, list[Quantity]]
) -> list[tuple[Candidate, str]]:
    """Each picked figure with its label, its comparison joined; baselines not repeated.

    ``quantities`` maps each sentence to its quantities in reading order.
    """
    joined: list[tuple[Candidate, str]] = []
    used: set[tuple[str, int]] = set()
    for candidate in picked:
        label = candidate.label
        compared = None
        if (candidate.sentence, candidate.quantity.start) not in used:
            compared = _comparison(candidate, quantities.get(candidate.sentence, []))
        if compared is not None and compared[1]:
            other, phrase = compared
            label = _joined(label, phrase)
            used.add((candidate.sentence, other.start))
        joined.append((candidate, label))
    return [(c, label) for c, label in joined if (c.sentence, c.quantity.start) not in used]
