"""Discord's mention syntax is translated here, at the edge: the core never sees it.

The core's key-figure rules know no chat syntax (``bot/briefing/figures/exclude.py``). Text
from Discord reaches the core as neutral Markdown with plain names, so a mention's id
cannot turn into a figure.
"""

from __future__ import annotations

from adapters.discord.translate import neutral_text
from bot.briefing.figures import find_key_figures, find_quantities
from bot.formatting import NoNames

PASTED = (
    "The Millbrook food bank handed out 2,340 parcels in December, up from 1,900 a year "
    "earlier. Volunteer coordinator <@1191168914227200002> said 48 volunteers worked the "
    "last shift. <@!804123456789012345> and <@&912345678901234567> shared photos in "
    "<#1100000000000000042> at <t:1702630200:f>."
)
IDS = ("1191168914227200002", "804123456789012345", "912345678901234567", "1100000000000000042")


def test_a_pasted_mention_reaches_the_core_as_plain_text() -> None:
    text = neutral_text(PASTED, NoNames, ())
    assert "<@" not in text and "<#" not in text and "<t:" not in text
    assert not any(i in text for i in IDS)


def test_a_pasted_mentions_digits_never_become_a_key_figure() -> None:
    text = neutral_text(PASTED, NoNames, ())
    values = [f.value for f in find_key_figures(text)]
    assert any("2,340" in v for v in values) and any("48" in v for v in values)
    quantities = " ".join(q.text for q in find_quantities(text))
    for noise in (*IDS, "1702630200"):
        assert noise not in quantities and not any(noise in v for v in values)
