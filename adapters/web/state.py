"""What every handler of the web app shares, kept on the application under one key."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import jinja2
from aiohttp import web

from adapters.web.csrf import CsrfSigner
from adapters.web.options import WebOptions
from adapters.web.ratelimit import RateLimiter
from bot.services.context import Context

__all__ = ["STATE", "WebState", "state_of"]


@dataclass
class WebState:
    """The core context plus the adapter's own helpers; ``stopping`` is set on shutdown."""

    ctx: Context
    options: WebOptions
    templates: jinja2.Environment
    csrf: CsrfSigner
    limiter: RateLimiter
    refusals: RateLimiter
    client_key: bytes
    stopping: asyncio.Event = field(default_factory=asyncio.Event)
    live_streams: int = 0


STATE: web.AppKey[WebState] = web.AppKey("briefbot_web_state", WebState)


def state_of(request: web.Request) -> WebState:
    """The shared state of the app that serves ``request`` (also from a sub-app)."""
    return request.config_dict[STATE]
