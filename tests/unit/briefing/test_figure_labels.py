"""Labels for key figures, as an editor would write them beside the number.

Each case is an invented local-news sentence, a figure in it and the label expected for
it; the properties below hold for every label, whatever its wording.
"""

from __future__ import annotations

import re

import pytest

from bot.briefing.figures.label import label_for
from bot.briefing.figures.numbers import Quantity, find_quantities

CASES = [
    # What a count counts, and what it did.
    (
        "About 3,500 people marched through the town centre on Saturday to protest.",
        "About 3,500",
        "people marched through the town centre",
    ),
    (
        "More than 400 people queued outside before the market opened at 8am.",
        "More than 400",
        "people queued outside before the market opened",
    ),
    (
        "Police said 12 people were injured in the crash on the ring road.",
        "12",
        "people injured in the crash",
    ),
    (
        "Sixty-two households were evacuated after the river burst its banks.",
        "Sixty-two",
        "households evacuated after the river burst its banks",
    ),
    (
        "Between 40 and 50 volunteers turned up to clear the allotments.",
        "Between 40 and 50",
        "volunteers turned up to clear the allotments",
    ),
    ("The museum welcomed 48,000 visitors in its first year.", "48,000", "visitors welcomed"),
    ("A poll of 1,200 voters found the plan had wide support.", "1,200", "voters polled"),
    ("A survey of 900 parents last autumn backed a later start.", "900", "parents surveyed"),
    # What money measures.
    (
        "The new footbridge over the canal will cost £2.4 million, the council said.",
        "£2.4 million",
        "cost of the new footbridge over the canal",
    ),
    (
        "The refurbishment, which cost $640,000, was paid for by a local foundation.",
        "$640,000",
        "cost of the refurbishment",
    ),
    (
        "The school raised £14,000 for the children's hospice at its summer fair.",
        "£14,000",
        "raised for the children's hospice",
    ),
    ("The remaining $300,000 came from a state grant.", "$300,000", "from a state grant"),
    (
        "The district will spend $2.1 million on new school buses.",
        "$2.1 million",
        "spent on new school buses",
    ),
    (
        "Councillors voted 9 to 4 to approve a budget of $18.6 million for next year.",
        "$18.6 million",
        "approved budget",
    ),
    (
        "The contract is worth $4.5 million over five years.",
        "$4.5 million",
        "value of the contract",
    ),
    (
        "The council's reserves stood at £9.3 million in March.",
        "£9.3 million",
        "council's reserves",
    ),
    (
        "Parking fines brought in $1.3 million last year, the audit found.",
        "$1.3 million",
        "brought in by parking fines",
    ),
    (
        "The orchestra's deficit has narrowed to £180,000 from £420,000 two years ago.",
        "£180,000",
        "orchestra's deficit",
    ),
    # What a percentage measures.
    ("Bus fares will rise by 8% in April, the operator said.", "8%", "rise in bus fares"),
    (
        "The scheme is expected to cut traffic on the high street by 30%.",
        "30%",
        "expected cut in traffic on the high street",
    ),
    (
        "Water bills are set to rise by an average of £35 a year.",
        "£35",
        "average rise in water bills",
    ),
    ("Turnout was 41%, the highest in a decade.", "41%", "turnout"),
    (
        "Membership reached 2,300 in the spring, up 15% on the year before.",
        "15%",
        "rise in membership",
    ),
    # When: the event, not the date.
    (
        "The town opened its new swimming pool in March 2025 after years of delays.",
        "March 2025",
        "new swimming pool opened",
    ),
    (
        "A twinning agreement that the two mayors signed in June 2019 lapsed this year.",
        "June 2019",
        "twinning agreement signed by the mayors",
    ),
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
