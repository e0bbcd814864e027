"""Which language an article is written in, and what briefbot can do in it.

The text decides, with py3langid (BSD-3; its model ships in the wheel, nothing is
downloaded): page templates often declare ``<html lang="en">`` over a story in another
language. The page's declared language settles it when the detector agrees with it or
is unsure; with neither a confident detection nor a declaration the language is
unknown, and the article is briefed as English, as before languages were told apart.

English, Spanish, French and German are supported: a brief in any of them has key
figures read with that language's number format. Any other language gets its title and
lead, no figures, and a notice saying so (:func:`bot.messages.figures_unsupported`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from babel import Locale, UnknownLocaleError

__all__ = [
    "CONFIDENT",
    "SUPPORTED",
    "Language",
    "detect_language",
    "language_name",
]

SUPPORTED = frozenset({"en", "es", "fr", "de"})
CONFIDENT = 0.9  # normalised probability above which the text overrides the page
_SAMPLE_CHARS = 1000  # a firm answer on any article; the cost grows with length


@dataclass(frozen=True, slots=True)
class Language:
    """An article's language: ISO 639-1 ``code`` (``None`` when unknown)."""

    code: str | None
    confidence: float = 0.0

    @property
    def is_english(self) -> bool:
        """Unknown counts as English: briefbot's behaviour before languages were told apart."""
        return self.code in (None, "en")


@lru_cache(maxsize=1)
def _identifier() -> Any:
    # Loaded on first use (about a second), never at import.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, declared: str | None = None) -> Language:
    """The language of ``text``; ``declared`` is the page's own (``"de"``), if any."""
    sample = text[:_SAMPLE_CHARS]
    if not sample.strip():
        return Language(declared)
    code, confidence = _identifier().classify(sample)
    code, confidence = str(code), float(confidence)
    if code == declared or confidence >= CONFIDENT:
        return Language(code, confidence)
    return Language(declared, confidence)


def language_name(code: str) -> str:
    """``"pt"`` → ``"Portuguese"``; the code itself when babel does not know it."""
    try:
        name = Locale("en").languages.get(code)
    except UnknownLocaleError:  # pragma: no cover - "en" is always there
        name = None
    return str(name) if name else code
