"""The one parser for the neutral form (see :mod:`bot.formatting`).

CommonMark trimmed to what chat clients render: no raw HTML, images, reference links,
setext headings, horizontal rules, indented code or character entities (``&amp;`` stays as
typed); plus strikethrough, ``__underline__`` (a strong token whose markup is ``__``),
``||spoilers||``, ``-# subtext`` and bare addresses as links. Only http(s) links are links.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from bot.formatting import plugins
from bot.formatting.links import link_target

__all__ = ["parse"]


class _NeutralMarkdown(MarkdownIt):
    def validateLink(self, url: str) -> bool:
        return link_target(url) is not None


def _build() -> MarkdownIt:
    md = _NeutralMarkdown("commonmark", {"html": False, "breaks": True})
    md.disable(["image", "reference", "lheading", "hr", "code", "entity", "html_block"])
    md.disable("html_inline")
    md.enable("strikethrough")
    md.inline.ruler.at("text", plugins.text)
    md.inline.ruler.before("emphasis", "spoiler", plugins.spoiler)
    md.block.ruler.before("list", "subtext", plugins.subtext, {"alt": ["paragraph"]})
    md.block.ruler.before("paragraph", "quote_ends", plugins.quote_ends, {"alt": ["blockquote"]})
    md.core.ruler.after("inline", "bare_urls", plugins.bare_urls)
    return md


# Built once: the parser holds no per-document state, so sharing it is safe.
_MD = _build()


def parse(text: str) -> SyntaxTreeNode:
    """The syntax tree of neutral Markdown ``text``."""
    return SyntaxTreeNode(_MD.parse(text))
