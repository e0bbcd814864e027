"""The per-client limit on posting comments, shared by the form and the JSON API."""

from __future__ import annotations

import math

from aiohttp import web

from adapters.web import messages
from adapters.web.render import render_error
from adapters.web.security import client_address
from adapters.web.state import state_of

__all__ = ["check_rate", "refund_refused"]


def check_rate(request: web.Request, *, as_json: bool) -> web.Response | None:
    """Count one post by this client; a 429 answer (page or JSON) if it must wait, else None.

    A client over either limit waits: accepted posts, or posts refused for their content.
    """
    state = state_of(request)
    client = client_address(request)
    wait = state.refusals.wait(client) or state.limiter.hit(client)
    if not wait:
        return None
    message = messages.rate_limited(wait)
    headers = {"Retry-After": str(max(1, math.ceil(wait)))}
    if as_json:
        body = {"error": message, "retry_after": max(1, math.ceil(wait))}
        return web.json_response(body, status=429, headers=headers)
    return render_error(request, 429, message, headers)


def refund_refused(request: web.Request) -> None:
    """The post counted by :func:`check_rate` was refused: count it as a refusal instead."""
    state = state_of(request)
    client = client_address(request)
    state.limiter.release(client)
    state.refusals.hit(client)
