"""What a figure counts or measures, in the article's own words, read from POS tags.

The sentence is tagged once (:mod:`tagging`); a few rules read outwards from the figure:

1. the noun phrase it quantifies, with what it is of, a rate or a verb that reads as part
   of it ("600 people queued" → "people queued", "a 12% rise in bus fares" → "rise in bus
   fares", "300 buses a day"), never a verb that belongs to the sentence ("250
   volunteers signed a petition" → "volunteers"; :mod:`label_clause`);
2. otherwise the subject and verb it completes ("turnout reached 64%" → "turnout
   reached", "the reserves stood at £9m" → "reserves", "the rent will remain £950" →
   "rent"; after "and" or "but", the subject of the verb before), the noun that names it
   ("a budget of $18m"), or the verb phrase of a figure that is itself the subject;
3. for a date, the event before it ("opened its new pool in March 2025");
4. otherwise the phrase beside it.

A label has no numbers, no opening or dangling function word, at most seven words and
60 characters. A label that would be only a unit ("minutes"), a verb or a function word
is no label: ``label_for`` returns "" and the selector treats the figure as unlabelled.
Each rule looks at a bounded window of tokens, so a sentence costs its tagging, once.
"""

from __future__ import annotations

from collections.abc import Iterator

from bot.briefing.figures.label_clause import (
    container,
    cuts_object,
    doing,
    is_rate,
    reads_as_participle,
    shared_subject_end,
)
from bot.briefing.figures.label_score import is_contest_quantity, score_words
from bot.briefing.figures.numbers import Quantity
from bot.briefing.figures.tagging import Token, is_common, tag_sentence
from bot.briefing.figures.words import word_set

__all__ = ["label_for"]

MAX_WORDS = 7
MAX_CHARS = 60
_WINDOW = 12  # tokens read on each side of a figure

_NOUN = frozenset({"NN", "NNS", "NNP", "NNPS"})
_MODIFIER = frozenset({"JJ", "JJR", "JJS", "VBN", "VBG", "POS", "HYPH"}) | _NOUN
_DETERMINER = frozenset({"DT", "PRP$", "PDT"})
_VERB = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"})
_EDGE_TAGS = frozenset({"DT", "IN", "CC", "TO", "PRP$", "WDT", "WP", "MD", "POS", "PDT", "EX"})
_PUNCT_TAGS = frozenset({",", ".", ":", "(", ")", '"', "''", "``", "SYM", "$", "#"})
_SUBJECT = frozenset({"IN", "DT", "PRP$", "PRP", "CD", "VBG"})
_CHANGE = frozenset({"up", "down"})
_ENDPOINT = frozenset({"to", "from", "by", "at", "up", "down"})
_SKIPPED = frozenset({"IN", "TO", "DT", "JJ", "RB", "RP"}) | _NOUN
_AUXILIARIES = word_set("""be is are was were been being am 's have has had having do does did""")
# A linking verb says nothing of what a figure is: "the display size will remain 13.3 inches".
_LINKING = _AUXILIARIES | word_set("""remain remains remained stay stays stayed""")
_BREAK_WORDS = word_set("""which who whom whose that and but or while whereas said says""")
_CLAUSE_WORDS = word_set("""which who whom whose that but while whereas said says""")
# "fans despite the rain": why or how, never which ("people arrested after the match" is).
_ADVERBIAL = word_set("""despite although though because as like unlike amid amidst until till""")
_UNITS = word_set(
    """second seconds minute minutes hour hours day days week weeks month months year years
    decade decades century centuries km kilometre kilometres kilometer kilometers mile miles
    metre metres meter meters foot feet ft inch inches cm mm kg kilogram kilograms gram
    grams tonne tonnes ton tons acre acres hectare hectares litre litres liter liters gallon
    gallons percent cent per point points times pence cents p mph degrees"""
)
_MULTIPLIERS = word_set("""thousand million billion trillion mn bn tn""")
_WHEN = frozenset({"last", "next", "past", "this"})
# "in March", "last year": when, not what; such a phrase never extends a label.
_TIME_WORDS = _UNITS | word_set(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday spring summer autumn fall
    winter morning afternoon evening night weekend weekday weekdays quarter today yesterday
    tomorrow time period"""
)


def _is_number(token: Token, quantity: Quantity) -> bool:
    inside = token.start < quantity.end and token.end > quantity.start and not _is_unit_noun(token)
    symbol = token.text in ("%", "$", "£", "€", "¥", "₹")
    return inside or symbol or token.tag == "CD" or any(c.isdigit() for c in token.text)


def _is_unit_noun(token: Token) -> bool:
    """A noun naming what a figure counts ("seats" in "from 26 seats to 11"), not a unit."""
    return (
        token.tag in _NOUN
        and token.text.isalpha()
        and len(token.text) > 2
        and token.lower not in _UNITS
        and token.lower not in _MULTIPLIERS
    )


def _inner_unit(tokens: tuple[Token, ...], i: int, j: int) -> list[Token] | None:
    """A change that names what it counts between its ends: "fell from 26 seats to 11"
    → "seats fell"."""
    inner = [t for t in tokens[i:j] if _is_unit_noun(t)]
    if not inner:
        return None
    verb = tokens[i - 1] if i > 0 else None
    if verb is not None and verb.tag in _VERB - {"MD"} and not _auxiliary(verb):
        return [*inner, verb]
    return inner


def _is_break(token: Token, words: frozenset[str] = _BREAK_WORDS) -> bool:
    return token.tag in _PUNCT_TAGS or token.lower in words


def _noun_phrase(tokens: tuple[Token, ...], k: int, stop: int) -> int:
    """The end of the noun phrase starting at ``k`` (modifiers, then nouns), or ``k``."""
    end = k
    if k < stop and tokens[k].lower in _WHEN:
        return k  # "0.4% last quarter"
    for m in range(k, min(stop, k + 6)):
        tag, word = tokens[m].tag, tokens[m].lower
        if m > k and (word in _WHEN or (word in _TIME_WORDS and word not in _UNITS)):
            break  # "parents last autumn": when, not what
        if tag in _NOUN:
            end = m + 1
        elif tag == "CC" and word in ("and", "or") and m + 1 < stop and m > k:
            if tokens[m + 1].tag not in _NOUN | {"JJ"}:
                break  # "lawyers and investigators", "Northern and central counties"
        elif tag not in _MODIFIER or word in _BREAK_WORDS:
            break
    return end


def _prepositional(tokens: tuple[Token, ...], k: int, stop: int, *, when: bool = False) -> int:
    """The end of a phrase like "in bus fares" at ``k``, or ``k``; a when only if ``when``."""
    if k >= stop or tokens[k].tag not in ("IN", "TO") or tokens[k].lower in _BREAK_WORDS:
        return k
    if tokens[k].lower in _ADVERBIAL:
        return k
    m = k + 1
    while m < stop and tokens[m].tag in _DETERMINER | {"JJ", "JJS", "JJR"}:
        m += 1
    end = _noun_phrase(tokens, m, stop)
    if end == m or (not when and any(t.lower in _TIME_WORDS for t in tokens[m:end])):
        return k
    return end


def _verb_group(tokens: tuple[Token, ...], k: int, stop: int) -> int:
    """The end of the verbs (with adverbs and particles) starting at ``k``, or ``k``."""
    m = k
    while m < stop and (tokens[m].tag in _VERB or tokens[m].tag in ("RB", "RP", "TO")):
        m += 1
    has_verb = any(t.tag in _VERB for t in tokens[k:m])
    while m > k and tokens[m - 1].tag == "TO":
        m -= 1
    return m if has_verb else k


def _auxiliary(token: Token) -> bool:
    return token.lower in _AUXILIARIES


def _content(words: list[Token]) -> list[Token]:
    """Drop auxiliaries when a content verb follows them ("were injured" → "injured")."""
    main = [t for t in words if t.tag in _VERB and t.tag != "MD" and t.lower not in _AUXILIARIES]
    if not main:
        return [t for t in words if t.tag not in _VERB]
    return [t for t in words if not (t.tag in _VERB and t not in main and t.tag != "MD")]


def _counted(
    tokens: tuple[Token, ...], j: int, stop: int, i: int, start: int, *, money: bool
) -> list[Token] | None:
    """The noun phrase right after the figure, with what it did or what it is of."""
    k = j
    while k + 1 < stop and tokens[k].tag == "DT" and tokens[k + 1].lower in _TIME_WORDS:
        k += 2  # "$53 million a week is coming": a rate, not what is counted
    if k < stop and tokens[k].lower in ("of", "in") and (tokens[k].lower == "of" or money):
        k += 1  # "150 of the staff", "$6.5bn in debt and equity"
        while k < stop and tokens[k].tag in _DETERMINER:
            k += 1
    end = _noun_phrase(tokens, k, stop)
    if end == k:
        return None
    phrase = list(tokens[k:end])
    if any(t.lower in _TIME_WORDS and t.lower not in _UNITS for t in phrase):
        return None  # "£9m in March", "12 weekdays"
    if all(t.lower in _UNITS for t in phrase) and k == j:  # "71% of points" counts points
        if end < stop and tokens[end].tag in ("JJR", "RBR"):  # "nine times higher than"
            return phrase + list(tokens[end : _prepositional(tokens, end + 1, stop)])
        if end < stop and tokens[end].tag in _DETERMINER and phrase[-1].lower == "times":
            counted = _noun_phrase(tokens, end + 1, stop)  # "18 times the number of cells"
            if counted > end + 1:
                return phrase + list(tokens[end : _prepositional(tokens, counted, stop)])
        return None  # "12 minutes": a unit says nothing of what is counted
    if i >= 2 and tokens[i - 1].lower == "of" and tokens[i - 2].tag in _NOUN:
        return [tokens[i - 2], tokens[i - 1], *phrase]  # "a poll of 1,200 voters"
    if is_rate(tokens, end, stop):
        phrase += tokens[end : end + 2]
        end += 2
    after = _verb_group(tokens, end, stop)
    done = doing(tokens, after, stop) if after > end else []
    if done or (after > end and cuts_object(tokens, end, after, stop)):
        return phrase + done  # not "volunteers spent", a clause cut short
    if after > end:
        phrase += _content(list(tokens[end:after]))
    elif j == k and i > 0 and reads_as_participle(tokens[i - 1]):
        phrase.append(tokens[i - 1])  # "welcomed 48,000 visitors" → "visitors welcomed"
    extended = _prepositional(tokens, after, stop)
    if extended > after and len(phrase) + extended - after <= MAX_WORDS:
        return phrase + list(tokens[after:extended])
    held = container(tokens, i - 1, start) if j == k and after == end and i > 0 else None
    if held and len(phrase) + len(held) <= MAX_WORDS:
        phrase += held  # "this year's haul included 38 trolleys" → "trolleys in this year's haul"
    return phrase


def _of_them(tokens: tuple[Token, ...], j: int, stop: int) -> list[Token] | None:
    """ "5,200 of them have waited over a year": the group was named before."""
    k = j + 1
    if k >= stop or tokens[j].lower != "of" or tokens[k].tag not in ("PRP", "DT"):
        return None
    if tokens[k].lower in ("the", "a", "an"):
        return None
    after = _verb_group(tokens, k + 1, stop)
    if after == k + 1:
        return None
    end = _prepositional(tokens, after, stop, when=True)
    if end == after:
        end = _noun_phrase(tokens, after, stop)
    return _content(list(tokens[k + 1 : end]))


def _subject_verb(tokens: tuple[Token, ...], i: int, start: int) -> list[Token] | None:
    """The subject and verb the figure completes: "turnout reached", "fares will rise".

    The verb stays when the figure is its object or its change ("will cost £2m", "rise
    by 8%"), not after another preposition ("reserves stood at £9m" → "reserves"). A
    figure that a noun names ("a budget of $18m") is labelled by that noun.
    """
    m = i - 1
    while m >= start and i - m <= 5 and tokens[m].tag not in _VERB:
        if tokens[m].tag not in _SKIPPED or _is_break(tokens[m]):
            return None  # "by an average of" is skipped; anything else is not a verb's object
        m -= 1
    skipped = tokens[m + 1 : i]
    named = len(skipped) >= 2 and skipped[-1].lower in ("of", "worth")
    if named and skipped[-2].tag in _NOUN and not any(t.lower == "by" for t in skipped):
        noun_start = len(skipped) - 2
        while noun_start > 0 and skipped[noun_start - 1].tag in _MODIFIER:
            noun_start -= 1
        return list(skipped[noun_start:-1])  # "a budget of $18.6m", "a deal worth $6m"
    if m < start or tokens[m].tag not in _VERB:
        return None
    keep_verb = not skipped or skipped[0].lower == "by" or skipped[0].tag not in ("IN", "TO")
    verb_end = m + 1
    while m >= start and (tokens[m].tag in _VERB or tokens[m].tag in ("RB", "TO")):
        m -= 1
    group = tokens[m + 1 : verb_end]
    linking = all(t.tag == "MD" or t.lower in _LINKING for t in group if t.tag in _VERB)
    verbs = _content(list(group)) if keep_verb and not linking else []
    verbs += [t for t in skipped if t.lower in _CHANGE]  # "shares are up 40%"
    if m >= 0 and m == start - 1 and tokens[m].lower in ("and", "but"):
        m = shared_subject_end(tokens, m)  # "the pound fell early but was down 1.2%"
        if m < 0:
            return None
        start = max(0, m - _WINDOW)
    if m >= 0 and (tokens[m].tag in ("WDT", "WP") or tokens[m].lower == "which"):
        m -= 1  # "the refurbishment, which cost": the subject is before the comma
        while m >= 0 and tokens[m].tag in _PUNCT_TAGS:
            m -= 1
        start = max(0, m - _WINDOW)
    elif m >= 0 and tokens[m].text == ")":  # "the Nikkei 225 (N225) declined 0.3%"
        opening = next((n for n in range(m - 1, max(-1, m - 8), -1) if tokens[n].text == "("), m)
        m = opening - 1
        start = max(0, m - _WINDOW)
    end = m + 1
    while m >= start and (tokens[m].tag in _SUBJECT or tokens[m].tag in _MODIFIER):
        if tokens[m].lower in _BREAK_WORDS:
            break
        m -= 1
        if tokens[m + 1].tag in _DETERMINER and (m < 0 or tokens[m].tag not in ("IN",)):
            break  # "the report claims the display size": the subject starts at "the"
    subject = list(tokens[m + 1 : end])
    while subject and subject[0].tag not in _NOUN | _MODIFIER | {"PRP"}:
        subject.pop(0)
    if not subject:
        return None
    if len(subject) + len(verbs) > MAX_WORDS:  # "the number of households on the list"
        fits = [n for n, t in enumerate(subject) if n and t.tag == "IN" and n + len(verbs) <= 7]
        subject = subject[: max(fits, default=len(subject))]
    return subject + verbs


def _main_subject(tokens: tuple[Token, ...], i: int, start: int) -> list[Token] | None:
    """A change after a comma is the clause's before it: "membership reached 2,300, up
    15%" → "membership up", "shares rose, climbing 80%" → "shares climbing"."""
    if start == 0 or tokens[start - 1].text != "," or start < i - 5 or start == i:
        return None
    if tokens[start].lower not in _ENDPOINT and tokens[start].tag != "VBG":
        return None  # "..., including $1bn for": not a change of the clause before
    if any(t.tag in _VERB and t.tag != "VBG" for t in tokens[start:i]):
        return None
    change = [t for t in tokens[start:i] if t.lower in _CHANGE or t.tag == "VBG"]
    if any(t.lower == "from" for t in tokens[start:i]):
        change = []  # "up from 2,650": where it started, not the change
    before = start - 1
    while before > 0 and start - before <= _WINDOW and not _is_break(tokens[before - 1]):
        before -= 1
    found = _subject_verb(tokens, start - 1, before)
    if found:
        return [t for t in found if t.tag not in _VERB] + change
    k = 0
    while k < start and tokens[k].tag in _DETERMINER:
        k += 1
    end = _noun_phrase(tokens, k, start)
    if end == k:
        return None
    return [*tokens[k : _prepositional(tokens, end, start)], *change]


def _event(tokens: tuple[Token, ...], i: int, start: int) -> list[Token]:
    """For a date: the clause before it, "town opened its new swimming pool", or what a
    relative clause says of its noun ("a pact that the two leaders signed" → "pact signed")."""
    for r in range(i - 1, max(0, i - _WINDOW), -1):
        if tokens[r].tag in _PUNCT_TAGS:
            break
        if tokens[r].lower in ("that", "which") and tokens[r - 1].tag in _NOUN:
            n = r - 1
            while n > 0 and tokens[n - 1].tag in _MODIFIER and r - n < 5:
                n -= 1
            verbs = [t for t in tokens[r + 1 : i] if t.tag in ("VBD", "VBN")]
            if verbs:
                return [*tokens[n:r], *verbs]
    end = i
    while end > start and tokens[end - 1].tag in ("IN", "TO", "DT", "RB"):
        end -= 1
    return list(tokens[max(start, end - MAX_WORDS) : end])


def _beside(
    tokens: tuple[Token, ...], j: int, stop: int, i: int, start: int, *, ordinal: bool
) -> list[Token] | None:
    """The phrase beside the figure: after it, else before it; never for a duration."""
    if j < len(tokens) and tokens[j].lower in _UNITS and not ordinal:
        return None  # "over the next four years" says nothing of what "four" counts
    right = list(tokens[j : min(stop, j + MAX_WORDS)])
    if any(t.tag in _NOUN and t.lower not in _UNITS for t in right):
        return right
    return list(tokens[max(start, i - MAX_WORDS) : i])


def _tidy(
    words: list[Token], quantity: Quantity, sentence_start: int, *, verb_phrase: bool = False
) -> str:
    """The label from ``words``: no numbers, no edge function words, short, or ""."""
    words = [w for w in words if not _is_number(w, quantity)]
    for n, w in enumerate(words):
        if w.tag in _PUNCT_TAGS:
            words = words[:n]  # a label never runs over a comma or a bracket
            break
    while len(words) > MAX_WORDS:
        cut = max((n for n, w in enumerate(words) if n >= 2 and w.tag in ("IN", "CC")), default=0)
        words = words[: cut or MAX_WORDS]
    while words and (
        words[0].tag in _EDGE_TAGS
        or words[0].tag in _PUNCT_TAGS
        or words[0].tag == "HYPH"
        or words[0].lower in _AUXILIARIES
    ):
        words.pop(0)
    while words and (
        (
            words[-1].tag in _EDGE_TAGS | {"RB", "RP", "WRB", "HYPH"}
            and words[-1].lower not in _CHANGE
        )
        or words[-1].lower in _WHEN
        or words[-1].tag in _PUNCT_TAGS
    ):
        words.pop()
    if not (_says_what(words) or (verb_phrase and len(words) >= 3)):
        return ""
    text = ""
    for n, w in enumerate(words):
        word = w.text
        following = [v for v in words[n + 1 :] if v.tag != "POS"][:1]
        proper = bool(following) and following[0].text[:1].isupper()  # "China's Nikkei"
        if w.start == sentence_start and is_common(word) and not word.isupper() and not proper:
            word = word.lower()  # the sentence's capital, not the word's
        glued = n == 0 or w.tag in ("POS", "HYPH") or words[n - 1].tag == "HYPH"
        text += word if glued else " " + word
    while len(text) > MAX_CHARS and " " in text:
        text = text.rsplit(" ", 1)[0]
    return text


def _says_what(words: list[Token]) -> bool:
    """Not a bare verb, unit or function word: a noun that is not a unit, or a gerund
    clause that acts as one ("ending them will save")."""
    if any(w.tag in _NOUN and w.lower not in _UNITS for w in words):
        return True
    return len(words) >= 3 and words[0].tag == "VBG"


def _acting(tokens: tuple[Token, ...], j: int, stop: int, i: int, start: int) -> list[Token] | None:
    """A figure that is the subject: what it did ("the remaining $300,000 came from a grant")."""
    if any(t.tag in _VERB or t.tag in _NOUN for t in tokens[start:i]):
        return None
    rate = list(tokens[j : j + 2]) if is_rate(tokens, j, stop) else []
    j += len(rate)  # "$53m a week is coming across the border": the rate ends the label
    after = _verb_group(tokens, j, stop)
    if after == j:
        return None
    end = _prepositional(tokens, after, stop)
    if end == after:
        begin = after + 1 if after < stop and tokens[after].tag in _DETERMINER else after
        end = _noun_phrase(tokens, begin, stop)
    return _content(list(tokens[j:after])) + list(tokens[after:end]) + rate


def _readings(
    tokens: tuple[Token, ...], quantity: Quantity, i: int, j: int, *, score: bool = False
) -> Iterator[list[Token] | None]:
    """The rules' readings of the figure at tokens ``i:j``, most specific first."""
    start = i
    while start > 0 and i - start < _WINDOW and not _is_break(tokens[start - 1]):
        start -= 1
    stop = j
    while stop < len(tokens) and stop - j < _WINDOW and not _is_break(tokens[stop], _CLAUSE_WORDS):
        stop += 1
    if quantity.kind in ("date", "year"):
        yield _event(tokens, i, start)
        return
    if score:
        yield score_words(tokens, j, stop, i, start)
    yield _counted(tokens, j, stop, i, start, money=quantity.kind == "money")
    yield _subject_verb(tokens, i, start)
    yield _main_subject(tokens, i, start)
    if len(quantity.values) == 2:
        yield _inner_unit(tokens, i, j)
    yield _acting(tokens, j, stop, i, start)
    yield _beside(tokens, j, stop, i, start, ordinal=quantity.kind == "ordinal")


def label_for(sentence: str, quantity: Quantity) -> str:
    """A short phrase saying what ``quantity`` in ``sentence`` counts or measures, or ""."""
    tagged = tag_sentence(sentence)
    tokens = tagged.tokens
    if not tokens:
        return ""
    i = tagged.index(quantity.start)
    j = max(i, tagged.index(quantity.end - 1) + 1)
    sentence_start = tokens[0].start
    of_them = _of_them(tokens, j, min(len(tokens), j + _WINDOW))
    if of_them:  # "5,200 of them have waited over a year": what they did
        return _tidy(of_them, quantity, sentence_start, verb_phrase=True)
    for words in _readings(tokens, quantity, i, j, score=is_contest_quantity(sentence, quantity)):
        label = _tidy(words, quantity, sentence_start) if words else ""
        if label:
            return label
    return ""
