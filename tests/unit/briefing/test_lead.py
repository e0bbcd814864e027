"""The lead is the summary when it is usable; the extractive method only when it is not."""

from __future__ import annotations

import pytest

from bot.briefing.lead import choose_summary, lead_sentences
from bot.briefing.model import Brief
from bot.briefing.pipeline import brief_from_text
from bot.briefing.sentences import split_sentences
from bot.briefing.summarize import summarize
from tests.unit.briefing.test_summarize import FLOOD_STORY, FLOOD_TITLE

BRIDGE_STORY = (
    "The footbridge over the River Lenn in Upper Marston reopened on Saturday after an "
    "eight-month repair that cost the county council £640,000.\n\n"
    "Engineers replaced the rusted steel deck and added a ramp at the station end, so that "
    "wheelchair users and parents with prams no longer face a flight of steps.\n\n"
    "About 2,300 people crossed the bridge each day before it closed last spring, most of "
    "them walking to the station or to Marston Primary School.\n\n"
    "Shopkeepers on Bridge Street said trade fell by a third while it was shut.\n\n"
    "The council said the bridge should now last another forty years."
)
BRIDGE_TITLE = "Upper Marston footbridge reopens after repairs"


def test_a_usable_lead_is_the_summary_as_written() -> None:
    summary = choose_summary(BRIDGE_STORY, title=BRIDGE_TITLE)
    assert summary.method == "lead"
    assert summary.sentences == tuple(split_sentences(BRIDGE_STORY)[:3])


def test_the_lead_steps_over_a_byline_and_a_caption() -> None:
    story = "By Jane Roe, Local Democracy Reporter\n\nPictured: the new ramp.\n\n" + BRIDGE_STORY
    summary = choose_summary(story, title=BRIDGE_TITLE)
    assert summary.method == "lead"
    assert summary.sentences == tuple(split_sentences(BRIDGE_STORY)[:3])


def test_a_headline_glued_to_the_first_sentence_is_not_the_lead() -> None:
    story = f"{BRIDGE_TITLE} The bridge cost a lot.\n\n{BRIDGE_STORY}"
    lead = lead_sentences(story, title=BRIDGE_TITLE)
    assert lead is not None
    assert not any(s.startswith(BRIDGE_TITLE) for s in lead)


def test_an_unusable_lead_falls_back_to_the_extractive_method() -> None:
    # questions and furniture fill the top: only one of its first five sentences is prose,
    # so the top is not a lead.
    story = (
        "Would you cross it?\n\nClick here to sign up for our newsletter.\n\n"
        "What did the council say?\n\nShould it have been built at all?\n\n" + FLOOD_STORY
    )
    summary = choose_summary(story, title=FLOOD_TITLE)
    assert summary.method == "extractive"
    assert summary.sentences == summarize(story, title=FLOOD_TITLE)


def test_a_story_under_a_question_and_a_newsletter_line_still_leads_with_its_lead() -> None:
    story = "Would you cross it?\n\nClick here to sign up for our newsletter.\n\n" + BRIDGE_STORY
    summary = choose_summary(story, title=BRIDGE_TITLE)
    assert summary.method == "lead"
    assert summary.sentences == tuple(split_sentences(BRIDGE_STORY)[:3])


def test_a_long_opening_sentence_and_a_short_one_stay_in_the_lead() -> None:
    long_opening = (
        "The county council voted on Thursday night to close two of the four libraries in "
        "the Lenn valley next spring, move their books and computers to a mobile library "
        "that will visit eleven villages each fortnight, and spend the £210,000 a year it "
        "expects to save on longer opening hours at the main library in Upper Marston."
    )
    story = f"{long_opening}\n\nThe vote was seven to four.\n\n{BRIDGE_STORY}"
    assert len(long_opening.split()) > 40
    summary = choose_summary(story, title="Two valley libraries to close")
    assert summary.method == "lead"
    assert summary.sentences[:2] == (long_opening, "The vote was seven to four.")


def test_a_crosshead_and_a_split_dateline_are_stepped_over() -> None:
    story = "ST.\n\nMARSTON, Lenn.\n\nThe bridge in numbers\n\n" + BRIDGE_STORY
    summary = choose_summary(story, title=BRIDGE_TITLE)
    assert summary.method == "lead"
    assert summary.sentences == tuple(split_sentences(BRIDGE_STORY)[:3])


@pytest.mark.parametrize(
    "line",
    [
        "Updated 3 hours ago.",
        "Listen to this article.",
        "Photographs by Jane Roe.",
        "Reporting by Jane Roe.",
        "Jane Roe, Senior Health Correspondent.",
        "Five things to know.",
        "A long road ahead.",
        "Related: Council votes to close two libraries in the valley.",
        "Editor's note: This story was updated on Friday with the council's reply.",
    ],
)
def test_stamps_credits_and_short_crossheads_at_the_top_are_stepped_over(line: str) -> None:
    summary = choose_summary(f"{line}\n\n{BRIDGE_STORY}", title=BRIDGE_TITLE)
    assert summary.method == "lead"
    assert summary.sentences == tuple(split_sentences(BRIDGE_STORY)[:3])


@pytest.mark.parametrize(
    "opening",
    [
        "By Christmas, the shelter hopes to house 140 families in its new wing.",
        "By NASA's count, 1,200 satellites now pass over the valley every day.",
        "By Sept. 30 the council must say how it will pay for the repairs.",
        "BY THE END of the week the ferry will run every half hour again.",
    ],
)
def test_an_opening_that_starts_with_by_is_not_taken_for_a_byline(opening: str) -> None:
    summary = choose_summary(f"{opening}\n\n{BRIDGE_STORY}", title=BRIDGE_TITLE)
    assert summary.sentences[0] == opening


@pytest.mark.parametrize(
    "byline", ["By Jane Roe", "By JANE ROE, Health Reporter", "By The Associated Press"]
)
def test_bylines_are_stepped_over(byline: str) -> None:
    assert lead_sentences(f"{byline}\n\n{BRIDGE_STORY}", title=BRIDGE_TITLE) == tuple(
        split_sentences(BRIDGE_STORY)[:3]
    )


def test_a_sentence_opening_with_by_and_a_time_is_not_a_byline() -> None:
    story = (
        "By the end of March the ferry will run every half hour, the harbour board said.\n\n"
        "By Tuesday, 400 people had signed a petition asking for a later last crossing.\n\n"
        + BRIDGE_STORY
    )
    summary = choose_summary(story, title="Ferry to run more often")
    assert summary.method == "lead"
    assert summary.sentences[0].startswith("By the end of March")
    assert summary.sentences[1].startswith("By Tuesday")
    assert lead_sentences("By Jane Roe\n\n" + BRIDGE_STORY, title=BRIDGE_TITLE) == tuple(
        split_sentences(BRIDGE_STORY)[:3]
    )


def test_outside_english_the_summary_is_always_the_lead() -> None:
    story = "¿Qué pasará con el puente?\n\nNadie lo sabe.\n\n" + (
        "El puente de la calle Mayor estará cerrado durante tres semanas por obras. "
        "El ayuntamiento ha habilitado un paso provisional junto al río para los peatones."
    )
    summary = choose_summary(story, english=False)
    assert summary.method == "lead"
    assert summary.sentences[0].startswith("El puente de la calle Mayor")


def test_the_brief_says_which_method_made_its_summary() -> None:
    brief = brief_from_text(f"{BRIDGE_TITLE}\n\n{BRIDGE_STORY}")
    assert brief.summary_method == "lead"
    assert brief.to_dict()["summary_method"] == "lead"
    restored = Brief.from_dict(brief.to_dict())
    assert restored.summary_method == "lead"
    assert restored.notice is None


def test_a_brief_stored_before_the_method_was_recorded_reads_as_extractive() -> None:
    stored = {"title": "Old", "summary": ["A sentence from an old brief."], "key_figures": []}
    assert Brief.from_dict(stored).summary_method == "extractive"
    assert Brief.restore({"summary_method": "oracle"}, "Odd").summary == ()


def test_text_pasted_without_a_headline_keeps_its_first_sentence() -> None:
    # the brief is named after the first words, but that stand-in is not a headline to
    # step over: the lead starts where the story does.
    story = " ".join(split_sentences(BRIDGE_STORY))
    brief = brief_from_text(story)
    assert brief.title.endswith("…")
    assert brief.summary_method == "lead"
    assert brief.summary == tuple(split_sentences(BRIDGE_STORY)[:3])


def test_the_lead_does_not_jump_over_a_list_to_find_its_third_sentence() -> None:
    items = "\n\n".join(f"Item {n}: more benches, lights and bins for the park?" for n in range(11))
    story = (
        "The Friends of Alder Park have sent the council a list of repairs they want.\n\n"
        f"Here is what they are asking for.\n\n{items}\n\n"
        "The council will answer the group at its meeting in March, a spokesperson said."
    )
    summary = choose_summary(story, title="Park group sends repair list")
    assert summary.method == "extractive"


@pytest.mark.parametrize(
    ("opening", "shown"),
    [
        (
            "By JOHN ROE Associated Press MARSTON (AP) — The county council voted 7-4 to "
            "close two valley libraries next spring.",
            "The county council voted 7-4 to close two valley libraries next spring.",
        ),
        (
            "By Tuesday — a week late — the ferry was running every half hour again.",
            "By Tuesday — a week late — the ferry was running every half hour again.",
        ),
    ],
)
def test_a_byline_glued_to_the_dateline_is_tidied_away_and_a_time_is_not(
    opening: str, shown: str
) -> None:
    summary = choose_summary(f"{opening}\n\n{BRIDGE_STORY}", title="Valley news")
    assert summary.sentences[0] == shown
