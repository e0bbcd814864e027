"""``SafeFeedFetcher``: the :class:`~bot.ports.feeds.FeedFetcher` for the open web.

The same address rules as :class:`~adapters.fetch.safe.SafeFetcher` (every hop vetted,
connections pinned to the vetted addresses), plus what polling a feed needs: conditional
requests (``If-None-Match``, ``If-Modified-Since``), the status codes that say "later"
(429, 503 with ``Retry-After``) and a body capped at the page limit. Every failure becomes
a :class:`~bot.feeds.FeedProblem`.
"""

from __future__ import annotations

import asyncio
import email.utils
import time

import aiohttp

from adapters.fetch.safe import SafeFetcher, TooManyRedirectsError
from bot.errors import BlockedAddressError, FetchError, TooLargeError
from bot.feeds.failures import FeedProblem, PauseReason
from bot.ports.feeds import FeedResponse

__all__ = ["SafeFeedFetcher", "retry_after_seconds"]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9,"
    " application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1"
)
_CHUNK = 64 * 1024
MAX_RETRY_AFTER = 24 * 3600.0
DEFAULT_PACED_SECONDS = 60.0


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """``Retry-After`` as seconds (delta or HTTP date), capped at a day; ``None`` if absent
    or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    delta = when.timestamp() - (time.time() if now is None else now)
    return min(max(0.0, delta), MAX_RETRY_AFTER)


class SafeFeedFetcher(SafeFetcher):
    """Fetches feeds under the page fetcher's address policy, size limit and timeouts."""

    async def fetch_feed(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FeedResponse:
        """Fetch the feed; raises :class:`FeedProblem` on any failure."""
        try:
            async with asyncio.timeout(self._timeout):
                return await self._fetch_feed(url, etag, last_modified)
        except FeedProblem:
            raise
        except TimeoutError as exc:
            raise FeedProblem(PauseReason.TIMING_OUT) from exc
        except BlockedAddressError as exc:
            raise FeedProblem(PauseReason.REFUSED, permanent=True) from exc
        except TooLargeError as exc:
            raise FeedProblem(PauseReason.TOO_LARGE, permanent=True) from exc
        except (aiohttp.InvalidURL, ValueError) as exc:
            raise FeedProblem(PauseReason.NOT_FOUND, permanent=True) from exc
        except (aiohttp.ClientError, FetchError, OSError) as exc:
            raise FeedProblem(PauseReason.UNREACHABLE) from exc

    async def _fetch_feed(
        self, url: str, etag: str | None, last_modified: str | None
    ) -> FeedResponse:
        headers = {"Accept": _ACCEPT}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            return await self._get(url, self._answer, headers=headers)
        except TooManyRedirectsError as exc:
            raise FeedProblem(PauseReason.NOT_FOUND) from exc

    async def _answer(self, response: aiohttp.ClientResponse) -> FeedResponse:
        status = response.status
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        if status == 304:
            return FeedResponse(
                304,
                str(response.url),
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
            )
        if status == 429 or (status == 503 and wait is not None):
            raise FeedProblem(
                PauseReason.UNREACHABLE,
                retry_after=wait if wait is not None else DEFAULT_PACED_SECONDS,
                paced=True,
            )
        if status in (404, 410):
            raise FeedProblem(PauseReason.NOT_FOUND, permanent=status == 410)
        if status in (401, 403, 451):
            raise FeedProblem(PauseReason.REFUSED)
        if status >= 300:
            raise FeedProblem(PauseReason.UNREACHABLE, retry_after=wait)
        if (response.content_length or 0) > self._max_bytes:
            raise FeedProblem(PauseReason.TOO_LARGE, permanent=True)
        body = bytearray()
        async for chunk in response.content.iter_chunked(_CHUNK):
            body += chunk
            if len(body) > self._max_bytes:
                raise FeedProblem(PauseReason.TOO_LARGE, permanent=True)
        return FeedResponse(
            status,
            str(response.url),
            bytes(body),
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
        )
