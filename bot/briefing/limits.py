"""How much a brief may take: the size refused before parsing, and the time allowed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from bot.errors import ArticleError
from bot.messages import BRIEF_TOO_LONG
from bot.ports.fetch import FetchedPage

__all__ = ["BriefLimits", "TooLongToBriefError", "check_size", "count_words"]

_WORD = re.compile(r"\S+")


class TooLongToBriefError(ArticleError):
    """The page is larger than briefbot briefs, or briefing it took longer than allowed."""

    default_message = BRIEF_TOO_LONG


@dataclass(frozen=True, slots=True)
class BriefLimits:
    """``max_chars`` and ``max_words`` of a page's text (markup included, so that
    nothing is parsed first); ``seconds`` one brief may take once a worker starts it."""

    max_chars: int = 1_000_000
    max_words: int = 150_000
    seconds: float = 10.0


def count_words(text: str, stop_after: int) -> int:
    """Whitespace-separated words in ``text``, counting no further than ``stop_after``."""
    return sum(1 for _ in islice(_WORD.finditer(text), stop_after + 1))


def check_size(page: FetchedPage, limits: BriefLimits) -> None:
    """Raise :class:`TooLongToBriefError` when ``page`` is over the limits (cheap: one
    linear pass at most, before any parsing)."""
    if len(page.text) > limits.max_chars:
        raise TooLongToBriefError()
    if count_words(page.text, limits.max_words) > limits.max_words:
        raise TooLongToBriefError()
