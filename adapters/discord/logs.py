"""What the Discord adapter tells the log set-up: Discord's token shapes and chatty loggers."""

from __future__ import annotations

__all__ = ["NOISY_LOGGERS", "TOKEN_PATTERNS"]

# Token shapes worth redacting even when nobody told the redactor the value.
TOKEN_PATTERNS = (
    r"(?<=Bot )[A-Za-z0-9._-]{20,}",  # the "Authorization: Bot <token>" header
    r"[MNO][A-Za-z\d_-]{23,25}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,38}",  # a bot token
)
# discord.py logs each gateway step at INFO, which would drown the bot's own lines.
NOISY_LOGGERS = ("discord.gateway", "discord.client")
