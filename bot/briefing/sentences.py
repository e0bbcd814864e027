"""Sentence splitting. (Being written: see the briefing pipeline issue.)"""

from __future__ import annotations


def split_sentences(text: str) -> list[str]:
    raise NotImplementedError
