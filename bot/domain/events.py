"""What happened, in the past tense. Published after the transaction that made it true."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.model import DeliveryKind, Platform, Standing

__all__ = [
    "BriefPosted",
    "BriefQueued",
    "CommentApproved",
    "CommentDeleted",
    "CommentEdited",
    "CommentHeld",
    "CommentPosted",
    "CommentRejected",
    "CommentRemoved",
    "CopyDelivered",
    "DeliveryFailed",
    "DeliveryQueued",
    "DiscussionClosed",
    "DiscussionOpened",
    "Event",
]


@dataclass(frozen=True, slots=True)
class BriefQueued:
    article_id: int
    discussion_id: int


@dataclass(frozen=True, slots=True)
class BriefPosted:
    article_id: int
    discussion_id: int
    place_id: int
    thread_id: int
    delivery_id: int


@dataclass(frozen=True, slots=True)
class CommentPosted:
    comment_id: int
    discussion_id: int


@dataclass(frozen=True, slots=True)
class CommentEdited:
    comment_id: int
    discussion_id: int


@dataclass(frozen=True, slots=True)
class CommentDeleted:
    comment_id: int
    discussion_id: int


@dataclass(frozen=True, slots=True)
class CommentHeld:
    """Moderation held the comment (a new one, or one that was visible): it is shown to
    moderators only and copied nowhere until approved."""

    comment_id: int
    discussion_id: int
    rule: str | None


@dataclass(frozen=True, slots=True)
class CommentRejected:
    """Moderation rejected a new comment (or an edit): stored for the record, never copied."""

    comment_id: int
    discussion_id: int
    rule: str | None


@dataclass(frozen=True, slots=True)
class CommentApproved:
    """A moderator approved a held comment: it is now visible and being copied everywhere."""

    comment_id: int
    discussion_id: int


@dataclass(frozen=True, slots=True)
class CommentRemoved:
    """A visible comment was taken down (``standing``: removed, erased or rejected after an
    edit); its copies are being deleted."""

    comment_id: int
    discussion_id: int
    standing: Standing


@dataclass(frozen=True, slots=True)
class DiscussionClosed:
    discussion_id: int


@dataclass(frozen=True, slots=True)
class DiscussionOpened:
    discussion_id: int


@dataclass(frozen=True, slots=True)
class DeliveryQueued:
    platform: Platform


@dataclass(frozen=True, slots=True)
class CopyDelivered:
    delivery_id: int
    kind: DeliveryKind
    discussion_id: int
    place_id: int
    comment_id: int | None


@dataclass(frozen=True, slots=True)
class DeliveryFailed:
    delivery_id: int
    kind: DeliveryKind
    discussion_id: int
    place_id: int
    error: str


Event = (
    BriefQueued
    | BriefPosted
    | CommentPosted
    | CommentEdited
    | CommentDeleted
    | CommentHeld
    | CommentRejected
    | CommentApproved
    | CommentRemoved
    | DiscussionClosed
    | DiscussionOpened
    | DeliveryQueued
    | CopyDelivered
    | DeliveryFailed
)
