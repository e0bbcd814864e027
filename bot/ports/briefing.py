"""The port to whatever turns a fetched page into a brief, away from the event loop."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from bot.briefing.model import Brief
    from bot.ports.fetch import FetchedPage

__all__ = ["BriefBuilder"]


class BriefBuilder(Protocol):
    """Builds briefs without holding up the caller's event loop.

    ``build`` raises :class:`~bot.errors.ArticleError` subclasses with a plain
    ``user_message`` (not an article, too long to brief); nothing else escapes for a
    page that merely cannot be briefed. ``close`` releases whatever it holds (worker
    processes) and may be called more than once.
    """

    async def build(self, page: FetchedPage, *, sentences: int) -> Brief:
        """The brief of ``page`` with a ``sentences``-sentence summary."""
        ...

    async def close(self) -> None:
        """Stop building; briefs still under way end with an error."""
        ...
