"""Reading a parsed tree: the visible words of a node, and the gaps between blocks."""

from __future__ import annotations

from markdown_it.tree import SyntaxTreeNode

__all__ = ["SPOILER_WORD", "blank_lines_before", "words"]

SPOILER_WORD = "[spoiler]"


def words(node: SyntaxTreeNode, *, spoilers: bool = False) -> str:
    """The text a reader sees in ``node``; spoilers become "[spoiler]" unless ``spoilers``."""
    kind = node.type
    if kind in ("text", "code_inline", "fence"):
        return node.content
    if kind in ("softbreak", "hardbreak"):
        return "\n"
    if kind == "spoiler" and not spoilers:
        return SPOILER_WORD
    return "".join(words(child, spoilers=spoilers) for child in node.children)


def blank_lines_before(node: SyntaxTreeNode) -> int:
    """How many empty lines the source had between ``node`` and the block before it."""
    previous = node.previous_sibling
    if previous is None or not node.map or not previous.map:
        return 0
    return max(0, node.map[0] - previous.map[1])
