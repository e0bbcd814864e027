"""Discord message content <-> briefbot's neutral Markdown.

Discord reads the same Markdown as the neutral form, so both directions go through the
core's parser and writer; what is Discord's own lives here: mention, emoji and timestamp
syntax on the way in, and on the way out text that can never ping.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from bot.formatting import MarkdownWriter, MentionNames, NoNames, escape_markdown, link_target

__all__ = ["defuse_pings", "discord_literal", "discord_to_markdown", "markdown_to_discord"]

_USER = re.compile(r"<@!?(\d{1,20})>")
_ROLE = re.compile(r"<@&(\d{1,20})>")
_CHANNEL = re.compile(r"<#(\d{1,20})>")
_EMOJI = re.compile(r"<a?:(\w{1,32}):\d{1,20}>")
_TIMESTAMP = re.compile(r"<t:(-?\d{1,13})(?::[tTdDfFR])?>")
_SLASH = re.compile(r"</([\w -]{1,32}):\d{1,20}>")
# Discord's ">>> " quotes every line after it.
_QUOTE_REST = re.compile(r"^>>> ?(.*)", re.MULTILINE | re.DOTALL)
# What could still ping or render as a mention once the text reaches Discord.
_PING = re.compile(r"@(everyone|here)\b|<(@[!&]?|#)(?=\d)", re.IGNORECASE)
_ZWSP = "\u200b"
_REFUSED_URL = re.compile(r"(https?)(://[^\s<>]+)", re.IGNORECASE)


def _timestamp(match: re.Match[str]) -> str:
    try:
        return datetime.fromtimestamp(int(match.group(1)), UTC).strftime("%Y-%m-%d %H:%M UTC")
    except (OverflowError, ValueError, OSError):
        return "a date"


def defuse_pings(text: str) -> str:
    """``@everyone``, ``@here`` and ``<@id>``-style mentions with a zero-width space inside."""
    return _PING.sub(
        lambda m: f"@{_ZWSP}{m.group(1)}" if m.group(1) else f"<{_ZWSP}{m.group(2)}", text
    )


def _unlink(text: str) -> str:
    # An address the core refused as a link (a user part before "@") would still be
    # auto-linked by the Discord client; "\:" shows ":" but breaks its "https://".
    return _REFUSED_URL.sub(
        lambda m: m.group() if link_target(m.group()) else m.group(1) + "\\" + m.group(2), text
    )


def discord_literal(text: str) -> str:
    """Plain text that Discord shows exactly as written, cannot ping and is never a link."""
    return _unlink(defuse_pings(escape_markdown(text)))


class _Incoming(MarkdownWriter):
    def __init__(self, names: MentionNames) -> None:
        self.names = names

    def text(self, content: str) -> str:
        names = self.names
        content = _ROLE.sub(lambda m: "@" + names.role(m.group(1)), content)
        content = _USER.sub(lambda m: "@" + names.user(m.group(1)), content)
        content = _CHANNEL.sub(lambda m: "#" + names.channel(m.group(1)), content)
        content = _EMOJI.sub(lambda m: f":{m.group(1)}:", content)
        content = _TIMESTAMP.sub(_timestamp, content)
        return super().text(_SLASH.sub(lambda m: f"/{m.group(1)}", content))


class _Outgoing(MarkdownWriter):
    def text(self, content: str) -> str:
        return discord_literal(content)


_OUTGOING = _Outgoing()


def _quote_rest(match: re.Match[str]) -> str:
    return "\n".join("> " + line for line in match.group(1).split("\n"))


def discord_to_markdown(text: str, names: MentionNames = NoNames) -> str:
    """Turn Discord message content into neutral Markdown with plain-name mentions."""
    text = _QUOTE_REST.sub(_quote_rest, text)
    return _Incoming(names).write(text)


def markdown_to_discord(text: str) -> str:
    """Neutral Markdown as Discord content: links honest, pings impossible.

    Copies are also sent with ``allowed_mentions`` empty; this is the second lock. Code
    is left as written: Discord does not turn mentions inside code into pings.
    """
    return _OUTGOING.write(text)
