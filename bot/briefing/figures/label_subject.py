"""The clause around a figure: the subject and verb it completes ("turnout reached
64%"), the clause a change after a comma belongs to ("membership reached 2,300, up
15%"), or what a figure that is itself the subject did ("the remaining $300,000 came
from a grant")."""

from __future__ import annotations

from bot.briefing.figures.label_clause import is_rate, shared_subject_end
from bot.briefing.figures.label_phrases import content, noun_phrase, prepositional, verb_group
from bot.briefing.figures.label_vocab import (
    AUXILIARIES,
    BREAK_WORDS,
    CHANGE,
    DETERMINER,
    MAX_WORDS,
    MODIFIER,
    NOUN,
    PUNCT_TAGS,
    VERB,
    WINDOW,
    is_break,
)
from bot.briefing.figures.tagging import Token
from bot.briefing.figures.words import word_set

__all__ = ["acting", "apposed", "main_subject", "subject_verb"]

_SUBJECT = frozenset({"IN", "DT", "PRP$", "PRP", "CD", "VBG"})
_ENDPOINT = frozenset({"to", "from", "by", "at", "up", "down"})
_SKIPPED = frozenset({"IN", "TO", "DT", "JJ", "RB", "RP"}) | NOUN
# A linking verb says nothing of what a figure is: "the display size will remain 13.3 inches".
_LINKING = AUXILIARIES | word_set("""remain remains remained stay stays stayed""")


def subject_verb(tokens: tuple[Token, ...], i: int, start: int) -> list[Token] | None:
    """The subject and verb the figure completes: "turnout reached", "fares will rise".

    The verb stays when the figure is its object or its change ("will cost £2m", "rise
    by 8%"), not after another preposition ("reserves stood at £9m" → "reserves"). A
    figure that a noun names ("a budget of $18m") is labelled by that noun.
    """
    m = i - 1
    while m >= start and i - m <= 5 and tokens[m].tag not in VERB:
        if tokens[m].tag not in _SKIPPED or is_break(tokens[m]):
            return None  # "by an average of" is skipped; anything else is not a verb's object
        m -= 1
    skipped = tokens[m + 1 : i]
    named = len(skipped) >= 2 and skipped[-1].lower in ("of", "worth")
    if named and skipped[-2].tag in NOUN and not any(t.lower == "by" for t in skipped):
        noun_start = len(skipped) - 2
        while noun_start > 0 and skipped[noun_start - 1].tag in MODIFIER:
            noun_start -= 1
        return list(skipped[noun_start:-1])  # "a budget of $18.6m", "a deal worth $6m"
    if m < start or tokens[m].tag not in VERB:
        return None
    keep_verb = not skipped or skipped[0].lower == "by" or skipped[0].tag not in ("IN", "TO")
    verb_end = m + 1
    while m >= start and (tokens[m].tag in VERB or tokens[m].tag in ("RB", "TO")):
        m -= 1
    group = tokens[m + 1 : verb_end]
    linking = all(t.tag == "MD" or t.lower in _LINKING for t in group if t.tag in VERB)
    verbs = content(list(group)) if keep_verb and not linking else []
    verbs += [t for t in skipped if t.lower in CHANGE]  # "shares are up 40%"
    if m >= 0 and m == start - 1 and tokens[m].lower in ("and", "but"):
        m = shared_subject_end(tokens, m)  # "the pound fell early but was down 1.2%"
        if m < 0:
            return None
        start = max(0, m - WINDOW)
    if m >= 0 and (tokens[m].tag in ("WDT", "WP") or tokens[m].lower == "which"):
        m -= 1  # "the refurbishment, which cost": the subject is before the comma
        while m >= 0 and tokens[m].tag in PUNCT_TAGS:
            m -= 1
        start = max(0, m - WINDOW)
    elif m >= 0 and tokens[m].text == ")":  # "the Nikkei 225 (N225) declined 0.3%"
        opening = next((n for n in range(m - 1, max(-1, m - 8), -1) if tokens[n].text == "("), m)
        m = opening - 1
        start = max(0, m - WINDOW)
    elif m >= 0 and tokens[m].text == "," and (aside := _aside_start(tokens, m)) is not None:
        m = aside - 1  # "core inflation, which strips out food, eased to 2.7%"
        start = max(0, m - WINDOW)
    end = m + 1
    while m >= start and (tokens[m].tag in _SUBJECT or tokens[m].tag in MODIFIER):
        if tokens[m].lower in BREAK_WORDS:
            break
        m -= 1
        if tokens[m + 1].tag in DETERMINER and (m < 0 or tokens[m].tag not in ("IN",)):
            break  # "the report claims the display size": the subject starts at "the"
    subject = list(tokens[m + 1 : end])
    while subject and subject[0].tag not in NOUN | MODIFIER | {"PRP"}:
        subject.pop(0)
    if not subject:
        return None
    if len(subject) + len(verbs) > MAX_WORDS:  # "the number of households on the list"
        fits = [
            n for n, t in enumerate(subject) if n and t.tag == "IN" and n + len(verbs) <= MAX_WORDS
        ]
        subject = subject[: max(fits, default=len(subject))]
    return subject + verbs


def _aside_start(tokens: tuple[Token, ...], comma: int) -> int | None:
    """The comma opening ", which strips out food," when ``comma`` closes it, else None."""
    for n in range(comma - 2, max(-1, comma - 12), -1):
        if tokens[n].text == "," and tokens[n + 1].lower in ("which", "who", "whose"):
            return n
        if tokens[n].tag in PUNCT_TAGS:
            return None
    return None


def main_subject(tokens: tuple[Token, ...], i: int, start: int) -> list[Token] | None:
    """A change after a comma is the clause's before it: "membership reached 2,300, up
    15%" → "membership up", "shares rose, climbing 80%" → "shares climbing"."""
    if start == 0 or tokens[start - 1].text != "," or start < i - 5 or start == i:
        return None
    if tokens[start].lower not in _ENDPOINT and tokens[start].tag != "VBG":
        return None  # "..., including $1bn for": not a change of the clause before
    if any(t.tag in VERB and t.tag != "VBG" for t in tokens[start:i]):
        return None
    change = [t for t in tokens[start:i] if t.lower in CHANGE or t.tag == "VBG"]
    if any(t.lower == "from" for t in tokens[start:i]):
        change = []  # "up from 2,650": where it started, not the change
    before = start - 1
    while before > 0 and start - before <= WINDOW and not is_break(tokens[before - 1]):
        before -= 1
    found = subject_verb(tokens, start - 1, before)
    if found:
        return [t for t in found if t.tag not in VERB] + change
    k = 0
    while k < start and tokens[k].tag in DETERMINER:
        k += 1
    end = noun_phrase(tokens, k, start)
    if end == k:
        return None
    return [*tokens[k : prepositional(tokens, end, start)], *change]


def acting(tokens: tuple[Token, ...], j: int, stop: int, i: int, start: int) -> list[Token] | None:
    """A figure that is the subject: what it did ("the remaining $300,000 came from a grant")."""
    if any(t.tag in VERB or t.tag in NOUN for t in tokens[start:i]):
        return None
    rate = list(tokens[j : j + 2]) if is_rate(tokens, j, stop) else []
    j += len(rate)  # "$53m a week is coming across the border": the rate ends the label
    after = verb_group(tokens, j, stop)
    if after == j:
        return None
    end = prepositional(tokens, after, stop)
    if end == after:
        begin = after + 1 if after < stop and tokens[after].tag in DETERMINER else after
        end = noun_phrase(tokens, begin, stop)
    return content(list(tokens[j:after])) + list(tokens[after:end]) + rate


_APPOSED_REACH = 4  # words between the figure and the comma closing its aside ("in total")


def apposed(tokens: tuple[Token, ...], i: int, j: int) -> list[Token] | None:
    """A figure set off by commas after the noun it restates, then the clause goes on:
    "the money, £1.3 million in total, was spent on ..." → "money spent"."""
    if i < 2 or tokens[i - 1].text != "," or tokens[i - 2].tag not in ("NN", "NNS"):
        return None
    close = next(
        (
            m
            for m in range(j, min(len(tokens), j + _APPOSED_REACH + 1))
            if tokens[m].tag in PUNCT_TAGS
        ),
        None,
    )
    if close is None or tokens[close].text != ",":
        return None
    after = verb_group(tokens, close + 1, min(len(tokens), close + 1 + WINDOW))
    if after == close + 1:
        return None
    begin = i - 2
    while begin > 0 and i - 2 - begin < 3 and tokens[begin - 1].tag in MODIFIER:
        begin -= 1
    return [*tokens[begin : i - 1], *content(list(tokens[close + 1 : after]))]
