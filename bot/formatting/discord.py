"""Discord Markdown <-> neutral Markdown."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from bot.formatting.code import map_prose
from bot.formatting.links import LINK, shown_link
from bot.formatting.resolve import MentionNames, NoNames

__all__ = ["discord_to_markdown", "markdown_to_discord"]

_USER = re.compile(r"<@!?(\d{1,20})>")
_ROLE = re.compile(r"<@&(\d{1,20})>")
_CHANNEL = re.compile(r"<#(\d{1,20})>")
_EMOJI = re.compile(r"<a?:(\w{1,32}):\d{1,20}>")
_TIMESTAMP = re.compile(r"<t:(-?\d{1,13})(?::[tTdDfFR])?>")
_SLASH = re.compile(r"</([\w -]{1,32}):\d{1,20}>")
# What could still ping or render as a mention once the text reaches Discord.
_PING = re.compile(r"@(everyone|here)\b|<(@[!&]?|#)(?=\d)", re.IGNORECASE)
_ZWSP = "\u200b"
# Whatever is left that Discord might still draw as a masked link (a title, another scheme).
_LINK_OPENING = re.compile(r"\]\(")


def _honest_link(match: re.Match[str]) -> str:
    label = shown_link(match.group(1), match.group(2))
    if label is None:
        return match.group(2)
    return f"[{label}]({match.group(2)})"


def _timestamp(match: re.Match[str]) -> str:
    try:
        return datetime.fromtimestamp(int(match.group(1)), UTC).strftime("%Y-%m-%d %H:%M UTC")
    except (OverflowError, ValueError, OSError):
        return "a date"


def discord_to_markdown(text: str, names: MentionNames = NoNames) -> str:
    """Turn Discord message content into neutral Markdown with plain-name mentions."""

    def prose(part: str) -> str:
        part = _ROLE.sub(lambda m: "@" + names.role(m.group(1)), part)
        part = _USER.sub(lambda m: "@" + names.user(m.group(1)), part)
        part = _CHANNEL.sub(lambda m: "#" + names.channel(m.group(1)), part)
        part = _EMOJI.sub(lambda m: f":{m.group(1)}:", part)
        part = _TIMESTAMP.sub(_timestamp, part)
        return _SLASH.sub(lambda m: f"/{m.group(1)}", part)

    return map_prose(text, prose)


def markdown_to_discord(text: str) -> str:
    """Neutral Markdown as Discord content that cannot ping, even without allowed_mentions.

    Copies are also sent with ``allowed_mentions`` empty; this is the second lock.
    """

    def prose(part: str) -> str:
        part = _PING.sub(
            lambda m: f"@{_ZWSP}{m.group(1)}" if m.group(1) else f"<{_ZWSP}{m.group(2)}", part
        )
        links: list[str] = []

        def keep(match: re.Match[str]) -> str:
            links.append(_honest_link(match))
            return f"\x00L{len(links) - 1}\x00"

        part = _LINK_OPENING.sub(r"]\\(", LINK.sub(keep, part))
        for index, link in enumerate(links):
            part = part.replace(f"\x00L{index}\x00", link)
        return part

    return map_prose(text, prose)
