"""Moderators' ``re:`` word-list patterns, compiled so that none can pin a core.

A pattern comes from a moderator's policy form, so it is untrusted input to a backtracking
engine: ``(a|aa)+b`` against a comment of sixty ``a`` would run for hours with :mod:`re`.
Two bounds apply:

1. :func:`check_pattern` refuses, when a policy is saved or the settings are read, a pattern
   that does not compile, is longer than :data:`MAX_PATTERN_CHARS`, or repeats something
   that itself repeats (``(a+)+``, ``(\\w*\\s?)*``): the classic shape of catastrophic
   backtracking. A policy stored before these rules is still used as it is (refusing it at
   judging time would stop the room's relay), bounded by the second rule;
2. every search runs with the :mod:`regex` module's ``timeout`` (:data:`SEARCH_SECONDS`), which
   stops any other slow shape (``(a|aa)+b``). A search that runs out of time counts as a
   match (see :class:`bot.moderation.matcher.WordMatcher`): a comment that could not be
   checked is not relayed unchecked, and the log names the pattern to fix.
"""

from __future__ import annotations

import importlib
from typing import Any, Final

import regex

__all__ = [
    "MAX_PATTERN_CHARS",
    "SEARCH_SECONDS",
    "Pattern",
    "PatternCompileError",
    "check_pattern",
    "compile_pattern",
]

MAX_PATTERN_CHARS: Final = 200
SEARCH_SECONDS: Final = 0.05

Pattern = Any  # a compiled ``regex`` pattern (the module ships no type information)
PatternCompileError: type[Exception] = regex.error

# The stdlib's own parser of regular expressions, to look at a pattern's structure.
_parser: Any = importlib.import_module("re._parser")
_REPEATS: Final = frozenset({_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT})


def _children(op: Any, arg: Any) -> list[Any]:
    """The sub-patterns of one parsed item that is not a repeat (groups, branches, lookarounds)."""
    if op is _parser.SUBPATTERN:
        return [arg[-1]]
    if op is _parser.BRANCH:
        return list(arg[1])
    if op in (_parser.ASSERT, _parser.ASSERT_NOT):
        return [arg[1]]
    if op is _parser.ATOMIC_GROUP:
        return [arg]
    return []


def _repeats_a_repeat(items: Any, inside_repeat: bool) -> bool:
    """Whether a parsed (sub)pattern has a repeat of more than one inside another."""
    for op, arg in items:
        if op in _REPEATS:
            _low, high, body = arg
            many = high is _parser.MAXREPEAT or high > 1
            if (many and inside_repeat) or _repeats_a_repeat(body, inside_repeat or many):
                return True
        elif any(_repeats_a_repeat(child, inside_repeat) for child in _children(op, arg)):
            return True
    return False


def check_pattern(pattern: str) -> str | None:
    """Why ``pattern`` is refused (a short reason), or ``None`` if it may be used."""
    if len(pattern) > MAX_PATTERN_CHARS:
        return f"it is longer than {MAX_PATTERN_CHARS} characters"
    try:
        parsed = _parser.parse(pattern)
        regex.compile(pattern)
    except (regex.error, _parser.error, RecursionError, OverflowError) as error:
        return str(error)
    if _repeats_a_repeat(list(parsed), False):
        return "a repeated group must not itself repeat, as in (a+)+, which can take forever"
    return None


def compile_pattern(pattern: str) -> Pattern:
    """``pattern`` compiled by :mod:`regex`; raises :data:`PatternCompileError` if invalid.
    (Call :func:`check_pattern` first for a pattern that is being saved.)"""
    return regex.compile(pattern)
