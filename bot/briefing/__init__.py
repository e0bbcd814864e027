"""Briefing: article (web page or plain text) to :class:`~bot.briefing.model.Brief`.

Public API::

    brief_from_html(html, url=None, *, sentences=3) -> Brief
    brief_from_text(text, title=None, url=None, *, sentences=3) -> Brief
    brief_from_page(page, *, sentences=3) -> Brief
    await fetch_brief(url, fetcher, *, sentences=3) -> Brief

``fetcher`` is any :class:`PageFetcher` (the web adapter is
``adapters.fetch.SafeFetcher``). The pipeline functions are loaded on first use, so
importing the data types (``Brief``, ``KeyFigure``) does not load the HTML extractor.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from bot.briefing.model import Brief, KeyFigure
from bot.ports.fetch import FetchedPage, PageFetcher

if TYPE_CHECKING:
    from bot.briefing.pipeline import (
        brief_from_html,
        brief_from_page,
        brief_from_text,
        fetch_brief,
    )

__all__ = [
    "Brief",
    "FetchedPage",
    "KeyFigure",
    "PageFetcher",
    "brief_from_html",
    "brief_from_page",
    "brief_from_text",
    "fetch_brief",
]

_LAZY = {"brief_from_html", "brief_from_page", "brief_from_text", "fetch_brief"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module("bot.briefing.pipeline"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
