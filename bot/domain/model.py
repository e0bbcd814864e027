"""Domain records. Plain immutable dataclasses; ids are the store's integers.

A **place** is one channel on one platform (``discord``, ``slack``) or the web comment
section. Places are grouped into a **room** (a place alone is a room of one; linking merges
rooms). An **article** briefed in a room gets one **discussion**; each place of the room gets
a **thread** of that discussion (a Discord thread, a Slack ``thread_ts``, the web page).
A reader's **comment** is written in one thread (its origin) and copied, as **mirrors**, into
every other thread of the discussion. Work still owed to a platform waits in the outbox as
**deliveries**.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from bot.briefing.model import Brief

__all__ = [
    "Article",
    "Author",
    "Comment",
    "Delivery",
    "DeliveryKind",
    "DeliveryStatus",
    "Discussion",
    "Mirror",
    "Place",
    "Platform",
    "Standing",
    "Thread",
    "UnreachablePlace",
]


class Platform(enum.StrEnum):
    DISCORD = "discord"
    SLACK = "slack"
    WEB = "web"

    @property
    def label(self) -> str:
        """How the platform is named to readers ("Ana (Slack)")."""
        return {"discord": "Discord", "slack": "Slack", "web": "Web"}[self.value]


class Standing(enum.StrEnum):
    """Where a comment stands with moderation (see :mod:`bot.domain.moderation`)."""

    VISIBLE = "visible"
    HELD = "held"
    REJECTED = "rejected"
    REMOVED = "removed"
    ERASED = "erased"


@dataclass(frozen=True, slots=True)
class Article:
    id: int
    url: str
    title: str
    brief: Brief
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Place:
    id: int
    platform: Platform
    workspace_id: str
    channel_id: str
    name: str
    room_id: int


@dataclass(frozen=True, slots=True)
class UnreachablePlace:
    """A place briefbot can no longer post in (channel deleted or archived, bot removed,
    permission withdrawn), as first seen by a delivery to ``discussion_id``."""

    place: Place
    cause: str
    discussion_id: int
    detail: str
    since: datetime
    notified: bool = False
    """People were told (the notice was posted, or given up after its retries)."""


@dataclass(frozen=True, slots=True)
class Discussion:
    id: int
    article_id: int
    room_id: int
    created_at: datetime
    closed: bool = False
    """Closed by a moderator: new comments are rejected and nothing more is relayed."""


@dataclass(frozen=True, slots=True)
class Thread:
    """Where a discussion lives on one place.

    ``thread_ref`` identifies the thread uniquely within its platform workspace: the Discord
    thread channel id, ``"<channel>/<thread_ts>"`` on Slack, the discussion id on the web.
    ``message_id`` is the platform id of the brief message the thread hangs under.
    """

    id: int
    discussion_id: int
    place_id: int
    platform: Platform
    workspace_id: str
    thread_ref: str
    message_id: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Author:
    platform: Platform
    user_id: str
    display_name: str
    avatar_url: str | None = None


@dataclass(frozen=True, slots=True)
class Comment:
    id: int
    discussion_id: int
    thread_id: int
    platform_message_id: str
    author: Author
    text: str
    created_at: datetime
    edited_at: datetime | None = None
    deleted_at: datetime | None = None
    reply_to_id: int | None = None
    standing: Standing = Standing.VISIBLE
    rule: str | None = None
    """The moderation rule that held or rejected the comment, if one did."""

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def visible(self) -> bool:
        """Readers may see it and it is copied everywhere (not held, rejected, removed,
        erased, nor deleted by its author)."""
        return self.standing is Standing.VISIBLE and self.deleted_at is None


@dataclass(frozen=True, slots=True)
class Mirror:
    """Our copy of a comment on another thread."""

    id: int
    comment_id: int
    thread_id: int
    platform_message_id: str
    created_at: datetime
    deleted: bool = False


class DeliveryKind(enum.StrEnum):
    POST_BRIEF = "post_brief"
    POST_COMMENT = "post_comment"
    EDIT_COMMENT = "edit_comment"
    DELETE_COMMENT = "delete_comment"
    REMOVE_ORIGINAL = "remove_original"
    """Delete a reader's own message at its origin (a moderator removed it everywhere)."""
    CLOSE_THREAD = "close_thread"
    OPEN_THREAD = "open_thread"

    @property
    def needs_comment(self) -> bool:
        """Whether a delivery of this kind is about one comment (the others are about the
        discussion's thread as a whole)."""
        return self not in _THREAD_KINDS


_THREAD_KINDS = frozenset(
    {DeliveryKind.POST_BRIEF, DeliveryKind.CLOSE_THREAD, DeliveryKind.OPEN_THREAD}
)


class DeliveryStatus(enum.StrEnum):
    PENDING = "pending"
    CLAIMED = "claimed"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Delivery:
    """One piece of work owed to one place, in the durable outbox.

    Deliveries of the same ``lane`` (one discussion on one place) run strictly in order:
    the brief first, then comments, edits and deletions as they happened.
    ``attempts`` counts claims so far; a claim whose lease ran out (a crashed worker) is
    claimed again with ``attempts`` > 1 and the handler must check whether its earlier
    try already reached the platform before posting again. ``failures`` counts only the
    tries that really failed (a rate limit is not a failure): backoff and giving up follow
    it. ``backing_off`` says the delivery waits out our failure backoff, which may be cut
    short, rather than a wait the platform asked for. ``refusals`` counts the tries the
    platform refused with a rate limit: when every earlier try was refused
    (:attr:`nothing_landed`), none of them can have posted anything.
    """

    id: int
    key: str
    kind: DeliveryKind
    platform: Platform
    place_id: int
    discussion_id: int
    comment_id: int | None
    lane: str
    status: DeliveryStatus
    attempts: int
    next_attempt_at: datetime
    created_at: datetime
    claimed_by: str | None = None
    claimed_until: datetime | None = None
    last_error: str | None = None
    failures: int = 0
    backing_off: bool = False
    refusals: int = 0

    @property
    def nothing_landed(self) -> bool:
        """Every earlier try was refused with a rate limit, so none of them posted.

        A try that failed otherwise, crashed or lost its lease is not accounted for here,
        so a retry after it must look for what landed before posting again.
        """
        return self.refusals >= self.attempts - 1
