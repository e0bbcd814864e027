"""SafeFetcher against real aiohttp servers on 127.0.0.1, with fake name resolution."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from ipaddress import ip_address

import pytest
from aiohttp import web

from adapters.fetch import SafeFetcher, is_public_address
from adapters.fetch.policy import IPAddress
from bot.errors import (
    BlockedAddressError,
    FetchError,
    FetchTimeoutError,
    TooLargeError,
    UnsupportedContentError,
)

ARTICLE = "<html><head><title>Harbour Ferry Returns</title></head><body><p>Ferry is back.</p>"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class FakeResolver:
    """Maps host names to addresses; counts lookups; unknown names fail like DNS does."""

    table: dict[str, list[str]] = field(default_factory=dict)
    lookups: list[str] = field(default_factory=list)

    async def resolve(self, host: str) -> list[IPAddress]:
        self.lookups.append(host)
        if host not in self.table:
            raise OSError(f"no such host: {host}")
        return [ip_address(a) for a in self.table[host]]


@dataclass
class Server:
    port: int
    hits: list[str]

    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


@pytest.fixture
async def server() -> AsyncIterator[Server]:
    hits: list[str] = []
    routes: dict[str, Handler] = {}

    async def dispatch(request: web.Request) -> web.StreamResponse:
        hits.append(request.path)
        handler = routes.get(request.path)
        if handler is None:
            raise web.HTTPNotFound()
        return await handler(request)

    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", dispatch)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    served = Server(port, hits)
    _install_routes(routes, served)
    try:
        yield served
    finally:
        await runner.cleanup()


def _install_routes(routes: dict[str, Handler], served: Server) -> None:
    async def page(request: web.Request) -> web.Response:
        return web.Response(text=ARTICLE, content_type="text/html")

    async def echo_agent(request: web.Request) -> web.Response:
        return web.Response(text=request.headers.get("User-Agent", ""), content_type="text/plain")

    async def to_loopback(request: web.Request) -> web.Response:
        raise web.HTTPFound(served.url("/secret"))

    async def to_private(request: web.Request) -> web.Response:
        raise web.HTTPFound("http://10.0.0.7/admin")

    async def to_internal_name(request: web.Request) -> web.Response:
        raise web.HTTPMovedPermanently("http://intranet.example/")

    async def to_relative(request: web.Request) -> web.Response:
        raise web.HTTPSeeOther("/page")

    async def chain(request: web.Request) -> web.Response:
        left = int(request.query["left"])
        if left == 0:
            return await page(request)
        raise web.HTTPTemporaryRedirect(f"/chain?left={left - 1}")

    async def big(request: web.Request) -> web.Response:
        return web.Response(text="<p>" + "x" * 5000 + "</p>", content_type="text/html")

    async def big_stream(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        response.enable_chunked_encoding()
        await response.prepare(request)
        for _ in range(50):
            await response.write(b"<p>" + b"y" * 1000 + b"</p>")
        await response.write_eof()
        return response

    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(3)
        return await page(request)

    async def pdf(request: web.Request) -> web.Response:
        return web.Response(body=b"%PDF-1.7 ...", content_type="application/pdf")

    async def latin1(request: web.Request) -> web.Response:
        body = "<p>Caf\u00e9 reopens on Quay Street</p>".encode("latin-1")
        return web.Response(body=body, headers={"Content-Type": "text/html; charset=ISO-8859-1"})

    async def meta_charset(request: web.Request) -> web.Response:
        body = '<meta charset="windows-1252"><p>\u201cOpen\u201d again</p>'.encode("cp1252")
        return web.Response(body=body, headers={"Content-Type": "text/html"})

    async def broken_utf8(request: web.Request) -> web.Response:
        return web.Response(body=b"<p>Caf\xe9</p>", headers={"Content-Type": "text/html"})

    async def plain(request: web.Request) -> web.Response:
        return web.Response(text="Council meets on Monday", content_type="text/plain")

    async def gone(request: web.Request) -> web.Response:
        raise web.HTTPGone()

    async def secret(request: web.Request) -> web.Response:
        return web.Response(text="internal admin page", content_type="text/html")

    routes.update(
        {
            "/page": page,
            "/agent": echo_agent,
            "/to-loopback": to_loopback,
            "/to-private": to_private,
            "/to-internal-name": to_internal_name,
            "/to-relative": to_relative,
            "/chain": chain,
            "/big": big,
            "/big-stream": big_stream,
            "/slow": slow,
            "/pdf": pdf,
            "/latin1": latin1,
            "/meta-charset": meta_charset,
            "/broken-utf8": broken_utf8,
            "/plain": plain,
            "/gone": gone,
            "/secret": secret,
        }
    )


def _one_sentence(message: str) -> bool:
    return "\n" not in message and message.endswith(".") and "Traceback" not in message


# --- refused addresses, before any connection ------------------------------------------

REFUSED_LITERALS = [
    "127.0.0.1",  # loopback
    "127.8.9.10",
    "10.0.0.1",  # private
    "172.16.5.4",
    "192.168.1.1",
    "169.254.169.254",  # link-local (cloud metadata)
    "100.64.0.1",  # CGNAT
    "100.127.255.254",
    "0.0.0.0",  # unspecified
    "224.0.0.1",  # multicast
    "240.0.0.1",  # reserved
    "255.255.255.255",
    "192.0.2.1",  # documentation
    "198.18.0.1",  # benchmarking
    "[::1]",
    "[::]",
    "[fe80::1]",
    "[fc00::1]",
    "[fd12:3456::1]",
    "[ff02::1]",
    "[::ffff:127.0.0.1]",  # IPv4-mapped
    "[::ffff:10.0.0.1]",
    "[::ffff:169.254.169.254]",
    "[2002:7f00:1::1]",  # 6to4 around 127.0.0.1
    "[2002:c0a8:101::1]",  # 6to4 around 192.168.1.1
    "[64:ff9b::7f00:1]",  # NAT64 around 127.0.0.1
    "[64:ff9b::a00:1]",  # NAT64 around 10.0.0.1
    "[64:ff9b:1::a9fe:a9fe]",  # local-use NAT64 around 169.254.169.254
]


@pytest.mark.parametrize("host", REFUSED_LITERALS)
async def test_refuses_non_public_literal_addresses(host: str) -> None:
    resolver = FakeResolver()
    fetcher = SafeFetcher(resolver=resolver, timeout=2)
    with pytest.raises(BlockedAddressError) as caught:
        await fetcher.fetch(f"http://{host}/")
    assert resolver.lookups == []
    assert _one_sentence(caught.value.user_message)


@pytest.mark.parametrize(
    "addresses",
    [
        ["127.0.0.1"],
        ["10.20.30.40"],
        ["192.168.0.10"],
        ["100.100.100.100"],
        ["::1"],
        ["::ffff:192.168.0.1"],
        ["93.184.216.34", "127.0.0.1"],  # one bad address spoils the name
    ],
)
async def test_refuses_names_that_resolve_to_non_public_addresses(addresses: list[str]) -> None:
    resolver = FakeResolver({"news.example": addresses})
    with pytest.raises(BlockedAddressError):
        await SafeFetcher(resolver=resolver, timeout=2).fetch("https://news.example/story")
    assert resolver.lookups == ["news.example"]


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "8.8.8.8", "2606:4700::6810:85e5", "64:ff9b::5db8:d822"]
)
def test_public_addresses_pass(address: str) -> None:
    assert is_public_address(ip_address(address))


async def test_refuses_other_ports_on_public_hosts() -> None:
    resolver = FakeResolver({"news.example": ["93.184.216.34"]})
    with pytest.raises(BlockedAddressError, match="ports 80 and 443"):
        await SafeFetcher(resolver=resolver, timeout=2).fetch("http://news.example:6379/")


@pytest.mark.parametrize("url", ["ftp://news.example/a", "file:///etc/passwd", "gopher://x/"])
async def test_refuses_other_schemes(url: str) -> None:
    with pytest.raises(BlockedAddressError, match="http"):
        await SafeFetcher(resolver=FakeResolver(), timeout=2).fetch(url)


async def test_unknown_names_are_a_plain_fetch_error() -> None:
    with pytest.raises(FetchError, match="could not be found"):
        await SafeFetcher(resolver=FakeResolver(), timeout=2).fetch("http://nowhere.example/")


async def test_loopback_server_is_refused_without_allow_list(server: Server) -> None:
    with pytest.raises(BlockedAddressError):
        await SafeFetcher(timeout=2).fetch(server.url("/page"))
    assert server.hits == []


# --- the allow-list ------------------------------------------------------------------------


@pytest.mark.parametrize("allow", [["127.0.0.1"], ["127.0.0.0/8"]])
async def test_allow_list_lets_loopback_through(server: Server, allow: list[str]) -> None:
    page = await SafeFetcher(allow=allow, timeout=5).fetch(server.url("/page"))
    assert page.content_type == "text/html"
    assert "Harbour Ferry Returns" in page.text
    assert page.url == server.url("/page")


async def test_connects_to_the_vetted_address_without_a_second_lookup(server: Server) -> None:
    # "ferry.example" exists only in the fake resolver: reaching the server proves the
    # connection used the address vetted here, not a fresh lookup by the HTTP client.
    resolver = FakeResolver({"ferry.example": ["127.0.0.1"]})
    fetcher = SafeFetcher(allow=["ferry.example"], resolver=resolver, timeout=5)
    page = await fetcher.fetch(server.url("/page", host="ferry.example"))
    assert "Harbour Ferry Returns" in page.text
    assert resolver.lookups == ["ferry.example"]


async def test_sends_an_honest_user_agent(server: Server) -> None:
    page = await SafeFetcher(allow=["127.0.0.1"], timeout=5).fetch(server.url("/agent"))
    assert page.text.startswith("briefbot/")


# --- redirects -----------------------------------------------------------------------------


async def test_redirect_to_loopback_is_checked(server: Server) -> None:
    resolver = FakeResolver({"ferry.example": ["127.0.0.1"]})
    fetcher = SafeFetcher(allow=["ferry.example"], resolver=resolver, timeout=5)
    with pytest.raises(BlockedAddressError):
        await fetcher.fetch(server.url("/to-loopback", host="ferry.example"))
    assert "/secret" not in server.hits


async def test_redirect_to_private_address_is_refused(server: Server) -> None:
    with pytest.raises(BlockedAddressError):
        await SafeFetcher(allow=["127.0.0.1"], timeout=5).fetch(server.url("/to-private"))


async def test_redirect_to_a_name_resolving_inside_is_refused(server: Server) -> None:
    resolver = FakeResolver({"intranet.example": ["192.168.10.1"]})
    fetcher = SafeFetcher(allow=["127.0.0.1"], resolver=resolver, timeout=5)
    with pytest.raises(BlockedAddressError):
        await fetcher.fetch(server.url("/to-internal-name"))
    assert resolver.lookups == ["intranet.example"]


async def test_relative_redirect_is_followed(server: Server) -> None:
    page = await SafeFetcher(allow=["127.0.0.1"], timeout=5).fetch(server.url("/to-relative"))
    assert page.url == server.url("/page")


async def test_five_redirects_are_followed(server: Server) -> None:
    page = await SafeFetcher(allow=["127.0.0.1"], timeout=5).fetch(server.url("/chain?left=5"))
    assert "Harbour Ferry Returns" in page.text


async def test_a_sixth_redirect_is_refused(server: Server) -> None:
    with pytest.raises(FetchError, match="redirected too many times"):
        await SafeFetcher(allow=["127.0.0.1"], timeout=5).fetch(server.url("/chain?left=6"))
    assert len(server.hits) == 6


# --- size, time, type, charset --------------------------------------------------------------


@pytest.mark.parametrize("path", ["/big", "/big-stream"])
async def test_body_cap(server: Server, path: str) -> None:
    fetcher = SafeFetcher(allow=["127.0.0.1"], timeout=5, max_bytes=2000)
    with pytest.raises(TooLargeError) as caught:
        await fetcher.fetch(server.url(path))
    assert _one_sentence(caught.value.user_message)


async def test_timeout(server: Server) -> None:
    started = time.monotonic()
    with pytest.raises(FetchTimeoutError) as caught:
        await SafeFetcher(allow=["127.0.0.1"], timeout=0.3).fetch(server.url("/slow"))
    assert time.monotonic() - started < 5  # the 0.3 s timeout, not a hang
    assert _one_sentence(caught.value.user_message)


async def test_non_html_content_is_refused(server: Server) -> None:
    with pytest.raises(UnsupportedContentError):
        await SafeFetcher(allow=["127.0.0.1"], timeout=5).fetch(server.url("/pdf"))


async def test_plain_text_is_accepted(server: Server) -> None:
    page = await SafeFetcher(allow=["127.0.0.1"], timeout=5).fetch(server.url("/plain"))
    assert (page.content_type, page.text) == ("text/plain", "Council meets on Monday")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/latin1", "Caf\u00e9 reopens"),
        ("/meta-charset", "\u201cOpen\u201d again"),
        ("/broken-utf8", "Caf\ufffd"),
    ],
)
async def test_charset_decoding(server: Server, path: str, expected: str) -> None:
    page = await SafeFetcher(allow=["127.0.0.1"], timeout=5).fetch(server.url(path))
    assert expected in page.text


async def test_http_errors_are_plain_fetch_errors(server: Server) -> None:
    with pytest.raises(FetchError, match=r"HTTP 410") as caught:
        await SafeFetcher(allow=["127.0.0.1"], timeout=5).fetch(server.url("/gone"))
    assert _one_sentence(caught.value.user_message)


async def test_connection_refused_is_a_plain_fetch_error() -> None:
    with pytest.raises(FetchError, match="could not be reached") as caught:
        await SafeFetcher(allow=["127.0.0.1"], timeout=5).fetch("http://127.0.0.1:1/")
    assert _one_sentence(caught.value.user_message)


@pytest.mark.parametrize(
    "url", ["http://localhost/", "http://2130706433/", "http://0x7f.1/", "http://127.1/"]
)
async def test_system_resolver_spellings_of_loopback_are_refused(url: str) -> None:
    with pytest.raises(BlockedAddressError):
        await SafeFetcher(timeout=2).fetch(url)
