"""How Discord failures become briefbot errors.

Every REST call of :class:`~adapters.discord.chat.DiscordChat` runs inside
:func:`discord_call`, which turns discord.py's exceptions into
:class:`bot.errors.DeliveryError`: 429 and 5xx and network trouble are worth retrying
(with Discord's ``retry_after`` when it gave one), other 4xx are permanent.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import aiohttp
import discord

from bot.errors import BriefbotError, DeliveryError

__all__ = [
    "INTENT_REFUSED",
    "LOGIN_REFUSED",
    "THREAD_ARCHIVED",
    "UNREACHABLE_CODES",
    "DiscordStartError",
    "delivery_error",
    "discord_call",
    "error_code",
]

PLATFORM = "discord"
INTENT_REFUSED = (
    "Discord refused the Message Content intent: enable it for the bot in the Developer "
    "Portal (Bot → Privileged Gateway Intents)."
)
LOGIN_REFUSED = "Discord refused the bot token: check DISCORD_TOKEN."
# Unknown Channel, Missing Access, Missing Permissions: the channel (or the thread) is gone
# or closed to the bot, so people must be told, not only the log.
UNREACHABLE_CODES = frozenset({10003, 50001, 50013})
# 408 Request Timeout and 429 Too Many Requests are the 4xx worth another try.
_RETRYABLE_4XX = frozenset({408, 429})
# 400 50083 "Thread is archived": unarchiving the thread (which the next try does) fixes it.
THREAD_ARCHIVED = 50083
_RETRYABLE_CODES = frozenset({THREAD_ARCHIVED})


class DiscordStartError(BriefbotError):
    """The Discord side could not start (bad token, unreachable gateway, timeout)."""

    default_message = "Briefbot could not connect to Discord."


def error_code(error: discord.HTTPException) -> int:
    """Discord's JSON error code (10003 Unknown Channel, 10015 Unknown Webhook...)."""
    return int(error.code or 0)


def _retry_after(error: discord.HTTPException) -> float | None:
    raw = error.response.headers.get("Retry-After") if error.response is not None else None
    try:
        return float(raw) if raw is not None else None
    except ValueError:
        return None


def delivery_error(error: BaseException, action: str) -> DeliveryError:
    """The DeliveryError for a failed ``action`` ("post the brief", "edit a copy"...)."""
    if isinstance(error, DeliveryError):
        return error
    if isinstance(error, discord.RateLimited):
        return DeliveryError(
            f"Discord is rate limiting us; could not {action}.",
            platform=PLATFORM,
            status=429,
            retry_after=error.retry_after,
        )
    if isinstance(error, discord.HTTPException):
        status = error.status
        transient = (
            status >= 500 or status in _RETRYABLE_4XX or error_code(error) in _RETRYABLE_CODES
        )
        return DeliveryError(
            f"Discord answered {status} (code {error_code(error)}) when asked to {action}: "
            f"{error.text or 'no details'}",
            platform=PLATFORM,
            status=status,
            retry_after=_retry_after(error) if status == 429 else None,
            permanent=not transient,
            unreachable=not transient and error_code(error) in UNREACHABLE_CODES,
            reason=str(error_code(error) or status),
        )
    return DeliveryError(
        f"Could not reach Discord to {action}: {type(error).__name__}",
        platform=PLATFORM,
    )


@contextlib.asynccontextmanager
async def discord_call(action: str) -> AsyncIterator[None]:
    """Translate whatever Discord or the network raises inside into a DeliveryError."""
    try:
        yield
    except (discord.DiscordException, aiohttp.ClientError, OSError) as error:
        raise delivery_error(error, action) from error
