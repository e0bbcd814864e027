"""Closed word lists for reading news English without a tagger, and a little morphology.

Function words (determiners, prepositions, auxiliaries...) are a closed set, so listing
them marks where phrases end; content words are whatever is left. Verbs are the open
class that matters most for labels, so the common verbs of money and counting are
listed with the noun an editor would use for them ("rose" gives "rise", "cost" gives
"cost") and their past participle ("spend" gives "spent").
"""

from __future__ import annotations

from bot.briefing.figures.words import word_set

__all__ = [
    "ADVERBS",
    "AMOUNT_NOUNS",
    "AUXILIARIES",
    "BE_HAVE",
    "CHANGE_VERBS",
    "CONJUNCTIONS",
    "COPULAS",
    "DETERMINERS",
    "EVENT_NOUNS",
    "FUNCTION_WORDS",
    "NOUN_OR_VERB",
    "PARTICLES",
    "PREPOSITIONS",
    "PRONOUNS",
    "RAISING",
    "RELATIVES",
    "REPORTING",
    "SUBORDINATORS",
    "TIME_WORDS",
    "TRANSFER_VERBS",
    "is_verb",
    "nominal",
    "participle",
]

DETERMINERS = word_set(
    """a an the this that these those its their his her our your my some any each every
    all both no another such"""
)
PREPOSITIONS = word_set(
    """of to in from for on with at by across among into over per through until since
    during against under after before within between around about like than via towards
    toward onto upon near without beside despite along behind beyond inside outside
    throughout amid"""
)
AUXILIARIES = word_set(
    """is are was were be been being am has have had having will would could should may
    might can must shall do does did 's isn't wasn't aren't weren't won't can't"""
)
# "is forecast to fall", "are expected to rise": they carry a verb, as auxiliaries do.
RAISING = word_set(
    """forecast forecasted expected projected set likely due planned planning plans plan
    going predicted estimated able about agreed aims aim wants want hopes hope seeks
    expects expect intends intend"""
)
COPULAS = word_set(
    """is are was were be been being totaled totalled totals total reached reach reaches
    stood stands hit hits amounted amounts came comes stand"""
)
PRONOUNS = word_set(
    """it they them he she we you i us him itself themselves this these those one there
    someone something everyone anyone nobody who what how why you'll you're we'll they'll it's
    that's i'm he's she's we're they're you've we've they've i've i'd you'd we'd"""
)
CONJUNCTIONS = word_set("and or but nor so yet")
RELATIVES = word_set("that which who whom whose")
SUBORDINATORS = word_set(
    """because although though while when where if unless whether as once after before
    until since"""
)
REPORTING = word_set(
    """said says say told tells according reported reports added announced estimates
    claimed claims insisted noted warned explained argued"""
)
ADVERBS = word_set(
    """also just only now still already nearly almost about around roughly some more less
    even then later earlier again ago very much far well never not about approximately
    mostly largely mainly partly reportedly currently recently initially finally"""
)
# "queued outside", "paid back": a word after a verb that stays with it.
PARTICLES = word_set(
    "outside out up down away off back together abroad online overnight inside aside"
)
TIME_WORDS = word_set(
    """monday tuesday wednesday thursday friday saturday sunday weekend yesterday today
    tomorrow tonight morning afternoon evening night week weeks month months year years
    decade decades spring summer autumn winter season quarter january february march april
    june july august september october november december jan feb mar apr jun jul aug sep
    sept oct nov dec day days hour hours minute minutes last next
    weekday weekdays weekends"""
)
FUNCTION_WORDS = (
    DETERMINERS
    | PREPOSITIONS
    | AUXILIARIES
    | PRONOUNS
    | CONJUNCTIONS
    | RELATIVES
    | SUBORDINATORS
    | word_set("not no to last next than as so such yet")
)

# "is", "has": dropped between a noun and its verb ("people were injured").
BE_HAVE = word_set("is are was were be been being have has had")
# "a total of", "an average of": the amount, not what is counted.
AMOUNT_NOUNS = word_set(
    """total number sum estimate average maximum minimum figure range tally group record
    high low peak level"""
)

# A survey of 1,800 residents: the residents were surveyed.
EVENT_NOUNS = {
    "survey": "surveyed",
    "poll": "polled",
    "study": "studied",
    "sample": "sampled",
    "census": "counted",
    "review": "reviewed",
    "audit": "audited",
    "consultation": "consulted",
    "ballot": "balloted",
    "test": "tested",
    "trial": "enrolled",
}

# Verbs whose object is a change: "rose 11%" is a "rise in" the subject.
_CHANGES = {
    "rise": "rise",
    "rises": "rise",
    "rose": "rise",
    "risen": "rise",
    "rising": "rise",
    "fall": "fall",
    "falls": "fall",
    "fell": "fall",
    "fallen": "fall",
    "falling": "fall",
    "grow": "growth",
    "grew": "growth",
    "grown": "growth",
    "grows": "growth",
    "increase": "increase",
    "increased": "increase",
    "increases": "increase",
    "decrease": "decrease",
    "decreased": "decrease",
    "cut": "cut",
    "cuts": "cut",
    "cutting": "cut",
    "reduce": "reduction",
    "reduced": "reduction",
    "reduces": "reduction",
    "reducing": "reduction",
    "lower": "reduction",
    "lowered": "reduction",
    "drop": "drop",
    "dropped": "drop",
    "drops": "drop",
    "decline": "decline",
    "declined": "decline",
    "declines": "decline",
    "jump": "jump",
    "jumped": "jump",
    "climb": "rise",
    "climbed": "rise",
    "surge": "surge",
    "surged": "surge",
    "slump": "slump",
    "slumped": "slump",
    "shrink": "shrinking",
    "shrank": "shrinking",
    "boost": "boost",
    "boosted": "boost",
    "raise": "rise",
    "raised": "rise",
    "double": "doubling",
    "doubled": "doubling",
    "slash": "cut",
    "slashed": "cut",
}
CHANGE_VERBS = frozenset(_CHANGES)

# Verbs that move money or people: "raised £1.2 million for charity".
_TRANSFERS = {
    "spend": "spent",
    "spends": "spent",
    "spent": "spent",
    "spending": "spent",
    "pay": "paid",
    "pays": "paid",
    "paid": "paid",
    "paying": "paid",
    "raise": "raised",
    "raised": "raised",
    "raising": "raised",
    "donate": "donated",
    "donated": "donated",
    "give": "given",
    "gave": "given",
    "given": "given",
    "contribute": "contributed",
    "contributed": "contributed",
    "contributes": "contributed",
    "invest": "invested",
    "invested": "invested",
    "invests": "invested",
    "inject": "injected",
    "injected": "injected",
    "award": "awarded",
    "awarded": "awarded",
    "grant": "granted",
    "granted": "granted",
    "allocate": "allocated",
    "allocated": "allocated",
    "pledge": "pledged",
    "pledged": "pledged",
    "receive": "received",
    "received": "received",
    "receives": "received",
    "earn": "earned",
    "earned": "earned",
    "earns": "earned",
    "collect": "collected",
    "collected": "collected",
    "borrow": "borrowed",
    "borrowed": "borrowed",
    "lend": "lent",
    "lent": "lent",
    "lose": "lost",
    "lost": "lost",
    "loses": "lost",
    "save": "saved",
    "saved": "saved",
    "saves": "saved",
    "owe": "owed",
    "owes": "owed",
    "owed": "owed",
    "charge": "charged",
    "charged": "charged",
    "sell": "sold",
    "sold": "sold",
    "buy": "bought",
    "bought": "bought",
    "win": "won",
    "won": "won",
    "secure": "secured",
    "secured": "secured",
    "approve": "approved",
    "approved": "approved",
    "budgeted": "budgeted",
    "offer": "offered",
    "offered": "offered",
    "seek": "sought",
    "sought": "sought",
    "generate": "generated",
    "generated": "generated",
    "bring": "brought",
    "brought": "brought",
    "put": "put",
    "set": "set",
}
TRANSFER_VERBS = frozenset(_TRANSFERS)
_NOMINALS = {
    **_CHANGES,
    "cost": "cost",
    "costs": "cost",
    "costing": "cost",
    "save": "savings",
    "saves": "savings",
    "saved": "savings",
    "spend": "spending",
    "spent": "spending",
    "invest": "investment",
    "invested": "investment",
    "contribute": "contribution",
    "contributed": "contribution",
    "lose": "loss",
    "lost": "loss",
}
_OTHER_VERBS = word_set(
    """cost costs came come comes went go goes killed kill injured injure employs employ
    employed attended attend queued voted vote surveyed drew draw drawn made make makes
    took take takes left leave got get gets received carry carried carries had has
    fled died signed sign opened closed built build hold held holds showed show shows
    found find need needs needed lived live lives work works worked waited wait use
    used uses visited visit joined join marched protested turned packed filled live
    run runs ran serve serves served represent represents account accounts valued worth
    helped help expect expects estimate estimates hauled freeze freezes froze frozen
    keep keeps kept scrapped banned planted wrote signed backed supported"""
)
# Irregular past tenses seen in news: "after the river burst its banks".
_IRREGULAR_PASTS = word_set(
    """began broke burst caught chose drove ate fought fled flew forgot froze got went
    hung heard hid kept knew led lent let lost made met quit ran rang rose sent shook
    shut sang sank sat slept spoke stood stole struck swept swore swam took taught tore
    thought threw understood woke wore won wrote became brought bought built seen taken
    known shown born driven written eaten fallen done gone"""
)
# Words in -ing that are nouns in the news: "affordable housing", "new funding".
_ING_NOUNS = word_set(
    """funding housing building buildings sentencing meeting meetings spending training parking
    planning shopping clothing wedding ceiling morning evening spring string thing king
    ring during something anything everything nothing setting rating ranking earnings
    savings reading hearing opening offering polling lending borrowing dining boarding
    flooding warning bombing shooting killing fighting crossing landing filling
    recording painting listing wing wings bring sing swing sibling pudding"""
)
_KNOWN_VERBS = (
    CHANGE_VERBS | TRANSFER_VERBS | _OTHER_VERBS | _IRREGULAR_PASTS | AUXILIARIES | REPORTING
)


# Verb forms that are nouns as often: "a state grant", "the cost of", "a pay rise".
NOUN_OR_VERB = word_set(
    """grant grants award awards charge charges offer offers pledge pledges pay raise
    raises win wins buy cut cuts rise rises fall falls drop drops increase increases
    decrease decreases decline declines jump jumps surge surges slump boost boosts double
    cost costs use uses need needs work works vote votes support hold help show shows
    plan plans estimate estimates save sale return returns rent rents share shares
    spending lose loss run runs drew draw build visit visits"""
)


def is_verb(word: str) -> bool:
    """A known verb form, or a word that looks like a past tense."""
    lower = word.lower()
    if lower in _KNOWN_VERBS:
        return True
    if len(lower) > 5 and lower.endswith("ing"):
        return lower not in _ING_NOUNS
    return len(lower) > 4 and lower.endswith("ed") and lower not in ("hundred", "kindred")


def nominal(verb: str) -> str | None:
    """The noun an editor uses for ``verb``: "rose" gives "rise", "cost" gives "cost"."""
    return _NOMINALS.get(verb.lower())


def participle(verb: str) -> str:
    """The past participle of a money verb, or the verb itself when not listed."""
    return _TRANSFERS.get(verb.lower(), verb)
