"""How a picked figure is shown: a duration's unit goes with its number, verbatim."""

from __future__ import annotations

import pytest

from bot.briefing.figures.label import label_for
from bot.briefing.figures.numbers import find_quantities
from bot.briefing.figures.shown import shown


def _shown(sentence: str, number: str) -> tuple[str, str]:
    quantity = next(q for q in find_quantities(sentence) if q.text == number)
    return shown(sentence, quantity, label_for(sentence, quantity))


@pytest.mark.parametrize(
    ("sentence", "number", "value"),
    [
        ("The jury took just 20 minutes to clear the ferry captain.", "20", "20 minutes"),
        ("The council will hold people no longer than 48 hours, its rules say.", "48", "48 hours"),
        ("The repairs to the harbour wall ran on for 14 months.", "14", "14 months"),
        (
            "Eleven weeks, two inquiries and £2 million later, the pier reopened.",
            "Eleven",
            "Eleven weeks",
        ),
        ("The lido's 30 min swim sessions sold out by noon.", "30", "30 min"),
        ("The market won a second 60-day extension of its licence.", "60", "60-day"),
        (
            "Lanterns will hang above the river for the 45-day-long celebration.",
            "45",
            "45-day-long",
        ),
    ],
)
def test_a_duration_is_shown_with_its_unit(sentence: str, number: str, value: str) -> None:
    shown_value, label = _shown(sentence, number)
    assert shown_value == value
    assert value in sentence  # still the article's own words, verbatim
    first = label.split()[0].lower() if label else ""
    assert first not in ("minutes", "hours", "months", "weeks", "min", "day", "day-long")


def test_the_unit_moves_from_the_label_to_the_value() -> None:
    sentence = "The market won a second 60-day extension of its licence."
    assert _shown(sentence, "60") == ("60-day", "extension of its licence")


def test_a_unit_that_is_what_is_counted_stays_the_label() -> None:
    sentence = "Astronomers watched the moon for 17 nights from the island observatory."
    assert _shown(sentence, "17") == ("17", "nights from the island observatory")


@pytest.mark.parametrize(
    ("sentence", "number"),
    [
        ("The school hired 12 teachers and 4 day-care staff this term.", "4"),
        ("Prices rose 8% in the year to March.", "8%"),
        ("The fund paid out £3 million over two years.", "£3 million"),
        ("Ten minutes' drive from the town, 300 homes are planned.", "300"),
    ],
)
def test_other_figures_are_shown_as_read(sentence: str, number: str) -> None:
    quantity = next(q for q in find_quantities(sentence) if q.text == number)
    value, _ = shown(sentence, quantity, label_for(sentence, quantity))
    assert value == quantity.text
