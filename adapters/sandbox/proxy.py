"""The sandbox page's one origin: ``/sandbox/api/{platform}/...`` → that emulator's control API.

The browser may only reach the few control endpoints the page uses (read the state and the
channels, act as a user, run a slash command or a message menu, react, follow the event
stream), and only on an emulator listening on this machine.
``/sandbox/api/{platform}/events`` is streamed through as Server-Sent Events until the
browser leaves or the sandbox stops.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import Mapping
from urllib.parse import urlsplit

import aiohttp
from aiohttp import web

__all__ = ["ControlProxy", "from_the_page", "is_loopback_url"]

_ID = r"[A-Za-z0-9_#-][A-Za-z0-9_.#-]{0,99}"  # never "." or ".."
_ALLOWED: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (method, re.compile(pattern))
    for method, pattern in (
        ("GET", "state"),
        ("GET", f"channels/{_ID}"),
        ("GET", f"channels/{_ID}/messages"),
        ("POST", "messages"),
        ("PATCH", f"messages/{_ID}/{_ID}"),
        ("DELETE", f"messages/{_ID}/{_ID}"),
        ("POST", "commands"),
        ("GET", f"commands/{_ID}"),
        ("GET", "ephemeral"),
        # Moderation from the panes: a 🚩 reaction, and Slack's message shortcuts (Discord's
        # message menus are commands of type 3, through "commands" above).
        ("POST", "reactions"),
        ("POST", "shortcuts"),
    )
)
_LOOPBACK = {"127.0.0.1", "::1", "localhost"}
_KEEPALIVE_SECONDS = 15.0


def is_loopback_url(url: str) -> bool:
    """Is ``url`` an http URL on this machine?"""
    parts = urlsplit(url)
    return parts.scheme == "http" and parts.hostname in _LOOPBACK


def from_the_page(request: web.Request) -> bool:
    """A JSON request from this origin, addressed to this machine by name.

    Another site's page can send a plain form POST here, but not with a JSON content type
    (that needs a CORS preflight, which is never granted), and a DNS-rebound name is refused.
    """
    if request.host.rsplit(":", 1)[0].strip("[]") not in _LOOPBACK:
        return False
    origin = request.headers.get("Origin")
    if origin is not None and origin != f"{request.scheme}://{request.host}":
        return False
    return request.method == "DELETE" or request.content_type == "application/json"


def _allowed(method: str, path: str) -> bool:
    return any(method == m and pattern.fullmatch(path) for m, pattern in _ALLOWED)


class ControlProxy:
    """Forwards the page's control calls; ``close()`` ends every stream and the session.

    ``targets`` maps a platform name (``"discord"``, ``"slack"``) to its emulator's control
    URL, for example ``http://127.0.0.1:8081/_control``.
    """

    def __init__(self, targets: Mapping[str, str]) -> None:
        for url in targets.values():
            if not is_loopback_url(url):
                raise ValueError(f"the sandbox proxies only to this machine, not {url}")
        self._targets = {name: url.rstrip("/") for name, url in targets.items()}
        self._session: aiohttp.ClientSession | None = None
        self._stopping = asyncio.Event()

    def routes(self) -> list[web.RouteDef]:
        path = "/sandbox/api/{platform}/{path:.+}"
        return [web.route(m, path, self.handle) for m in ("GET", "POST", "PATCH", "DELETE")]

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=None, connect=5, sock_read=None)
            )
        return self._session

    async def handle(self, request: web.Request) -> web.StreamResponse:
        target = self._targets.get(request.match_info["platform"])
        path = request.match_info["path"]
        if target is None:
            raise web.HTTPNotFound(text="No such emulator.")
        if self._stopping.is_set():
            raise web.HTTPServiceUnavailable(text="The sandbox is stopping.")
        if request.method == "GET" and path == "events":
            return await self._stream(request, f"{target}/events")
        if not _allowed(request.method, path):
            raise web.HTTPNotFound(text="The sandbox page does not use that endpoint.")
        if request.method != "GET" and not from_the_page(request):
            raise web.HTTPForbidden(text="Only the sandbox page may act as a user.")
        body = await request.read() if request.can_read_body else None
        try:
            async with self._http().request(
                request.method,
                f"{target}/{path}",
                params=request.query,
                data=body,
                headers={"Content-Type": "application/json"} if body else None,
                timeout=aiohttp.ClientTimeout(total=15),
            ) as upstream:
                payload = await upstream.read()
                return web.Response(
                    body=payload,
                    status=upstream.status,
                    content_type="application/json",
                    headers={"Cache-Control": "no-store"},
                )
        except (aiohttp.ClientError, TimeoutError):
            raise web.HTTPBadGateway(text="The emulator did not answer.") from None

    async def _stream(self, request: web.Request, url: str) -> web.StreamResponse:
        response = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store"}
        )
        try:
            async with self._http().get(url) as upstream:
                await response.prepare(request)
                await self._pump(upstream, response)
        except (aiohttp.ClientError, ConnectionError):
            pass  # the browser left or the emulator stopped; EventSource reconnects
        return response

    async def _pump(self, upstream: aiohttp.ClientResponse, response: web.StreamResponse) -> None:
        stopping = asyncio.ensure_future(self._stopping.wait())
        try:
            while True:
                read = asyncio.ensure_future(upstream.content.readany())
                done, _ = await asyncio.wait(
                    {read, stopping}, timeout=_KEEPALIVE_SECONDS, return_when="FIRST_COMPLETED"
                )
                if read not in done:
                    read.cancel()
                    with contextlib.suppress(asyncio.CancelledError, aiohttp.ClientError):
                        await read
                    if stopping in done:
                        return
                    await response.write(b": keep-alive\n\n")  # notices a browser that left
                    continue
                chunk = read.result()
                if not chunk:
                    return
                await response.write(chunk)
        finally:
            stopping.cancel()

    async def close(self) -> None:
        """End the event streams now and close the connections to the emulators."""
        self._stopping.set()
        await asyncio.sleep(0)  # let the streams see it before their connections close
        if self._session is not None:
            await self._session.close()
            self._session = None
