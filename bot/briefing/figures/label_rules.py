"""The patterns an editor's label follows, each a function of the sentence's words.

* a count is labelled by the noun phrase it counts and what it did: "600 people queued
  outside" gives "people queued outside"; "a survey of 1,800 residents" gives "residents
  surveyed";
* money and percentages by what they measure: "a renovation that cost $3.2 million"
  gives "cost of the renovation", "cut the building's energy bill by 40%" gives "cut in
  the building's energy bill", "$1.1 million came from a drive" gives "from a drive",
  "raised £1.2 million for charity" gives "raised for charity";
* a date by the event: "a pact that Kim and Putin signed in June 2024" gives "pact signed
  by Kim and Putin".

Each rule returns the label's words, or ``None`` when its pattern is not there.
"""

from __future__ import annotations

from bot.briefing.figures.label_phrases import (
    Word,
    is_pronoun,
    kind,
    noun_phrase,
    noun_phrase_before,
)
from bot.briefing.figures.label_words import (
    CHANGE_VERBS,
    COPULAS,
    EVENT_NOUNS,
    PARTICLES,
    RAISING,
    TIME_WORDS,
    TRANSFER_VERBS,
    nominal,
    participle,
)
from bot.briefing.figures.words import word_set

__all__ = ["event_label", "measure_label", "noun_label", "subject_verb_label"]

Chunks = list[list[str]]

_MAX_WORDS = 8
_MAX_CHARS = 60
_CLAUSE_PUNCT = frozenset(',;:()[]—–"“”')
_ATTACHING = word_set(
    "of at in from for on with among across over under near along outside inside to into"
)
_LOCATIVE = word_set("near at in on by along outside beside behind opposite off")
_CLAUSAL = word_set("before after until since when while as once")
_COST = word_set("cost costs costing")
_VALUE = word_set("valued worth priced")
_PREDICTIONS = {"forecast": "forecast", "expected": "expected", "projected": "projected"}
_PLANS = word_set("plans plan planned planning aims aim wants want agreed hopes seeks")
_PER = {"year": "annual", "month": "monthly", "week": "weekly", "day": "daily"}
_DROPPED_AUX = word_set("is are was were be been being have has had")


def _texts(words: list[Word]) -> list[str]:
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


def _prep_phrase(words: list[Word], index: int) -> tuple[list[str], int] | None:
    """ "to Russia", "of the plan", "before the doors opened": a preposition, a noun
    phrase that is not a time or another figure, and a verb when it opens a clause."""
    if index >= len(words) or kind(words[index]) not in ("prep", "sub"):
        return None
    if words[index].lower == "to" and index + 1 < len(words) and kind(words[index + 1]) == "verb":
        chunks = _verb_phrase(words, index + 1)  # "a fund to help workers retrain"
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
    texts = [w.text for w in phrase if kind(w) != "num"]
    if words[index].lower in _CLAUSAL and end < len(words) and kind(words[end]) == "verb":
        # "after the river burst its banks": the clause with its object
        object_end = noun_phrase(words, end + 1)
        return [*texts, *_texts(words[end:object_end])], object_end
    if words[index].lower == "to" and end == index + 2 and end < len(words):
        object_end = noun_phrase(words, end)  # "to clear the allotments"
        if object_end > end and kind(words[end]) == "det":
            return [*texts, *_texts(words[end:object_end])], object_end
        if kind(words[end]) == "num" and words[index + 1].text.islower():
            return None  # "to resurface 18 miles": a verb whose object is a figure
    return texts, end


def _verb_phrase(words: list[Word], index: int) -> Chunks:
    """The verb at ``index`` with its particle, object and one prepositional phrase."""
    chunks: Chunks = [[words[index].text]]
    index += 1
    particle = index < len(words) and words[index].lower in PARTICLES
    if particle and noun_phrase(words, index + 1) == index + 1:
        chunks[0].append(words[index].text)  # "queued outside", not "outside the hall"
        index += 1
    end = noun_phrase(words, index)
    if end > index and kind(words[end - 1]) != "time":
        chunks.append(_texts(words[index:end]))
        index = end
    found = _prep_phrase(words, index)
    if found is not None:
        chunks.append(found[0])
        index = found[1]
        more = _prep_phrase(words, index)
        if more is not None and more[0][0].lower() == "of":
            chunks[-1] = chunks[-1] + more[0]  # "in support of the plan": one phrase
            index = more[1]
    if len(chunks) == 1 and index < len(words) and kind(words[index]) not in ("punct", "conj"):
        return []  # "volunteers spent Saturday...": the verb's object is not a phrase
    return chunks


def _post_modifier(words: list[Word], index: int) -> Chunks:
    """What follows a counted noun: "queued outside", "who wrote in support", "to Russia"."""
    if index >= len(words):
        return []
    word_kind = kind(words[index])
    relative: list[str] = []
    if word_kind == "rel" and words[index].lower in ("who", "that", "which"):
        relative = [words[index].text]
        index += 1
    while index < len(words) and words[index].lower in _DROPPED_AUX:
        index += 1
    if index < len(words) and kind(words[index]) == "verb":
        chunks = _verb_phrase(words, index)
        if relative and len(chunks) > 1:
            # "who wrote in support of the plan": the relative whole or not at all.
            return [relative + chunks[0] + chunks[1]]
        return [] if relative else chunks
    if relative:
        return []
    found = _prep_phrase(words, index)
    if found is None or found[0][0].lower() == "as":
        return []
    chunks = [found[0]]
    if found[0][0].lower() == "of":
        more = _prep_phrase(words, found[1])
        if more:
            chunks.append(more[0])
    return chunks


def noun_label(right: list[Word], left: list[Word], *, count: bool) -> list[str] | None:
    """What a figure counts: the noun phrase after it and what it did. A time is what a
    count counts ("10 years in prison"), but not money's or a share's ("in the year")."""
    index = 0
    if right and right[0].lower in ("of", "in", "worth"):
        index = 1 if right[0].lower != "worth" else 2 if len(right) > 1 else 1
        while index < len(right) and kind(right[index]) == "det":
            index += 1
    end = noun_phrase(right, index, determiner=False)
    head = _texts(right[index:end])
    timed = kind(right[end - 1]) == "time" or (end < len(right) and kind(right[end]) == "time")
    if not head or (timed and (index or not count)):
        return None  # "in the fiscal year": when, not what
    event = _event_noun(left)
    if event:
        return [*head, event]
    owner = _owner(left)
    chunks = [([owner, "of"] if owner else []) + head, *_post_modifier(right, end)]
    if index and right[0].lower == "in" and left and left[-1].lower in TRANSFER_VERBS:
        # "inject $6.5 billion in debt and equity into WeWork"
        chunks.insert(1, [participle(left[-1].lower)])
    return fit(chunks)


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
        if noun.lower() not in _AMOUNT_NOUNS and len(noun) >= 3:
            return noun
    return None


_AMOUNT_NOUNS = word_set(
    """total number sum estimate average maximum minimum figure range tally group record
    high low peak level"""
)


def subject_verb_label(right: list[Word]) -> list[str] | None:
    """The figure is the subject: "$1.1 million came from a drive" gives "from a drive"."""
    index = 0
    while index < len(right) and right[index].lower in _DROPPED_AUX | word_set("will would"):
        index += 1
    if index >= len(right) or kind(right[index]) != "verb":
        return None
    verb = right[index].lower
    if verb in ("compared", "including", "according"):
        return None  # "save $250 compared to...": not what the money did
    if verb in ("came", "come", "comes", "coming"):
        found = _prep_phrase(right, index + 1)
        return found[0] if found else None
    chunks = _verb_phrase(right, index)
    return fit(chunks) if len(chunks) > 1 else None


def _clause_start(words: list[Word]) -> int:
    for index in range(len(words) - 1, -1, -1):
        if words[index].text in _CLAUSE_PUNCT or kind(words[index]) in ("say",):
            return index + 1
    return 0


def _subject(words: list[Word], verb: int, floor: int) -> tuple[list[str], str | None]:
    """The subject of the verb at ``verb`` and a word of prediction in its chain."""
    index = verb - 1
    prediction = None
    while index >= floor and (
        words[index].lower in _DROPPED_AUX | RAISING | word_set("to will would could may might")
        or kind(words[index]) == "adv"
    ):
        prediction = prediction or _PREDICTIONS.get(words[index].lower)
        index -= 1
    if index >= 0 and kind(words[index]) == "rel":
        antecedent = index - 1
        if antecedent >= 0 and words[antecedent].text == ",":
            antecedent -= 1
        start = noun_phrase_before(words, antecedent + 1)
        if start > 1 and words[start - 1].lower in _LOCATIVE:
            earlier = noun_phrase_before(words, start - 1)
            if earlier < start - 1:
                start, antecedent = earlier, start - 2
        return _texts(words[start : antecedent + 1]), prediction
    if index < floor:
        return [], prediction
    start = _extend_back(words, noun_phrase_before(words, index + 1), floor)
    subject = words[start : index + 1]
    if is_pronoun(subject) or start < floor or start > index:
        return [], prediction
    if start > floor and kind(words[start - 1]) in ("verb", "aux", "pron"):
        return [], prediction  # "they had used cannabis in the past month rose": unsure
    return _drop_amount(_texts(subject)), prediction


def _extend_back(words: list[Word], start: int, floor: int) -> int:
    """ "costs at the site", "people waiting for treatment at the hospitals": a noun
    phrase with the prepositional phrases and -ing verbs that qualify it."""
    for _ in range(3):
        before = start - 1
        if before > floor and words[before].lower in _ATTACHING:
            earlier = noun_phrase_before(words, before)
            if earlier < before and earlier >= floor:
                start = earlier
                continue
            verb = before - 1  # "people waiting for treatment"
            if verb > floor and words[verb].lower.endswith("ing") and kind(words[verb]) == "verb":
                earlier = noun_phrase_before(words, verb)
                if floor <= earlier < verb:
                    start = earlier
                    continue
        break
    return start


def _drop_amount(phrase: list[str]) -> list[str]:
    """ "The number of people waiting": the people waiting."""
    for index, word in enumerate(phrase[:3]):
        if word.lower() in _AMOUNT_NOUNS and index + 1 < len(phrase) and phrase[index + 1] == "of":
            return phrase[index + 2 :]
    return phrase


def _with_the(phrase: list[str]) -> list[str]:
    if phrase and phrase[0].lower() in ("a", "an"):
        return ["the", *phrase[1:]]
    return phrase


def _bare_possessive(phrase: list[str]) -> list[str]:
    if phrase and phrase[0].lower() in ("its", "their", "his", "her", "our", "your"):
        return phrase[1:]
    return _bare(phrase)


def _bare(phrase: list[str]) -> list[str]:
    return phrase[1:] if phrase and phrase[0].lower() in ("a", "an", "the") else phrase


def _counted_from(clause: list[Word]) -> list[str] | None:
    """ "fell from 26 seats": what both ends count."""
    for index in range(len(clause) - 2, 0, -1):
        if clause[index].lower == "from" or kind(clause[index]) != "num":
            continue
        if clause[index - 1].lower == "from":
            end = noun_phrase(clause, index + 1)
            return _texts(clause[index + 1 : end]) if end == len(clause) > index + 1 else None
    return None


def _earlier_clause(
    left: list[Word], floor: int, direction: str | None, amount: str | None, *, by: bool
) -> list[str] | None:
    """The main clause a trailing figure qualifies: its subject (a level), or the change
    in its object or subject ("up 27% on the previous season")."""
    end = floor - 1
    for _ in range(3):
        start = _clause_start(left[:end])
        clause = left[start:end]
        while clause and (kind(clause[-1]) in ("num", "time", "prep", "det", "adv")):
            clause = clause[:-1]  # "rose 11% in the year to September", "rose more slowly"
        if clause and kind(clause[-1]) in ("word",) and len(clause) > 1:
            object_start = noun_phrase_before(clause, len(clause))
            verb = object_start - 1
            while verb > 0 and kind(clause[verb]) in ("num", "det"):
                verb -= 1  # "carried 38.6 million passengers"
            amounts = clause[-1].lower in _AMOUNT_NOUNS
            if verb >= 0 and kind(clause[verb]) == "verb" and direction and not amounts:
                noun = "rise" if direction == "up" else "fall"
                return fit([[noun, "in", *_bare(_texts(clause[object_start:]))]])
        if clause and len(clause) > 1 and clause[-1].lower in _AMOUNT_NOUNS:
            clause = clause[: noun_phrase_before(clause, len(clause)) - 1 + 1]
            while clause and kind(clause[-1]) in ("det", "num"):
                clause = clause[:-1]  # "reached a record 1,850": what reached it
        if clause and kind(clause[-1]) == "verb":
            subject, _ = _subject(left, start + len(clause) - 1, start)
            if not subject:
                return None
            verb_word = clause[-1].lower
            if direction:
                return fit([["rise" if direction == "up" else "fall", "in", *subject]])
            if by and verb_word in CHANGE_VERBS:  # "rose more slowly, by 2.4 per cent"
                return fit([[nominal(verb_word) or verb_word, "in", *_bare(subject)]])
            return fit([[amount, *_bare(subject)] if amount else subject])
        if clause:
            return None
        end = start - 1
        if end <= 0:
            return None
    return None


def _trim_clause(left: list[Word], floor: int) -> tuple[list[Word], str | None]:
    """The clause before a figure without its last connecting words, and the last of
    them: "rose by £10 to" gives "rose" and "to"; "rose 11% in the year, to" the same."""
    clause = left[floor:]
    marker = None
    while clause and clause[-1].lower in ("much", "far", "well"):
        clause = clause[:-1]  # "to much more than $30 billion"
    while clause and clause[-1].lower in _MARKERS:
        marker = marker or clause[-1].lower
        clause = clause[:-1]
        if marker == "to":
            # "rose by £10 last year to £145": the step and its time are not the subject.
            while clause and (
                kind(clause[-1]) in ("num", "time") or clause[-1].lower in ("by", "from")
            ):
                clause = clause[:-1]
    return clause, marker


_MARKERS = word_set("by to from at of about around")


def measure_label(left: list[Word], right: list[Word], *, money: bool) -> list[str] | None:
    """What money or a percentage measures, read from the verb before it."""
    floor = _clause_start(left)
    clause, marker = _trim_clause(left, floor)
    amount = None
    if marker == "of" and clause and clause[-1].lower in _AMOUNT_NOUNS:
        # "rise by an average of £35": an average rise.
        start = noun_phrase_before(left, floor + len(clause))
        amount = clause[-1].lower if clause[-1].lower == "average" else None
        clause, marker = _trim_clause(left[:start], floor)
    counted = _counted_from(clause) if marker == "to" else None
    if counted:
        return counted  # "fell from 26 seats to 11": seats
    direction = clause[-1].lower if len(clause) == 1 else None
    if direction in ("up", "down") and marker in (None, "on", "by"):
        clause = []  # "..., up 27% on the previous season": a change of the main clause
    if not clause and floor > 1 and (marker in ("to", "by") or direction):
        # "rose 11% in the year to September, to £945": the level of the same subject.
        return _earlier_clause(left, floor, direction, amount, by=marker == "by")
    particles: list[str] = []
    while clause and (
        kind(clause[-1]) == "adv"
        or clause[-1].lower == "worth"
        or (clause[-1].lower in ("in", "out") and len(clause) > 1 and kind(clause[-2]) == "verb")
    ):
        if clause[-1].lower == "worth":  # "the contract is worth"
            marker = "worth"
        elif clause[-1].lower in PARTICLES | {"in"}:
            particles.insert(0, clause[-1].text)
        clause = clause[:-1]  # "set aside", "is worth"
    if not clause:
        return None
    end = floor + len(clause)
    verb = end - 1
    object_start = end
    if kind(left[verb]) not in ("verb", "aux") and left[verb].lower not in COPULAS:
        start = noun_phrase_before(left, end)
        if start == end:
            return None
        before = left[start - 1] if start > floor else None
        if marker == "worth":
            return ["value", "of", *_with_the(_texts(left[start:end]))]
        if marker == "of" and left[end - 1].lower in _AMOUNT_NOUNS:
            return None  # "a maximum of 10 years": the noun after says it
        if marker == "of":  # "a budget gap of", "approve a budget of"
            verb_word = before.lower if before and kind(before) == "verb" else ""
            done = [participle(verb_word)] if verb_word in TRANSFER_VERBS else []
            return fit([[*done, *_bare(_texts(left[start:end]))]])
        start = _extend_back(left, start, floor)  # "cut traffic on the high street by"
        if start - 1 < floor:
            return None
        verb, object_start = start - 1, start
    word = left[verb].lower
    objects = _texts(left[object_start:end])
    if marker == "worth" or (word == "worth"):
        subject, _ = _subject(left, verb + 1 if word == "worth" else verb, floor)
        return ["value", "of", *_with_the(subject)] if subject else None
    subject, prediction = _subject(left, verb, floor)
    if word in _COST:
        label = ["cost", "of", *_with_the(subject)] if subject else ["cost"]
        return fit([label, ["to", *objects]] if objects else [label])
    if word in _VALUE:
        return ["value", "of", *_with_the(subject)] if subject else None
    if word in _ESTIMATES and objects and marker == "at":
        if objects[-1] in _AMOUNT_NOUNS:  # "local data puts the figure at"
            return fit([subject]) if subject else None
        return fit([["estimated", *_bare(objects)]])  # "estimate the damage at"
    if word in TRANSFER_VERBS and (money or word not in CHANGE_VERBS):
        found = _transfer(word, subject, right, prediction)
        if found and particles and found[0] == participle(word):
            return [found[0], *particles, *found[1:]]  # "set aside to repair the roof"
        return found
    if word in CHANGE_VERBS and marker == "to" and objects:
        return fit([_bare_possessive(objects)])  # "boost its exports to China to $30bn"
    if marker in ("to", "from") and kind(left[verb]) == "verb" and subject and not objects:
        return fit([subject])  # "the deficit has narrowed to £180,000": the deficit
    if word in CHANGE_VERBS and marker != "to":
        noun = nominal(word) or word
        target = objects or subject
        if not target:
            return None
        qualifier = [word for word in (amount, prediction) if word]
        return fit([[*qualifier, noun, "in", *target]])
    if (word in COPULAS or word in CHANGE_VERBS or marker == "at") and subject and not objects:
        return fit([subject])
    return None


_IRREGULAR_DONE = word_set("paid spent sold bought won lost built made began set")
_ESTIMATES = word_set("estimate estimates estimated put puts valued value values")


def _transfer(
    verb: str, subject: list[str], right: list[Word], prediction: str | None
) -> list[str] | None:
    """ "raised £1.2 million for charity": raised for charity."""
    found = _prep_phrase(right, 0)
    if found and right[0].lower not in ("of", "in", "as"):
        return fit([[participle(verb)], found[0]])
    per = _per(right)
    noun = nominal(verb)
    if per and noun:
        return [per, noun]
    short = _bare(subject)
    if short and len(short) <= 3 and noun:
        return [*([prediction] if prediction else []), *short, noun]  # "district spending"
    if short and len(short) <= 4:
        return fit([[participle(verb), "by", *_with_the(subject)]])
    return [noun] if noun else None  # "You'll save $250": savings


def _per(right: list[Word]) -> str | None:
    """ "$780,000 a year": annual."""
    if len(right) >= 2 and right[0].lower in ("a", "per", "each", "every"):
        return _PER.get(right[1].lower)
    return None


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
        agent, end = _texts(words[start:end]), start - 1
    if not agent and start < end and start >= 1 and kind(words[start - 1]) == "verb":
        # "the town opened its new swimming pool in": the pool opened
        done = words[start - 1].lower
        if done.endswith("ed") or done in _IRREGULAR_DONE:
            head = _bare(_texts(words[start:end]))
            if head and head[0].lower() in ("its", "their", "his", "her", "our"):
                head = head[1:]
            return fit([[*head, participle(done)]]) if head else None
    if end == 0 or kind(words[end - 1]) != "verb":
        return None
    verb = words[end - 1].text
    before = end - 1
    while before and words[before - 1].lower in _DROPPED_AUX:
        before -= 1  # "Sentencing is scheduled for"
    if not agent and before >= 2:
        start = noun_phrase_before(words, before)
        if start < before and start >= 1 and kind(words[start - 1]) == "rel":
            agent, before = _texts(words[start:before]), start - 1
    if before and kind(words[before - 1]) == "rel" and not agent:
        before -= 1
    start = noun_phrase_before(words, before)
    if start == before:
        return None
    head = _texts(words[start:before])
    if words[start].lower in ("a", "an", "the") and head:
        head = head[1:]
    if not head or words[before - 1].lower in TIME_WORDS:
        return None
    return fit([[*head, verb], ["by", *agent]] if agent else [[*head, verb]])
