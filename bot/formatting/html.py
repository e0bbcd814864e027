"""Neutral Markdown as safe HTML for the web comment section."""

from __future__ import annotations

import html
import re

from bot.formatting.code import map_prose
from bot.formatting.links import shown_link, unescape_brackets

__all__ = ["markdown_to_html"]

_LINK = re.compile(r"(?<!\\)\[([^\[\]\n]+)\]\((https?://[^)\s&<>\"']+)\)")
_BARE_URL = re.compile(r"(?<![\"'=>])\bhttps?://[^\s<>\"'\[\]]+[^\s<>\"'\[\].,;:!?)]")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_UNDERLINE = re.compile(r"__(?=\S)(.+?)(?<=\S)__")
_ITALIC = re.compile(r"(?<![\w*])[*_](?=\S)([^*_\n]+?)(?<=\S)[*_](?![\w*])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_SPOILER = re.compile(r"\|\|(.+?)\|\|")


def _anchor(url: str, label: str) -> str:
    return f'<a href="{url}" rel="nofollow ugc noopener" target="_blank">{label}</a>'


def _honest_anchor(label: str, url: str) -> str:
    # Both arrive HTML-escaped; the check reads them as the reader will.
    shown = shown_link(html.unescape(label), html.unescape(url))
    return _anchor(url, url if shown is None else label)


def _inline(part: str) -> str:
    part = html.escape(part, quote=True)
    anchors: list[str] = []

    def keep(markup: str) -> str:
        anchors.append(markup)
        return f"\x00A{len(anchors) - 1}\x00"

    part = _LINK.sub(lambda m: keep(_honest_anchor(m.group(1), m.group(2))), part)
    part = unescape_brackets(part)
    part = _BARE_URL.sub(lambda m: keep(_anchor(m.group(0), m.group(0))), part)
    part = _BOLD.sub(r"<strong>\1</strong>", part)
    part = _UNDERLINE.sub(r"<u>\1</u>", part)
    part = _ITALIC.sub(r"<em>\1</em>", part)
    part = _STRIKE.sub(r"<s>\1</s>", part)
    part = _SPOILER.sub(r'<span class="spoiler">\1</span>', part)
    for index, anchor in enumerate(anchors):
        part = part.replace(f"\x00A{index}\x00", anchor)
    return part


def _code(part: str) -> str:
    if part.startswith("```"):
        body = part[3:-3]
        first, _, rest = body.partition("\n")
        if rest and re.fullmatch(r"[\w+-]{1,20}", first.strip()):
            body = rest
        return f"<pre><code>{html.escape(body.strip(chr(10)))}</code></pre>"
    return f"<code>{html.escape(part[1:-1])}</code>"


def markdown_to_html(text: str) -> str:
    """Escape everything, then allow a small safe subset: emphasis, code, links, quotes."""
    lines = map_prose(text, _inline, _code).split("\n")
    out: list[str] = []
    quote: list[str] = []
    for line in lines:
        if line.startswith("&gt; ") or line == "&gt;":
            quote.append(line[5:])
            continue
        if quote:
            out.append("<blockquote>" + "<br>".join(quote) + "</blockquote>")
            quote = []
        out.append(line)
    if quote:
        out.append("<blockquote>" + "<br>".join(quote) + "</blockquote>")
    return "<br>".join(out).replace("</blockquote><br>", "</blockquote>")
