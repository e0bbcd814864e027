"""What the Slack adapter tells the log set-up: Slack's token shapes and its chatty loggers."""

from __future__ import annotations

__all__ = ["NOISY_LOGGERS", "TOKEN_PATTERNS"]

# Token shapes worth redacting even when nobody told the redactor the value.
TOKEN_PATTERNS = (
    r"xox[abposr]-[A-Za-z0-9-]{6,}",  # bot and user tokens
    r"xapp-[A-Za-z0-9-]{6,}",  # app-level (Socket Mode) tokens
)
# slack-bolt and slack_sdk log every request at INFO, which would drown the bot's own lines.
NOISY_LOGGERS = ("slack_bolt", "slack_sdk")
