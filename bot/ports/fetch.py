"""The port to the web: something that fetches a page for a brief."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

__all__ = ["FetchedPage", "LinkChecker", "PageFetcher"]

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A fetched page: the final URL after redirects, its media type and decoded text.

    ``content_type`` is the media type (``"text/html"``); parameters, if any, are ignored.
    """

    url: str
    content_type: str
    text: str

    @property
    def is_html(self) -> bool:
        return self.content_type.split(";")[0].strip().lower() in HTML_TYPES


class PageFetcher(Protocol):
    """Fetches one web page for a brief.

    Implementations refuse what they must not reach and raise
    :class:`~bot.errors.FetchError` subclasses (blocked address, timeout, too large,
    unsupported content) with a plain ``user_message``; nothing else escapes.
    """

    async def fetch(self, url: str) -> FetchedPage:
        """Fetch ``url`` (following safe redirects) and return the decoded page."""
        ...


@runtime_checkable
class LinkChecker(Protocol):
    """A fetcher that can also say, without fetching, whether it would refuse a link.

    For links shown to readers but not fetched (a feed item whose full text the feed
    carries): the same scheme, port and address rules as a fetch.
    """

    async def check_link(self, url: str) -> None:
        """Raise :class:`~bot.errors.BlockedAddressError` when ``url`` is one this fetcher
        would refuse; a name that cannot be looked up is not refused (nothing reaches it)."""
        ...
