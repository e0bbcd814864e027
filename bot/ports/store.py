"""The store port: briefbot's durable memory, used only inside a unit of work.

    async with store.transaction() as tx:
        comment, created = await tx.comments.add(new)
        await tx.outbox.enqueue(...)
        await tx.commit()

Leaving the block without ``commit()`` rolls everything back. Implementations
(``storage.sqlite.SqliteStore``, ``storage.postgres.PostgresStore``, tests' ``FakeStore``)
raise only :class:`bot.errors.StorageError` subclasses: ``NotFoundError`` for a missing
record, ``ConflictError`` for a broken uniqueness rule, ``InvalidDataError`` for data that
does not fit (too long, empty or malformed ids), ``StorageUnavailableError`` when the
database cannot be reached. Times are timezone-aware UTC datetimes.

Errors the repositories raise on their own (a missing record, a duplicate, bad data) leave
the unit of work usable; after any other ``StorageError`` roll it back (PostgreSQL aborts
the transaction on a failed statement).
"""

from __future__ import annotations

from collections.abc import Collection
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.briefing.model import Brief
from bot.domain.model import (
    Article,
    Author,
    Comment,
    Delivery,
    DeliveryKind,
    Discussion,
    Mirror,
    Place,
    Platform,
    Standing,
    Thread,
    UnreachablePlace,
)
from bot.ports.feeds import FeedRepository
from bot.ports.moderation import ModerationRepository

__all__ = [
    "MAX_COMMENT_CHARS",
    "MAX_ID_CHARS",
    "MAX_NAME_CHARS",
    "MAX_URL_CHARS",
    "ArticleRepository",
    "CommentRepository",
    "DiscussionRepository",
    "ModerationRepository",
    "NewComment",
    "Outbox",
    "PlaceRepository",
    "Store",
    "Transaction",
]

MAX_COMMENT_CHARS = 40_000
MAX_NAME_CHARS = 200
MAX_ID_CHARS = 128
MAX_URL_CHARS = 2048


@dataclass(frozen=True, slots=True)
class NewComment:
    thread_id: int
    platform_message_id: str
    author: Author
    text: str
    created_at: datetime
    reply_to_id: int | None = None
    standing: Standing = Standing.VISIBLE
    rule: str | None = None


class ArticleRepository(Protocol):
    async def add_or_get(
        self, url: str, title: str, brief: Brief, now: datetime
    ) -> tuple[Article, bool]:
        """Store the article under its canonical ``url``; an existing one is returned as is.

        Returns ``(article, created)``.
        """
        ...

    async def get(self, article_id: int) -> Article:
        """Raises ``NotFoundError``."""
        ...

    async def find_by_url(self, url: str) -> Article | None: ...

    async def list_recent(self, limit: int = 50, before_id: int | None = None) -> list[Article]:
        """Newest first; ``before_id`` pages backwards."""
        ...


class PlaceRepository(Protocol):
    async def ensure(
        self, platform: Platform, workspace_id: str, channel_id: str, name: str
    ) -> Place:
        """The place for that channel, created (in a room of its own) when new.

        An existing place keeps its room; its ``name`` is updated when it changed.
        """
        ...

    async def get(self, place_id: int) -> Place:
        """Raises ``NotFoundError``."""
        ...

    async def find(
        self, platform: Platform, workspace_id: str, channel_id: str
    ) -> Place | None: ...

    async def in_room(self, room_id: int) -> list[Place]:
        """Every place of the room, in the order they were created."""
        ...

    async def every(self) -> list[Place]:
        """Every place, grouped by room (rooms in ascending id), each room's places in the
        order they were created (for an operator's list of rooms)."""
        ...

    async def link(self, place_id: int, other_place_id: int) -> int:
        """Merge ``other_place_id``'s room into ``place_id``'s room; returns that room id.

        Discussions already started stay with the room they were started in (their threads
        keep working); briefs posted after the link get one discussion for the merged room.
        """
        ...

    async def unlink(self, place_id: int) -> Place:
        """Move the place out of its room into a new room of its own."""
        ...

    async def add_link_code(self, place_id: int, code: str, expires_at: datetime) -> None:
        """Raises ``ConflictError`` if the code is in use."""
        ...

    async def mark_unreachable(
        self, place_id: int, cause: str, discussion_id: int, detail: str, now: datetime
    ) -> bool:
        """Record that briefbot can no longer post in the place, for ``cause`` (the
        platform's reason, e.g. ``not_in_channel``); ``True`` only the first time for that
        place and cause, so people are told once, not once per failed delivery."""
        ...

    async def unreachable(self) -> list[UnreachablePlace]:
        """Every place recorded as unreachable, oldest first (for health pages)."""
        ...

    async def mark_notified(self, place_id: int, cause: str) -> None:
        """People were told that the place is unreachable for ``cause``: not again."""
        ...

    async def redeem_link_code(self, code: str, now: datetime) -> Place | None:
        """The place that issued ``code`` if the code exists and has not expired.

        A code works once: redeeming removes it (expired codes are removed too).
        """
        ...


class DiscussionRepository(Protocol):
    async def get_or_create(
        self, article_id: int, room_id: int, now: datetime
    ) -> tuple[Discussion, bool]: ...

    async def get(self, discussion_id: int) -> Discussion:
        """Raises ``NotFoundError``."""
        ...

    async def for_article(self, article_id: int) -> list[Discussion]: ...

    async def in_room(self, room_id: int, limit: int = 20) -> list[Discussion]:
        """The room's discussions, newest first."""
        ...

    async def add_thread(
        self, discussion_id: int, place_id: int, thread_ref: str, message_id: str, now: datetime
    ) -> Thread:
        """Record where the discussion lives on a place (one thread per place).

        Raises ``ConflictError`` if the discussion already has a thread on that place or
        another thread has the same ``thread_ref`` on that platform workspace.
        """
        ...

    async def threads(self, discussion_id: int) -> list[Thread]: ...

    async def thread_for(self, discussion_id: int, place_id: int) -> Thread | None: ...

    async def get_thread(self, thread_id: int) -> Thread:
        """Raises ``NotFoundError``."""
        ...

    async def find_thread(
        self, platform: Platform, workspace_id: str, thread_ref: str
    ) -> Thread | None:
        """The thread an incoming platform message belongs to, if it is one of ours."""
        ...

    async def list_threads(self, platform: Platform, limit: int = 1000) -> list[Thread]:
        """Newest first; used to resume collecting after a restart."""
        ...


class CommentRepository(Protocol):
    async def add(self, new: NewComment) -> tuple[Comment, bool]:
        """Store a reader's comment; idempotent on ``(thread_id, platform_message_id)``.

        A second call with the same platform message returns the stored comment and
        ``created=False``. Raises ``InvalidDataError`` for text over ``MAX_COMMENT_CHARS``,
        names over ``MAX_NAME_CHARS`` or empty/over-long ids, ``NotFoundError`` for a missing
        thread or reply target, ``ConflictError`` when the message is one of our own mirrors
        on that thread (an echo).
        """
        ...

    async def get(self, comment_id: int) -> Comment:
        """Raises ``NotFoundError``."""
        ...

    async def find_by_message(self, thread_id: int, platform_message_id: str) -> Comment | None: ...

    async def edit(self, comment_id: int, text: str, edited_at: datetime) -> Comment:
        """Raises ``NotFoundError``, or ``ConflictError`` if the comment was deleted."""
        ...

    async def delete(self, comment_id: int, deleted_at: datetime) -> Comment:
        """Keep a tombstone: the row stays with ``deleted_at`` set and its text cleared.

        Deleting a tombstone returns it unchanged.
        """
        ...

    async def list_for_discussion(
        self, discussion_id: int, after_id: int | None = None, limit: int | None = None
    ) -> list[Comment]:
        """In the order they were written (by id), tombstones included."""
        ...

    async def add_mirror(
        self, comment_id: int, thread_id: int, platform_message_id: str, now: datetime
    ) -> Mirror:
        """Record our copy of a comment on another thread; idempotent per (comment, thread).

        Raises ``ConflictError`` if the comment already has a copy on that thread under
        another message id, or the message id is already another copy or a reader's comment
        on that thread.
        """
        ...

    async def mirrors(self, comment_id: int) -> list[Mirror]: ...

    async def mirror_for(self, comment_id: int, thread_id: int) -> Mirror | None: ...

    async def find_mirror(self, thread_id: int, platform_message_id: str) -> Mirror | None:
        """Is this platform message one of our copies? (echo-loop guard)"""
        ...

    async def mark_mirror_deleted(self, mirror_id: int) -> None: ...


class Outbox(Protocol):
    """Deliveries owed to platforms, durable, claimed atomically, ordered per lane.

    A lane is one discussion on one place (``f"{discussion_id}:{place_id}"``): only the
    oldest unfinished delivery of a lane can be claimed, so a thread sees the brief first
    and then comments, edits and deletions in the order they happened, while a lane that
    is waiting (rate limit, platform down) never holds up another lane.

    "Oldest" is the delivery's position in its discussion, taken when it is enqueued under
    a lock on the discussion that lasts until the unit of work ends: positions commit in
    order, so a delivery enqueued earlier but committed later is never overtaken, however
    many processes write at once.
    """

    async def enqueue(
        self,
        *,
        key: str,
        kind: DeliveryKind,
        platform: Platform,
        place_id: int,
        discussion_id: int,
        comment_id: int | None,
        now: datetime,
    ) -> tuple[Delivery, bool]:
        """Add a delivery; idempotent on ``key`` (returns the existing one, ``False``)."""
        ...

    async def claim(
        self,
        worker_id: str,
        now: datetime,
        lease_seconds: float,
        limit: int = 10,
        platforms: frozenset[Platform] | None = None,
    ) -> list[Delivery]:
        """Atomically claim up to ``limit`` due deliveries, each the head of its lane.

        Due means pending with ``next_attempt_at <= now``, or claimed by a worker whose
        lease ran out or who is gone (its :meth:`heartbeat` row says it is alive only until
        a moment now past). A claim sets ``claimed_by``/``claimed_until`` and adds one
        attempt. Two workers claiming at once never get the same delivery.
        """
        ...

    async def complete(self, delivery_id: int, worker_id: str, now: datetime) -> None:
        """Mark done. Raises ``ConflictError`` if ``worker_id`` no longer holds the claim.

        The caller records the mirror (``comments.add_mirror``) or thread
        (``discussions.add_thread``) the delivery produced in the same unit of work, so both
        commit together or not at all.
        """
        ...

    async def retry(
        self,
        delivery_id: int,
        worker_id: str,
        error: str,
        next_attempt_at: datetime,
        *,
        failure: bool,
    ) -> None:
        """Release the claim; the delivery (and its lane) waits until ``next_attempt_at``.

        ``failure=True``: the try really failed; ``failures`` grows by one and the wait is
        our own backoff (``backing_off``), which :meth:`expedite` may cut short.
        ``failure=False``: the platform only paced us (a rate limit); ``failures`` is kept
        and the wait is the one the platform asked for, which is never cut short.
        """
        ...

    async def fail(self, delivery_id: int, worker_id: str, error: str, now: datetime) -> None:
        """Give up for good (kept for inspection, one more failure); its lane moves on."""
        ...

    async def expedite(self, platforms: frozenset[Platform], now: datetime) -> int:
        """Make pending deliveries of ``platforms`` that wait out a failure backoff due now.

        For when a platform answers again: its lanes need not sit out a backoff that was
        chosen while it was failing. Waits a platform asked for (rate limits) are kept.
        Returns how many deliveries were made due.
        """
        ...

    async def heartbeat(
        self,
        worker_id: str,
        now: datetime,
        *,
        alive_until: datetime,
        holding: Collection[int] = (),
        lease_until: datetime | None = None,
    ) -> int:
        """Record that ``worker_id`` runs and will renew this again before ``alive_until``.

        Once ``alive_until`` passes without a renewal the worker counts as gone and its
        claims may be taken over at once, lease or not. The leases of the deliveries in
        ``holding`` that it still holds run on to ``lease_until``: a live worker's claim on
        what it is working on never passes to another. Returns how many leases were renewed.
        """
        ...

    async def retire(self, worker_id: str, now: datetime) -> int:
        """A worker stops: its row goes and its claims are due again at once (see
        :meth:`release_claims`). Returns how many claims were released."""
        ...

    async def release_claims(self, worker_id: str, now: datetime) -> int:
        """Make every delivery still claimed by ``worker_id`` due again at ``now``.

        For a worker that stops (or an operator's tool): its claims need not wait for their
        leases to run out. Attempts are kept, so the retry checks what landed.
        Returns how many were released.
        """
        ...

    async def get(self, delivery_id: int) -> Delivery:
        """Raises ``NotFoundError``."""
        ...

    async def find(self, key: str) -> Delivery | None:
        """The delivery enqueued under ``key``, whatever its status, if any."""
        ...

    async def revive(self, delivery_id: int, now: datetime) -> Delivery | None:
        """Make a failed delivery pending again, due at ``now``, with no failures counted.

        For a person asking again (a second ``/brief`` after the first could not be
        posted). Returns the revived delivery, or ``None`` when it had not failed.
        """
        ...

    async def next_due(self, platforms: frozenset[Platform] | None = None) -> datetime | None:
        """When the earliest pending delivery becomes due (a claim's lease end counts)."""
        ...

    async def counts(self) -> dict[str, int]:
        """Deliveries by status, for health pages and benchmarks."""
        ...


class Transaction(Protocol):
    articles: ArticleRepository
    places: PlaceRepository
    discussions: DiscussionRepository
    comments: CommentRepository
    outbox: Outbox
    moderation: ModerationRepository
    feeds: FeedRepository

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...


class Store(Protocol):
    async def open(self) -> None:
        """Connect and apply pending schema migrations."""
        ...

    async def close(self) -> None: ...

    def transaction(self) -> AbstractAsyncContextManager[Transaction]:
        """A unit of work that rolls back unless ``commit()`` was called."""
        ...
