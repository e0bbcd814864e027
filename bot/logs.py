"""Logging set-up with redaction: tokens never reach a log line, whoever logs them."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["MASK", "LogRules", "RedactingFilter", "setup_logging"]

# A bearer token is the same shape on every platform; each adapter adds its own token shapes.
_BEARER = r"(?<=Bearer )[A-Za-z0-9._-]{12,}"
# Library chatter that is no platform's: one line per web request.
_NOISY = ("aiohttp.access",)
MASK = "[redacted]"


@dataclass(frozen=True)
class LogRules:
    """What the adapters add to the log set-up (collected in :mod:`bot.bootstrap`).

    ``token_patterns`` are regular expressions for token shapes to redact even when nobody
    told the redactor the value; ``noisy_loggers`` are kept at WARNING or above.
    """

    token_patterns: tuple[str, ...] = ()
    noisy_loggers: tuple[str, ...] = ()


class RedactingFilter(logging.Filter):
    """Replaces known secrets and anything shaped like a token in every record."""

    def __init__(self, secrets: Iterable[str] = (), token_patterns: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets = sorted({s for s in secrets if len(s) >= 6}, key=len, reverse=True)
        self._shapes = re.compile("|".join([_BEARER, *token_patterns]))

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, MASK)
        return self._shapes.sub(MASK, text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = self.redact(message)
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = self.redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        return True


def setup_logging(
    level: str = "INFO", secrets: Iterable[str] = (), rules: LogRules = LogRules()
) -> RedactingFilter:
    """Log to stderr in one readable line per record, redacted at the handler."""
    redactor = RedactingFilter(secrets, rules.token_patterns)
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
    for noisy in (*_NOISY, *rules.noisy_loggers):
        logging.getLogger(noisy).setLevel(max(logging.getLevelName(level), logging.WARNING))
    return redactor
