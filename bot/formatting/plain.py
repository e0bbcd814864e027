"""Plain-text views of neutral Markdown: previews, reply quotes, trimming."""

from __future__ import annotations

from collections.abc import Callable

from markdown_it.tree import SyntaxTreeNode

from bot.formatting.links import safe_label
from bot.formatting.parser import parse
from bot.formatting.tree import words

__all__ = ["fit", "markdown_to_plain", "trim"]


_BLOCKS = {"root", "paragraph", "heading", "subtext", "blockquote", "list_item"}
_BLOCKS |= {"bullet_list", "ordered_list"}


def _plain(node: SyntaxTreeNode) -> str:
    if node.type == "link":
        target = str(node.attrs.get("href", ""))
        return safe_label(words(node), target)
    if node.children and node.type != "spoiler":
        glue = " " if node.type in _BLOCKS else ""
        return glue.join(_plain(child) for child in node.children)
    return words(node)


def markdown_to_plain(text: str) -> str:
    """The words without the markup: links keep their (safe) text, spoilers stay hidden."""
    return " ".join(_plain(parse(text)).split())


def trim(text: str, limit: int, tail: str = "…") -> str:
    """Cut ``text`` to at most ``limit`` characters at a word boundary, ending with ``tail``."""
    if limit <= 0:
        return ""
    if len(text) <= limit:
        return text
    if limit <= len(tail):
        return tail[:limit]
    cut = text[: limit - len(tail)]
    space = cut.rfind(" ")
    if space > len(cut) * 0.6:
        cut = cut[:space]
    return cut.rstrip() + tail


def fit(plain: str, limit: int, render: Callable[[str], str]) -> str:
    """The longest start of ``plain`` (ending "…") whose rendering is at most ``limit`` long.

    Trimming rendered markup could cut a link, a code fence or a spoiler in half; trimming
    the plain words and rendering them cannot.
    """
    budget = limit
    while budget > 0:
        out = render(trim(plain, budget))
        if len(out) <= limit:
            return out
        budget -= max(1, len(out) - limit)
    return ""
