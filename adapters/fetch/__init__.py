"""Fetching web pages for briefs, safely: the aiohttp side of the ``PageFetcher`` port.

``SafeFetcher`` refuses private and internal addresses (also through redirects and
DNS tricks), caps size and time, and accepts only HTML or plain text.
:func:`fetch_brief` is the one-call convenience: URL in, brief out.
"""

from __future__ import annotations

from collections.abc import Sequence

from adapters.fetch.policy import AddressPolicy, is_public_address
from adapters.fetch.resolver import HostResolver, SystemResolver
from adapters.fetch.safe import (
    DEFAULT_MAX_BYTES,
    DEFAULT_TIMEOUT,
    DEFAULT_USER_AGENT,
    SafeFetcher,
)
from bot.briefing.model import Brief

__all__ = [
    "AddressPolicy",
    "HostResolver",
    "SafeFetcher",
    "SystemResolver",
    "fetch_brief",
    "is_public_address",
]


async def fetch_brief(
    url: str,
    *,
    allow: Sequence[str] = (),
    timeout_seconds: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    user_agent: str = DEFAULT_USER_AGENT,
    sentences: int = 3,
) -> Brief:
    """Fetch ``url`` with a :class:`SafeFetcher` built from these settings and brief it."""
    from bot.briefing.pipeline import fetch_brief as brief_with

    fetcher = SafeFetcher(
        allow=allow, timeout=timeout_seconds, max_bytes=max_bytes, user_agent=user_agent
    )
    return await brief_with(url, fetcher, sentences=sentences)
