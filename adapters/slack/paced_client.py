"""``PacedWebClient``: slack_sdk's ``AsyncWebClient`` that waits its turn before each call."""

from __future__ import annotations

import asyncio
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from .errors import api_status, error_retry_after
from .pacing import SlackPacer

__all__ = ["CONNECT_WAIT_SECONDS", "MAX_WAIT_SECONDS", "PacedWebClient"]

MAX_WAIT_SECONDS = 10.0
"""Longer than this, a call is not made but refused here (the outbox retries it later),
so that one held-up channel does not keep a delivery slot waiting."""

CONNECT_WAIT_SECONDS = 150.0
"""``apps.connections.open`` (Tier 1, one a minute after a small burst, shared by every
process of the app) holds no delivery slot: a Socket Mode connection waits its turn rather
than fail, as slack_sdk itself waits out a ``Retry-After`` on it."""
_CONNECT = "apps.connections.open"


def _channel(*bodies: Any) -> str | None:
    for body in bodies:
        if isinstance(body, dict) and body.get("channel"):
            return str(body["channel"])
    return None


class PacedWebClient(AsyncWebClient):
    """Every Web API call waits for its turn in ``pacer`` (shared by the clients of one
    workspace token); a 429 holds that method (and channel) for its ``Retry-After``."""

    def __init__(self, *args: Any, pacer: SlackPacer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pacer = pacer

    async def api_call(
        self,
        api_method: str,
        *,
        http_verb: str = "POST",
        files: dict[str, Any] | None = None,
        data: Any = None,
        params: dict[str, Any] | None = None,
        json: dict[str, Any] | None = None,
        headers: dict[str, Any] | None = None,
        auth: dict[str, Any] | None = None,
    ) -> AsyncSlackResponse:
        channel = _channel(json, params, data)
        within = CONNECT_WAIT_SECONDS if api_method == _CONNECT else MAX_WAIT_SECONDS
        wait = await self.pacer.turn(api_method, channel, within=within)
        if wait > 0:
            await asyncio.sleep(wait)
        try:
            return await super().api_call(
                api_method,
                http_verb=http_verb,
                files=files,
                data=data,
                params=params,
                json=json,
                headers=headers,
                auth=auth,
            )
        except SlackApiError as error:
            if api_status(error) == 429:
                retry_after = error_retry_after(error)
                await self.pacer.refused(
                    api_method, channel, 1 if retry_after is None else retry_after
                )
            raise
