"""One private sentence to one person in a channel (``chat.postEphemeral``).

Slack shows it only to that person, only while they are in the channel, and never
stores it in history (docs.slack.dev/reference/methods/chat.postEphemeral). Failing to
tell someone is logged and not retried: the sentence would arrive out of context later.
"""

from __future__ import annotations

import logging

from slack_sdk.web.async_client import AsyncWebClient

from .errors import TRANSIENT
from .mrkdwn import escape_slack

__all__ = ["tell"]

log = logging.getLogger(__name__)


async def tell(
    client: AsyncWebClient, channel: str, user: str, text: str, thread_ts: str | None = None
) -> bool:
    """Show ``text`` (plain, escaped here) to ``user`` alone; whether Slack took it."""
    try:
        await client.chat_postEphemeral(
            channel=channel, user=user, text=escape_slack(text), thread_ts=thread_ts
        )
    except TRANSIENT as error:
        log.warning("could not tell %s privately in %s: %s", user, channel, type(error).__name__)
        return False
    return True
