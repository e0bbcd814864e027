"""Labels for key figures, as an editor would write them beside the number.

Each case is an invented local-news sentence, a figure in it and the label expected for
it; the properties below hold for every label, whatever its wording.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from bot.briefing import brief_from_html
from bot.briefing.extract import extract_article
from bot.briefing.figures import find_key_figures
from bot.briefing.figures.label import label_for
from bot.briefing.figures.numbers import Quantity, find_quantities
from bot.briefing.sentences import split_sentences

CASES = [
    # The noun phrase a count quantifies, with what it did or what it is of.
    (
        "About 3,500 people marched through the town centre on Saturday to protest.",
        "About 3,500",
        "people marched through the town centre",
    ),
    (
        "Police said 12 people were injured in the crash on the ring road.",
        "12",
        "people injured in the crash",
    ),
    ("The museum welcomed 48,000 visitors in its first year.", "48,000", "visitors welcomed"),
    ("A poll of 1,200 voters found the plan had wide support.", "1,200", "poll of voters"),
    ("The clinic now employs over 30 nurses and midwives.", "over 30", "nurses and midwives"),
    ("Inspectors found 14 broken lifts and 9 flooded stairwells.", "9", "flooded stairwells"),
    # A verb that belongs to the sentence stays out: the noun phrase, with what says which.
    (
        "Around 40 volunteers spent the weekend clearing litter from the beach.",
        "Around 40",
        "volunteers clearing litter",
    ),
    ("Some 200 residents signed a petition against the car park.", "Some 200", "residents"),
    (
        "About 2,000 people were ordered to leave their homes on Sunday.",
        "About 2,000",
        "people ordered to leave",
    ),
    ("She won 64% of points on her second serve.", "64%", "points on her second serve"),
    ("Thirty lanterns will light up the harbour on Friday.", "Thirty", "lanterns"),
    ("Artists from twelve countries share their work online.", "twelve", "countries"),
    ("Nearly 900 homes remain empty across the district.", "Nearly 900", "homes"),
    ("More than 600 people queued Saturday outside the hall.", "More than 600", "people queued"),
    ("The fair drew 5,000 fans despite the rain.", "5,000", "fans"),
    ("The storm affected 2,300 homes in the valley.", "2,300", "homes affected in the valley"),
    (
        "This year's appeal included 52 bicycles and a piano.",
        "52",
        "bicycles in this year's appeal",
    ),
    ("The final shortlist contains 31 names.", "31", "names in the final shortlist"),
    ("Its budget includes 40 new posts.", "40", "new posts"),
    ("About 300 buses a day pass the school gates.", "About 300", "buses a day"),
    # What money or a share measures.
    ("The shortfall is blamed on a £2m cost of the renovation.", "£2m", "cost of the renovation"),
    ("Passengers face a 12% rise in bus fares from next month.", "12%", "rise in bus fares"),
    (
        "The charity received $6.5 million in grants from the lottery fund.",
        "$6.5 million",
        "grants from the lottery fund",
    ),
    ("Councillors approved a budget of $18.6 million for next year.", "$18.6 million", "budget"),
    # "fine" and "maximum" after "a" are nouns, whatever the lexicon's first tag
    ("The judge ordered him to pay a fine of $7,500 by June.", "$7,500", "fine"),
    ("The firm faces up to a $90,000 fine.", "$90,000", "fine"),
    ("The brewery was sold in a deal worth £40 million.", "£40 million", "deal"),
    ("Grants worth £5,000 are open to 60 local clubs.", "£5,000", "grants"),
    # The subject and verb a bare figure completes; no verb after "at", "to", "from".
    ("Turnout reached 64% in the eastern ward.", "64%", "turnout reached"),
    ("Bus fares will rise by 8% in April, the operator said.", "8%", "bus fares will rise"),
    (
        "The council's reserves stood at £9.3 million in March.",
        "£9.3 million",
        "council's reserves",
    ),
    (
        "The refurbishment, which cost $640,000, was paid for by a local foundation.",
        "$640,000",
        "refurbishment cost",
    ),
    (
        "The county's jobless rate (seasonally adjusted) fell 0.4% last quarter.",
        "0.4%",
        "county's jobless rate fell",
    ),
    ("Shares in the bakery chain are up 40% this year.", "40%", "shares in the bakery chain up"),
    (
        "Membership reached 2,300 in the spring, up 15% on the year before.",
        "15%",
        "membership up",
    ),
    ("The average rent will remain £950 a month.", "£950 a month", "average rent"),
    # A verb after "and" or "but" shares the subject of the verb before it.
    (
        "Shares in the bakery opened lower but closed up 3% on Friday.",
        "3%",
        "shares in the bakery up",
    ),
    ("The pound fell early on and was down 1.2% by noon.", "1.2%", "pound down"),
    ("The index slumped 0.2%, but recovered and was trading up 0.4%.", "0.4%", "index up"),
    # A level after a comma belongs to the clause before; where it started is no change.
    (
        "Average rents rose 11% in the year to June, to £945 a month.",
        "£945 a month",
        "average rents",
    ),
    ("Homelessness applications rose by a third, to 1,020.", "1,020", "homelessness applications"),
    ("Waiting lists grew to 2,400, up from 1,900 a year earlier.", "1,900", "waiting lists"),
    # A long subject keeps as many of its phrases as fit.
    (
        "The number of households on the waiting list climbed to 3,214.",
        "3,214",
        "number of households on the waiting list",
    ),
    (
        "The number of households on the social housing waiting list climbed to 3,214.",
        "3,214",
        "number of households",
    ),
    # A figure that is itself the subject: what it did.
    ("The remaining $300,000 came from a state grant.", "$300,000", "came from a state grant"),
    # a figure set off by commas after the noun it restates: that noun, and what it did
    (
        "The court heard the money, £1.3 million in all, was spent on holidays.",
        "£1.3 million",
        "money spent",
    ),
    # "has" after a figure is a verb, not a plural noun; the verb after a noun's participle
    # phrase is the noun's ("a ban affecting 2.3 million customers would begin")
    ("A reward of up to £25,000 has been offered for information.", "up to £25,000", "reward"),
    ("A hosepipe ban affecting 40,000 homes will begin on Friday.", "40,000", "homes"),
    (
        "Rescuers searching 40 homes destroyed by the quake found survivors.",
        "40",
        "homes destroyed by the quake",
    ),
    ("The victims, 45 in all, were taken to hospital.", "45", "victims taken to hospital"),
    # a figure that is the subject: what it did, a verb phrase of two words or more
    ("A survey found that 18% had tried vaping at least once.", "18%", "tried vaping"),
    # When: the event, not the date.
    (
        "The town opened its new swimming pool in March 2025 after years of delays.",
        "March 2025",
        "town opened its new swimming pool",
    ),
    (
        "The twinning agreement that the mayors signed in June 2019 lapsed this year.",
        "June 2019",
        "twinning agreement signed",
    ),
]

# A unit, a bare verb or nothing at all: no label, so the selector can drop the figure.
UNLABELLED = [
    ("The ferry will run every 12 minutes instead of every 20.", "20"),
    ("Twenty-two months later, the inquiry closed.", "Twenty-two"),
    ("The mayor, 63, said the hall would stay open.", "63"),  # an age, not a count
    ("About 40 percent of them said they would move.", "About 40 percent"),
    ("The council will build 150 homes over the next four years.", "four"),
]

_FUNCTION_WORDS = frozenset(
    """a an the and or but of to in on at by for from with that which who as than
    is are was were be been has have had will would last next this its their""".split()  # noqa: SIM905
)
_CONJUNCTIONS = {"and", "or", "but", "nor", "so", "yet"}


def _quantity(sentence: str, text: str) -> Quantity:
    return next(q for q in find_quantities(sentence) if q.text == text)


def _label(sentence: str, text: str) -> str:
    return label_for(sentence, _quantity(sentence, text))


@pytest.mark.parametrize(("sentence", "text", "expected"), CASES, ids=[c[1] for c in CASES])
def test_label_says_what_the_figure_counts(sentence: str, text: str, expected: str) -> None:
    assert _label(sentence, text) == expected


@pytest.mark.parametrize(("sentence", "text", "expected"), CASES, ids=[c[1] for c in CASES])
def test_label_reads_cleanly(sentence: str, text: str, expected: str) -> None:
    label = _label(sentence, text)
    words = label.split()
    assert 1 <= len(words) <= 9
    assert len(label) <= 60
    assert words[-1].lower() not in _FUNCTION_WORDS
    assert words[0].lower() not in _CONJUNCTIONS
    assert not label.endswith((".", ",", ";", ":"))


@pytest.mark.parametrize(("sentence", "text", "expected"), CASES, ids=[c[1] for c in CASES])
def test_label_carries_no_other_figure(sentence: str, text: str, expected: str) -> None:
    label = _label(sentence, text)
    assert not re.search(r"\d", label)
    for other in find_quantities(sentence):
        if other.text != text:
            assert other.text.lower() not in label.lower()


def test_a_sentence_with_no_clear_phrase_gives_a_short_clean_label_or_none() -> None:
    sentence = "It was 3-1 at half time and 27 by the end, he said."
    for quantity in find_quantities(sentence):
        label = label_for(sentence, quantity)
        assert len(label) <= 60
        assert not label or label.split()[-1].lower() not in _FUNCTION_WORDS


@pytest.mark.parametrize(("sentence", "text"), UNLABELLED, ids=[c[1] for c in UNLABELLED])
def test_a_unit_or_a_bare_verb_is_no_label(sentence: str, text: str) -> None:
    assert _label(sentence, text) == ""


def test_a_unit_after_the_figure_gives_way_to_the_subject() -> None:
    sentence = "The ferry crossing will take 40 minutes longer from May."
    assert _label(sentence, "40") == "ferry crossing will take"


def test_a_multiple_keeps_what_it_compares() -> None:
    sentence = "Delays were nine times higher than the national average."
    assert _label(sentence, "nine") == "times higher than the national average"
    sentence = "The new buses carry three times the number of bikes."
    assert _label(sentence, "three") == "times the number of bikes"


def test_a_sentence_capital_is_lowered_but_a_name_keeps_its_capitals() -> None:
    assert _label("Water bills will rise by 6% in May.", "6%") == "water bills will rise"
    assert _label("Home Depot shares rose 4% on Tuesday.", "4%") == "Home Depot shares rose"


def test_one_long_sentence_full_of_numbers_labels_in_well_under_a_second() -> None:
    words = ["people", "rose", "by", "the", "council", "buses", "and", "twelve", "of"]
    parts = []
    for n in range(10_000):
        parts.append(f"£{n} million" if n % 3 == 0 else words[n % len(words)])
    sentence = " ".join(parts) + "."
    quantities = find_quantities(sentence)
    assert len(quantities) > 3000
    label_for("A warm-up of 12 people.", find_quantities("A warm-up of 12 people.")[0])
    started = time.process_time()  # CPU time: the machine is shared
    labels = [label_for(sentence, q) for q in quantities]
    assert time.process_time() - started < 1.0  # about 0.2 s here, tagging included
    assert all(len(label) <= 60 for label in labels)


BUS_ROUTES = Path(__file__).parents[3] / "adapters" / "sandbox" / "samples" / "bus-routes.html"
_UNITS = {"minute", "minutes", "walk", "routes", "route", "km", "miles", "hours"}


def test_the_bus_routes_sample_has_no_bare_unit_or_verb_labels() -> None:
    brief = brief_from_html(BUS_ROUTES.read_text(encoding="utf-8"), "https://example.org/bus")
    labels = {f.value: f.label for f in brief.key_figures}
    assert labels, "the sample has key figures"
    for label in labels.values():
        assert not label or len(label.split()) > 1 or label.lower() not in _UNITS
    walk = "Several said the nearest remaining stop would be a 25-minute walk away."
    headway = (
        "Ending them will save an estimated $780,000 a year, money the board plans to put "
        "into more frequent service on the busier 7 line, which will run every 12 minutes "
        "instead of every 20."
    )
    # a travel time and a headway are not quantities at all, so they get no label
    assert not [q for q in find_quantities(walk) if "25" in q.text]
    assert not [q for q in find_quantities(headway) if q.text == "12"]
    assert "passengers" in _label(
        "The two routes carry about 1,100 passengers on an average weekday, down from "
        "2,050 four years ago.",
        "about 1,100",
    )


RIVER_CLEANUP = BUS_ROUTES.with_name("river-cleanup.html")


def test_the_river_cleanup_sample_labels_read_as_noun_phrases() -> None:
    # the labels of the page's figures, whichever of them the box picks
    article = extract_article(RIVER_CLEANUP.read_text(encoding="utf-8"), "https://example.org/r")
    sentences = split_sentences(article.text)

    def label(value: str) -> str:
        (sentence,) = [s for s in sentences if any(q.text == value for q in find_quantities(s))]
        return _label(sentence, value)

    assert label("Around 250") == "volunteers hauling rubbish"
    assert label("38") == "shopping trolleys in this year's haul"
    assert label("£12,500") == "council contributed"  # money keeps its subject and verb
    assert label("a dozen") == "tyres"
    brief = brief_from_html(RIVER_CLEANUP.read_text(encoding="utf-8"), "https://example.org/r")
    assert {f.value: f.label for f in brief.key_figures}["Around 250"] == label("Around 250")


def test_an_ordinal_in_a_name_does_not_leave_its_suffix_in_the_label() -> None:
    figures = find_key_figures(
        "The 21st Century Fund gave $3 million to the new library in the town centre."
    )
    assert [(f.value, f.label) for f in figures] == [("$3 million", "Century Fund gave")]


@pytest.mark.parametrize(
    ("sentence", "value", "label"),
    [
        ("The mill is preparing to cut 240 jobs by the spring.", "240", "jobs to cut"),
        ("The trust plans to build 300 homes on the old depot.", "300", "homes to build"),
        # a rate stays with its noun; the verb is left out rather than read after it
        ("The pier hopes to attract 5,000 visitors a year.", "5,000", "visitors a year"),
    ],
)
def test_a_count_a_plan_acts_on_reads_with_its_verb(sentence: str, value: str, label: str) -> None:
    quantity = next(q for q in find_quantities(sentence) if q.text == value)
    assert label_for(sentence, quantity).startswith(label)


@pytest.mark.parametrize(
    ("sentence", "value", "label"),
    [
        (
            "Core inflation, which leaves out fuel and food, eased to 2.7%.",
            "2.7%",
            "core inflation",
        ),
        (
            "The harbour trust, whose board met on Friday, lost £1.3m last year.",
            "£1.3m",
            "harbour trust lost",
        ),
    ],
)
def test_a_subject_is_found_past_a_which_clause(sentence: str, value: str, label: str) -> None:
    quantity = next(q for q in find_quantities(sentence) if q.text == value)
    assert label_for(sentence, quantity) == label


def test_a_month_before_of_is_not_what_a_count_is_of() -> None:
    sentence = "The former clerk was convicted in March of 14 counts of theft."
    quantity = next(q for q in find_quantities(sentence) if q.text == "14")
    assert label_for(sentence, quantity) == "counts of theft"


@pytest.mark.parametrize(
    ("sentence", "value", "label"),
    [
        ("Net income more than doubled to $2.6 billion.", "$2.6 billion", "net income"),
        (
            "The bank said it expected prices to rise by between 2% and 4%.",
            "between 2% and 4%",
            "expected prices to rise",
        ),
    ],
)
def test_a_label_neither_opens_with_a_pronoun_nor_ends_with_a_comparative(
    sentence: str, value: str, label: str
) -> None:
    quantity = next(q for q in find_quantities(sentence) if q.text == value)
    assert label_for(sentence, quantity) == label


@pytest.mark.parametrize(
    "sentence",
    [
        "The council will cut its deficit by £4m to £12m.",
        "The couple bought the house for £3.2m in 2009.",
        "The firm is investing £3bn to reduce spills by 80% by 2035.",
        "The dividend makes 5.6p for the year against 12.4p.",
    ],
)
def test_a_scale_or_pence_written_onto_a_number_is_never_a_label_word(sentence: str) -> None:
    # "£4m" is one token: its "m" is not a word of a neighbour's label
    for quantity in find_quantities(sentence):
        words = label_for(sentence, quantity).lower().split()
        assert not {"m", "bn", "k", "p", "mn"} & set(words), (quantity.text, words)


@pytest.mark.parametrize(
    ("sentence", "value", "label"),
    [
        # a level after its change, or a sum told again as a share: one thing measured
        (
            "The bakery chain said its pre-tax profit fell 22% to £8 million last year.",
            "£8 million",
            "pre-tax profit fell",
        ),
        ("Harbourline shares jumped 31% to 240p on Monday.", "240p", "Harbourline shares jumped"),
        ("The shares closed down 12p, or 6%, at 188p.", "6%", "shares closed down"),
        (
            "Entries for computing rose by 11% to 18,900 this summer.",
            "18,900",
            "entries for computing rose",
        ),
        # not the "months to June" after it, which says when, not what
        (
            "Sales at the plant rose 12% to $2.1 billion in the three months to June.",
            "$2.1 billion",
            "sales at the plant rose",
        ),
    ],
)
def test_a_level_or_a_share_with_no_words_of_its_own_borrows_its_change(
    sentence: str, value: str, label: str
) -> None:
    assert _label(sentence, value) == label


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        # an age, a time, a measure or a second reading of one value borrows nothing
        ("More than 800 people signed the petition, said its organiser, Joan Pike, 57.", "57"),
        ("She said her two sons, now aged nine and five, ask for him every day.", "nine and five"),
        ("I saw a mother with two cubs at half past six in the morning.", "six"),
        ("Gusts of 70 knots, or about 130km/h, were recorded at the lighthouse.", "about 130km/h"),
        ("At least 46 aftershocks followed, the strongest of them measuring 4.9.", "4.9"),
        ("Many office workers now stay at home two or three days a week.", "three"),
        # a count whose noun is left out borrows none: it may count something else
        ("Two cars collided on the bypass, while four were injured.", "four"),
        ("The airport handled 2.1 million passengers on 14,000 flights, 300,000 more.", "300,000"),
        ("Two cars collided on the bypass and four were injured.", "four"),
        ("Forty homes were flooded and 100 were evacuated.", "100"),
        ("The fire destroyed three homes and injured two.", "two"),
        ("She has four children and turned 100 on Friday.", "100"),
        # a count "at" is an age or a time, a share "at" after a sum a rate, "or" another thing
        ("Apprentices get £6.40 an hour at 16.", "16"),
        ("Uptake of the jab was 92% at 12 months.", "12"),
        ("The council borrowed £3m at 4.2% over 30 years.", "4.2%"),
        ("He was fined £200 or 20 days in prison.", "20"),
    ],
)
def test_an_age_a_time_a_rate_or_an_elided_count_borrows_no_label(
    sentence: str, value: str
) -> None:
    assert _label(sentence, value) == ""
