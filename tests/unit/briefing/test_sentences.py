"""Sentence splitting on invented local-news text."""

from __future__ import annotations

import pytest

from bot.briefing.sentences import split_sentences


def test_abbreviations_decimals_and_times_do_not_end_sentences() -> None:
    text = (
        "Dr. Ana Ruiz told the St. Albans board the U.S. grant was worth $2.5 million. "
        "The meeting ended at 9 p.m. on Thursday. Mr. Hale left early."
    )
    assert split_sentences(text) == [
        "Dr. Ana Ruiz told the St. Albans board the U.S. grant was worth $2.5 million.",
        "The meeting ended at 9 p.m. on Thursday.",
        "Mr. Hale left early.",
    ]


def test_quotes_stay_with_their_sentence() -> None:
    text = '"We will reopen the pool by June," the mayor said. Swimmers cheered! Is it true?'
    assert split_sentences(text) == [
        '"We will reopen the pool by June," the mayor said.',
        "Swimmers cheered!",
        "Is it true?",
    ]


def test_paragraph_end_is_a_sentence_end_even_without_a_period() -> None:
    text = "The ferry runs hourly from May\n\nTickets cost £3 at the quay."
    assert split_sentences(text) == [
        "The ferry runs hourly from May",
        "Tickets cost £3 at the quay.",
    ]


def test_heading_is_not_glued_to_the_next_sentence() -> None:
    text = "Bridge closes for repairs\nThe Kelso bridge will shut for six weeks. Buses divert."
    assert split_sentences(text) == [
        "Bridge closes for repairs",
        "The Kelso bridge will shut for six weeks.",
        "Buses divert.",
    ]


def test_hard_wrapped_lines_are_joined() -> None:
    text = "The council said the new\nrecycling bins arrive on Monday, and\nthat pickups start."
    assert split_sentences(text) == [
        "The council said the new recycling bins arrive on Monday, and that pickups start."
    ]


def test_whitespace_is_collapsed_and_empty_text_gives_nothing() -> None:
    assert split_sentences("  A   quiet\tday   in Hexham.  ") == ["A quiet day in Hexham."]
    assert split_sentences("") == []
    assert split_sentences(" \n\n ") == []


def test_returns_a_fresh_list_each_time() -> None:
    text = "One sentence here. Another one there."
    first = split_sentences(text)
    first.append("mutated")
    assert split_sentences(text) == ["One sentence here.", "Another one there."]


def test_a_title_before_a_name_does_not_end_the_sentence() -> None:
    text = "The letter went to U.S. Rep. Dana Holt and Gov. Ray Mills on Friday. They replied."
    assert split_sentences(text) == [
        "The letter went to U.S. Rep. Dana Holt and Gov. Ray Mills on Friday.",
        "They replied.",
    ]


def test_a_month_cut_short_before_its_day_does_not_end_the_sentence() -> None:
    # Lower-cased text (some archives and feeds) has "dec. 12", which syntok ends at "dec."
    text = "Voters go to the polls in the u.k.’s dec. 12 election. Turnout may fall."
    assert split_sentences(text) == [
        "Voters go to the polls in the u.k.’s dec. 12 election.",
        "Turnout may fall.",
    ]
    many = "the vote is on dec. 5 and " * 3 + "then it closes."
    assert split_sentences(many) == [many]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one sentence to a paragraph: read whole, without the splitter
        (
            "Council votes on budget\n\nThe vote is on Tuesday",
            ["Council votes on budget", "The vote is on Tuesday"],
        ),
        (
            'She said it was "a good day for   the town."',
            ['She said it was "a good day for the town."'],
        ),
        ("\u200b\n\nThe pier reopened.", ["The pier reopened."]),
        # marks the splitter ends a sentence at, inside a paragraph, still go to it
        ("LONDON (AP) — The pier reopened.", ["LONDON (AP)", "— The pier reopened."]),
        ("Pier reopens; 58 boats return", ["Pier reopens;", "58 boats return"]),
    ],
)
def test_a_paragraph_of_one_sentence_is_read_as_the_splitter_would(
    text: str, expected: list[str]
) -> None:
    assert split_sentences(text) == expected


def test_lower_cased_text_is_split_at_its_sentence_ends() -> None:
    # archives and some feeds lower-case everything; syntok ends a sentence only before a
    # capital, so without help the whole paragraph was one sentence
    text = (
        "the storm hit at 5 a.m. on monday. the council said 12 homes flooded. "
        'mr. hale, 54, said it was the worst in u.s. history. "it was bad," she said. why?'
    )
    assert split_sentences(text) == [
        "the storm hit at 5 a.m. on monday.",
        "the council said 12 homes flooded.",
        "mr. hale, 54, said it was the worst in u.s. history.",
        '"it was bad," she said.',
        "why?",
    ]


def test_a_capital_anywhere_leaves_the_splitter_alone() -> None:
    # one capital means the text is cased: a lower-case word after a period is no start
    assert split_sentences("The vote is at 9 a.m. on sat. the results come later.") == [
        "The vote is at 9 a.m. on sat. the results come later."
    ]


def test_a_long_lower_cased_paragraph_is_split_in_linear_time() -> None:
    text = "the ferry ran late again on tuesday. " * 4000
    assert len(split_sentences(text)) == 4000


@pytest.mark.parametrize(
    "sentence",
    [
        '"why now?" asked the mayor, who had opposed the plan.',
        "apple inc. said on tuesday it would cut 300 jobs.",
        "lance cpl. tasha morgan of the highway patrol said two died.",
        "he said the plan was ... unworkable and left.",
        '"we are ... disappointed," the spokesman said.',
        "smith et al. found 40 cases in the county.",
    ],
)
def test_lower_cased_abbreviations_quoted_questions_and_ellipses_end_nothing(
    sentence: str,
) -> None:
    assert split_sentences(f"{sentence} the vote is today.") == [sentence, "the vote is today."]
