"""Canonical article URLs, so a re-brief of the same story finds the same article."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bot.errors import AddressTooLongError, MalformedAddressError
from bot.ports.store import MAX_URL_CHARS

__all__ = ["MAX_ARTICLE_URL_CHARS", "canonical_url", "check_article_url"]

# The practical limit browsers and servers agree on, and what the store keeps.
MAX_ARTICLE_URL_CHARS = MAX_URL_CHARS

_TRACKING_PREFIXES = ("utm_", "mc_", "pk_")
_TRACKING = {"fbclid", "gclid", "dclid", "msclkid", "igshid", "ref", "ref_src", "cmpid", "ocid"}


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no default port, no tracking parameters."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = (
        host
        if port is None or (scheme, port) in {("http", 80), ("https", 443)}
        else (f"{host}:{port}")
    )
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if k.lower() not in _TRACKING and not k.lower().startswith(_TRACKING_PREFIXES)
        ]
    )
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def check_article_url(url: str) -> str:
    """``url`` stripped, or an :class:`ArticleError` before anything fetches or stores it."""
    url = url.strip()
    if len(url) > MAX_ARTICLE_URL_CHARS:
        raise AddressTooLongError()
    try:
        canonical = canonical_url(url)  # also what the store keeps: it must fit too
    except ValueError:  # a port out of range, an unbalanced IPv6 bracket
        raise MalformedAddressError() from None
    if len(canonical) > MAX_ARTICLE_URL_CHARS:
        raise AddressTooLongError()
    return url
