"""Run the web app on a TCP port next to the rest of the bot (same event loop)."""

from __future__ import annotations

from collections.abc import Iterable

from aiohttp import web

from adapters.web.app import create_web_app
from adapters.web.options import WebOptions
from bot.services.context import Context

__all__ = ["WebServer"]


class WebServer:
    """``await start()`` serves the app; ``await stop()`` ends live streams and closes.

    Port 0 picks a free port; ``url`` tells which one was taken.
    """

    def __init__(
        self,
        ctx: Context,
        host: str = "127.0.0.1",
        port: int = 8080,
        *,
        options: WebOptions | None = None,
        extra_routes: Iterable[web.AbstractRouteDef] = (),
        shutdown_timeout: float = 5.0,
    ) -> None:
        self.app = create_web_app(ctx, options=options, extra_routes=extra_routes)
        self._host = host
        self._port = port
        self._runner = web.AppRunner(self.app, access_log=None, shutdown_timeout=shutdown_timeout)

    async def start(self) -> None:
        """Bind and start serving. Raises ``OSError`` if the port is taken."""
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, self._port)
        await site.start()
        for address in self._runner.addresses:
            if isinstance(address, tuple):
                self._port = int(address[1])
                break

    async def stop(self) -> None:
        """Stop accepting, end the live streams, wait briefly for requests, close."""
        await self._runner.cleanup()

    @property
    def url(self) -> str:
        """Where the server listens, like ``http://127.0.0.1:8080``."""
        host = f"[{self._host}]" if ":" in self._host else self._host
        return f"http://{host}:{self._port}"
