"""Neutral Markdown as HTML for the comment section, sanitised against an allow-list.

The renderer escapes every piece of text itself; nh3 (the ammonia sanitiser) then keeps
only the tags and attributes below, so a bug here still cannot smuggle in a script, an
event handler or a ``javascript:`` link. Jinja autoescaping covers everything else.
"""

from __future__ import annotations

from html import escape

import nh3
from markdown_it.tree import SyntaxTreeNode

from adapters.web.messages import SPOILER_TITLE
from bot.formatting import blank_lines_before, link_target, parse, safe_label, words

__all__ = ["LINK_REL", "markdown_to_html", "sanitise"]

LINK_REL = "nofollow ugc noopener"
_TAGS = {
    "a", "blockquote", "br", "code", "del", "em", "h3", "h4", "h5", "li", "ol", "pre",
    "small", "span", "strong", "u", "ul",
}  # fmt: skip
_CLEANER = nh3.Cleaner(
    tags=_TAGS,
    attributes={"a": {"href", "target"}, "ol": {"start"}, "span": {"title"}},
    tag_attribute_values={"span": {"tabindex": {"0"}}},
    allowed_classes={"span": {"spoiler"}},
    url_schemes={"http", "https"},
    link_rel=LINK_REL,
    strip_comments=True,
)
_INLINE = {"em": "em", "s": "del"}


_FLOW = ("paragraph", "subtext")


def _blocks(nodes: list[SyntaxTreeNode]) -> str:
    """Blocks in order; lines of text are separated as typed, with line breaks."""
    out: list[str] = []
    for node in nodes:
        previous = node.previous_sibling
        if previous is not None and previous.type in _FLOW and node.type in _FLOW:
            out.append("<br>" * (1 + blank_lines_before(node)))
        out.append(_block(node))
    return "".join(out)


def _block(node: SyntaxTreeNode) -> str:
    kind = node.type
    if kind == "paragraph":
        return _inline(node.children)
    if kind == "heading":
        level = min(5, int(node.tag[1:]) + 2)  # below the page's own h1/h2
        return f"<h{level}>{_inline(node.children)}</h{level}>"
    if kind == "subtext":
        return f"<small>{_inline(node.children)}</small>"
    if kind == "fence":
        return f"<pre><code>{escape(node.content.rstrip(chr(10)))}</code></pre>"
    if kind == "blockquote":
        return f"<blockquote>{_blocks(node.children)}</blockquote>"
    if kind == "bullet_list":
        return f"<ul>{_blocks(node.children)}</ul>"
    if kind == "ordered_list":
        start = int(str(node.attrs.get("start", 1)))
        return f'<ol start="{start}">{_blocks(node.children)}</ol>'
    if kind == "list_item":
        return f"<li>{_blocks(node.children)}</li>"
    return _blocks(node.children)


def _inline(nodes: list[SyntaxTreeNode]) -> str:
    return "".join(_span(node) for node in nodes)


def _link(node: SyntaxTreeNode) -> str:
    target = link_target(str(node.attrs.get("href", "")))
    if target is None:
        return escape(words(node))
    label = words(node, spoilers=True)
    shown = _inline(node.children) if safe_label(label, target) == label else escape(target)
    return f'<a href="{escape(target)}" target="_blank">{shown}</a>'


def _span(node: SyntaxTreeNode) -> str:
    kind = node.type
    if kind == "inline":
        return _inline(node.children)
    if kind == "text":
        return escape(node.content)
    if kind in ("softbreak", "hardbreak"):
        return "<br>"
    if kind == "code_inline":
        return f"<code>{escape(node.content)}</code>"
    if kind == "link":
        return _link(node)
    if kind == "spoiler":
        inner = _inline(node.children)
        return f'<span class="spoiler" tabindex="0" title="{SPOILER_TITLE}">{inner}</span>'
    tag = "u" if kind == "strong" and node.markup == "__" else _INLINE.get(kind, "strong")
    return f"<{tag}>{_inline(node.children)}</{tag}>"


def sanitise(html: str) -> str:
    """Only the allow-listed tags and attributes of ``html``, links with our ``rel``."""
    return _CLEANER.clean(html)


def markdown_to_html(text: str) -> str:
    """Safe HTML for a comment: emphasis, code, honest links, quotes, lists, spoilers."""
    return sanitise(_blocks(parse(text).children))
