"""``SafeFetcher``: the :class:`~bot.ports.fetch.PageFetcher` for the open web.

Rules, each checked on the first URL and on every redirect:

* ``http``/``https`` only, at most :data:`MAX_REDIRECTS` redirects (followed by hand);
* the host is resolved once and every address vetted by
  :class:`~adapters.fetch.policy.AddressPolicy`; the connection then goes to those
  vetted addresses only (:class:`~adapters.fetch.resolver.PinnedResolver`);
* total and connect timeouts; the body is streamed and abandoned past ``max_bytes``
  (after decompression);
* HTML, XHTML or plain text only, checked before the body is read.

Every failure becomes a :class:`~bot.errors.FetchError` subclass with one plain sentence.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import TypeVar

import aiohttp
from yarl import URL

from adapters.fetch.decode import decode_body, sniff_media_type
from adapters.fetch.policy import DEFAULT_PORTS, AddressPolicy, IPAddress, literal_address
from adapters.fetch.resolver import HostResolver, PinnedResolver, SystemResolver
from bot.errors import (
    BlockedAddressError,
    FetchError,
    FetchTimeoutError,
    TooLargeError,
    UnsupportedContentError,
)
from bot.ports.fetch import FetchedPage

_T = TypeVar("_T")


class TooManyRedirectsError(FetchError):
    """More redirects than :data:`MAX_REDIRECTS`."""

    default_message = "The page redirected too many times."


__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_TIMEOUT",
    "DEFAULT_USER_AGENT",
    "MAX_REDIRECTS",
    "SafeFetcher",
]

DEFAULT_USER_AGENT = "briefbot/0.1 (+https://github.com/briefbot; news brief bot)"
DEFAULT_TIMEOUT = 15.0
DEFAULT_CONNECT_TIMEOUT = 5.0
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
ACCEPTED_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8"


class SafeFetcher:
    """Fetches public web pages for briefs, refusing anything that is not one.

    ``allow``: host names, IP addresses or CIDR networks reachable even though private
    (and on any port), e.g. ``["127.0.0.1"]`` for tests and the sandbox.
    ``timeout``: seconds for the whole fetch, redirects included.
    ``resolver``: name lookup, the operating system's by default (tests pass a fake).
    """

    def __init__(
        self,
        *,
        allow: Sequence[str] = (),
        timeout: float = DEFAULT_TIMEOUT,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        max_bytes: int = DEFAULT_MAX_BYTES,
        user_agent: str = DEFAULT_USER_AGENT,
        max_redirects: int = MAX_REDIRECTS,
        ports: Sequence[int] = tuple(DEFAULT_PORTS),
        resolver: HostResolver | None = None,
    ) -> None:
        self._policy = AddressPolicy(allow, ports)
        self._timeout = timeout
        self._connect_timeout = min(connect_timeout, timeout)
        self._max_bytes = max_bytes
        self._user_agent = user_agent
        self._max_redirects = max_redirects
        self._resolver: HostResolver = resolver or SystemResolver()

    async def fetch(self, url: str) -> FetchedPage:
        """Fetch ``url``; raises a :class:`~bot.errors.FetchError` subclass on any failure."""
        try:
            async with asyncio.timeout(self._timeout):
                return await self._fetch(url)
        except TimeoutError as exc:
            raise FetchTimeoutError() from exc
        except aiohttp.ClientSSLError as exc:
            raise FetchError("The site's secure connection could not be verified.") from exc
        except aiohttp.ClientConnectorError as exc:
            raise FetchError("The site could not be reached.") from exc
        except aiohttp.ClientPayloadError as exc:
            raise FetchError("The site sent a broken response.") from exc
        except (aiohttp.InvalidURL, ValueError) as exc:
            raise FetchError("That is not a valid web address.") from exc
        except aiohttp.ClientError as exc:
            raise FetchError() from exc

    async def check_link(self, url: str) -> None:
        """Raise :class:`BlockedAddressError` when ``url`` is a link :meth:`fetch` would
        refuse (scheme, port, private address by number or by name); connects nowhere."""
        try:
            target = URL(url.strip())
        except ValueError as exc:
            raise BlockedAddressError("That is not a valid web address.") from exc
        if not target.raw_host:
            raise BlockedAddressError("That is not a valid web address.")
        try:
            await self._vet(target, PinnedResolver())
        except BlockedAddressError:
            raise
        except FetchError:
            return  # a name nobody can look up: nothing would reach it

    async def _fetch(self, url: str) -> FetchedPage:
        return await self._get(url, self._read, connections=4)

    async def _get(
        self,
        url: str,
        answer: Callable[[aiohttp.ClientResponse], Awaitable[_T]],
        *,
        headers: Mapping[str, str] | None = None,
        connections: int = 2,
    ) -> _T:
        """GET ``url`` under the rules above, redirects followed by hand and each vetted;
        ``answer`` reads the final response. Every fetcher of this package goes through
        here, so that no other path can reach an address the policy refuses."""
        pinned = PinnedResolver()
        connector = aiohttp.TCPConnector(resolver=pinned, use_dns_cache=False, limit=connections)
        timeout = aiohttp.ClientTimeout(
            total=self._timeout,
            connect=self._connect_timeout,
            sock_connect=self._connect_timeout,
        )
        sent = {"User-Agent": self._user_agent, "Accept": _ACCEPT, **(headers or {})}
        async with aiohttp.ClientSession(
            connector=connector, timeout=timeout, headers=sent, trust_env=False
        ) as session:
            target = URL(url.strip())
            for _hop in range(self._max_redirects + 1):
                await self._vet(target, pinned)
                async with session.get(target, allow_redirects=False) as response:
                    location = response.headers.get("Location")
                    if response.status in _REDIRECTS and location:
                        target = response.url.join(URL(location))
                        continue
                    return await answer(response)
        raise TooManyRedirectsError()

    async def _vet(self, url: URL, pinned: PinnedResolver) -> None:
        if url.scheme not in ("http", "https"):
            raise BlockedAddressError("Only http:// and https:// links can be briefed.")
        host, port = url.raw_host, url.port
        if not host or port is None:
            raise FetchError("That is not a valid web address.")
        literal = literal_address(host)
        addresses: list[IPAddress] = [literal] if literal is not None else await self._lookup(host)
        self._policy.check(host, addresses, port)
        if literal is None:
            pinned.pin(host, addresses)

    async def _lookup(self, host: str) -> list[IPAddress]:
        try:
            return await self._resolver.resolve(host)
        except (OSError, socket.gaierror, UnicodeError) as exc:
            raise FetchError("That site's name could not be found.") from exc

    async def _read(self, response: aiohttp.ClientResponse) -> FetchedPage:
        if response.status >= 400:
            raise FetchError(f"The site answered with an error (HTTP {response.status}).")
        if response.status >= 300:
            raise FetchError(f"The site answered with an unusable redirect ({response.status}).")
        declared = "Content-Type" in response.headers
        media_type = response.content_type.lower() if declared else None
        if media_type is not None and media_type not in ACCEPTED_TYPES:
            raise UnsupportedContentError()
        if (response.content_length or 0) > self._max_bytes:
            raise TooLargeError()
        body = await self._read_capped(response)
        if media_type is None:
            media_type = sniff_media_type(body)
            if media_type is None:
                raise UnsupportedContentError()
        charset = response.charset if declared else None
        text = decode_body(body, charset, html=media_type != "text/plain")
        return FetchedPage(url=str(response.url), content_type=media_type, text=text)

    async def _read_capped(self, response: aiohttp.ClientResponse) -> bytes:
        body = bytearray()
        async for chunk in response.content.iter_chunked(_CHUNK):
            body += chunk
            if len(body) > self._max_bytes:
                raise TooLargeError()
        return bytes(body)
