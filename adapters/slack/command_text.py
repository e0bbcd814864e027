"""Pure parsing of what people type after ``/brief`` and ``/briefbot``.

With the manifest's ``should_escape: true`` Slack sends links as ``<https://...>`` and
channels as ``<#C123|news>``; without it they arrive as typed. Both forms are accepted.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from bot import messages
from bot.errors import BriefbotError

from . import messages as slack_messages

__all__ = [
    "BriefRequest",
    "CommandUsageError",
    "LinkRequest",
    "is_mod_command",
    "parse_brief",
    "parse_briefbot",
]

_ESCAPED_LINK = re.compile(r"^<(https?://[^|>]+)(?:\|[^>]*)?>$", re.IGNORECASE)
_ESCAPED_CHANNEL = re.compile(r"^<#([CG][A-Z0-9]+)(?:\|([^>]*))?>$")
_PLAIN_CHANNEL = re.compile(r"^#([\w.-]{1,80})$")


class CommandUsageError(BriefbotError):
    """The command text is not usable; ``user_message`` says how to write it."""


@dataclass(frozen=True, slots=True)
class BriefRequest:
    """``/brief <url> [#channel]``: where to brief, and into which channel if not here."""

    url: str
    channel_id: str | None = None
    channel_name: str | None = None


@dataclass(frozen=True, slots=True)
class LinkRequest:
    """``/briefbot link`` (issue a code) or ``/briefbot link CODE`` (redeem it)."""

    code: str | None = None


def _url(token: str) -> str:
    match = _ESCAPED_LINK.match(token)
    url = html.unescape(match.group(1) if match else token)
    if not re.match(r"^https?://[^\s/]+", url, re.IGNORECASE):
        raise CommandUsageError(messages.NOT_A_URL)
    return url


def _channel(token: str) -> tuple[str | None, str | None]:
    escaped = _ESCAPED_CHANNEL.match(token)
    if escaped:
        return escaped.group(1), escaped.group(2) or None
    plain = _PLAIN_CHANNEL.match(token)
    if plain:
        return None, plain.group(1)
    raise CommandUsageError(slack_messages.BRIEF_USAGE)


def parse_brief(text: str) -> BriefRequest:
    """Raises :class:`CommandUsageError` with a plain sentence when the text is unusable."""
    words = text.split()
    if not words:
        raise CommandUsageError(slack_messages.MISSING_URL)
    # The link first: "/brief not a url" gets the sentence Discord gives, not the usage.
    url = _url(words[0])
    if len(words) > 2:
        raise CommandUsageError(slack_messages.BRIEF_USAGE)
    if len(words) == 1:
        return BriefRequest(url)
    channel_id, channel_name = _channel(words[1])
    return BriefRequest(url, channel_id, channel_name)


def parse_briefbot(text: str) -> LinkRequest:
    """``link [code]``; anything else raises with the usage sentence (``mod …`` is
    parsed by :func:`adapters.slack.mod_text.parse_mod`)."""
    words = text.split()
    if not words or words[0].lower() != "link" or len(words) > 2:
        raise CommandUsageError(slack_messages.BRIEFBOT_USAGE)
    return LinkRequest(words[1] if len(words) == 2 else None)


def is_mod_command(text: str) -> bool:
    """Whether ``/briefbot`` was given ``mod …``."""
    words = text.split()
    return bool(words) and words[0].lower() == "mod"
