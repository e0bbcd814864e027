"""Slack mrkdwn <-> neutral Markdown."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from bot.formatting.code import map_prose
from bot.formatting.links import LINK, shown_link, unescape_brackets
from bot.formatting.resolve import MentionNames, NoNames

__all__ = ["escape_slack", "markdown_to_slack", "slack_to_markdown"]

_ANGLE = re.compile(r"<([^<>\n]+)>")
_BOLD_SLACK = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_STRIKE_SLACK = re.compile(r"(?<![\w~])~(?=\S)([^~\n]+?)(?<=\S)~(?![\w~])")

# Markdown link syntax typed in Slack: plain text there, so it must not become a link.
_TYPED_LINK = re.compile(r"\[(?=[^\[\]\n]*\]\()")
_BOLD_MD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_UNDERLINE_MD = re.compile(r"__(?=\S)(.+?)(?<=\S)__")
_ITALIC_MD = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_STRIKE_MD = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_SPOILER_MD = re.compile(r"\|\|(.+?)\|\|")
_HEADING_MD = re.compile(r"^(?:#{1,3}|-#) +(.+)$", re.MULTILINE)

_BOLD_MARK = "\x00B\x00"


def escape_slack(text: str) -> str:
    """Slack's own escaping: only ``&``, ``<`` and ``>``."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _slack_url(url: str) -> str:
    """A URL inside ``<...>``: ``|``, ``<`` and ``>`` would end it early, so encode them."""
    return url.replace("|", "%7C").replace("<", "%3C").replace(">", "%3E")


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _angle(token: str, names: MentionNames) -> str:
    body, _, label = token.partition("|")
    if body.startswith("@"):
        return "@" + names.user(body[1:], label or None)
    if body.startswith("#"):
        return "#" + names.channel(body[1:], label or None)
    if body.startswith("!subteam^"):
        return "@" + names.role(body[len("!subteam^") :], label.lstrip("@") or None)
    if body.startswith("!date^"):
        parts = body.split("^")
        if label:
            return label
        try:
            return datetime.fromtimestamp(int(parts[1]), UTC).strftime("%Y-%m-%d %H:%M UTC")
        except (IndexError, ValueError):
            return "a date"
    if body.startswith("!"):
        return "@" + (label.lstrip("@") if label else body[1:])
    if label:
        shown = shown_link(_unescape(label), body)
        if shown is None:
            return body
        return f"[{shown.replace('[', '(').replace(']', ')')}]({body})"
    return body


def slack_to_markdown(text: str, names: MentionNames = NoNames) -> str:
    """Turn a Slack event's mrkdwn into neutral Markdown with plain-name mentions."""

    def prose(part: str) -> str:
        part = _TYPED_LINK.sub(r"\\[", part)
        part = _ANGLE.sub(lambda m: _angle(m.group(1), names), part)
        part = _BOLD_SLACK.sub(lambda m: f"**{m.group(1)}**", part)
        part = _STRIKE_SLACK.sub(lambda m: f"~~{m.group(1)}~~", part)
        return _unescape(part)

    return map_prose(text, prose, _unescape)


def markdown_to_slack(text: str) -> str:
    """Render neutral Markdown as Slack mrkdwn; the result can never ping anyone."""

    def prose(part: str) -> str:
        links: list[str] = []

        def keep_link(match: re.Match[str]) -> str:
            url = _slack_url(match.group(2))
            label = shown_link(match.group(1), match.group(2))
            links.append(f"<{url}>" if label is None else f"<{url}|{escape_slack(label)}>")
            return f"\x00L{len(links) - 1}\x00"

        part = unescape_brackets(LINK.sub(keep_link, part))
        part = escape_slack(part)
        part = _HEADING_MD.sub(lambda m: f"{_BOLD_MARK}{m.group(1)}{_BOLD_MARK}", part)
        part = _BOLD_MD.sub(lambda m: f"{_BOLD_MARK}{m.group(1)}{_BOLD_MARK}", part)
        part = _UNDERLINE_MD.sub(lambda m: f"_{m.group(1)}_", part)
        part = _ITALIC_MD.sub(lambda m: f"_{m.group(1)}_", part)
        part = _STRIKE_MD.sub(lambda m: f"~{m.group(1)}~", part)
        part = _SPOILER_MD.sub(lambda m: m.group(1), part)
        part = part.replace(_BOLD_MARK, "*")
        for index, link in enumerate(links):
            part = part.replace(f"\x00L{index}\x00", link)
        return part

    return map_prose(text, prose, escape_slack)
