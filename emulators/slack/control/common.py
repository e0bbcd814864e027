"""Helpers shared by the control API's handlers."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from ..emulator import Emulator
from ..errors import SlackError
from ..webapi import EMULATOR_KEY

__all__ = ["JSON", "Handler", "emulator_of", "fail", "guard", "read_body"]

JSON = dict[str, Any]


def emulator_of(request: web.Request) -> Emulator:
    return request.app[EMULATOR_KEY]


def fail(error: str, status: int = 400) -> web.Response:
    return web.json_response({"ok": False, "error": error}, status=status)


async def read_body(request: web.Request) -> JSON:
    if not request.can_read_body:
        return {}
    try:
        body = await request.json()
    except ValueError:
        raise SlackError("invalid_json", status=400) from None
    if not isinstance(body, dict):
        raise SlackError("json_not_object", status=400)
    return body


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def guard(handler: Handler) -> Handler:
    """Turn SlackError into a JSON error with a 4xx status."""

    @functools.wraps(handler)
    async def guarded(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except SlackError as error:
            status = error.status if error.status != 200 else status_for(error.error)
            return web.json_response(error.body(), status=status)

    return guarded


def status_for(error: str) -> int:
    return 404 if error.endswith("not_found") else 400
