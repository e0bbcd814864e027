"""The sandbox's newsroom served on its own loopback port, for feed tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiohttp import web

from adapters.sandbox.newsroom import Newsroom

__all__ = ["Newsroom", "newsroom"]


@asynccontextmanager
async def newsroom() -> AsyncIterator[Newsroom]:
    room = Newsroom("")
    app = web.Application()
    app.add_routes(room.routes())
    runner = web.AppRunner(app, shutdown_timeout=1.0)  # a stalled page must not hold exit
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    room.base = f"http://127.0.0.1:{port}"
    try:
        yield room
    finally:
        await runner.cleanup()
