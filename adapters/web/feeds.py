"""``GET /feeds``: the feeds briefbot follows, read-only (managed with ``/feed`` in chat or
``briefbot feed`` on the command line)."""

from __future__ import annotations

from aiohttp import web

from adapters.web.render import render_error, render_page
from adapters.web.state import state_of
from bot.errors import StorageError

__all__ = ["routes"]


async def feeds_page(request: web.Request) -> web.Response:
    state = state_of(request)
    try:
        async with state.ctx.store.transaction() as tx:
            feeds = await tx.feeds.every()
    except StorageError:
        return render_error(request, 503, "The list of feeds cannot be read right now.")
    return render_page(request, "feeds.html", feeds=feeds)


def routes() -> list[web.RouteDef]:
    return [web.get("/feeds", feeds_page, name="feeds")]
