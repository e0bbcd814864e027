"""Reading a word-list file (``MOD_WORDS_FILE``)."""

from __future__ import annotations

__all__ = ["parse_word_list"]

_SUSPECT = "suspect:"


def parse_word_list(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(banned, suspect)`` from one entry per line: a banned entry, or
    ``suspect:<entry>``; blank lines and lines starting with ``#`` are skipped."""
    banned: list[str] = []
    suspect: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.casefold().startswith(_SUSPECT):
            entry = line[len(_SUSPECT) :].strip()
            if entry:
                suspect.append(entry)
        else:
            banned.append(line)
    return tuple(banned), tuple(suspect)
