"""Where a phrase that starts at a token ends: a noun phrase, a prepositional phrase, a
group of verbs; and which of a group's verbs carry its meaning."""

from __future__ import annotations

from bot.briefing.figures.label_vocab import (
    AUXILIARIES,
    BREAK_WORDS,
    DETERMINER,
    MODIFIER,
    NOUN,
    TIME_WORDS,
    UNITS,
    VERB,
    WHEN,
)
from bot.briefing.figures.tagging import Token
from bot.briefing.figures.words import word_set

__all__ = ["content", "noun_phrase", "prepositional", "verb_group"]

# "fans despite the rain": why or how, never which ("people arrested after the match" is).
_ADVERBIAL = word_set("""despite although though because as like unlike amid amidst until till""")


def noun_phrase(tokens: tuple[Token, ...], k: int, stop: int) -> int:
    """The end of the noun phrase starting at ``k`` (modifiers, then nouns), or ``k``."""
    end = k
    if k < stop and tokens[k].lower in WHEN:
        return k  # "0.4% last quarter"
    for m in range(k, min(stop, k + 6)):
        tag, word = tokens[m].tag, tokens[m].lower
        if m > k and (word in WHEN or (word in TIME_WORDS and word not in UNITS)):
            break  # "parents last autumn": when, not what
        if tag in NOUN:
            end = m + 1
        elif tag == "CC" and word in ("and", "or") and m + 1 < stop and m > k:
            if tokens[m + 1].tag not in NOUN | {"JJ"}:
                break  # "lawyers and investigators", "Northern and central counties"
        elif tag not in MODIFIER or word in BREAK_WORDS:
            break
    return end


def prepositional(tokens: tuple[Token, ...], k: int, stop: int, *, when: bool = False) -> int:
    """The end of a phrase like "in bus fares" at ``k``, or ``k``; a when only if ``when``."""
    if k >= stop or tokens[k].tag not in ("IN", "TO") or tokens[k].lower in BREAK_WORDS:
        return k
    if tokens[k].lower in _ADVERBIAL:
        return k
    m = k + 1
    while m < stop and tokens[m].tag in DETERMINER | {"JJ", "JJS", "JJR"}:
        m += 1
    end = noun_phrase(tokens, m, stop)
    if end == m or (not when and any(t.lower in TIME_WORDS for t in tokens[m:end])):
        return k
    return end


def verb_group(tokens: tuple[Token, ...], k: int, stop: int) -> int:
    """The end of the verbs (with adverbs and particles) starting at ``k``, or ``k``."""
    m = k
    while m < stop and (tokens[m].tag in VERB or tokens[m].tag in ("RB", "RP", "TO")):
        m += 1
    has_verb = any(t.tag in VERB for t in tokens[k:m])
    while m > k and tokens[m - 1].tag == "TO":
        m -= 1
    return m if has_verb else k


def content(words: list[Token]) -> list[Token]:
    """Drop auxiliaries when a content verb follows them ("were injured" → "injured")."""
    main = [t for t in words if t.tag in VERB and t.tag != "MD" and t.lower not in AUXILIARIES]
    if not main:
        return [t for t in words if t.tag not in VERB]
    return [t for t in words if not (t.tag in VERB and t not in main and t.tag != "MD")]
