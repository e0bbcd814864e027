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
  ``word377`` is ``wordett``), e.g. ``re:\\bb+a+d+\\b``. Patterns are bounded (see
  :mod:`bot.moderation.patterns`): one that repeats a repetition is refused, and a search
  that runs out of time counts as a match, so no pattern can pin a core.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from typing import Final

import ahocorasick

from bot.errors import BriefbotError
from bot.moderation.normalise import normalise, readings
from bot.moderation.patterns import (
    SEARCH_SECONDS,
    Pattern,
    PatternCompileError,
    check_pattern,
    compile_pattern,
)

__all__ = ["PatternError", "WordMatcher", "check_entries"]

log = logging.getLogger(__name__)

_PATTERN_PREFIX: Final = "re:"
_WILDCARD: Final = "*"
_GLOBAL_FLAGS: Final = re.compile(r"\(\?[aiLmsux]+\)")


class PatternError(BriefbotError):
    """A ``re:`` entry of a word list is not a valid regular expression."""

    def __init__(self, entry: str, reason: str) -> None:
        super().__init__(f"The word-list entry “{entry}” is not a valid pattern: {reason}.")
        self.entry = entry


def check_entries(entries: Iterable[str]) -> None:
    """Refuse a list a moderator is saving if one of its ``re:`` entries is invalid or could
    backtrack for ever (:func:`bot.moderation.patterns.check_pattern`): raises
    :class:`PatternError` naming the entry."""
    for raw in entries:
        entry = raw.strip()
        if entry.startswith(_PATTERN_PREFIX):
            pattern = entry.removeprefix(_PATTERN_PREFIX).strip()
            refused = check_pattern(pattern) if pattern else None
            if refused is not None:
                raise PatternError(entry, refused)


def _key(entry: str) -> str | None:
    """The automaton key of a plain or wildcard entry; ``None`` if nothing is left to match."""
    starts_open = entry.startswith(_WILDCARD)
    ends_open = entry.endswith(_WILDCARD)
    words = normalise(entry.strip(_WILDCARD))
    if not words:
        return None
    return ("" if starts_open else " ") + words + ("" if ends_open else " ")


class _Patterns:
    """Every ``re:`` entry as one alternation, each in a named group ``e<n>`` to tell which matched.

    A pattern with groups of its own (a back-reference would change meaning once renumbered)
    or with inline global flags cannot join the alternation and is searched on its own.
    """

    def __init__(self, patterns: list[tuple[str, str]]) -> None:
        joinable: list[tuple[str, str]] = []
        self._alone: list[tuple[str, Pattern]] = []
        for entry, pattern in patterns:
            try:
                compiled = compile_pattern(pattern)
            except PatternCompileError as error:
                raise PatternError(entry, str(error)) from error
            if compiled.groups or _GLOBAL_FLAGS.match(pattern):
                self._alone.append((entry, compiled))
            else:
                joinable.append((entry, pattern))
        self._joined_entries = [entry for entry, _ in joinable]
        self._joined: Pattern | None = (
            compile_pattern(
                "|".join(f"(?P<e{i}>{pattern})" for i, (_, pattern) in enumerate(joinable))
            )
            if joinable
            else None
        )

    def __bool__(self) -> bool:
        return self._joined is not None or bool(self._alone)

    def find(self, reading: str) -> str | None:
        if self._joined is not None:
            try:
                found = self._joined.search(reading, timeout=SEARCH_SECONDS)
            except TimeoutError:
                return _timed_out(", ".join(self._joined_entries))
            if found is not None and found.lastgroup is not None:
                return self._joined_entries[int(found.lastgroup[1:])]
        for entry, compiled in self._alone:
            try:
                if compiled.search(reading, timeout=SEARCH_SECONDS):
                    return entry
            except TimeoutError:
                return _timed_out(entry)
        return None


def _timed_out(entries: str) -> str:
    """A search that ran out of time counts as found: the comment is not relayed unchecked."""
    log.warning("a word-list pattern ran out of time on a comment (fix it): %s", entries)
    return entries


class WordMatcher:
    """Finds the first entry of a word list that a text contains, after normalisation.

    Build it once per word list (it is immutable) and call :meth:`find` per comment.
    Raises :class:`PatternError` for an invalid ``re:`` entry.
    """

    def __init__(self, entries: Iterable[str]) -> None:
        self._automaton = ahocorasick.Automaton()
        patterns: list[tuple[str, str]] = []
        for raw in entries:
            entry = raw.strip()
            if entry.startswith(_PATTERN_PREFIX):
                pattern = entry.removeprefix(_PATTERN_PREFIX).strip()
                if pattern:
                    patterns.append((entry, pattern))
                continue
            key = _key(entry)
            if key is not None and key not in self._automaton:
                self._automaton.add_word(key, entry)
        self._has_words = len(self._automaton) > 0
        if self._has_words:
            self._automaton.make_automaton()
        self._patterns = _Patterns(patterns)

    def __bool__(self) -> bool:
        return self._has_words or bool(self._patterns)

    def find(self, text: str) -> str | None:
        """The entry (as written in the list) that ``text`` contains, or ``None``."""
        if not self:
            return None
        return self.find_in(readings(text))

    def find_in(self, forms: Sequence[str]) -> str | None:
        """Like :meth:`find`, for text already normalised by
        :func:`bot.moderation.normalise.readings` (to normalise once for several lists)."""
        for form in forms:
            if self._has_words:
                for _end, entry in self._automaton.iter(f" {form} "):
                    return str(entry)
            if self._patterns:
                found = self._patterns.find(form)
                if found is not None:
                    return found
        return None
