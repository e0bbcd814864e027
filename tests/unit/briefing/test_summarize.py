"""Extractive summaries of invented local-news stories."""

from __future__ import annotations

from bot.briefing.sentences import split_sentences
from bot.briefing.summarize import summarize
from bot.briefing.summary_quality import (
    _FURNITURE,
    _FURNITURE_FIRST,
    EXCLUDE,
    has_boilerplate,
    readability_penalty,
)

FLOOD_STORY = (
    "Heavy rain flooded 40 homes in the village of Ashby Parva overnight on Sunday, "
    "after the River Swift burst its banks for the second time this year.\n\n"
    "He said the water rose faster than anyone could remember.\n\n"
    "Firefighters from three stations pumped water from houses on Mill Lane and Church "
    "Street until dawn, and the county council opened the village hall as a rest centre.\n\n"
    "Click here to sign up for our weather alerts newsletter.\n\n"
    "The Environment Agency said the river at Ashby Parva peaked at 2.9 metres, its highest "
    "level since records began in 1998, and warned that more rain was forecast for Tuesday.\n\n"
    "But residents said the flood defences promised after the January floods had never "
    "been built.\n\n"
    "Would the defences have helped?\n\n"
    "The county council said work on a new flood wall beside the river would start in the "
    "spring and cost about £1.8 million, paid for by a government grant.\n\n"
    "Local councillor Meera Patel said families in the flooded homes faced months of "
    "repairs, and the parish council has set up a hardship fund for them."
)
FLOOD_TITLE = "River Swift floods 40 homes in Ashby Parva"


def test_returns_the_requested_number_of_sentences_in_article_order() -> None:
    summary = summarize(FLOOD_STORY, title=FLOOD_TITLE, sentences=3)
    sentences = split_sentences(FLOOD_STORY)
    assert len(summary) == 3
    positions = [sentences.index(s) for s in summary]
    assert positions == sorted(positions)


def test_keeps_the_lead_and_skips_furniture_questions_and_dangling_openers() -> None:
    summary = summarize(FLOOD_STORY, title=FLOOD_TITLE, sentences=4)
    assert summary[0].startswith("Heavy rain flooded 40 homes")
    for sentence in summary:
        assert "Click here" not in sentence
        assert not sentence.endswith("?")
        assert not sentence.startswith(("He said", "But "))


def test_sentence_count_is_respected() -> None:
    for count in (1, 2, 5):
        assert len(summarize(FLOOD_STORY, sentences=count)) == count
    assert summarize(FLOOD_STORY, sentences=0) == ()


def test_short_article_gives_all_its_sentences() -> None:
    text = "The Kelso bridge reopened on Friday after six weeks of repairs. Buses return Monday."
    assert summarize(text, sentences=3) == (
        "The Kelso bridge reopened on Friday after six weeks of repairs.",
        "Buses return Monday.",
    )
    assert summarize("", sentences=3) == ()


def test_a_title_repeated_as_the_first_line_is_not_summary_material() -> None:
    text = f"{FLOOD_TITLE}\n\n{FLOOD_STORY}"
    assert FLOOD_TITLE not in summarize(text, title=FLOOD_TITLE)


def test_deterministic() -> None:
    assert summarize(FLOOD_STORY, title=FLOOD_TITLE) == summarize(FLOOD_STORY, title=FLOOD_TITLE)


def test_redundant_caption_does_not_take_a_second_slot() -> None:
    lead = "The Hexham Road bakery closed on Saturday after 62 years of trading in the town centre."
    text = " ".join(
        [
            lead,
            "The Hexham Road bakery closed on Saturday after 62 years of trading in the town.",
            "Owner Jean Moss said rising energy bills had made the ovens too costly to run.",
            "Customers queued round the block for a last loaf on the final morning of trading.",
            "The building has been bought by a developer who plans six flats on the site.",
        ]
    )
    summary = summarize(text, sentences=3)
    assert summary[0] == lead
    assert sum("Hexham Road bakery closed" in s for s in summary) == 1


def test_readability_penalty_marks_down_what_cannot_stand_alone() -> None:
    assert readability_penalty("The council approved the budget for the new school on Monday.") == 0
    assert 0 < readability_penalty("It approved the budget for the new school on Monday.") < EXCLUDE
    assert readability_penalty("Sign up for our newsletter to get the news first.") >= EXCLUDE
    assert readability_penalty("By Jane Roe, Health Reporter") >= EXCLUDE
    assert readability_penalty("What happens to the school budget now?") >= EXCLUDE


def test_datelines_and_bullets_are_trimmed_from_summary_sentences() -> None:
    text = (
        "LEEDS (AP) — The city's tram line will open two stops early, officials said Monday.\n\n"
        "- Trams will run every ten minutes between the station and the university campus."
    )
    assert summarize(text, sentences=2) == (
        "The city's tram line will open two stops early, officials said Monday.",
        "Trams will run every ten minutes between the station and the university campus.",
    )


def test_furniture_patterns_do_not_catch_ordinary_reporting() -> None:
    assert readability_penalty("The parish newsletter said 40 homes were flooded last week.") == 0
    assert readability_penalty("The cookie stall at the school fair raised £400 for books.") == 0


def _split_alternatives(pattern: str) -> tuple[list[str], int]:
    """The alternatives of ``pattern`` up to the bracket that closes its group (or its
    end), and where they stop."""
    alternatives, depth, start, escaped = [], 0, 0, False
    for index, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch in "([":
            depth += 1
        elif ch in ")]" and depth == 0:
            return [*alternatives, pattern[start:index]], index
        elif ch in ")]":
            depth -= 1
        elif ch == "|" and depth == 0:
            alternatives.append(pattern[start:index])
            start = index + 1
    return [*alternatives, pattern[start:]], len(pattern)


def _first_characters(pattern: str) -> set[str]:
    """The characters a match of ``pattern`` (literals and ``(?:...)`` groups) opens with."""
    firsts: set[str] = set()
    for alternative in _split_alternatives(pattern)[0]:
        opening = alternative.strip().removeprefix("^")
        if opening.startswith("(?:"):
            firsts |= _first_characters(opening[3:])
        else:
            firsts.add(opening[0].lower())
    return firsts


def test_every_furniture_pattern_starts_with_a_letter_the_lookahead_lets_through() -> None:
    lookahead = f"(?=[{_FURNITURE_FIRST}])"
    assert _FURNITURE.pattern.startswith(lookahead)
    firsts = _first_characters(_FURNITURE.pattern.removeprefix(lookahead))
    assert {"c", "s", "i", "v", "b", "©"} <= firsts  # the helper reads inside groups
    assert firsts <= set(_FURNITURE_FIRST)


def test_furniture_is_found_anywhere_in_any_case() -> None:
    assert has_boilerplate("Readers can CLICK HERE to see the full list.")
    assert has_boilerplate("The fire at the depot. Photo credit: Jane Roe")
    assert has_boilerplate("Pictured: the new library on opening day.")
    assert not has_boilerplate("Councillors will vote on the plan next week.")
