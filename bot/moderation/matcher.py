"""One compiled matcher for a whole word list: thousands of entries, one pass over a comment.

Entries and comments are both put through :func:`bot.moderation.normalise.normalise`, so a
comment's words are lower-case, unaccented and separated by single spaces. Word boundaries then
become literal spaces: the comment is searched as ``" " + words + " "`` and an entry ``bad`` as
the key ``" bad "``, so ``bad`` never matches inside ``badminton`` (the Scunthorpe problem).
All keys live in one Aho-Corasick automaton (pyahocorasick), whose search time depends on the
comment's length, not on how many entries there are.

Entry forms:

- ``bad`` — the word ``bad``; ``kill yourself`` — those words in a row;
- ``bad*`` — any word starting with ``bad`` (``badass``); ``*bad`` — any word ending with it;
  ``*bad*`` — ``bad`` anywhere, even inside a longer word;
- ``re:<pattern>`` — a regular expression searched in the normal form (lower-case letters and
  digits, single spaces, no punctuation; digits inside a word already read as letters, so
  ``word377`` is ``wordett``), e.g. ``re:\\bb+a+d+\\b``. Patterns are checked, bounded,
  timed and prefiltered by :mod:`bot.moderation.patterns`: one whose shape could make
  matching take very long is refused when saved (:func:`check_entries`), every search runs
  with a timeout (running out of time counts as a match: a comment that could not be checked
  is not relayed unchecked, and the log names the pattern to fix), and one with a required
  literal (``kill`` in ``\\bkill(s|ed)?\\b``) is searched only in comments where the automaton
  found that literal.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Final

import ahocorasick

from bot.moderation.normalise import normalise, readings
from bot.moderation.patterns import (
    SEARCH_SECONDS,
    PatternError,
    SafePattern,
    check_pattern,
    compile_pattern,
)

__all__ = ["PatternError", "WordMatcher", "check_entries"]

log = logging.getLogger(__name__)

_PATTERN_PREFIX: Final = "re:"
_WILDCARD: Final = "*"


def check_entries(entries: Iterable[str]) -> None:
    """Refuse a list a moderator is saving (or the settings give) if one of its ``re:``
    entries is invalid, too long or could backtrack for ever
    (:func:`bot.moderation.patterns.check_pattern`): raises :class:`PatternError` naming it."""
    for raw in entries:
        entry = raw.strip()
        if entry.startswith(_PATTERN_PREFIX):
            pattern = entry.removeprefix(_PATTERN_PREFIX).strip()
            if pattern:
                check_pattern(entry, pattern)


def _found(pattern: SafePattern, form: str) -> bool:
    """Whether ``pattern`` occurs in ``form``; a search that runs out of time counts as found."""
    try:
        return pattern.regex.search(form, timeout=SEARCH_SECONDS) is not None
    except TimeoutError:
        log.warning("a word-list pattern ran out of time on a comment (fix it): %s", pattern.entry)
        return True


def _key(entry: str) -> str | None:
    """The automaton key of a plain or wildcard entry; ``None`` if nothing is left to match."""
    starts_open = entry.startswith(_WILDCARD)
    ends_open = entry.endswith(_WILDCARD)
    words = normalise(entry.strip(_WILDCARD))
    if not words:
        return None
    return ("" if starts_open else " ") + words + ("" if ends_open else " ")


class WordMatcher:
    """Finds the first entry of a word list that a text contains, after normalisation.

    Build it once per word list (it is immutable) and call :meth:`find` per comment.
    Raises :class:`PatternError` for an invalid ``re:`` entry (not for a refused shape: see
    :func:`check_entries`, which guards what is saved).
    """

    def __init__(self, entries: Iterable[str]) -> None:
        # Each automaton key leads to the word entry it stands for (the first one listed) and
        # to the patterns whose required literal it is.
        keys: dict[str, tuple[str | None, list[int]]] = {}
        self._patterns: list[SafePattern] = []
        always: list[int] = []
        for raw in entries:
            entry = raw.strip()
            if entry.startswith(_PATTERN_PREFIX):
                text = entry.removeprefix(_PATTERN_PREFIX).strip()
                if text:
                    pattern = compile_pattern(entry, text)
                    if pattern.literal is None:
                        always.append(len(self._patterns))
                    else:
                        keys.setdefault(pattern.literal, (None, []))[1].append(len(self._patterns))
                    self._patterns.append(pattern)
                continue
            key = _key(entry)
            if key is not None:
                word, literal_of = keys.get(key, (None, []))
                keys[key] = (word or entry, literal_of)
        self._always = tuple(always)
        self._automaton = ahocorasick.Automaton()
        for key, (word, literal_of) in keys.items():
            self._automaton.add_word(key, (word, tuple(literal_of)))
        self._has_keys = bool(keys)
        if self._has_keys:
            self._automaton.make_automaton()

    def __bool__(self) -> bool:
        return self._has_keys or bool(self._patterns)

    def find(self, text: str) -> str | None:
        """The entry (as written in the list) that ``text`` contains, or ``None``."""
        if not self:
            return None
        return self.find_in(readings(text))

    def find_in(self, forms: Sequence[str]) -> str | None:
        """Like :meth:`find`, for text already normalised by
        :func:`bot.moderation.normalise.readings` (to normalise once for several lists).

        One automaton pass per form finds word entries and the literals of patterns; only
        the patterns whose literal occurs (and those without one) are then searched.
        """
        for form in forms:
            candidates: set[int] = set()
            if self._has_keys:
                for _end, (word, literal_of) in self._automaton.iter(f" {form} "):
                    if word is not None:
                        return str(word)
                    candidates.update(literal_of)
            if candidates:
                candidates.update(self._always)
                order: Iterable[int] = sorted(candidates)
            else:
                order = self._always
            for index in order:
                if _found(self._patterns[index], form):
                    return self._patterns[index].entry
        return None
