"""Extractive summary. (Being written: see the briefing pipeline issue.)"""

from __future__ import annotations


def summarize(text: str, *, title: str | None = None, sentences: int = 3) -> tuple[str, ...]:
    raise NotImplementedError
