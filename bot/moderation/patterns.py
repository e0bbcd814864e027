"""Moderators' ``re:`` patterns, checked and prepared once so that comments stay cheap.

A pattern comes from a moderator's policy form: untrusted input to a backtracking engine.
It is parsed with the standard library's parser (``re._parser``, used only to read the
pattern's structure) and then:

- **refused** when a policy is saved or the settings are read (:func:`check_pattern`, the
  shape check in :mod:`bot.moderation.pattern_safety`) if it is
  longer than :data:`MAX_PATTERN_CHARS` or its shape can make the engine backtrack for a very
  long time on a hostile comment (ReDoS): a repeat inside a repeat (``(a+)+``, ``(\\w+\\s?)*``),
  alternatives that can start with the same letter inside a repeat (``(a|aa)+``, ``(a|a?)+``),
  a repeat of something that can be empty, or two repeats in a row that can take the same
  letters (``\\w*\\w*``, ``a.*b.*c``). A policy stored before these rules is still used as it
  is (refusing it when judging would stop the room's relay), bounded by the rules below;
- **bounded**: every open-ended repeat (``+``, ``*``, ``{2,}``) is rewritten in the pattern's
  text to take at most :data:`REPEAT_LIMIT` characters (``{1,32}``), and the rewrite is checked
  by parsing it again, so one search costs at most about ``REPEAT_LIMIT`` steps per character
  of the comment (``[a-z]+\\d+[a-z]+x`` is otherwise quadratic on a run of letters);
- **timed**: it is compiled by the :mod:`regex` module and every search runs with its
  ``timeout`` (:data:`SEARCH_SECONDS`), the safety net for any slow shape left; a search that
  runs out of time counts as a match (see :class:`bot.moderation.matcher.WordMatcher`);
- given a **literal**: the longest run of letters that every match must contain (``kill``
  for ``\\bkill(s|ed)?\\b``). The word matcher puts that literal into its Aho-Corasick automaton
  and runs the pattern only on comments where the literal occurs. Patterns with no literal of
  :data:`MIN_LITERAL` characters or more run on every comment.
"""

from __future__ import annotations

import re
import re._constants as _sre
import re._parser as _sre_parser
from dataclasses import dataclass
from typing import Any, Final

import regex

from bot.errors import BriefbotError
from bot.moderation.pattern_safety import REPEATS, shape_problem

__all__ = [
    "MAX_PATTERN_CHARS",
    "MIN_LITERAL",
    "REPEAT_LIMIT",
    "SEARCH_SECONDS",
    "PatternError",
    "SafePattern",
    "check_pattern",
    "compile_pattern",
]

REPEAT_LIMIT: Final = 32
MIN_LITERAL: Final = 2
MAX_PATTERN_CHARS: Final = 200
SEARCH_SECONDS: Final = 0.05

_LITERAL_CHARS: Final = frozenset("abcdefghijklmnopqrstuvwxyz0123456789 ")


_TOO_LONG: Final = f"it is longer than {MAX_PATTERN_CHARS} characters"


class PatternError(BriefbotError):
    """A ``re:`` entry of a word list is not a valid regular expression, or is refused."""

    def __init__(self, entry: str, reason: str, *, refused: bool = False) -> None:
        verdict = "is refused" if refused else "is not a valid pattern"
        super().__init__(f"The word-list entry “{entry}” {verdict}: {reason}.")
        self.entry = entry


@dataclass(frozen=True)
class SafePattern:
    """A bounded pattern compiled by :mod:`regex` (search it with ``timeout=SEARCH_SECONDS``);
    ``literal`` is in every match (``None``: no usable one)."""

    entry: str
    regex: Any  # a compiled ``regex`` pattern (the module ships no type information)
    literal: str | None


def _parse(entry: str, pattern: str) -> Any:
    try:
        return _sre_parser.parse(pattern)
    except (re.error, RecursionError, OverflowError) as error:
        raise PatternError(entry, str(error).rstrip(".")) from error


def check_pattern(entry: str, pattern: str) -> None:
    """Refuse ``pattern`` (the text after ``re:`` of ``entry``) for a policy being saved:
    raises :class:`PatternError` (one sentence naming the entry) if it is invalid, too long or
    of a shape that can backtrack for a very long time."""
    if len(pattern) > MAX_PATTERN_CHARS:
        raise PatternError(entry, _TOO_LONG, refused=True)
    parsed = _parse(entry, pattern)
    problem = shape_problem(parsed)
    if problem is not None:
        raise PatternError(entry, problem, refused=True)
    compile_pattern(entry, pattern)


def compile_pattern(entry: str, pattern: str) -> SafePattern:
    """``pattern`` (the text after ``re:`` of ``entry``) bounded, compiled and given its literal.

    Raises :class:`PatternError` only for an invalid pattern: its shape is judged by
    :func:`check_pattern` when it is saved, so a policy stored earlier still compiles.
    """
    parsed = _parse(entry, pattern)
    literals: list[str] = []
    _required_literals(list(parsed), literals)
    best = max(literals, key=len, default="")
    try:
        compiled = regex.compile(_bounded(pattern, parsed))
    except (regex.error, RecursionError, OverflowError) as error:
        raise PatternError(entry, str(error).rstrip(".")) from error
    return SafePattern(entry, compiled, best if len(best) >= MIN_LITERAL else None)


# An open-ended count in a pattern's text: "{2,}", "{,}".
_OPEN_COUNT: Final = re.compile(r"\{(\d*),\}")
_COUNT: Final = re.compile(r"\{\d*(?:,\d*)?\}")


def _bounded(pattern: str, parsed: Any) -> str:
    """``pattern`` with every open-ended repeat capped at :data:`REPEAT_LIMIT`, in its text.

    The rewritten text is parsed again and must give the parse tree of ``pattern`` with only
    the caps changed; if it does not (an unusual spelling, such as a comment in verbose mode),
    ``pattern`` is used as it is, bounded by the search timeout alone.
    """
    rewritten = _cap_repeats(pattern)
    if rewritten == pattern:
        return pattern
    _bound(parsed)
    try:
        again = _sre_parser.parse(rewritten)
    except (re.error, RecursionError, OverflowError):
        return pattern
    same = _plain(again) == _plain(parsed) and again.state.flags == parsed.state.flags
    return rewritten if same else pattern


def _cap_repeats(pattern: str) -> str:
    """The text of ``pattern`` with ``*``, ``+`` and ``{n,}`` as quantifiers replaced by
    ``{0,L}``, ``{1,L}`` and ``{n,max(n,L)}`` (lazy ``?`` and possessive ``+`` kept)."""
    out: list[str] = []
    index, after_quantifier, in_class = 0, False, False
    while index < len(pattern):
        char = pattern[index]
        step, text, quantifier = 1, char, False
        if char == "\\":
            step = 2
            text = pattern[index : index + 2]
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            step = 1 + (pattern.startswith("^", index + 1))
            step += pattern.startswith("]", index + step)
            text = pattern[index : index + step]
        elif after_quantifier and char in "?+":
            pass  # lazy or possessive: belongs to the quantifier before it
        elif char in "*+":
            text = f"{{{int(char == '+')},{REPEAT_LIMIT}}}"
            quantifier = True
        elif char == "?":
            quantifier = True
        elif char == "{" and (count := _COUNT.match(pattern, index)) is not None:
            step = len(count.group())
            text = count.group()
            quantifier = True
            if (open_count := _OPEN_COUNT.fullmatch(text)) is not None:
                low = int(open_count.group(1) or 0)
                text = f"{{{low},{max(low, REPEAT_LIMIT)}}}"
        out.append(text)
        after_quantifier = quantifier
        index += step
    return "".join(out)


def _plain(items: Any) -> Any:
    """A parse tree as nested tuples, to compare two of them."""
    if isinstance(items, _sre_parser.SubPattern):
        return tuple(_plain(item) for item in items.data)
    if isinstance(items, (tuple, list)):
        return tuple(_plain(item) for item in items)
    return items


def _bound(items: Any) -> None:
    """Cap every open-ended repeat at :data:`REPEAT_LIMIT`, in place."""
    for index, (op, av) in enumerate(items):
        if op in REPEATS:
            low, high, body = av
            _bound(body)
            if high == _sre.MAXREPEAT:
                items[index] = (op, (low, max(low, REPEAT_LIMIT), body))
        elif op is _sre.SUBPATTERN:
            _bound(av[3])
        elif op is _sre.BRANCH:
            for alternative in av[1]:
                _bound(alternative)
        elif op is getattr(_sre, "ATOMIC_GROUP", None):
            _bound(av)
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            _bound(av[1])
        elif op is _sre.GROUPREF_EXISTS:
            _bound(av[1])
            if av[2] is not None:
                _bound(av[2])


def _required_literals(items: list[Any], out: list[str]) -> None:
    """Runs of plain characters every match must contain, lower-cased (the normal form is)."""
    run: list[str] = []
    for op, av in items:
        if op is _sre.LITERAL and chr(av).lower() in _LITERAL_CHARS:
            run.append(chr(av).lower())
            continue
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue  # zero-width: the run goes on
        out.append("".join(run))
        run = []
        if op is _sre.SUBPATTERN:
            _required_literals(list(av[3]), out)
        elif op in REPEATS and av[0] >= 1:
            _required_literals(list(av[2]), out)
        elif op is getattr(_sre, "ATOMIC_GROUP", None):
            _required_literals(list(av), out)
    out.append("".join(run))
