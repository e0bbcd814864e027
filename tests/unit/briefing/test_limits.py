"""The size check before parsing: characters first (free), then words."""

from __future__ import annotations

import pytest

from bot.briefing.limits import BriefLimits, TooLongToBriefError, check_size, count_words
from bot.messages import BRIEF_TOO_LONG
from bot.ports.fetch import FetchedPage


def _page(text: str) -> FetchedPage:
    return FetchedPage("https://news.example/a", "text/plain", text)


def test_words_are_counted_no_further_than_asked() -> None:
    assert count_words("  the ferry\tyard\nreopens ", 100) == 4
    assert count_words("one two three four five", 2) == 3


def test_a_page_within_both_limits_passes() -> None:
    check_size(_page("word " * 100), BriefLimits(max_chars=500, max_words=100))


@pytest.mark.parametrize(
    "limits", [BriefLimits(max_chars=499, max_words=1000), BriefLimits(max_words=99)]
)
def test_a_page_over_either_limit_is_refused_in_one_sentence(limits: BriefLimits) -> None:
    with pytest.raises(TooLongToBriefError) as refusal:
        check_size(_page("word " * 100), limits)
    assert refusal.value.user_message == BRIEF_TOO_LONG
