"""A figure and the figure it is compared with are one fact, boxed once."""

import pytest

from bot.briefing.figures import find_key_figures


@pytest.mark.parametrize(
    ("text", "value", "comparison"),
    [
        (
            "The two ferries carry about 900 passengers a day, down from 1,400 in 2019.",
            "about 900",
            "down from 1,400",
        ),
        ("Turnout was 61.5%, up from 48% at the last election.", "61.5%", "up from 48%"),
        (
            "The food bank gave out 2,300 parcels in March compared with 1,700 a year before.",
            "2,300",
            "compared with 1,700",
        ),
    ],
)
def test_a_change_is_one_figure_with_its_comparison(text: str, value: str, comparison: str) -> None:
    figures = find_key_figures(text)
    assert [f.value for f in figures] == [value]
    assert figures[0].label.endswith(comparison)


def test_figures_of_different_kinds_are_not_joined() -> None:
    figures = find_key_figures("The hall cost £4.2 million, up from a quote of 30% less.")
    assert all("30%" not in f.label for f in figures)


def test_a_comparison_in_another_clause_is_not_joined() -> None:
    text = "The school has 640 pupils; the council said it was built for 400 in 1970."
    assert all("400" not in f.label for f in find_key_figures(text))


def test_a_figure_after_its_capacity_is_measured_against_it() -> None:
    figures = find_key_figures("At the county jail a wing meant for 40 held 130 women last winter.")
    assert [f.value for f in figures] == ["130"]
    assert figures[0].label.endswith("meant for 40")


def test_a_capacity_of_something_else_is_not_joined() -> None:
    figures = find_key_figures("The hall built for 200 guests hosted 50 weddings last year.")
    assert all("200" not in f.label for f in figures)
