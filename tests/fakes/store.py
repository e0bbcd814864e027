"""``FakeStore``: an in-memory ``Store`` for the core's unit tests.

It passes the same contract suite as ``SqliteStore`` and ``PostgresStore``
(``tests/integration/storage``), so code tested against it behaves the same on a database.
Each unit of work edits a copy of the state; ``commit()`` swaps the copy in.
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, fields
from datetime import datetime

from bot.domain.model import Article, Comment, Delivery, Discussion, Mirror, Place, Thread
from bot.domain.moderation import AuditEntry, Session
from bot.errors import StorageError, StorageUnavailableError
from bot.feeds.model import Feed
from bot.ports.feeds import FeedRepository
from bot.ports.store import (
    ArticleRepository,
    CommentRepository,
    DiscussionRepository,
    ModerationRepository,
    Outbox,
    PlaceRepository,
    Transaction,
)
from tests.fakes.store_comments import FakeComments
from tests.fakes.store_feeds import FakeFeeds
from tests.fakes.store_moderation import FakeModeration
from tests.fakes.store_outbox import FakeOutbox
from tests.fakes.store_records import FakeArticles, FakeDiscussions, FakePlaces

__all__ = ["FakeState", "FakeStore"]


@dataclass
class FakeState:
    """Everything the fake stores; one dict per table, keyed by id."""

    counters: dict[str, int] = field(default_factory=dict)
    articles: dict[int, Article] = field(default_factory=dict)
    rooms: set[int] = field(default_factory=set)
    places: dict[int, Place] = field(default_factory=dict)
    link_codes: dict[str, tuple[int, datetime]] = field(default_factory=dict)
    # (place id, cause) -> (discussion id, detail, since, notified)
    unreachable: dict[tuple[int, str], tuple[int, str, datetime, bool]] = field(
        default_factory=dict
    )
    discussions: dict[int, Discussion] = field(default_factory=dict)
    threads: dict[int, Thread] = field(default_factory=dict)
    comments: dict[int, Comment] = field(default_factory=dict)
    mirrors: dict[int, Mirror] = field(default_factory=dict)
    deliveries: dict[int, Delivery] = field(default_factory=dict)
    policies: dict[int, str] = field(default_factory=dict)  # room id -> policy JSON
    bans: set[tuple[int, str, str]] = field(default_factory=set)  # (room, platform, user)
    reports: set[tuple[int, str]] = field(default_factory=set)  # (comment id, reporter)
    audit_log: list[AuditEntry] = field(default_factory=list)
    # token hash -> (moderator JSON, expires at, used at)
    logins: dict[str, tuple[str, datetime, datetime | None]] = field(default_factory=dict)
    sessions: dict[str, Session] = field(default_factory=dict)
    feeds: dict[int, Feed] = field(default_factory=dict)
    feed_leases: dict[int, tuple[str, datetime]] = field(default_factory=dict)
    feed_items: set[tuple[int, str]] = field(default_factory=set)
    workers: dict[str, datetime] = field(default_factory=dict)  # name -> alive until

    def next_id(self, table: str) -> int:
        self.counters[table] = self.counters.get(table, 0) + 1
        return self.counters[table]

    def copy(self) -> FakeState:
        # Records are frozen dataclasses, so copying the containers is enough.
        return FakeState(**{f.name: copy.copy(getattr(self, f.name)) for f in fields(self)})


class FakeUnitOfWork:
    """Gives the repositories the working copy while the unit of work is open."""

    def __init__(self, state: FakeState) -> None:
        self._state = state
        self.finished = False

    @property
    def state(self) -> FakeState:
        if self.finished:
            raise StorageError("this unit of work is already committed or rolled back")
        return self._state


class FakeTransaction:
    """``Transaction`` over a working copy of the fake's state."""

    def __init__(self, store: FakeStore, work: FakeUnitOfWork) -> None:
        self._store = store
        self._work = work
        self.articles: ArticleRepository = FakeArticles(work)
        self.places: PlaceRepository = FakePlaces(work)
        self.discussions: DiscussionRepository = FakeDiscussions(work)
        self.comments: CommentRepository = FakeComments(work)
        self.outbox: Outbox = FakeOutbox(work)
        self.moderation: ModerationRepository = FakeModeration(work)
        self.feeds: FeedRepository = FakeFeeds(work)

    @property
    def finished(self) -> bool:
        return self._work.finished

    async def commit(self) -> None:
        self._store.state = self._work.state
        self._work.finished = True
        self._store.commits += 1

    async def rollback(self) -> None:
        self._work.finished = True


class FakeStore:
    """The ``Store`` port in memory. ``state`` is the committed state (tests may read it)."""

    def __init__(self) -> None:
        self.state = FakeState()
        self.commits = 0
        self.is_open = False
        self._lock = asyncio.Lock()

    async def open(self) -> None:
        self.is_open = True

    async def close(self) -> None:
        self.is_open = False

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        """Serialised like SQLite's single writer; rolled back unless committed."""
        if not self.is_open:
            raise StorageUnavailableError("the fake store is not open")
        async with self._lock:
            tx = FakeTransaction(self, FakeUnitOfWork(self.state.copy()))
            try:
                yield tx
            finally:
                if not tx.finished:
                    await tx.rollback()
