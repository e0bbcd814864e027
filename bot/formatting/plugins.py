"""Small markdown-it rules for the parts of the neutral form CommonMark lacks.

``||spoiler||`` (inline), ``-# subtext`` (a block line), bare ``http(s)://`` addresses as
links, and a text rule that also stops at ``|`` so the spoiler rule gets its turn.
"""

from __future__ import annotations

import re

from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from bot.formatting.links import link_target

__all__ = ["bare_urls", "quote_ends", "spoiler", "subtext", "text"]

# CommonMark's text terminators plus "|" for spoilers.
_STOP = re.compile(r"[\n!#$%&*+\-:<=>@\[\\\]^_`{}~|]")
_BARE_URL = re.compile(r"(?<![\w/])https?://[^\s<>]*[^\s<>.,;:!?'\")\]]")
_BACKTICKS = re.compile(r"`+")


def text(state: StateInline, silent: bool) -> bool:
    """Consume plain characters up to the next one some rule may care about."""
    stop = _STOP.search(state.src, state.pos, state.posMax)
    end = stop.start() if stop else state.posMax
    if end == state.pos:
        return False
    if not silent:
        state.pending += state.src[state.pos : end]
    state.pos = end
    return True


def _spoiler_end(src: str, start: int, limit: int) -> int:
    """Where the closing ``||`` starts, skipping code spans; -1 if there is none."""
    pos = start
    while pos < limit:
        if src.startswith("||", pos):
            return pos
        if src[pos] == "\\":
            pos += 2
            continue
        ticks = _BACKTICKS.match(src, pos)
        if ticks:
            close = src.find(ticks.group(), ticks.end(), limit)
            pos = close + len(ticks.group()) if close >= 0 else ticks.end()
            continue
        pos += 1
    return -1


def spoiler(state: StateInline, silent: bool) -> bool:
    """``||hidden||``: the content is parsed as inline markup between the two tokens."""
    start = state.pos
    if not state.src.startswith("||", start):
        return False
    end = _spoiler_end(state.src, start + 2, state.posMax)
    if end <= start + 2:
        return False
    if not silent:
        state.push("spoiler_open", "span", 1).markup = "||"
        old_max = state.posMax
        state.pos, state.posMax = start + 2, end
        state.md.inline.tokenize(state)
        state.posMax = old_max
        state.push("spoiler_close", "span", -1).markup = "||"
    state.pos = end + 2
    return True


def subtext(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A ``-# small print`` line (checked before lists, which would take the "-")."""
    begin = state.bMarks[start_line] + state.tShift[start_line]
    end = state.eMarks[start_line]
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    line = state.src[begin:end]
    if not line.startswith("-# ") or not line[3:].strip():
        return False
    if silent:
        return True
    state.line = start_line + 1
    opening = state.push("subtext_open", "small", 1)
    opening.markup, opening.map = "-#", [start_line, state.line]
    inline = state.push("inline", "", 0)
    inline.content, inline.map, inline.children = line[3:].strip(), [start_line, state.line], []
    state.push("subtext_close", "small", -1).markup = "-#"
    return True


def quote_ends(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A quote ends at the first line without ``>``, as chat clients show it.

    Registered only as a terminator of block quotes (it never produces tokens), so the
    next line is not swallowed into the quote by CommonMark's lazy continuation.
    """
    return silent


def _link(url: str, level: int) -> list[Token]:
    opening = Token("link_open", "a", 1, markup="linkify", info="auto", level=level)
    opening.attrs = {"href": url}
    label = Token("text", "", 0, content=url, level=level + 1)
    return [opening, label, Token("link_close", "a", -1, markup="linkify", level=level)]


def _split_urls(children: list[Token]) -> list[Token]:
    out: list[Token] = []
    in_link = 0
    for token in children:
        if token.type == "link_open":
            in_link += 1
        elif token.type == "link_close":
            in_link -= 1
        if token.type != "text" or in_link or "://" not in token.content:
            out.append(token)
            continue
        pos = 0
        for match in _BARE_URL.finditer(token.content):
            if link_target(match.group()) is None:
                continue  # e.g. a user part before "@": left as plain text, not a link
            if match.start() > pos:
                out.append(Token("text", "", 0, content=token.content[pos : match.start()]))
            out.extend(_link(match.group(), token.level))
            pos = match.end()
        if pos < len(token.content):
            out.append(Token("text", "", 0, content=token.content[pos:]))
    return out


def bare_urls(state: StateCore) -> None:
    """Addresses typed without markup become links, as chat clients show them."""
    for block in state.tokens:
        if block.type == "inline" and block.children:
            block.children = _split_urls(block.children)
