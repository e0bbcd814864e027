"""The noun phrase a figure quantifies, read forwards from it ("600 people queued", "a
12% rise in bus fares", "5,200 of them have waited"), or named between a change's ends
("fell from 26 seats to 11")."""

from __future__ import annotations

from bot.briefing.figures.label_clause import (
    container,
    cuts_object,
    doing,
    is_rate,
    reads_as_participle,
)
from bot.briefing.figures.label_phrases import content, noun_phrase, prepositional, verb_group
from bot.briefing.figures.label_vocab import (
    DETERMINER,
    MAX_WORDS,
    NOUN,
    TIME_WORDS,
    UNITS,
    VERB,
    is_auxiliary,
    is_unit_noun,
)
from bot.briefing.figures.tagging import Token

__all__ = ["counted", "inner_unit", "of_them"]


def counted(
    tokens: tuple[Token, ...], j: int, stop: int, i: int, start: int, *, money: bool
) -> list[Token] | None:
    """The noun phrase right after the figure, with what it did or what it is of."""
    k = j
    while k + 1 < stop and tokens[k].tag == "DT" and tokens[k + 1].lower in TIME_WORDS:
        k += 2  # "$53 million a week is coming": a rate, not what is counted
    if k < stop and tokens[k].lower in ("of", "in") and (tokens[k].lower == "of" or money):
        k += 1  # "150 of the staff", "$6.5bn in debt and equity"
        while k < stop and tokens[k].tag in DETERMINER:
            k += 1
    end = noun_phrase(tokens, k, stop)
    if end == k:
        return None
    phrase = list(tokens[k:end])
    if any(t.lower in TIME_WORDS and t.lower not in UNITS for t in phrase):
        return None  # "£9m in March", "12 weekdays"
    if all(t.lower in UNITS for t in phrase) and k == j:  # "71% of points" counts points
        if end < stop and tokens[end].tag in ("JJR", "RBR"):  # "nine times higher than"
            return phrase + list(tokens[end : prepositional(tokens, end + 1, stop)])
        if end < stop and tokens[end].tag in DETERMINER and phrase[-1].lower == "times":
            named = noun_phrase(tokens, end + 1, stop)  # "18 times the number of cells"
            if named > end + 1:
                return phrase + list(tokens[end : prepositional(tokens, named, stop)])
        return None  # "12 minutes": a unit says nothing of what is counted
    if (
        i >= 2
        and tokens[i - 1].lower == "of"
        and tokens[i - 2].tag in NOUN
        and tokens[i - 2].lower not in TIME_WORDS  # "convicted in October of 11 counts"
    ):
        return [tokens[i - 2], tokens[i - 1], *phrase]  # "a poll of 1,200 voters"
    rate = is_rate(tokens, end, stop)
    if rate:
        phrase += tokens[end : end + 2]
        end += 2
    after = verb_group(tokens, end, stop)
    if (
        after > end
        and i >= 2
        and tokens[i - 1].tag == "VBG"
        and tokens[i - 2].tag in NOUN
        and (tokens[end].tag == "MD" or is_auxiliary(tokens[end]))
    ):
        after = end  # "a ban affecting 2.3 million customers would begin": the ban's verb
    done = doing(tokens, after, stop) if after > end else []
    if done or (after > end and cuts_object(tokens, end, after, stop)):
        return phrase + done  # not "volunteers spent", a clause cut short
    if after > end:
        phrase += content(list(tokens[end:after]))
    elif j == k and i > 0:
        phrase += _acted_on(tokens, i, rate=rate)
    extended = prepositional(tokens, after, stop)
    if extended > after and len(phrase) + extended - after <= MAX_WORDS:
        return phrase + list(tokens[after:extended])
    held = container(tokens, i - 1, start) if j == k and after == end and i > 0 else None
    if held and len(phrase) + len(held) <= MAX_WORDS:
        phrase += held  # "this year's haul included 38 trolleys" → "trolleys in this year's haul"
    return phrase


def _acted_on(tokens: tuple[Token, ...], i: int, *, rate: bool) -> list[Token]:
    """The verb whose object the figure is, as it reads after the noun: "visitors
    welcomed", "jobs to cut" ("plans to cut 4,000 jobs", but not after a rate: "5,000
    visitors a year"); nothing for any other verb."""
    before = tokens[i - 1]
    if reads_as_participle(before):
        return [before]
    if i >= 2 and before.tag == "VB" and tokens[i - 2].tag == "TO" and not rate:
        return [tokens[i - 2], before]
    return []


def of_them(tokens: tuple[Token, ...], j: int, stop: int) -> list[Token] | None:
    """ "5,200 of them have waited over a year": the group was named before."""
    k = j + 1
    if k >= stop or tokens[j].lower != "of" or tokens[k].tag not in ("PRP", "DT"):
        return None
    if tokens[k].lower in ("the", "a", "an"):
        return None
    after = verb_group(tokens, k + 1, stop)
    if after == k + 1:
        return None
    end = prepositional(tokens, after, stop, when=True)
    if end == after:
        end = noun_phrase(tokens, after, stop)
    return content(list(tokens[k + 1 : end]))


def inner_unit(tokens: tuple[Token, ...], i: int, j: int) -> list[Token] | None:
    """A change that names what it counts between its ends: "fell from 26 seats to 11"
    → "seats fell"."""
    inner = [t for t in tokens[i:j] if is_unit_noun(t)]
    if not inner:
        return None
    verb = tokens[i - 1] if i > 0 else None
    if verb is not None and verb.tag in VERB - {"MD"} and not is_auxiliary(verb):
        return [*inner, verb]
    return inner
