"""The unit of work shared by the SQL engines."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.errors import StorageError
from bot.ports.feeds import FeedRepository
from bot.ports.store import (
    ArticleRepository,
    CommentRepository,
    DiscussionRepository,
    ModerationRepository,
    Outbox,
    PlaceRepository,
)
from storage.sql.articles import SqlArticles
from storage.sql.comments import SqlComments
from storage.sql.db import Db
from storage.sql.discussions import SqlDiscussions
from storage.sql.feeds import SqlFeeds
from storage.sql.moderation import SqlModeration
from storage.sql.outbox import SqlOutbox
from storage.sql.places import SqlPlaces
from storage.sql.sequence import Positions

__all__ = ["SqlTransaction"]


class SqlTransaction:
    """``Transaction`` over one engine connection.

    ``finish(commit)`` is supplied by the engine; it ends the database transaction and makes
    the connection refuse further use by this unit of work.
    """

    def __init__(self, db: Db, finish: Callable[[bool], Awaitable[None]]) -> None:
        self.articles: ArticleRepository = SqlArticles(db)
        self.places: PlaceRepository = SqlPlaces(db)
        self.discussions: DiscussionRepository = SqlDiscussions(db)
        self._positions = Positions(db)
        self.comments: CommentRepository = SqlComments(db, self._positions)
        self.outbox: Outbox = SqlOutbox(db, self._positions)
        self.moderation: ModerationRepository = SqlModeration(db)
        self.feeds: FeedRepository = SqlFeeds(db)
        self._finish = finish
        self.finished = False

    async def commit(self) -> None:
        """Make every change of this unit of work durable."""
        self._check_open()
        await self._positions.flush()
        self.finished = True
        await self._finish(True)

    async def rollback(self) -> None:
        """Discard every change of this unit of work (a second call does nothing)."""
        if self.finished:
            return
        self.finished = True
        await self._finish(False)

    def _check_open(self) -> None:
        if self.finished:
            raise StorageError("this unit of work is already committed or rolled back")
