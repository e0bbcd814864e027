"""Rules for user-supplied text that hold on every platform: names and visible comments.

A name is shown next to a platform label ("Ana (Slack)"), so it must not carry characters
that reorder or hide text around it: control characters, bidi overrides, embeddings and
isolates, directional marks and zero-width characters are removed. A comment must show
something: text made only of spaces, format and control characters is refused.
"""

from __future__ import annotations

import unicodedata

__all__ = ["ANONYMOUS", "clean_name", "has_visible_text"]

ANONYMOUS = "A reader"

_ZWJ = "\u200d"  # joins emoji sequences (👩‍🔧); invisible on its own, but it reorders nothing
# Letters that render as blank space: Hangul fillers, the braille blank.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def _removed_from_names(char: str) -> bool:
    # Cf covers U+200B-U+200F, U+202A-U+202E, U+2060-U+2069, U+061C, U+FEFF and the rest.
    return char != _ZWJ and unicodedata.category(char) in ("Cc", "Cf")


def clean_name(name: str) -> str:
    """``name`` without control, format and bidi characters, its spaces collapsed."""
    kept = "".join(" " if _removed_from_names(c) and c.isspace() else c for c in name)
    kept = " ".join("".join(c for c in kept if not _removed_from_names(c)).split())
    return kept if has_visible_text(kept) else ""


def has_visible_text(text: str) -> bool:
    """True when ``text`` has at least one character that shows (not space, format, control)."""
    return any(
        not char.isspace()
        and unicodedata.category(char) not in ("Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me")
        and char not in _BLANK_LETTERS
        for char in text
    )
