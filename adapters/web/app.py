"""The web comment section as an aiohttp application."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from pathlib import Path

from aiohttp import web

from adapters.web import api, badges, feeds, health, live, mod, pages, reports
from adapters.web.csrf import CsrfSigner
from adapters.web.errors import error_middleware
from adapters.web.options import WebOptions
from adapters.web.ratelimit import RateLimiter
from adapters.web.render import make_templates
from adapters.web.security import security_headers
from adapters.web.state import STATE, WebState
from bot.services.context import Context

__all__ = ["STATIC_DIR", "create_web_app"]

STATIC_DIR = Path(__file__).parent / "static"


async def _stop_streams(app: web.Application) -> None:
    app[STATE].stopping.set()


def create_web_app(
    ctx: Context,
    *,
    options: WebOptions | None = None,
    extra_routes: Iterable[web.AbstractRouteDef] = (),
) -> web.Application:
    """Build the app: pages, JSON API, live events, health check and static files.

    Other parts mount their own routes (the sandbox at ``/sandbox…``, Slack's HTTP events at
    ``/slack/events``) through ``extra_routes``, or later with ``app.add_routes`` /
    ``app.add_subapp`` on the returned app before it starts. They get the same error and
    security-header handling; their own non-plain-text errors pass through unchanged.
    """
    options = options or WebOptions()
    badges.check_badge_colours(options.badge_colours)
    secret = options.secret or secrets.token_bytes(32)
    app = web.Application(middlewares=[error_middleware], client_max_size=options.max_body_bytes)
    app[STATE] = WebState(
        ctx=ctx,
        options=options,
        templates=make_templates(),
        csrf=CsrfSigner(secret),
        limiter=RateLimiter(
            options.posts_per_window, options.post_window_seconds, options.monotonic
        ),
        refusals=RateLimiter(
            options.refusals_per_window, options.post_window_seconds, options.monotonic
        ),
        client_key=secrets.token_bytes(32) if options.secret is None else secret,
    )
    app.add_routes(pages.routes(options.index_path))
    app.add_routes(api.routes())
    app.add_routes(live.routes())
    app.add_routes(reports.routes())
    app.add_routes(mod.routes())
    app.add_routes(health.routes())
    app.add_routes(badges.routes())
    app.add_routes(feeds.routes())
    app.add_routes([web.static("/static", STATIC_DIR, name="static")])
    app.add_routes(list(extra_routes))
    app.on_response_prepare.append(security_headers)
    app.on_shutdown.append(_stop_streams)
    return app
