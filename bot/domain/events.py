"""What happened, in the past tense. Published after the transaction that made it true."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.model import DeliveryKind, Platform

__all__ = [
    "BriefPosted",
    "BriefQueued",
    "CommentDeleted",
    "CommentEdited",
    "CommentPosted",
    "CopyDelivered",
    "DeliveryFailed",
    "DeliveryQueued",
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
    | DeliveryQueued
    | CopyDelivered
    | DeliveryFailed
)
