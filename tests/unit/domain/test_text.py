"""Names cannot reorder or hide the text around them; comments must show something."""

from __future__ import annotations

import pytest

from bot.domain.text import clean_name, has_visible_text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\u202eAna", "Ana"),
        ("A\u200bn\u200ca\u2060", "Ana"),
        ("\u2066Ana\u2069 \u200e(Slack)\u200f", "Ana (Slack)"),
        ("Ana\u0007\u001b[31m", "Ana[31m"),
        ("Ana\tde\nla\u2028Cruz", "Ana de la Cruz"),
        ("\u061cعمر\u202b", "عمر"),
        ("\ufeffZoë", "Zoë"),
        ("👩\u200d🔧 Kim", "👩\u200d🔧 Kim"),  # the joiner inside an emoji stays
        ("\u202e\u200b\u0007", ""),
    ],
)
def test_names_lose_control_bidi_and_zero_width_characters(raw: str, clean: str) -> None:
    assert clean_name(raw) == clean


@pytest.mark.parametrize(
    "text", ["\u202e\u200b\u0007", "   \n\t", "\u2800\u3164", "\u0301\u200d", ""]
)
def test_text_with_nothing_to_see_is_not_visible(text: str) -> None:
    assert not has_visible_text(text)


@pytest.mark.parametrize("text", ["ok", "\u202e!", " 👍 ", "٣", "\u200b.\u200b"])
def test_text_with_one_visible_character_is_visible(text: str) -> None:
    assert has_visible_text(text)
