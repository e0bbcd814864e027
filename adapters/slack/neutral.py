"""Slack mrkdwn (as Slack sends it in events) -> briefbot's neutral Markdown.

Slack's markup is small: ``*bold*``, ``_italic_``, ``~strike~``, code, ``> quotes`` and
``<…>`` for links, mentions and dates; everything else is literal. Literal text that the
neutral form would read as markup (``[a](b)``, ``**x**``, ``# x``) is escaped, so it
stays literal on every other place.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from bot.formatting import MentionNames, NoNames, escape_markdown, link_target

__all__ = ["slack_to_markdown"]

_CODE = re.compile(r"```(.*?)```|`([^`\n]+)`", re.DOTALL)
_SPAN = re.compile(
    r"<(?P<angle>[^<>\n]+)>"
    r"|(?<![\w*])\*(?=\S)(?P<bold>[^*\n]+?)(?<=\S)\*(?![\w*])"
    r"|(?<![\w~])~(?=\S)(?P<strike>[^~\n]+?)(?<=\S)~(?![\w~])"
    r"|(?<![\w_])_(?=\S)(?P<italic>[^_\n]+?)(?<=\S)_(?![\w_])"
)
_QUOTE = re.compile(r"^&gt; ?")
_MARKS = {"bold": "**", "strike": "~~", "italic": "_"}


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _date(body: str, label: str) -> str:
    if label:
        return escape_markdown(label)
    try:
        return datetime.fromtimestamp(int(body.split("^")[1]), UTC).strftime("%Y-%m-%d %H:%M UTC")
    except (IndexError, ValueError, OverflowError, OSError):
        return "a date"


def _angle(token: str, names: MentionNames) -> str:
    body, _, label = token.partition("|")
    label = _unescape(label)
    if body.startswith("@"):
        return escape_markdown("@" + names.user(body[1:], label or None))
    if body.startswith("#"):
        return escape_markdown("#" + names.channel(body[1:], label or None))
    if body.startswith("!subteam^"):
        return escape_markdown(
            "@" + names.role(body[len("!subteam^") :], label.lstrip("@") or None)
        )
    if body.startswith("!date^"):
        return _date(body, label)
    if body.startswith("!"):
        return escape_markdown("@" + (label.lstrip("@") if label else body[1:]))
    url = link_target(_unescape(body))
    if url is None:
        return escape_markdown(label or _unescape(body))
    url = url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    return f"[{escape_markdown(label)}]({url})" if label else f"<{url}>"


def _spans(text: str, names: MentionNames) -> str:
    out: list[str] = []
    pos = 0
    for match in _SPAN.finditer(text):
        if match.start() > pos:
            out.append(escape_markdown(_unescape(text[pos : match.start()])))
        kind = match.lastgroup or "angle"
        if kind == "angle":
            out.append(_angle(match.group("angle"), names))
        else:
            mark = _MARKS[kind]
            out.append(f"{mark}{_spans(match.group(kind), names)}{mark}")
        pos = match.end()
    if pos < len(text):
        out.append(escape_markdown(_unescape(text[pos:])))
    return "".join(out)


def _prose(text: str, names: MentionNames, line_start: bool) -> str:
    lines = []
    for index, line in enumerate(text.split("\n")):
        quote = _QUOTE.match(line) if index or line_start else None
        if quote:
            line = line[quote.end() :]
        lines.append(("> " if quote else "") + _spans(line, names))
    return "\n".join(lines)


def _code(match: re.Match[str], line_start: bool) -> str:
    block, inline = match.group(1), match.group(2)
    if inline is not None:
        return f"`{_unescape(inline)}`"
    body = _unescape(block).strip("\n")
    fence = "`" * max(3, max((len(r) for r in re.findall("`+", body)), default=0) + 1)
    return ("" if line_start else "\n") + f"{fence}\n{body}\n{fence}\n"


def slack_to_markdown(text: str, names: MentionNames = NoNames) -> str:
    """Turn a Slack event's mrkdwn into neutral Markdown with plain-name mentions."""
    out: list[str] = []
    pos = 0
    for match in _CODE.finditer(text):
        line_start = pos == 0 or text[pos - 1] == "\n"
        out.append(_prose(text[pos : match.start()], names, line_start))
        at_start = match.start() == 0 or "".join(out).endswith("\n")
        out.append(_code(match, at_start))
        pos = match.end()
        if match.group(1) is not None and text[pos : pos + 1] == "\n":
            pos += 1
    out.append(_prose(text[pos:], names, pos == 0 or text[pos - 1] == "\n"))
    return "".join(out).rstrip("\n") if out else ""
