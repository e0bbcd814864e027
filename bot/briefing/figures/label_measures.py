"""What money or a percentage measures, read from the clause before it.

"a renovation that cost $3.2 million" gives "cost of the renovation"; "cut the
building's energy bill by 40%" gives "cut in the building's energy bill"; "raised £1.2
million for charity" gives "raised for charity"; "rose by £10 to £145" labels the level
by its subject; ", up 27% on the previous season" is the change of the main clause.
"""

from __future__ import annotations

from bot.briefing.figures.label_chunks import (
    bare,
    bare_possessive,
    fit,
    prep_phrase,
    texts,
    with_the,
)
from bot.briefing.figures.label_phrases import (
    Word,
    is_pronoun,
    kind,
    noun_phrase,
    noun_phrase_before,
)
from bot.briefing.figures.label_words import (
    AMOUNT_NOUNS,
    BE_HAVE,
    CHANGE_VERBS,
    COPULAS,
    PARTICLES,
    RAISING,
    TRANSFER_VERBS,
    nominal,
    participle,
)
from bot.briefing.figures.words import word_set

__all__ = ["measure_label"]

_CLAUSE_PUNCT = frozenset(',;:()[]—–"“”')
_ATTACHING = word_set(
    "of at in from for on with among across over under near along outside inside to into"
)
_LOCATIVE = word_set("near at in on by along outside beside behind opposite off")
_COST = word_set("cost costs costing")
_VALUE = word_set("valued worth priced")
_PREDICTIONS = {"forecast": "forecast", "expected": "expected", "projected": "projected"}
_PER = {"year": "annual", "month": "monthly", "week": "weekly", "day": "daily"}
_MARKERS = word_set("by to from at of about around for")
_SELLING = word_set("sell sells sold selling fetch fetched go went going priced")
_ESTIMATES = word_set("estimate estimates estimated put puts valued value values")


def measure_label(left: list[Word], right: list[Word], *, money: bool) -> list[str] | None:
    """What money or a percentage measures, read from the verb before it."""
    floor = _clause_start(left)
    clause, marker = _trim_clause(left, floor)
    amount = None
    if marker == "of" and clause and clause[-1].lower in AMOUNT_NOUNS:
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
            return ["value", "of", *with_the(texts(left[start:end]))]
        if marker == "of" and left[end - 1].lower in AMOUNT_NOUNS:
            return None  # "a maximum of 10 years": the noun after says it
        if marker == "of":  # "a budget gap of", "approve a budget of"
            verb_word = before.lower if before and kind(before) == "verb" else ""
            done = [participle(verb_word)] if verb_word in TRANSFER_VERBS else []
            return fit([[*done, *bare(texts(left[start:end]))]])
        start = _extend_back(left, start, floor)  # "cut traffic on the high street by"
        if start - 1 < floor:
            return None
        verb, object_start = start - 1, start
    word = left[verb].lower
    objects = texts(left[object_start:end])
    if marker == "worth" or (word == "worth"):
        subject, _ = _subject(left, verb + 1 if word == "worth" else verb, floor)
        return ["value", "of", *with_the(subject)] if subject else None
    subject, prediction = _subject(left, verb, floor)
    if marker == "for":  # "the homes will sell for", else unsure
        return ["price", "of", *with_the(subject)] if word in _SELLING and subject else None
    if word in _COST:
        label = ["cost", "of", *with_the(subject)] if subject else ["cost"]
        return fit([label, ["to", *objects]] if objects else [label])
    if word in _VALUE:
        return ["value", "of", *with_the(subject)] if subject else None
    if word in _ESTIMATES and objects and marker == "at":
        if objects[-1] in AMOUNT_NOUNS:  # "local data puts the figure at"
            return fit([subject]) if subject else None
        return fit([["estimated", *bare(objects)]])  # "estimate the damage at"
    if word in TRANSFER_VERBS and (money or word not in CHANGE_VERBS):
        found = _transfer(word, subject, right, prediction)
        if found and particles and found[0] == participle(word):
            return [found[0], *particles, *found[1:]]  # "set aside to repair the roof"
        return found
    if word in CHANGE_VERBS and marker == "to" and objects:
        return fit([bare_possessive(objects)])  # "boost its exports to China to $30bn"
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
        words[index].lower in BE_HAVE | RAISING | word_set("to will would could may might")
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
        return texts(words[start : antecedent + 1]), prediction
    if index < floor:
        return _subject_before_aside(words, floor), prediction
    start = _extend_back(words, noun_phrase_before(words, index + 1), floor)
    subject = words[start : index + 1]
    if is_pronoun(subject) or start < floor or start > index:
        return [], prediction
    if start > floor and kind(words[start - 1]) in ("verb", "aux", "pron"):
        return [], prediction  # "they had used cannabis in the past month rose": unsure
    return _drop_amount(texts(subject)), prediction


def _subject_before_aside(words: list[Word], floor: int) -> list[str]:
    """ "The enclosure, which opened in May, cost £1.8 million": the enclosure."""
    if floor < 2 or words[floor - 1].text != ",":
        return []
    for comma in range(floor - 2, 0, -1):
        if words[comma].text == ",":
            if comma + 1 < floor and kind(words[comma + 1]) == "rel":
                start = noun_phrase_before(words, comma)
                return texts(words[start:comma]) if start < comma else []
            return []
    return []


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
        if word.lower() in AMOUNT_NOUNS and index + 1 < len(phrase) and phrase[index + 1] == "of":
            return phrase[index + 2 :]
    return phrase


def _counted_from(clause: list[Word]) -> list[str] | None:
    """ "fell from 26 seats": what both ends count."""
    for index in range(len(clause) - 2, 0, -1):
        if clause[index].lower == "from" or kind(clause[index]) != "num":
            continue
        if clause[index - 1].lower == "from":
            end = noun_phrase(clause, index + 1)
            return texts(clause[index + 1 : end]) if end == len(clause) > index + 1 else None
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
            amounts = clause[-1].lower in AMOUNT_NOUNS
            if verb >= 0 and kind(clause[verb]) == "verb" and direction and not amounts:
                noun = "rise" if direction == "up" else "fall"
                return fit([[noun, "in", *bare(texts(clause[object_start:]))]])
        if clause and len(clause) > 1 and clause[-1].lower in AMOUNT_NOUNS:
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
                return fit([[nominal(verb_word) or verb_word, "in", *bare(subject)]])
            return fit([[amount, *bare(subject)] if amount else subject])
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
    while clause and clause[-1].lower in ("much", "far", "well", "a", "an"):
        clause = clause[:-1]  # "to much more than $30 billion", "by about a third"
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


def _transfer(
    verb: str, subject: list[str], right: list[Word], prediction: str | None
) -> list[str] | None:
    """ "raised £1.2 million for charity": raised for charity."""
    found = prep_phrase(right, 0)
    if found and right[0].lower not in ("of", "in", "as"):
        return fit([[participle(verb)], found[0]])
    per = _per(right)
    noun = nominal(verb)
    if per and noun:
        return [per, noun]
    short = bare(subject)
    if short and len(short) <= 3 and noun:
        return [*([prediction] if prediction else []), *short, noun]  # "district spending"
    if short and len(short) <= 4:
        return fit([[participle(verb), "by", *with_the(subject)]])
    return [noun] if noun else None  # "You'll save $250": savings


def _per(right: list[Word]) -> str | None:
    """ "$780,000 a year": annual."""
    if len(right) >= 2 and right[0].lower in ("a", "per", "each", "every"):
        return _PER.get(right[1].lower)
    return None
