"""How a comment copy looks on Discord: webhook name, avatar and content within limits."""

from __future__ import annotations

import re
from dataclasses import dataclass

from adapters.discord.markdown import discord_literal, markdown_to_discord
from bot.domain.copies import CommentCopy
from bot.formatting import fit, markdown_to_plain, trim

__all__ = ["DISCORD_CONTENT_LIMIT", "DiscordCopy", "discord_message", "webhook_name"]

DISCORD_CONTENT_LIMIT = 2000
DISCORD_USERNAME_LIMIT = 80
_FORBIDDEN_NAMES = re.compile(r"(disc)(ord)|(cl)(yde)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DiscordCopy:
    username: str
    avatar_url: str | None
    content: str


def webhook_name(display_name: str) -> str:
    """Discord refuses webhook usernames containing "discord" or "clyde"; split the word."""
    name = _FORBIDDEN_NAMES.sub(
        lambda m: f"{m.group(1) or m.group(3)}-{m.group(2) or m.group(4)}", display_name
    )
    return trim(name, DISCORD_USERNAME_LIMIT)


def discord_content(copy: CommentCopy) -> str:
    """The reply quote and the comment; a comment too long for one message is shortened
    to its plain words, ending with a link to the full comment on the web page."""
    quote = f"> {discord_literal(copy.reply_quote)}\n" if copy.reply_quote else ""
    body = markdown_to_discord(copy.text)
    if len(quote) + len(body) <= DISCORD_CONTENT_LIMIT:
        return quote + body
    more = f" [full comment]({copy.full_url})" if copy.full_url else ""
    budget = DISCORD_CONTENT_LIMIT - len(quote) - len(more)
    return quote + fit(markdown_to_plain(copy.text), budget, discord_literal) + more


def discord_message(copy: CommentCopy) -> DiscordCopy:
    """Webhook fields for a copy."""
    return DiscordCopy(webhook_name(copy.display_name), copy.avatar_url, discord_content(copy))
