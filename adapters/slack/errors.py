"""Slack failures as :class:`bot.errors.DeliveryError`: retry later, or give up for good."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.errors import DeliveryError

from . import messages as slack_messages
from .pacing import PacedOutError

__all__ = [
    "PERMANENT_ERRORS",
    "TRANSIENT",
    "UNREACHABLE_ERRORS",
    "api_error_code",
    "api_status",
    "delivery_error",
    "error_retry_after",
    "is_channel_refusal",
    "retry_after_seconds",
]

PLATFORM = "slack"

# Errors that no retry can fix: the target is gone or closed, or the request is malformed.
PERMANENT_ERRORS = frozenset(
    {
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "invalid_blocks",
        "invalid_blocks_format",
        "invalid_metadata_format",
        "msg_too_long",
        "no_text",
        "too_many_attachments",
        "cant_update_message",
        "cant_delete_message",
        "edit_window_closed",
        "thread_not_found",
        "restricted_action",
    }
)


# Of those, the ones that mean the channel itself is lost to the bot: people must be told.
UNREACHABLE_ERRORS = frozenset({"channel_not_found", "not_in_channel", "is_archived"})


def api_error_code(error: SlackApiError) -> str:
    """Slack's ``error`` string ("" when the body was not JSON, as on a 5xx)."""
    data: Any = getattr(error.response, "data", None)
    return str(data.get("error", "")) if isinstance(data, Mapping) else ""


def api_status(error: SlackApiError) -> int:
    """The HTTP status (slack_sdk sometimes attaches the raw aiohttp response instead)."""
    response: Any = error.response
    return int(getattr(response, "status_code", None) or getattr(response, "status", 0) or 0)


def _headers(error: SlackApiError) -> Mapping[str, Any]:
    headers: Any = getattr(error.response, "headers", None)
    return headers if isinstance(headers, Mapping) else {}


def error_retry_after(error: SlackApiError) -> int | None:
    """The refusal's ``Retry-After`` in seconds, if it named one."""
    return retry_after_seconds(_headers(error))


def retry_after_seconds(headers: Mapping[str, Any]) -> int | None:
    """Slack's integer ``Retry-After`` header, looked up case-insensitively."""
    for name, value in headers.items():
        if name.lower() == "retry-after":
            raw = value[0] if isinstance(value, list) and value else value
            try:
                return max(0, int(str(raw).strip()))
            except ValueError:
                return None
    return None


# Refusals about the channel itself, answered with the sentence that says what to do.
_CHANNEL_REFUSALS = {
    "not_in_channel": slack_messages.not_in_channel,
    "channel_not_found": slack_messages.channel_gone,
    "is_archived": slack_messages.channel_archived,
}


def is_channel_refusal(error: SlackApiError) -> bool:
    """Slack refused because of the channel: not invited, gone, or archived."""
    return api_error_code(error) in _CHANNEL_REFUSALS and api_status(error) < 500


TRANSIENT = (SlackClientError, aiohttp.ClientError, TimeoutError)
"""What a Web API call may raise besides success (``SlackApiError`` is a ``SlackClientError``)."""


def delivery_error(
    error: SlackClientError | aiohttp.ClientError | TimeoutError,
    what: str,
    *,
    channel: str | None = None,
) -> DeliveryError:
    """Classify a failed Web API call; ``what`` names the attempted action for the log.

    A refusal because of the channel (the bot is not in it, it is gone or archived) is
    permanent and its message is the sentence a moderator needs, naming ``channel``
    (its name, or its id when only that is known).
    """
    if isinstance(error, PacedOutError):
        # Not sent, so nothing to look for on a retry: the outbox waits for its turn.
        return DeliveryError(
            f"Slack's pace leaves no turn to {what} yet",
            platform=PLATFORM,
            status=429,
            retry_after=error.retry_after,
        )
    if isinstance(error, SlackApiError):
        status = api_status(error)
        code = api_error_code(error) or f"HTTP {status}"
        sentence = _CHANNEL_REFUSALS.get(code)
        if sentence is not None and status < 500:
            message = sentence(channel or "that channel")
            return DeliveryError(
                message,
                platform=PLATFORM,
                status=status,
                permanent=True,
                unreachable=True,
                reason=code,
            )
        message = f"Slack refused to {what}: {code}"
        if status == 429 or code == "ratelimited":
            # Retry-After: 0 means "now"; only a 429 that names no wait gets a second.
            wait = retry_after_seconds(_headers(error))
            wait = 1 if wait is None else wait
            return DeliveryError(message, platform=PLATFORM, status=429, retry_after=wait)
        permanent = status < 500 and code in PERMANENT_ERRORS
        return DeliveryError(
            message,
            platform=PLATFORM,
            status=status,
            permanent=permanent,
            unreachable=permanent and code in UNREACHABLE_ERRORS,
            reason=code,
        )
    return DeliveryError(
        f"Slack could not be reached to {what}: {type(error).__name__}", platform=PLATFORM
    )
