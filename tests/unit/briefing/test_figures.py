"""Key figures of whole invented stories: what is picked, how it is labelled, what is not."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.briefing.figures import find_key_figures
from bot.briefing.model import KeyFigure

# The seed article's facts, retold in new words for the test.
TROOPS_STORY = (
    "Pyongyang sends troops to the Russian front\n\n"
    "North Korea now admits it has sent between 10,000 to 12,000 troops to Russia to "
    "fight alongside Moscow's forces in the war with Ukraine. It is the country's first "
    "part in a large war since the 1950s.\n\n"
    "Moscow says the Kursk region is back under its control, which Kyiv denies.\n\n"
    "A mutual defence pact that Kim Jong Un and Vladimir Putin signed in June 2024 binds "
    "each country to help the other if it is attacked.\n\n"
    "South Korean military sources estimate casualties of around 4,000 North Korean "
    "soldiers, many of them new to combat and to the terrain.\n\n"
    "Analysts expect the partnership to draw more sanctions from Western governments."
)

HARBOUR_STORY = (
    "Portwell harbour wins $1.2bn rebuild\n\n"
    "By Sam Okafor, 34, Business Reporter\n\n"
    "Portwell's harbour will be rebuilt in a $1.2bn project that the port authority says "
    "will create 1,400 jobs over the next decade.\n\n"
    "Cargo volumes rose by 18% last year to 2.3 million tonnes, the authority said at its "
    "offices at 12 Quay Street on Monday.\n\n"
    "1. Dredging starts in the spring.\n\n"
    "Work will be done in three phases, and the first ships are due to berth in 2029.\n\n"
    "For details call the project line on (555) 201-7788 between 9 a.m. and 5 p.m.\n\n"
    "Copyright 2026 Portwell Gazette."
)


def _values(figures: tuple[KeyFigure, ...]) -> list[str]:
    return [f.value for f in figures]


def _figure(figures: tuple[KeyFigure, ...], value_part: str) -> KeyFigure:
    return next(f for f in figures if value_part in f.value)


def test_seed_story_figures() -> None:
    figures = find_key_figures(TROOPS_STORY)
    values = _values(figures)
    assert any("10,000 to 12,000" in v for v in values)
    assert "around 4,000" in values
    assert "troops" in _figure(figures, "12,000").label
    assert "soldiers" in _figure(figures, "4,000").label
    # A date on its own ("June 2024", when the pact was signed) is not a figure an
    # editor boxes (benchmarks/labels/README.md); the old ranking showed it.


def test_ranges_are_not_collapsed() -> None:
    figure = _figure(find_key_figures(TROOPS_STORY), "12,000")
    assert "10,000" in figure.value


def test_money_figure_comes_first_with_its_label_and_sentence() -> None:
    figures = find_key_figures(HARBOUR_STORY, title="Portwell harbour wins $1.2bn rebuild")
    assert figures[0].value == "$1.2bn"
    assert "project" in figures[0].label
    assert figures[0].sentence.startswith("Portwell's harbour will be rebuilt")
    assert "1,400" in _values(figures)
    assert "jobs" in _figure(figures, "1,400").label


def test_furniture_phone_numbers_times_addresses_and_list_numbers_are_left_out() -> None:
    values = " | ".join(_values(find_key_figures(HARBOUR_STORY)))
    for unwanted in ("555", "201", "7788", "9 a.m.", "12", "2026", "34"):
        assert unwanted not in values.split(" | ")
    assert "201-7788" not in values


def test_between_three_and_six_figures_most_newsworthy_first() -> None:
    figures = find_key_figures(HARBOUR_STORY)
    assert 3 <= len(figures) <= 6
    assert len(find_key_figures(HARBOUR_STORY, limit=2)) == 2
    assert find_key_figures(HARBOUR_STORY, limit=0) == ()


def test_the_same_quantity_is_given_once() -> None:
    text = (
        "The school roof repair will cost £350,000, the council said. "
        "Parents were told the £350,000 bill would be met from reserves. "
        "About 600 pupils will move to temporary classrooms for 8 weeks."
    )
    values = _values(find_key_figures(text))
    assert sum("350,000" in v for v in values) == 1


def test_publication_date_is_not_a_key_figure() -> None:
    text = (
        "The Brennan Street food bank fed 2,300 families in November 2026, up 40% on a year "
        "earlier. Volunteers packed 18,000 parcels."
    )
    values = _values(find_key_figures(text, published=date(2026, 11, 30)))
    assert "November 2026" not in values
    assert "2,300" in values


def test_dates_on_their_own_give_way_to_the_story_s_numbers() -> None:
    text = (
        "The survey was published on November 12, 2026, the council said. "
        "A public meeting was held on November 3, 2026, in the town hall. "
        "Mill Road traders said 40 shops had shut since a bypass opened in June 2024."
    )
    values = _values(find_key_figures(text, published=date(2026, 11, 12)))
    assert "November 12, 2026" not in values
    assert values[0] == "40"


def test_no_numbers_no_figures() -> None:
    assert find_key_figures("The parish council met and agreed to plant more trees.") == ()
    assert find_key_figures("") == ()


def test_values_are_verbatim_from_the_sentence() -> None:
    for figure in find_key_figures(TROOPS_STORY) + find_key_figures(HARBOUR_STORY):
        assert figure.value in figure.sentence


_SEED = Path(__file__).resolve().parents[4] / "shared" / "samples" / "seed-article.txt"


@pytest.mark.skipif(not _SEED.is_file(), reason="the shared seed article is not on this machine")
def test_shared_seed_article_when_present() -> None:
    values = " | ".join(_values(find_key_figures(_SEED.read_text(encoding="utf-8"))))
    assert "10,000 to 12,000" in values
    assert "around 4,000" in values
