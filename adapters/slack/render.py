"""How a comment copy looks on Slack: name, icon and mrkdwn text within limits."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.copies import CommentCopy
from bot.formatting import fit, markdown_to_plain, trim

from .mrkdwn import escape_slack, markdown_to_slack

__all__ = ["SLACK_TEXT_LIMIT", "SlackCopy", "slack_message"]

# Slack accepts 40,000 characters but advises about 4,000 for a readable message.
SLACK_TEXT_LIMIT = 4000
SLACK_USERNAME_LIMIT = 80


@dataclass(frozen=True, slots=True)
class SlackCopy:
    username: str
    icon_url: str | None
    text: str


def slack_text(copy: CommentCopy) -> str:
    """The reply quote and the comment; a comment too long for one message is shortened
    to its plain words, ending with a link to the full comment on the web page."""
    quote = f"> {escape_slack(copy.reply_quote)}\n" if copy.reply_quote else ""
    body = markdown_to_slack(copy.text, copy.full_url)
    if len(quote) + len(body) <= SLACK_TEXT_LIMIT:
        return quote + body
    more = f" <{escape_slack(copy.full_url)}|full comment>" if copy.full_url else ""
    budget = SLACK_TEXT_LIMIT - len(quote) - len(more)
    return quote + fit(markdown_to_plain(copy.text), budget, escape_slack) + more


def slack_message(copy: CommentCopy) -> SlackCopy:
    """The fields of ``chat.postMessage`` for a copy."""
    name = trim(copy.display_name, SLACK_USERNAME_LIMIT)
    return SlackCopy(name, copy.avatar_url, slack_text(copy))
