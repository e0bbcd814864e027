from __future__ import annotations

import pytest

from bot.briefing.text import (
    body_text,
    is_furniture,
    looks_like_heading,
    normalize_whitespace,
    split_blocks,
    split_title,
)
from tests.unit.briefing.stories import SEED_LIKE_TEXT


def test_first_line_is_the_title_when_it_reads_like_a_headline() -> None:
    title, rest = split_title(SEED_LIKE_TEXT)
    assert title == "Harbour Ferry Service Returns After Two-Year Pause"
    assert rest.startswith("The Kestrel Bay ferry")


@pytest.mark.parametrize(
    "first_line",
    [
        "The ferry will carry passengers again from Saturday, the harbour trust said.",
        "the ferry is back",
        "Ferry returns, and islanders rejoice, as the harbour trust finally replaces the boat "
        "that failed its inspection two years ago after corrosion was found in the hull",
    ],
)
def test_first_line_is_not_a_title_when_it_reads_like_body(first_line: str) -> None:
    title, rest = split_title(first_line + "\nMore text follows here.")
    assert title is None
    assert rest.startswith(first_line)


@pytest.mark.parametrize(
    "headline",
    [
        # sentence case, 15 words: how wire services and British papers write headlines
        "Storm knocks out power to 40,000 homes across the valley as rivers keep rising",
        "£2m lottery couple still open their corner shop at six every morning",
        'Court clears bakery owner of "misleading shoppers" over sourdough label',
        "Cllr. Jane Smith quits as leader of Northshire council after vote on library cuts",
        "What next? Council leader quits after losing the budget vote by a single vote",
        "Det. Sgt. Jane Hale cleared of misconduct after two-year inquiry into station fire",
    ],
)
def test_a_long_sentence_case_headline_set_apart_is_the_title(headline: str) -> None:
    title, rest = split_title(f"{headline}\n\nThe valley's rivers rose again on Sunday.\n")
    assert title == headline
    assert rest.strip() == "The valley's rivers rose again on Sunday."


def test_a_first_paragraph_of_two_sentences_is_not_a_title() -> None:
    text = (
        "Council tax will rise by 4.99% from April. The council said it had no choice\n\n"
        "Band D bills will reach £2,100.\n"
    )
    title, rest = split_title(text)
    assert title is None
    assert "4.99%" in rest


def test_a_paragraph_opening_on_a_sum_is_body_not_a_heading() -> None:
    text = "The budget in brief.\n\n£2.3m for road repairs\n\n£1.1m to keep libraries open\n"
    blocks = split_blocks(text)
    assert [b.kind for b in blocks] == ["paragraph", "paragraph", "paragraph"]


def test_a_long_sentence_case_line_run_into_the_next_is_not_a_title() -> None:
    line = "Storm knocks out power to 40,000 homes across the valley as rivers keep rising"
    assert split_title(f"{line}\nThe valley's rivers rose again on Sunday.\n")[0] is None
    assert split_title('He told them "no"\nThe valley flooded.')[0] is None


def test_first_line_of_hard_wrapped_prose_is_not_a_title() -> None:
    text = "The parish council met on Monday\nand agreed to repaint the bus shelter.\n"
    assert split_title(text)[0] is None


def test_subheadings_become_heading_blocks() -> None:
    _, rest = split_title(SEED_LIKE_TEXT)
    blocks = split_blocks(rest)
    headings = [b.text for b in blocks if b.kind == "heading"]
    assert headings == ["Why the Service Stopped", "What Islanders Say"]
    assert all(b.text.endswith(".") for b in blocks if b.kind == "paragraph")


def test_body_text_leaves_out_headings_and_furniture() -> None:
    _, rest = split_title(SEED_LIKE_TEXT)
    body = body_text(rest)
    assert "Why the Service Stopped" not in body
    assert "What Islanders Say" not in body
    assert "Write A Comment" not in body
    assert body.count("\n\n") == 3  # four paragraphs


@pytest.mark.parametrize(
    "line",
    [
        "Write A Comment",
        "Write a comment",
        "Leave a comment",
        "Share this",
        "Share this article",
        "Advertisement",
        "ADVERTISEMENT",
        "Subscribe",
        "Subscribe now",
        "Sign up for our daily newsletter",
        "Read more",
        "- Print Article",
        "© 2026 Millbrook Courier",
        "Don't miss",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement revenue fell by 12% last year, the paper said.",
        "Subscribers will get the new edition on Friday.",
        "Share prices rose on Monday.",
        "",
    ],
)
def test_body_lines_are_not_furniture(line: str) -> None:
    assert not is_furniture(line)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Why the Service Stopped", True),
        ("Council votes on budget", True),
        ("2027 opening date", True),
        ("The council voted on Tuesday.", False),
        ("What did the council decide?", False),
        ("He said:", False),
        ("lower-case start", False),
        ("A heading that goes on and on with far too many words to be read as a heading", False),
    ],
)
def test_looks_like_heading(line: str, expected: bool) -> None:
    assert looks_like_heading(line) is expected


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = (
        "The parish council met on Monday\n"
        "and agreed to repaint the bus shelter.\n"
        "Work starts next week.\n"
        "\n"
        "The shelter was last painted in 2011."
    )
    blocks = split_blocks(text)
    assert [b.kind for b in blocks] == ["paragraph", "paragraph"]
    assert blocks[0].text == (
        "The parish council met on Monday and agreed to repaint the bus shelter. "
        "Work starts next week."
    )


def test_normalize_whitespace() -> None:
    raw = "A\u00a0 line\u200b with\tspaces\r\nsecond  line\r\n"
    assert normalize_whitespace(raw) == "A line with spaces\nsecond line\n"
