"""Logging set-up with redaction: tokens never reach a log line, whoever logs them."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable

__all__ = ["RedactingFilter", "setup_logging"]

# Token shapes worth catching even when nobody told us the value.
_TOKEN_SHAPES = re.compile(
    r"xox[abposr]-[A-Za-z0-9-]{6,}"  # Slack bot/user tokens
    r"|xapp-[A-Za-z0-9-]{6,}"  # Slack app-level tokens
    r"|(?<=Bot )[A-Za-z0-9._-]{20,}"  # Discord "Authorization: Bot <token>"
    r"|(?<=Bearer )[A-Za-z0-9._-]{12,}"
    r"|[MNO][A-Za-z\d_-]{23,25}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,38}"  # Discord bot token
)
MASK = "[redacted]"


class RedactingFilter(logging.Filter):
    """Replaces known secrets and anything shaped like a token in every record."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets = sorted({s for s in secrets if len(s) >= 6}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, MASK)
        return _TOKEN_SHAPES.sub(MASK, text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = self.redact(message)
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = self.redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        return True


def setup_logging(level: str = "INFO", secrets: Iterable[str] = ()) -> RedactingFilter:
    """Log to stderr in one readable line per record, redacted at the handler."""
    redactor = RedactingFilter(secrets)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s"))
    handler.addFilter(redactor)
    root = logging.getLogger()
    for existing in list(root.handlers):
        if getattr(existing, "_briefbot", False):
            root.removeHandler(existing)
    handler._briefbot = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    # Third-party chatter that would drown the bot's own lines at INFO.
    for noisy in ("discord.gateway", "discord.client", "slack_bolt", "slack_sdk", "aiohttp.access"):
        logging.getLogger(noisy).setLevel(max(logging.getLevelName(level), logging.WARNING))
    return redactor
