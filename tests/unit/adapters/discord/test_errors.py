"""How discord.py's exceptions become DeliveryErrors (retry or give up)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import aiohttp
import discord
import pytest

from adapters.discord.errors import delivery_error, discord_call
from bot.errors import DeliveryError


@dataclass
class FakeResponse:
    """The few attributes discord.HTTPException reads from an aiohttp response."""

    status: int
    reason: str = "reason"
    headers: dict[str, str] = field(default_factory=dict)


def http_error(
    status: int, code: int = 0, headers: dict[str, str] | None = None
) -> discord.HTTPException:
    body: dict[str, Any] = {"code": code, "message": "Something"}
    response = FakeResponse(status, headers=headers or {})
    return discord.HTTPException(response, body)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("status", "code", "permanent"),
    [
        (400, 50035, True),  # invalid form body: the same request fails again
        (403, 50013, True),  # missing permissions
        (404, 10003, True),  # unknown channel
        (400, 50083, False),  # thread is archived: the next try unarchives it first
        (408, 0, False),
        (500, 0, False),
        (502, 0, False),
    ],
)
def test_http_errors(status: int, code: int, permanent: bool) -> None:
    error = delivery_error(http_error(status, code), "post a copy")
    assert error.platform == "discord"
    assert error.status == status and error.permanent is permanent
    assert "post a copy" in str(error) and str(code) in str(error)


def test_a_429_carries_discords_wait() -> None:
    error = delivery_error(http_error(429, headers={"Retry-After": "7.5"}), "post a copy")
    assert (error.status, error.retry_after, error.permanent) == (429, 7.5, False)


def test_rate_limited_beyond_the_clients_patience() -> None:
    error = delivery_error(discord.RateLimited(64.57), "post the brief")
    assert (error.status, error.retry_after, error.permanent) == (429, 64.57, False)


def test_network_trouble_is_worth_another_try() -> None:
    error = delivery_error(aiohttp.ClientConnectionError("reset"), "edit a copy")
    assert error.status is None and not error.permanent


async def test_discord_call_translates_and_lets_delivery_errors_through() -> None:
    with pytest.raises(DeliveryError) as caught:
        async with discord_call("delete a copy"):
            raise http_error(503)
    assert caught.value.status == 503 and isinstance(caught.value.__cause__, discord.HTTPException)

    mine = DeliveryError("locked", platform="discord", permanent=True)
    with pytest.raises(DeliveryError) as passed:
        async with discord_call("post a copy"):
            raise mine
    assert passed.value is mine


@pytest.mark.parametrize(
    ("status", "code", "unreachable"),
    [
        (404, 10003, True),  # unknown channel: deleted
        (403, 50001, True),  # missing access: the bot was removed from it
        (403, 50013, True),  # missing permissions: a permission was withdrawn
        (400, 50035, False),  # this one message is bad; the channel is fine
        (404, 10008, False),  # unknown message
        (500, 0, False),
    ],
)
def test_a_lost_channel_is_unreachable(status: int, code: int, unreachable: bool) -> None:
    error = delivery_error(http_error(status, code), "post a copy")
    assert error.unreachable is unreachable
    assert not unreachable or (error.permanent and error.reason == str(code))


def test_a_rate_limit_after_discord_py_gave_up_retrying_is_a_rate_limit() -> None:
    error = delivery_error(http_error(429, 0, {"Retry-After": "3"}), "post a copy")
    assert (error.status, error.retry_after, error.permanent) == (429, 3.0, False)
