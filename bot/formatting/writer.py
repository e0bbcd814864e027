"""The neutral form written back out from its tree, with every link made safe.

Adapters whose platform reads this same Markdown subclass :class:`MarkdownWriter` to add
their own rules (for instance, text that must never ping).
"""

from __future__ import annotations

import re

from markdown_it.tree import SyntaxTreeNode

from bot.formatting.escape import escape_markdown
from bot.formatting.links import safe_label
from bot.formatting.parser import parse
from bot.formatting.tree import blank_lines_before, words

__all__ = ["MarkdownWriter", "normalise"]

_BACKTICK_RUN = re.compile(r"`+")
_URL_UNSAFE = {"(": "%28", ")": "%29", " ": "%20", "<": "%3C", ">": "%3E"}
_WRAP = {"em": "*", "s": "~~", "spoiler": "||"}


def _fence_for(code: str, mark: str, minimum: int) -> str:
    longest = max((len(run) for run in re.findall(re.escape(mark) + "+", code)), default=0)
    return mark * max(minimum, longest + 1)


class MarkdownWriter:
    """Writes a tree as neutral Markdown. Override :meth:`text` to change literal text."""

    def write(self, markdown: str) -> str:
        return self.blocks(parse(markdown).children)

    def text(self, content: str) -> str:
        return escape_markdown(content)

    def url(self, url: str) -> str:
        return "".join(_URL_UNSAFE.get(ch, ch) for ch in url)

    def blocks(self, nodes: list[SyntaxTreeNode]) -> str:
        out: list[str] = []
        for node in nodes:
            if out:
                out.append("\n" * (1 + blank_lines_before(node)))
            out.append(self.block(node))
        return "".join(out)

    def block(self, node: SyntaxTreeNode) -> str:
        kind = node.type
        if kind == "paragraph":
            return self.inline(node.children)
        if kind == "heading":
            return f"{node.markup} {self.inline(node.children)}"
        if kind == "subtext":
            return f"-# {self.inline(node.children)}"
        if kind == "fence":
            fence = _fence_for(node.content, node.markup[0], 3)
            return f"{fence}{node.info}\n{node.content}{fence}"
        if kind == "blockquote":
            body = self.blocks(node.children)
            return "\n".join(f"> {line}" if line else ">" for line in body.split("\n"))
        if kind in ("bullet_list", "ordered_list"):
            return self.list_block(node)
        return self.blocks(node.children)

    def list_block(self, node: SyntaxTreeNode) -> str:
        start = int(str(node.attrs.get("start", 1)))
        items: list[str] = []
        for number, item in enumerate(node.children, start):
            marker = f"{number}{node.markup} " if node.type == "ordered_list" else "- "
            body = self.blocks(item.children).split("\n")
            indent = " " * len(marker)
            lines = [marker + body[0]] + [indent + line if line else "" for line in body[1:]]
            if items:
                items.append("\n" * (1 + blank_lines_before(item)))
            items.append("\n".join(lines))
        return "".join(items)

    def inline(self, nodes: list[SyntaxTreeNode]) -> str:
        return "".join(self.span(node) for node in nodes)

    def span(self, node: SyntaxTreeNode) -> str:
        kind = node.type
        if kind == "inline":
            return self.inline(node.children)
        if kind == "text":
            return self.text(node.content)
        if kind in ("softbreak", "hardbreak"):
            return "\n"
        if kind == "code_inline":
            return self.code(node.content)
        if kind == "link":
            return self.link(node)
        if kind == "strong":
            mark = "__" if node.markup == "__" else "**"
            return f"{mark}{self.inline(node.children)}{mark}"
        mark = node.markup if kind == "em" else _WRAP.get(kind, "")
        return f"{mark}{self.inline(node.children)}{mark}"

    def code(self, content: str) -> str:
        ticks = "`" * (max((len(r) for r in _BACKTICK_RUN.findall(content)), default=0) + 1)
        pad = " " if content.startswith("`") or content.endswith("`") else ""
        return f"{ticks}{pad}{content}{pad}{ticks}"

    def link(self, node: SyntaxTreeNode) -> str:
        target = str(node.attrs.get("href", ""))
        label = words(node, spoilers=True)
        if node.markup in ("linkify", "autolink") or safe_label(label, target) != label:
            return f"<{self.url(target)}>" if node.markup == "autolink" else self.url(target)
        return f"[{self.inline(node.children)}]({self.url(target)})"


_WRITER = MarkdownWriter()


def normalise(markdown: str) -> str:
    """Neutral Markdown rewritten with safe links (what every copy starts from)."""
    return _WRITER.write(markdown)
