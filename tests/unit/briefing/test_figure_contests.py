"""Scores and tallies are one figure with both sides; changes keep both ends whole."""

from __future__ import annotations

import pytest

from bot.briefing.figures import find_key_figures
from bot.briefing.figures.label import label_for
from bot.briefing.figures.numbers import Quantity, find_quantities


def _only(sentence: str) -> Quantity:
    quantities = find_quantities(sentence)
    assert len(quantities) == 1, quantities
    return quantities[0]


@pytest.mark.parametrize(
    ("sentence", "value", "values", "label"),
    [
        ("The Harriers won 24-21 at Millbrook Park.", "24-21", (24.0, 21.0), "Harriers won"),
        ("Dunmore secured a 3-1 win over Castleford.", "3-1", (3.0, 1.0), "win over Castleford"),
        ("The visitors lost 2–0 to Ashby Town.", "2–0", (2.0, 0.0), "visitors lost to Ashby Town"),
        (
            "Riverton beat Eastport 102-98 in overtime.",
            "102-98",
            (102.0, 98.0),
            "Riverton beat Eastport",
        ),
        ("The final score was 17-14.", "17-14", (17.0, 14.0), "final score"),
        ("The Otters trailed 14-21 at half-time.", "14-21", (14.0, 21.0), "Otters trailed"),
        ("Both sides drew 1-1 with little to play for.", "1-1", (1.0, 1.0), "sides drew"),
        ("Kelso earned a 2-2 draw against Selby.", "2-2", (2.0, 2.0), "draw against Selby"),
        # A vote's tally says who decided what.
        (
            "The parish council voted 6-3 to sell the hall.",
            "6-3",
            (6.0, 3.0),
            "parish council voted to sell the hall",
        ),
        (
            "The town council on Monday approved new bus lanes by a vote of 7 to 2.",
            "7 to 2",
            (7.0, 2.0),
            "approved new bus lanes",
        ),
        (
            "The ferry plan was rejected by 31 votes to 12 at County Hall.",
            "31 votes to 12",
            (31.0, 12.0),
            "ferry plan rejected",
        ),
        (
            "The city council approved the budget 9-0.",
            "9-0",
            (9.0, 0.0),
            "city council approved the budget",
        ),
    ],
)
def test_a_score_is_one_figure_with_what_it_is(
    sentence: str, value: str, values: tuple[float, ...], label: str
) -> None:
    quantity = _only(sentence)
    assert (quantity.text, quantity.values, quantity.kind) == (value, values, "count")
    assert label_for(sentence, quantity) == label


@pytest.mark.parametrize(
    ("sentence", "value", "values"),
    [
        # A rising pair before the thing it counts is a range, even after "led".
        ("The sergeant led 10-12 volunteers up the hill.", "10-12", (10.0, 12.0)),
        ("Crews of 8-10 firefighters worked through the night.", "8-10", (8.0, 10.0)),
    ],
)
def test_a_range_is_not_a_score(sentence: str, value: str, values: tuple[float, ...]) -> None:
    quantity = _only(sentence)
    assert (quantity.text, quantity.values) == (value, values)


@pytest.mark.parametrize(
    "sentence",
    [
        "Harlow won the 2024-25 league title on the final day.",
        "He gave up a 9-5 job to coach the under-12s.",
        "Fans can call 555-123-4567 for tickets after the club won promotion.",
        "The new Skyliner 737-9 is on order.",
    ],
)
def test_seasons_jobs_phone_numbers_and_models_are_not_scores(sentence: str) -> None:
    assert all(len(q.values) == 1 for q in find_quantities(sentence))
    assert not any(q.text in ("2024-25", "9-5", "737-9") for q in find_quantities(sentence))


def test_a_score_after_the_other_sides_name_is_not_a_model_number() -> None:
    sentence = "On Sunday the Wolves beat Ellerby 98-95 at home."
    assert [q.text for q in find_quantities(sentence)] == ["98-95"]


def test_a_score_is_boxed_whole() -> None:
    figures = find_key_figures("Stanmore won 31-27 to reach the county final for the first time.")
    assert [f.value for f in figures][:1] == ["31-27"]


@pytest.mark.parametrize(
    ("sentence", "value", "values"),
    [
        (
            "Membership fell from 1,200 members to 950 members.",
            "from 1,200 members to 950",
            (1200.0, 950.0),
        ),
        (
            "Support rose from 40 per cent to 52 per cent over the summer.",
            "from 40 per cent to 52 per cent",
            (40.0, 52.0),
        ),
        ("Takings went from $3.1m to $4.5m.", "from $3.1m to $4.5m", (3.1e6, 4.5e6)),
        (
            "Use of the ferry fell from 2,050 passengers a day to about 1,100.",
            "from 2,050 passengers a day to about 1,100",
            (2050.0, 1100.0),
        ),
        (
            "The choir has grown from 30 singers to more than 90 singers.",
            "from 30 singers to more than 90",
            (30.0, 90.0),
        ),
        ("A loaf went from £1 a loaf to £1.40 in a year.", "from £1 a loaf to £1.40", (1.0, 1.4)),
    ],
)
def test_a_change_with_its_unit_said_twice_is_one_figure(
    sentence: str, value: str, values: tuple[float, ...]
) -> None:
    quantity = next(q for q in find_quantities(sentence) if q.kind != "year")
    assert (quantity.text, quantity.values) == (value, values)


@pytest.mark.parametrize(
    "sentence",
    [
        # Two different things, not one changing.
        "Trains will run from 3 stations to 12 towns.",
        # A when between the ends, not a unit.
        "The library is open from 9 in the morning to 5 in the afternoon.",
    ],
)
def test_two_numbers_that_are_not_one_change_stay_apart(sentence: str) -> None:
    assert all(len(q.values) == 1 for q in find_quantities(sentence))


def test_a_change_that_names_its_unit_inside_is_labelled_with_it() -> None:
    sentence = "The Liberals, who had led the board since 2011, fell from 19 seats to 8."
    change = next(q for q in find_quantities(sentence) if len(q.values) == 2)
    assert label_for(sentence, change) == "seats fell"


@pytest.mark.parametrize(
    ("text", "value", "comparison"),
    [
        (
            "Growth this year will be 2.5%, compared with earlier guidance of 3.0%.",
            "2.5%",
            "compared with earlier guidance of 3.0%",
        ),
        (
            "The shelter housed 410 families, up from a peak of 380 in the spring.",
            "410",
            "up from a peak of 380",
        ),
        ("Turnout reached 57%, up from last year's 49%.", "57%", "up from last year's 49%"),
        ("Profit was $14m against a forecast of $11m.", "$14m", "against a forecast of $11m"),
    ],
)
def test_a_named_baseline_joins_its_figure(text: str, value: str, comparison: str) -> None:
    figures = find_key_figures(text)
    assert [f.value for f in figures] == [value]
    assert figures[0].label.endswith(comparison)


def test_a_bare_from_with_a_noun_is_no_baseline() -> None:
    figures = find_key_figures("The mayor read 300 letters from residents of 12 streets.")
    assert all("12" not in f.label for f in figures)


@pytest.mark.parametrize(
    ("sentence", "value", "kind"),
    [
        ("Health officials confirmed a 6th death from the virus.", "6th", "ordinal"),
        ("The bridge marks its 150th year this summer.", "150th", "ordinal"),
        ("The plant opened on March 3rd, 2021.", "March 3rd, 2021", "date"),
    ],
)
def test_ordinals_in_digits(sentence: str, value: str, kind: str) -> None:
    quantity = find_quantities(sentence)[0]
    assert (quantity.text, quantity.kind) == (value, kind)


def test_a_day_of_a_month_in_digits_is_no_count() -> None:
    assert find_quantities("The fair is held on the 4th of July each year.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Boeing won 787-9 orders from Qantas last year.",
        "He led 5-3 Marines to safety.",
        "The union won 10-5 years of back pay.",
    ],
)
def test_a_pair_after_a_verb_of_winning_but_before_a_noun_is_not_a_score(sentence: str) -> None:
    assert not [q for q in find_quantities(sentence) if len(q.values) == 2 and q.kind == "count"]


@pytest.mark.parametrize(
    ("sentence", "tally"),
    [
        ("The committee approved it 7-4.", "7-4"),
        ("Lawmakers passed the bill 52-48.", "52-48"),
        ("The board approved it 2-1 on Tuesday.", "2-1"),
        ("The Supreme Court ruled 6-3 that the law stands.", "6-3"),
        ("The court split 5-4 on the question.", "5-4"),
        ("The jury returned an 11-1 verdict.", "11-1"),
        ("The Eagles won 24-21 Sunday night.", "24-21"),
        # Once lost whole: a dash pair with no verb of deciding straight before it was
        # read as an identifier ("787-9").
        ("The plan was approved by a vote of 5-2.", "5-2"),
        ("The board voted 5 to 4 against the sale.", "5 to 4"),
        ("It passed on a tally of 8 to 1.", "8 to 1"),
        # after the body's name, which alone would read as a model ("Boeing 737")
        ("The measure passed the state Senate 26-12 on Monday.", "26-12"),
        ("The bill cleared the Assembly 45-30 after a long debate.", "45-30"),
    ],
)
def test_tallies_of_bodies_deciding_are_one_figure(sentence: str, tally: str) -> None:
    assert tally in [q.text for q in find_quantities(sentence)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Members gave 5 votes to 3 candidates on the shortlist.",
        "Members voted to cut 20 to 30 jobs.",
    ],
)
def test_numbers_near_a_vote_that_are_no_tally_stay_apart(sentence: str) -> None:
    assert all(len(q.values) == 1 or q.values[0] < q.values[1] for q in find_quantities(sentence))


def test_a_model_and_its_variant_are_no_figure() -> None:
    assert find_quantities("The Boeing 737-800 landed safely at noon.") == []


def test_a_season_before_a_ruling_is_not_a_tally() -> None:
    assert "2019-20" not in [q.text for q in find_quantities("The 2019-20 ruling still stands.")]
