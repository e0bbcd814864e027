"""The patterns an editor's label follows, each a function of the sentence's words.

* a count is labelled by the noun phrase it counts and what it did: "600 people queued
  outside" gives "people queued outside"; "a survey of 1,800 residents" gives "residents
  surveyed";
* money as the subject by what it did: "$1.1 million came from a drive" gives "from a
  drive" (what money measures otherwise is read by :mod:`label_measures`);
* a date by the event: "a pact that Kim and Putin signed in June 2024" gives "pact signed
  by Kim and Putin".

Each rule returns the label's words, or ``None`` when its pattern is not there.
"""

from __future__ import annotations

from bot.briefing.figures.label_chunks import (
    bare_possessive,
    fit,
    post_modifier,
    prep_phrase,
    texts,
    verb_phrase,
)
from bot.briefing.figures.label_phrases import (
    Word,
    kind,
    noun_phrase,
    noun_phrase_before,
)
from bot.briefing.figures.label_words import (
    AMOUNT_NOUNS,
    BE_HAVE,
    CHANGE_VERBS,
    COPULAS,
    EVENT_NOUNS,
    TIME_WORDS,
    TRANSFER_VERBS,
    participle,
)
from bot.briefing.figures.words import word_set

__all__ = ["event_label", "noun_label", "subject_verb_label"]

_IRREGULAR_DONE = word_set("paid spent sold bought won lost built made began set")


def noun_label(right: list[Word], left: list[Word], *, count: bool) -> list[str] | None:
    """What a figure counts: the noun phrase after it and what it did. A time is what a
    count counts ("10 years in prison"), but not money's or a share's ("in the year")."""
    index = 0
    if len(right) > 2 and right[0].lower in ("and", "or") and kind(right[1]) == "num":
        index = 2  # "the 14 and 22 bus routes"
    elif right and right[0].lower in ("of", "in", "worth"):
        index = 1 if right[0].lower != "worth" else 2 if len(right) > 1 else 1
        while index < len(right) and kind(right[index]) == "det":
            index += 1
    end = noun_phrase(right, index, determiner=False)
    head = texts(right[index:end])
    timed = kind(right[end - 1]) == "time" or (end < len(right) and kind(right[end]) == "time")
    if not head or (timed and (index or not count)):
        return None  # "in the fiscal year": when, not what
    event = _event_noun(left)
    if event:
        return [*head, event]
    owner = _owner(left)
    chunks = [([owner, "of"] if owner else []) + head, *post_modifier(right, end)]
    named = head[0][:1].isupper()  # "raped 17-year-old Virginia Giuffre": not "Giuffre raped"
    done = _done_to(left) if len(chunks) == 1 and not index and count and not named else None
    if done:
        chunks.append([done])  # "killed a total of 346 people": people killed
    if index and right[0].lower == "in" and left and left[-1].lower in TRANSFER_VERBS:
        # "inject $6.5 billion in debt and equity into WeWork"
        chunks.insert(1, [participle(left[-1].lower)])
    return fit(chunks)


_PAST_PARTICIPLES = {
    "drew": "drawn",
    "took": "taken",
    "gave": "given",
    "saw": "seen",
    "fed": "fed",
    "hit": "hit",
    "cut": "cut",
    "made": "made",
    "built": "built",
    "held": "held",
    "sent": "sent",
    "brought": "brought",
    "caught": "caught",
    "treated": "treated",
}


_HOLDING = word_set("included contained comprised featured had listed named")


def _done_to(left: list[Word]) -> str | None:
    """ "killed a total of 346 people", "sold 48,000 tickets": what was done to them."""
    index = len(left) - 1
    if index >= 2 and left[index].lower == "of" and left[index - 1].lower in AMOUNT_NOUNS:
        index -= 3 if kind(left[index - 2]) == "det" else 2
    if index < 0 or kind(left[index]) != "verb" or left[index].noun:
        return None
    if index and kind(left[index - 1]) == "det":
        return None  # "their projected 180-day cruise": an adjective
    verb = left[index].lower
    if verb in COPULAS or verb in CHANGE_VERBS or verb in BE_HAVE or verb in _HOLDING:
        return None
    if verb in _PAST_PARTICIPLES:
        return _PAST_PARTICIPLES[verb]
    if verb.endswith("ed") or (verb in TRANSFER_VERBS and participle(verb) == verb):
        return verb
    return None


def _event_noun(left: list[Word]) -> str | None:
    """ "a survey of 1,800 residents": the residents were surveyed."""
    if len(left) >= 2 and left[-1].lower == "of":
        return EVENT_NOUNS.get(
            left[-2].lower.rstrip("s") if left[-2].lower != "census" else "census"
        )
    return None


def _owner(left: list[Word]) -> str | None:
    """ "casualties of around 4,000 soldiers": the noun that owns the count."""
    if len(left) >= 2 and left[-1].lower == "of" and kind(left[-2]) == "word":
        noun = left[-2].text
        if noun.lower() not in AMOUNT_NOUNS and len(noun) >= 3:
            return noun
    return None


def subject_verb_label(right: list[Word]) -> list[str] | None:
    """The figure is the subject: "$1.1 million came from a drive" gives "from a drive"."""
    index = 0
    while index < len(right) and right[index].lower in BE_HAVE | word_set("will would"):
        index += 1
    if index >= len(right) or kind(right[index]) != "verb":
        return None
    verb = right[index].lower
    if verb in ("compared", "including", "according"):
        return None  # "save $250 compared to...": not what the money did
    if verb in ("came", "come", "comes", "coming"):
        found = prep_phrase(right, index + 1)
        return found[0] if found else None
    chunks = verb_phrase(right, index)
    return fit(chunks) if len(chunks) > 1 else None


def event_label(left: list[Word]) -> list[str] | None:
    """What happened on a date: "a pact that Kim and Putin signed in" gives "pact signed
    by Kim and Putin"."""
    words = list(left)
    while words and (kind(words[-1]) in ("prep", "sub") or words[-1].text == ","):
        words.pop()
    if not words:
        return None
    agent: list[str] = []
    end = len(words)
    start = noun_phrase_before(words, end)
    if start < end and start >= 2 and words[start - 1].lower == "by":
        agent, end = texts(words[start:end]), start - 1
    if not agent and start < end and start >= 2 and kind(words[start - 1]) == "prep":
        earlier = noun_phrase_before(words, start - 1)  # "added bins along the towpath in"
        if 1 <= earlier < start - 1 and kind(words[earlier - 1]) in ("verb", "say"):
            start, end = earlier, start - 1
    verb_at = start - 1
    while verb_at > 0 and (
        kind(words[verb_at]) in ("num", "det") or words[verb_at].lower in AMOUNT_NOUNS
    ):
        verb_at -= 1  # "carried a record 2.1 million passengers in"
    if not agent and start < end and verb_at >= 0 and kind(words[verb_at]) in ("verb", "say"):
        # "the town opened its new swimming pool in": the pool opened
        done = words[verb_at].lower
        if done.endswith("ed") or done in _IRREGULAR_DONE:
            head = bare_possessive(texts(words[start:end]))
            return fit([[*head, participle(done)]]) if head else None
    if end == 0 or kind(words[end - 1]) != "verb":
        return None
    verb = words[end - 1].text
    before = end - 1
    while before and words[before - 1].lower in BE_HAVE:
        before -= 1  # "Sentencing is scheduled for"
    if not agent and before >= 2:
        start = noun_phrase_before(words, before)
        if start < before and start >= 1 and kind(words[start - 1]) == "rel":
            agent, before = texts(words[start:before]), start - 1
    if before and kind(words[before - 1]) == "rel" and not agent:
        before -= 1
        if before and words[before - 1].text == ",":
            before -= 1  # "the roof, which had leaked since"
    start = noun_phrase_before(words, before)
    if start == before:
        return None
    head = texts(words[start:before])
    if words[start].lower in ("a", "an", "the") and head:
        head = head[1:]
    if not head or words[before - 1].lower in TIME_WORDS:
        return None
    return fit([[*head, verb], ["by", *agent]] if agent else [[*head, verb]])
