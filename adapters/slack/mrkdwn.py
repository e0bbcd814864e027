"""Neutral Markdown rendered as Slack mrkdwn, from the core's parse tree.

Slack escapes only ``&``, ``<`` and ``>``, so once those are escaped no text can form a
``<!channel>`` or ``<@U…>`` mention. Slack has no spoilers: a spoiler becomes a marked
link to the comment on the web page, where it is shown hidden until clicked.
"""

from __future__ import annotations

from markdown_it.tree import SyntaxTreeNode

from bot.formatting import blank_lines_before, parse, safe_label, words

__all__ = ["SPOILER_HIDDEN", "SPOILER_LINK", "escape_slack", "markdown_to_slack"]

SPOILER_LINK = "[spoiler: open on the web]"
SPOILER_HIDDEN = "[spoiler hidden]"
_WRAP = {"em": "_", "s": "~"}


def escape_slack(text: str) -> str:
    """Slack's own escaping: only ``&``, ``<`` and ``>``."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _url(url: str) -> str:
    return escape_slack(url).replace("|", "%7C")


class _Mrkdwn:
    def __init__(self, spoiler_url: str | None) -> None:
        self.spoiler_url = spoiler_url

    def blocks(self, nodes: list[SyntaxTreeNode]) -> str:
        out: list[str] = []
        for node in nodes:
            if out:
                out.append("\n" * (1 + blank_lines_before(node)))
            out.append(self.block(node))
        return "".join(out)

    def block(self, node: SyntaxTreeNode) -> str:
        kind = node.type
        if kind == "paragraph" or kind == "subtext":
            return self.inline(node.children)
        if kind == "heading":
            return f"*{self.inline(node.children)}*"
        if kind == "fence":
            return f"```{escape_slack(node.content.rstrip(chr(10)))}```"
        if kind == "blockquote":
            return "\n".join(f"> {line}" for line in self.blocks(node.children).split("\n"))
        if kind in ("bullet_list", "ordered_list"):
            start = int(str(node.attrs.get("start", 1)))
            items = []
            for number, item in enumerate(node.children, start):
                marker = f"{number}. " if kind == "ordered_list" else "• "
                body = self.blocks(item.children).replace("\n", "\n    ")
                items.append(marker + body)
            return "\n".join(items)
        return self.blocks(node.children)

    def inline(self, nodes: list[SyntaxTreeNode]) -> str:
        return "".join(self.span(node) for node in nodes)

    def span(self, node: SyntaxTreeNode) -> str:
        kind = node.type
        if kind == "inline":
            return self.inline(node.children)
        if kind == "text":
            return escape_slack(node.content)
        if kind in ("softbreak", "hardbreak"):
            return "\n"
        if kind == "code_inline":
            return f"`{escape_slack(node.content)}`"
        if kind == "link":
            target = str(node.attrs.get("href", ""))
            label = words(node, spoilers=True)
            if node.markup in ("linkify", "autolink") or safe_label(label, target) != label:
                return f"<{_url(target)}>"
            return f"<{_url(target)}|{escape_slack(words(node))}>"
        if kind == "spoiler":
            if self.spoiler_url:
                return f"<{_url(self.spoiler_url)}|{SPOILER_LINK}>"
            return SPOILER_HIDDEN
        # Slack has one bold (*) and one italic (_); underline shows as italic.
        mark = "*" if kind == "strong" and node.markup == "**" else _WRAP.get(kind, "_")
        return f"{mark}{self.inline(node.children)}{mark}"


def markdown_to_slack(text: str, spoiler_url: str | None = None) -> str:
    """Render neutral Markdown as Slack mrkdwn; the result can never ping anyone.

    ``spoiler_url`` is where a reader can see the comment's spoilers (its web page).
    """
    return _Mrkdwn(spoiler_url).blocks(parse(text).children)
