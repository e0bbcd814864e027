"""Numbers that name things or people in passing are not key figures."""

import pytest

from bot.briefing.figures import find_key_figures
from bot.briefing.figures.exclude import excluded_spans


def excluded(sentence: str) -> list[str]:
    return [sentence[a:b] for a, b in excluded_spans(sentence)]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("The board voted to end the 14 and 22 bus routes in March.", ["14", "22"]),
        ("Riders moved to the busier 7 line on Monday.", ["7"]),
        ("Route 9 closes for three weeks.", ["9"]),
        ("Flight 370 left with 239 people on board.", ["370"]),
        ('"My father is 91, and he walks there," she said.', ["91"]),
        ("Jones, aged 41, was charged on Friday.", ["41"]),
    ],
)
def test_route_numbers_and_ages_are_not_quantities(sentence: str, names: list[str]) -> None:
    assert excluded(sentence) == names


@pytest.mark.parametrize(
    "sentence",
    [
        "The council cut the 12 routes to nine.",
        "Turnout was 45% on the day.",
        "The deficit is 82 million pounds.",
        "Growth was 0.3 percent, the bank said.",
        "Turnout was 34.2%, down from 38%.",
    ],
)
def test_counts_that_look_alike_stay_quantities(sentence: str) -> None:
    assert excluded(sentence) == []


def test_route_numbers_do_not_fill_the_key_figures_box() -> None:
    text = (
        "The transit board voted on Thursday to end the 31 and 40 bus routes in May. "
        "The two routes carry about 900 passengers a day, down from 1,700 in 2021. "
        "Ending them will save about $450,000 a year, the board said."
    )
    values = [f.value for f in find_key_figures(text)]
    assert "31" not in values and "40" not in values
    assert any("900" in v for v in values) and any("450,000" in v for v in values)
