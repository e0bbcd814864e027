"""The shape check of moderators' ``re:`` patterns: refusing what can backtrack for very long.

A pattern's parse tree (from the standard library's ``re._parser``) is walked once; its shape
is refused (ReDoS) for a repeat inside a repeat (``(a+)+``, ``(\\w+\\s?)*``), alternatives that
can start with the same letter inside a repeat (``(a|aa)+``, ``(a|a?)+``), a repeat of
something that can be empty, or two repeats in a row that can take the same letters
(``\\w*\\w*``, ``a.*b.*c``). Characters are judged over a small stand-in alphabet: the normal
form of a comment (:mod:`bot.moderation.normalise`) plus one letter for every other script.
Callers use :func:`bot.moderation.patterns.check_pattern`, which also bounds the length.
"""

from __future__ import annotations

import re
import re._constants as _sre
from typing import Any, Final

__all__ = ["REPEATS", "shape_problem"]


_NESTED: Final = "a repeat inside a repeat can take far too long to match"
_OVERLAPPING_BRANCHES: Final = (
    "alternatives that can start with the same letter inside a repeat can take far too long "
    "to match"
)
_EMPTY_REPEAT: Final = "a repeat of something that can be empty can take far too long to match"
_ADJACENT: Final = (
    "two repeats in a row that can take the same letters can take far too long to match"
)

# What the normal form is made of (lower-case letters, digits, single spaces, the odd symbol),
# plus one stand-in for every other letter of every other script.
_OTHER: Final = "ж"
_UNIVERSE: Final = frozenset("abcdefghijklmnopqrstuvwxyz0123456789 @$!" + _OTHER)
_CATEGORIES: Final[dict[Any, frozenset[str]]] = {
    getattr(_sre, name): frozenset(ch for ch in _UNIVERSE if re.fullmatch(escape, ch))
    for name, escape in (
        ("CATEGORY_DIGIT", r"\d"),
        ("CATEGORY_NOT_DIGIT", r"\D"),
        ("CATEGORY_SPACE", r"\s"),
        ("CATEGORY_NOT_SPACE", r"\S"),
        ("CATEGORY_WORD", r"\w"),
        ("CATEGORY_NOT_WORD", r"\W"),
    )
}
REPEATS: Final = frozenset(
    getattr(_sre, name)
    for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    if hasattr(_sre, name)
)
"""The parser's repeat operators (``*``, ``+``, ``{m,n}``, lazy and possessive)."""


def shape_problem(parsed: Any) -> str | None:
    """Why the parsed pattern is unsafe to search with a backtracking engine (one clause for a
    sentence), or ``None`` when its shape is safe."""
    return _check(list(parsed), bool(parsed.state.flags & re.IGNORECASE), in_repeat=False)


def _case_flag(ignore_case: bool, add: int, remove: int) -> bool:
    return (ignore_case or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE


def _charset(op: Any, av: Any, ignore_case: bool) -> frozenset[str] | None:
    """The characters one single-character item can take; ``None`` if it is not one."""
    if op is _sre.LITERAL:
        return _chars_of_literal(av, ignore_case)
    if op is _sre.NOT_LITERAL:
        return _UNIVERSE - _chars_of_literal(av, ignore_case)
    if op is _sre.ANY:
        return _UNIVERSE
    if op is _sre.IN:
        chars: set[str] = set()
        negate = False
        for item_op, item_av in av:
            if item_op is _sre.NEGATE:
                negate = True
            elif item_op is _sre.LITERAL:
                chars |= _chars_of_literal(item_av, ignore_case)
            elif item_op is _sre.RANGE:
                low, high = item_av
                chars |= {
                    ch
                    for ch in _UNIVERSE
                    if any(low <= ord(c) <= high for c in _cases(ch, ignore_case))
                }
                if high >= 0x80:
                    chars.add(_OTHER)
            elif item_op is _sre.CATEGORY:
                chars |= _CATEGORIES.get(item_av, _UNIVERSE)
            else:
                chars |= _UNIVERSE
        return _UNIVERSE - chars if negate else frozenset(chars)
    return None


def _cases(ch: str, ignore_case: bool) -> tuple[str, ...]:
    return (ch, ch.upper()) if ignore_case else (ch,)


def _chars_of_literal(code: int, ignore_case: bool) -> frozenset[str]:
    ch = chr(code).lower() if ignore_case else chr(code)
    return frozenset({ch if ch in _UNIVERSE else _OTHER})


def _first(items: list[Any], ignore_case: bool) -> tuple[frozenset[str], bool]:
    """The characters a sequence can start with, and whether it can match nothing."""
    chars: frozenset[str] = frozenset()
    for op, av in items:
        first, empty = _first_of(op, av, ignore_case)
        chars |= first
        if not empty:
            return chars, False
    return chars, True


def _first_of(op: Any, av: Any, ignore_case: bool) -> tuple[frozenset[str], bool]:
    single = _charset(op, av, ignore_case)
    if single is not None:
        return single, False
    if op is _sre.SUBPATTERN:
        _group, add, remove, body = av
        return _first(list(body), _case_flag(ignore_case, add, remove))
    if op is _sre.BRANCH:
        chars: frozenset[str] = frozenset()
        empty = False
        for alternative in av[1]:
            first, alt_empty = _first(list(alternative), ignore_case)
            chars |= first
            empty = empty or alt_empty
        return chars, empty
    if op in REPEATS:
        low, _high, body = av
        first, empty = _first(list(body), ignore_case)
        return first, empty or low == 0
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return _first(list(av), ignore_case)
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return frozenset(), True
    return _UNIVERSE, True  # back-references, conditionals: assume anything


def _flat(items: list[Any], ignore_case: bool) -> list[tuple[Any, Any, bool]]:
    """The sequence with its groups opened in place (``(\\w+)x(\\w+)`` is ``\\w+x\\w+``)."""
    out: list[tuple[Any, Any, bool]] = []
    for op, av in items:
        if op is _sre.SUBPATTERN:
            _group, add, remove, body = av
            out += _flat(list(body), _case_flag(ignore_case, add, remove))
        elif op is getattr(_sre, "ATOMIC_GROUP", None):
            out += _flat(list(av), ignore_case)
        else:
            out.append((op, av, ignore_case))
    return out


def _check(items: list[Any], ignore_case: bool, *, in_repeat: bool) -> str | None:
    """Why this sequence is unsafe to search with a backtracking engine, or ``None``."""
    open_tail: frozenset[str] = frozenset()  # what an open-ended repeat just before can take
    for op, av, case in _flat(items, ignore_case):
        problem: str | None = None
        if op in REPEATS:
            _low, high, body = av
            body_items = list(body)
            first, empty = _first(body_items, case)
            if high > 1:
                if in_repeat:
                    return _NESTED
                if empty:
                    return _EMPTY_REPEAT
            problem = _check(body_items, case, in_repeat=in_repeat or high > 1)
            if problem is None and high == _sre.MAXREPEAT:
                if open_tail & first:
                    return _ADJACENT
                open_tail = first
                continue
        elif op is _sre.BRANCH:
            alternatives = [list(alternative) for alternative in av[1]]
            if in_repeat and _overlap(alternatives, case):
                return _OVERLAPPING_BRANCHES
            for alternative in alternatives:
                problem = problem or _check(alternative, case, in_repeat=in_repeat)
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            problem = _check(list(av[1]), case, in_repeat=in_repeat)
        if problem is not None:
            return problem
        first, empty = _first_of(op, av, case)
        if not empty and not first & open_tail:
            open_tail = frozenset()  # a character the repeat cannot take ends its reach
    return None


def _overlap(alternatives: list[list[Any]], ignore_case: bool) -> bool:
    seen: frozenset[str] = frozenset()
    for alternative in alternatives:
        first, empty = _first(alternative, ignore_case)
        if empty or first & seen:
            return True
        seen |= first
    return False
