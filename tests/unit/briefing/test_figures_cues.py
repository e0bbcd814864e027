"""The editor's cues around a figure, on invented sentences, and what they do to the box."""

from __future__ import annotations

import pytest

from bot.briefing.figures import find_key_figures, find_quantities
from bot.briefing.figures.cues import (
    is_baseline,
    is_capacity,
    is_delta,
    is_endpoint,
    is_follow_up,
    is_place,
    is_toll,
)
from bot.briefing.figures.label import label_for
from bot.briefing.figures.numbers import Quantity


def _quantity(sentence: str, text: str) -> tuple[Quantity, list[Quantity]]:
    quantities = find_quantities(sentence)
    return next(q for q in quantities if q.text == text), quantities


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        ("The waiting list climbed to 3,214, up from 2,650 last year.", "2,650", True),
        ("The waiting list climbed to 3,214, up from 2,650 last year.", "3,214", False),
        ("Enrolment fell to 7,240 pupils from 8,100.", "8,100", True),
        ("Exports dropped to $9.1 billion, down from $19.5 billion.", "$19.5 billion", True),
        ("The Conservatives fell to 11 seats, down from 26.", "26", True),
        ("The Conservatives fell to 11 seats, down from 26.", "11", False),
        ("Some 68% were seen in time, compared with 74% a year earlier.", "74%", True),
        ("Only 58 per cent were seen, against a target of 92 per cent.", "92 per cent", True),
        # The only figure of the sentence is the news, even when it is an old estimate.
        ("The utility cut its original estimate of about 660,000 homes.", "about 660,000", False),
        ("The estimate came down from an original 660,000 people.", "660,000", False),
        # Both ends of a change written as one range are the figure.
        ("Tariffs were raised from 10% to 25% in May.", "from 10% to 25%", False),
        ("The Conservatives fell from 26 seats to 11.", "from 26 seats to 11", False),
    ],
)
def test_baseline(sentence: str, text: str, expected: bool) -> None:
    quantity, others = _quantity(sentence, text)
    assert is_baseline(sentence, quantity, others) is expected


_RISE = "Heavy use rose by 37 percent, from 0.90 percent to 1.23 percent."


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        (_RISE, "from 0.90 percent to 1.23 percent", True),
        (_RISE, "37 percent", False),
        ("Fees were raised from 10% to 25% in May.", "from 10% to 25%", False),
        (
            "Some 40 million people died, cutting the population from 90 million to 50 million.",
            "from 90 million to 50 million",  # a fall kept whole, both its ends
            True,
        ),
        ("Sales climbed to 3,214, up from 2,650, and 412 shops closed.", "3,214", False),
    ],
)
def test_endpoint(sentence: str, text: str, expected: bool) -> None:
    quantity, others = _quantity(sentence, text)
    assert is_endpoint(sentence, quantity, others) is expected


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        ("Season tickets will rise by £10 to £145.", "£10", True),
        ("Season tickets will rise by £10 to £145.", "£145", False),
        ("The order was cut by 30 to 126 jets.", "30", True),
        # A step of another kind is a figure of its own.
        ("Rented homes fell by 6% to 9,870.", "6%", False),
        ("Rents rose by 11% last year.", "11%", False),
    ],
)
def test_delta(sentence: str, text: str, expected: bool) -> None:
    quantity, others = _quantity(sentence, text)
    assert is_delta(sentence, quantity, others) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("That figure has continued to drop, to $1.3 billion.", True),
        ("If that holds up, that would work out to a $75 billion hit.", True),
        ("For context, that's less than 2% of revenue.", True),
        ("This year 4,000 people joined the club.", False),
        ("The council said that 40 homes would be built.", False),
    ],
)
def test_follow_up(sentence: str, expected: bool) -> None:
    assert is_follow_up(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        ("Two people died when the bridge fell.", "Two", True),
        ("The crashes killed a total of 346 people.", "346", True),
        ("With three confirmed diagnoses, the city is worried.", "three", True),
        ("More than 100 million people may have perished.", "More than 100 million", True),
        ("The fire claimed the lives of 12 residents.", "12", True),
        ("The storm closed 200 roads.", "200", False),
        ("Labour took 3 seats from the Greens.", "3", False),
        ("The bill was 40 percent higher after two people died.", "40 percent", False),
    ],
)
def test_toll(sentence: str, text: str, expected: bool) -> None:
    quantity, _ = _quantity(sentence, text)
    assert is_toll(sentence, quantity, label_for(sentence, quantity)) is expected


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        ("The jet is longer, seating 242 to 330 passengers.", "242 to 330", True),
        ("The hub will be able to treat 9,000 patients a year.", "9,000", True),
        ("The stadium can hold up to 40,000 fans.", "up to 40,000", True),
        ("The hub treated 9,000 patients last year.", "9,000", False),
    ],
)
def test_capacity(sentence: str, text: str, expected: bool) -> None:
    quantity, _ = _quantity(sentence, text)
    assert is_capacity(sentence, quantity) is expected


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        ("Staff will be offered jobs at Dunmore, 60 miles away.", "60 miles", True),
        ("The wreck lies 12 km off the coast.", "12 km", True),
        ("She ran 60 miles for charity.", "60 miles", False),
    ],
)
def test_place(sentence: str, text: str, expected: bool) -> None:
    quantity, _ = _quantity(sentence, text)
    assert is_place(sentence, quantity) is expected


def _values(text: str, limit: int = 6) -> list[str]:
    return [f.value for f in find_key_figures(text, limit=limit)]


def test_the_new_value_is_boxed_not_the_one_it_is_compared_with() -> None:
    text = (
        "The number of families waiting for a council home has climbed to 3,214, up from "
        "2,650 a year ago. The council will build 150 homes on two old depots. Rents rose "
        "by 11% in the year to September."
    )
    values = _values(text, limit=3)
    assert "3,214" in values
    assert "2,650" not in values


def test_a_crowded_sentence_gives_its_best_figure_and_other_sentences_get_a_turn() -> None:
    text = (
        "The plan would cut the deficit by 0.4 percent or $12.5 billion, while lowering "
        "wages by 0.2 percent and eliminating 95,000 jobs. "
        "The state will borrow $2 billion to bridge the gap. "
        "Some 40,000 families will lose their housing grant. "
        "Fuel duty will rise by 8% in April."
    )
    values = _values(text, limit=5)
    assert {"95,000", "$2 billion", "Some 40,000"} <= set(values)
    crowded = {"0.4 percent", "$12.5 billion", "0.2 percent", "95,000"}
    assert len(crowded & set(values)) <= 3  # at most three from one sentence


def test_a_small_death_toll_is_boxed() -> None:
    text = (
        "Storm Kit brought gusts of 80 mph to the coast and left 12,000 homes without power. "
        "Two people died after trees fell on their cars. "
        "Insurers put the damage at £40m. "
        "Around 90 flights were cancelled and 7 schools stayed shut."
    )
    assert "Two" in _values(text, limit=4)


def test_a_weak_tail_is_left_out_rather_than_padding_the_box() -> None:
    text = (
        "The festival sold 48,000 tickets, raised £1.2 million for charity and drew 300 "
        "volunteers. The organisers, who first met in 2011, said they had been working on "
        "it for two years and would meet again on 3 June."
    )
    values = _values(text)
    assert {"48,000", "£1.2 million", "300"} <= set(values)
    assert len(values) < 6


def test_a_headline_rounding_a_figure_still_points_at_it() -> None:
    text = (
        "About 12,000 vehicles a day use the old crossing, the council said. "
        "Some 300 jobs will be created during construction. "
        "The new bridge will cost £4.8 million, most of it from a government grant."
    )
    figures = find_key_figures(text, title="Council backs £5 million bridge")
    assert figures[0].value == "£4.8 million"


@pytest.mark.parametrize(
    ("sentence", "text", "label"),
    [
        ("Some 5,200 of them have waited over a year.", "Some 5,200", "waited over a year"),
        ("Of the 300 staff, 40 of those were agency workers.", "40", "agency workers"),
        ("About 150 of the staff will move to Dunmore.", "About 150", "staff will move to Dunmore"),
        ("Some 40 percent of its members voted.", "Some 40 percent", "members voted"),
    ],
)
def test_a_part_of_a_group_is_labelled_by_the_group_or_what_it_did(
    sentence: str, text: str, label: str
) -> None:
    quantity, _ = _quantity(sentence, text)
    assert label_for(sentence, quantity) == label
