"""The benchmark's key-figure scorer (benchmarks/_figure_scoring.py) reads numbers as the
figures README says, including numbers written straight before letters."""

from __future__ import annotations

import pytest

from benchmarks._figure_scoring import figure_matches, read_numbers, score_figures


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("13th", 13.0),
        ("the 6th fatality", 6.0),
        ("21st straight win", 21.0),
        ("a 77lb dog", 77.0),
        ("a 5km run", 5.0),
        ("100mph winds", 100.0),
        ("a 13th-century church", 13.0),
        ("since the 1990s", 1990.0),
    ],
)
def test_a_number_straight_before_letters_is_read(text: str, number: float) -> None:
    assert number in read_numbers(text)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("£3bn", 3e9),
        ("3bn", 3e9),
        ("$1.2bn", 1.2e9),
        ("1,200 million", 1.2e9),
        ("£23million", 23e6),
        ("10m people", 10e6),
        ("300k", 300e3),
        ("HK$3.5bn", 3.5e9),
    ],
)
def test_multipliers_still_apply(text: str, number: float) -> None:
    assert read_numbers(text) == [pytest.approx(number)]


def test_a_unit_that_starts_like_a_multiplier_is_not_one() -> None:
    # "km" and "mph" begin with the letters of "k" and "m" but multiply nothing.
    assert read_numbers("5km") == [5.0]
    assert read_numbers("5 km") == [5.0]
    assert read_numbers("100mph") == [100.0]
    assert read_numbers("3mn") == [3e6]


def test_ordinal_suffixes_are_not_read_as_words() -> None:
    assert read_numbers("1st 2nd 3rd 4th") == [1.0, 2.0, 3.0, 4.0]


def test_words_ranges_and_percentages() -> None:
    assert 51.0 in read_numbers("Fifty-one percent")
    assert read_numbers("five-and-a-half points") == [5.5]
    assert read_numbers("up to a dozen") == [12.0]
    assert 40e9 in read_numbers("$40-50 billion")
    assert 50e9 in read_numbers("$40-50 billion")
    assert read_numbers("45%") == [45.0]


def test_score_counts_found_and_useful() -> None:
    score = score_figures([[13.0], [6.0, 7.0], [99.0]], ["13th — stage win", "6th to 7th", "x"])
    assert (score.labelled, score.found, score.produced, score.useful) == (3, 2, 3, 2)
    assert score.recall == pytest.approx(2 / 3)
    assert score.precision == pytest.approx(2 / 3)


def test_matches_name_the_missed_labels_and_the_unwanted_figures() -> None:
    missed, unwanted = figure_matches([[13.0], [99.0]], ["13th — stage win", "77lb — weight"])
    assert missed == [1]
    assert unwanted == [1]
