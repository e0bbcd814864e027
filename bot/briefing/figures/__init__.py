"""Key figures. (Being written: see the briefing pipeline issue.)"""

from __future__ import annotations

from datetime import date

from bot.briefing.model import KeyFigure


def find_key_figures(
    text: str, *, title: str | None = None, published: date | None = None, limit: int = 6
) -> tuple[KeyFigure, ...]:
    raise NotImplementedError
