"""Slack's mention syntax is translated here, at the edge: the core never sees it.

The core's key-figure rules know no chat syntax (``bot/briefing/figures/exclude.py``). Text
from Slack reaches the core as neutral Markdown with plain names, so a mention's id cannot
turn into a figure.
"""

from __future__ import annotations

from adapters.slack.neutral import slack_to_markdown
from bot.briefing.figures import find_key_figures, find_quantities

PASTED = (
    "The Millbrook food bank handed out 2,340 parcels in December, up from 1,900 a year "
    "earlier. Volunteer coordinator <@U04ABCDEF12> said 48 volunteers worked the last "
    "shift. <@W9|ana> and <!subteam^S0614TZR7|@editors> shared photos in <#C024BE91L|news> "
    "on <!date^1702630200^{date_short}|15 Dec 2023>."
)
IDS = ("U04ABCDEF12", "W9", "S0614TZR7", "C024BE91L", "1702630200")


def test_a_pasted_mention_reaches_the_core_as_plain_text() -> None:
    text = slack_to_markdown(PASTED)
    assert "<@" not in text and "<#" not in text and "<!" not in text
    assert not any(i in text for i in IDS)


def test_a_pasted_mentions_digits_never_become_a_key_figure() -> None:
    text = slack_to_markdown(PASTED)
    values = [f.value for f in find_key_figures(text)]
    assert any("2,340" in v for v in values) and any("48" in v for v in values)
    quantities = " ".join(q.text for q in find_quantities(text))
    for noise in ("04", "0614", "024", "1702630200"):
        assert noise not in quantities and not any(noise in v for v in values)
