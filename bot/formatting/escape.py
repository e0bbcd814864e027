"""Literal text into the neutral form, escaping only what would otherwise become markup.

A reader's ``a*b``, ``snake_case_name``, ``1 < 2 & 3 > 2`` or "C++" reads as typed without
a single backslash; ``*this*`` or ``[a](https://b)`` typed where they were not markup gets
just enough backslashes to stay literal. Each candidate is checked by parsing it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it.tree import SyntaxTreeNode

from bot.formatting.parser import parse

__all__ = ["escape_markdown"]

_EDGE = "*_~|`"
_BRACKETS = re.compile(r"([\[\]])")
# A backslash only escapes the punctuation after it (or, at the end, what comes next).
_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~]|$)")
# Text without any of these cannot contain markup, so it needs no parse to check it.
_MAYBE_MARKUP = re.compile(r"[\\`*_~|\[\]<>#+\-]|\d[.)]")
_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")
_LINE_START = re.compile(r"^([ \t]*)(?:([#>+\-])|(\d{1,9})([.)]))", re.MULTILINE)


def _line_starts(text: str) -> str:
    return _LINE_START.sub(
        lambda m: m.group(1) + (f"\\{m.group(2)}" if m.group(2) else f"{m.group(3)}\\{m.group(4)}"),
        text,
    )


def _chars(chars: str) -> Callable[[str], str]:
    pattern = re.compile(f"([{re.escape(chars)}])")
    return lambda text: pattern.sub(r"\\\1", text)


# Applied one after another until the text reads back as itself.
_STEPS: tuple[Callable[[str], str], ...] = (
    _line_starts,
    _chars("*"),
    _chars("_"),
    _chars("~"),
    _chars("|"),
    _chars("`"),
    _chars("<"),
)


def _plain(node: SyntaxTreeNode, out: list[str]) -> bool:
    """Collect the text of ``node``; False as soon as anything in it is markup."""
    kind = node.type
    if kind == "text":
        out.append(node.content)
        return True
    if kind in ("softbreak", "hardbreak"):
        out.append("\n")
        return True
    if kind == "link" and node.markup == "linkify":
        out.append(str(node.attrs.get("href", "")))
        return True
    if kind not in ("root", "paragraph", "inline"):
        return False
    if kind == "paragraph" and out:
        out.append("\n")
    return all(_plain(child, out) for child in node.children)


def _reads_as(candidate: str, text: str) -> bool:
    out: list[str] = []
    return _plain(parse(candidate), out) and "".join(out).split() == text.split()


def _guard_edges(text: str) -> str:
    """Escape a markup character at either end: next to other markup it could pair up."""
    if text[0] in _EDGE:
        text = "\\" + text
    trailing = len(text) - len(text.rstrip("\\"))
    if trailing % 2:
        text += "\\"
    elif len(text) > 1 and text[-1] in _EDGE and text[-2] != "\\":
        text = text[:-1] + "\\" + text[-1]
    return text


def escape_markdown(text: str) -> str:
    """``text`` as neutral Markdown that shows exactly ``text``.

    Square brackets are always escaped: checked alone, ``[`` or ``](`` reads as itself,
    yet next to a link written beside it would make a masked link.
    """
    if not text.strip() or not _MAYBE_MARKUP.search(text):
        return text
    candidate = _BRACKETS.sub(r"\\\1", _BACKSLASH.sub(r"\\\\", text))
    for step in (None, *_STEPS):
        if step is not None:
            candidate = step(candidate)
        guarded = _guard_edges(candidate)
        if _reads_as(guarded, text):
            return guarded
    return _PUNCT.sub(r"\\\1", text)
