"""Plain-text views of neutral Markdown: quotes, previews, trimming."""

from __future__ import annotations

import re

from bot.formatting.links import shown_link

__all__ = ["markdown_to_plain", "trim"]

_LINK = re.compile(r"(?<!\\)\[([^\[\]\n]+)\]\(<?(https?://[^\s()<>]+?)>?\)")
_MARKS = re.compile(r"(\*\*|__|~~|\|\||```|`|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w))")
_QUOTE = re.compile(r"^>+ ?", re.MULTILINE)
_SPACE = re.compile(r"\s+")


def markdown_to_plain(text: str) -> str:
    """Drop the markup, keep the words (links keep their text)."""
    text = _LINK.sub(lambda m: shown_link(m.group(1), m.group(2)) or m.group(2), text)
    text = text.replace("\\[", "[")
    text = _QUOTE.sub("", text)
    text = _MARKS.sub("", text)
    return _SPACE.sub(" ", text).strip()


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
