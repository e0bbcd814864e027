"""Phrases read forwards from a word of the sentence, and how a label is kept short.

A prepositional phrase is a preposition and a noun phrase that is not a time ("to
Russia", not "on Monday"); a verb phrase is a verb with its particle, object and one
prepositional phrase ("queued outside before the doors opened"). A label is built from
such chunks and keeps whole ones only, so it never stops inside a phrase.
"""

from __future__ import annotations

from bot.briefing.figures.label_phrases import Word, kind, noun_phrase
from bot.briefing.figures.label_words import BE_HAVE, PARTICLES
from bot.briefing.figures.words import word_set

__all__ = [
    "Chunks",
    "bare",
    "bare_possessive",
    "fit",
    "post_modifier",
    "prep_phrase",
    "texts",
    "verb_phrase",
    "with_the",
]

Chunks = list[list[str]]
_MAX_WORDS = 8
_MAX_CHARS = 60
_CLAUSAL = word_set("before after until since when while as once")


def texts(words: list[Word]) -> list[str]:
    return [w.text for w in words if kind(w) != "num"]


def fit(chunks: Chunks) -> list[str]:
    """The first chunk, then whole chunks while the label stays short."""
    out: list[str] = []
    for number, chunk in enumerate(chunks):
        longer = out + chunk
        if number and (len(longer) > _MAX_WORDS or len(" ".join(longer)) > _MAX_CHARS):
            break
        out = longer
    return out


def prep_phrase(words: list[Word], index: int) -> tuple[list[str], int] | None:
    """ "to Russia", "of the plan", "before the doors opened": a preposition, a noun
    phrase that is not a time or another figure, and a verb when it opens a clause."""
    if index >= len(words) or kind(words[index]) not in ("prep", "sub"):
        return None
    if words[index].lower == "to" and index + 1 < len(words) and kind(words[index + 1]) == "verb":
        chunks = verb_phrase(words, index + 1)  # "a fund to help workers retrain"
        end = index + 1 + sum(len(c) for c in chunks)
        return (["to", *chunks[0], *chunks[1]], end) if len(chunks) > 1 else None
    end = noun_phrase(words, index + 1)
    if end == index + 1:
        return None
    phrase = words[index:end]
    timed = end < len(words) and kind(words[end]) == "time"
    if timed and (end + 1 >= len(words) or kind(words[end + 1]) != "time"):
        return None  # "on an average weekday", not "on a new pitch next summer"
    if kind(words[end - 1]) == "time" or any(kind(w) == "num" for w in phrase[1:2]):
        return None
    kept = [w.text for w in phrase if kind(w) != "num"]
    if words[index].lower in _CLAUSAL and end < len(words) and kind(words[end]) == "verb":
        # "after the river burst its banks": the clause with its object
        object_end = noun_phrase(words, end + 1)
        if object_end == end + 1 and end + 1 < len(words) and kind(words[end + 1]) == "pron":
            return None  # "before crews contained it"
        return [*kept, *texts(words[end:object_end])], object_end
    if words[index].lower == "to" and end == index + 2 and end < len(words):
        object_end = noun_phrase(words, end)  # "to clear the allotments"
        if object_end > end and kind(words[end]) == "det":
            return [*kept, *texts(words[end:object_end])], object_end
        if kind(words[end]) == "num" and words[index + 1].text.islower():
            return None  # "to resurface 18 miles": a verb whose object is a figure
    return kept, end


def verb_phrase(words: list[Word], index: int) -> Chunks:
    """The verb at ``index`` with its particle, object and one prepositional phrase."""
    chunks: Chunks = [[words[index].text]]
    index += 1
    particle = index < len(words) and words[index].lower in PARTICLES
    if particle and noun_phrase(words, index + 1) == index + 1:
        chunks[0].append(words[index].text)  # "queued outside", not "outside the hall"
        index += 1
    end = noun_phrase(words, index)
    if end > index and kind(words[end - 1]) != "time":
        chunks.append(texts(words[index:end]))
        index = end
    found = prep_phrase(words, index)
    if found is not None:
        chunks.append(found[0])
        index = found[1]
        more = prep_phrase(words, index)
        if more is not None and more[0][0].lower() == "of":
            chunks[-1] = chunks[-1] + more[0]  # "in support of the plan": one phrase
            index = more[1]
    if len(chunks) == 1 and index < len(words) and words[index].lower.endswith("ly"):
        closes = index + 1 >= len(words) or kind(words[index + 1]) in ("punct", "conj")
        if kind(words[index]) == "adv" and closes:
            chunks[0].append(words[index].text)  # "diagnosed annually"
            index += 1
    if len(chunks) == 1 and index < len(words) and kind(words[index]) not in ("punct", "conj"):
        return []  # "volunteers spent Saturday...": the verb's object is not a phrase
    return chunks


_MODALS = word_set("may might could would will can should must")
_PERSONS = word_set(
    """people persons residents voters patients workers staff employees students pupils
    children adults members volunteers visitors passengers customers families households
    victims fans runners protesters soldiers troops officers nurses doctors teachers"""
)


def post_modifier(words: list[Word], index: int) -> Chunks:
    """What follows a counted noun: "queued outside", "who wrote in support", "to Russia"."""
    if index >= len(words):
        return []
    count_people = index > 0 and words[index - 1].lower in _PERSONS
    word_kind = kind(words[index])
    relative: list[str] = []
    if word_kind == "rel" and words[index].lower in ("who", "that", "which"):
        relative = [words[index].text]
        index += 1
    modal: list[str] = []
    if index < len(words) and words[index].lower in _MODALS and not relative:
        modal = ["who" if count_people else "that", words[index].text]  # "may have perished"
        index += 1
    has = False
    while index < len(words) and words[index].lower in BE_HAVE:
        if modal:
            modal.append(words[index].text)
        has = words[index].lower in ("have", "has", "had")
        index += 1
    if has and index < len(words) and words[index].lower.endswith("ing"):
        return []  # "shelters have working lights": "have" is the verb
    if index < len(words) and kind(words[index]) == "verb":
        chunks = verb_phrase(words, index)
        if modal and chunks:
            chunks[0] = modal + chunks[0]
        if relative and len(chunks) > 1:
            # "who wrote in support of the plan": the relative whole or not at all.
            return [relative + chunks[0] + chunks[1]]
        return [] if relative else chunks
    if relative:
        return []
    found = prep_phrase(words, index)
    if found is None or found[0][0].lower() == "as":
        return []
    chunks = [found[0]]
    if found[0][0].lower() == "of":
        more = prep_phrase(words, found[1])
        if more:
            chunks.append(more[0])
    return chunks


def with_the(phrase: list[str]) -> list[str]:
    if phrase and phrase[0].lower() in ("a", "an"):
        return ["the", *phrase[1:]]
    return phrase


def bare_possessive(phrase: list[str]) -> list[str]:
    if phrase and phrase[0].lower() in ("its", "their", "his", "her", "our", "your"):
        return phrase[1:]
    return bare(phrase)


def bare(phrase: list[str]) -> list[str]:
    return phrase[1:] if phrase and phrase[0].lower() in ("a", "an", "the") else phrase
