"""How a comment looks when copied to another thread."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.model import Comment, Platform
from bot.domain.text import ANONYMOUS, clean_name
from bot.formatting import markdown_to_discord, markdown_to_plain, markdown_to_slack, trim

__all__ = [
    "DISCORD_CONTENT_LIMIT",
    "SLACK_TEXT_LIMIT",
    "CommentCopy",
    "DiscordMessage",
    "SlackMessage",
    "build_copy",
    "discord_message",
    "slack_message",
]

DISCORD_CONTENT_LIMIT = 2000
DISCORD_USERNAME_LIMIT = 80
# Slack accepts 40,000 characters but advises about 4,000 for a readable message.
SLACK_TEXT_LIMIT = 4000
SLACK_USERNAME_LIMIT = 80
QUOTE_CHARS = 90
_DISCORD_FORBIDDEN_NAMES = re.compile(r"(disc)(ord)|(cl)(yde)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class CommentCopy:
    """A comment as it should appear elsewhere: who, from where, what, and in reply to what."""

    author_name: str
    origin: Platform
    avatar_url: str | None
    text: str
    reply_quote: str | None = None
    full_url: str | None = None

    @property
    def display_name(self) -> str:
        """ "Ana (Slack)": the name shows where the comment came from."""
        return f"{self.author_name} ({self.origin.label})"


def build_copy(
    comment: Comment, reply_to: Comment | None = None, full_url: str | None = None
) -> CommentCopy:
    quote: str | None = None
    if comment.reply_to_id is not None:
        if reply_to is None or reply_to.deleted:
            quote = "Replying to a deleted comment"
        else:
            words = trim(markdown_to_plain(reply_to.text), QUOTE_CHARS)
            quote = f"Replying to {clean_name(reply_to.author.display_name) or ANONYMOUS}: {words}"
    return CommentCopy(
        author_name=clean_name(comment.author.display_name) or ANONYMOUS,
        origin=comment.author.platform,
        avatar_url=comment.author.avatar_url,
        text=comment.text,
        reply_quote=quote,
        full_url=full_url,
    )


def _fit(body: str, quote: str | None, limit: int, more: str | None) -> str:
    head = f"> {quote}\n" if quote else ""
    text = head + body
    if len(text) <= limit:
        return text
    tail = f"… {more}" if more else "…"
    return trim(text, limit, tail)


@dataclass(frozen=True, slots=True)
class DiscordMessage:
    username: str
    avatar_url: str | None
    content: str


@dataclass(frozen=True, slots=True)
class SlackMessage:
    username: str
    icon_url: str | None
    text: str


def discord_message(copy: CommentCopy) -> DiscordMessage:
    """Webhook fields for a copy. Discord refuses usernames containing "discord"/"clyde"."""
    name = _DISCORD_FORBIDDEN_NAMES.sub(
        lambda m: f"{m.group(1) or m.group(3)}-{m.group(2) or m.group(4)}", copy.display_name
    )
    more = f"[full comment]({copy.full_url})" if copy.full_url else None
    quote = markdown_to_discord(copy.reply_quote) if copy.reply_quote else None
    content = _fit(markdown_to_discord(copy.text), quote, DISCORD_CONTENT_LIMIT, more)
    return DiscordMessage(trim(name, DISCORD_USERNAME_LIMIT), copy.avatar_url, content)


def slack_message(copy: CommentCopy) -> SlackMessage:
    more = f"<{copy.full_url}|full comment>" if copy.full_url else None
    quote = markdown_to_slack(copy.reply_quote) if copy.reply_quote else None
    text = _fit(markdown_to_slack(copy.text), quote, SLACK_TEXT_LIMIT, more)
    return SlackMessage(trim(copy.display_name, SLACK_USERNAME_LIMIT), copy.avatar_url, text)
