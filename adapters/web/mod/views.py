"""Queue items, policies and audit entries as the moderators' pages and JSON API show them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TypedDict

from markupsafe import Markup

from adapters.web.markdown import markdown_to_html
from adapters.web.views import format_time
from bot.domain.model import Comment, Place
from bot.domain.moderation import AuditEntry, Policy, QueueItem
from bot.formatting import markdown_to_plain, trim
from bot.moderation.policy import REPORTS
from bot.services.moderation import RoomPlaces

__all__ = [
    "AuditJson",
    "ContextLine",
    "PolicyJson",
    "QueueItemJson",
    "QueueView",
    "RoomView",
    "audit_json",
    "place_label",
    "policy_json",
    "queue_json",
    "queue_view",
    "room_view",
]

_CONTEXT_CHARS = 200


class AuthorJson(TypedDict):
    name: str
    key: str


class ContextJson(TypedDict):
    id: int
    author: str
    text: str


class QueueItemJson(TypedDict):
    """One held or reported comment in ``GET /mod/api/queue``."""

    id: int
    discussion_id: int
    room_id: int
    author: AuthorJson
    platform: str
    place: str
    standing: str
    rule: str | None
    reports: int
    created_at: str
    text: str
    html: str
    context: list[ContextJson]


class PolicyJson(TypedDict):
    """A room's policy in ``GET``/``PUT /mod/api/rooms/{room_id}/policy``."""

    banned: list[str]
    suspect: list[str]
    hold_links: bool
    hold_first_web: bool
    premoderate_web: bool
    reports_to_hold: int
    burst_count: int
    burst_seconds: int


class AuditJson(TypedDict):
    """One entry of ``GET /mod/api/audit``."""

    id: int
    at: str
    moderator: str
    moderator_name: str
    action: str
    room_id: int | None
    target: str
    detail: str


@dataclass(frozen=True, slots=True)
class ContextLine:
    """One comment of the thread around a queued one (plain text, escaped by the template)."""

    id: int
    author_name: str
    excerpt: str
    is_item: bool


@dataclass(frozen=True, slots=True)
class QueueView:
    id: int
    discussion_id: int
    room_id: int
    author_name: str
    author_key: str
    platform: str
    platform_label: str
    place: str
    standing: str
    rule: str
    reports: int
    created_at: datetime
    created_label: str
    html: Markup
    text: str
    context: tuple[ContextLine, ...]


@dataclass(frozen=True, slots=True)
class RoomView:
    """A linked discussion group as the pages name it: ``Discord #news · Slack #news``."""

    id: int
    label: str


def room_view(room: RoomPlaces) -> RoomView:
    label = " · ".join(place_label(p) for p in room.places) or "no places any more"
    return RoomView(room.room_id, label)


def place_label(place: Place) -> str:
    """``Discord #news``; the web section is just ``Web``."""
    if place.platform.value == "web":
        return place.platform.label
    return f"{place.platform.label} #{place.name}"


def _line(comment: Comment, item_id: int) -> ContextLine:
    excerpt = "" if comment.deleted else trim(markdown_to_plain(comment.text), _CONTEXT_CHARS)
    return ContextLine(comment.id, comment.author.display_name, excerpt, comment.id == item_id)


def queue_view(item: QueueItem) -> QueueView:
    comment = item.comment
    return QueueView(
        id=comment.id,
        discussion_id=comment.discussion_id,
        room_id=item.place.room_id,
        author_name=comment.author.display_name,
        author_key=f"{comment.author.platform.value}:{comment.author.user_id}",
        platform=comment.author.platform.value,
        platform_label=comment.author.platform.label,
        place=place_label(item.place),
        standing=comment.standing.value,
        rule=item.rule or (REPORTS if item.reports else ""),
        reports=item.reports,
        created_at=comment.created_at,
        created_label=format_time(comment.created_at),
        html=Markup(markdown_to_html(comment.text)),  # noqa: S704 - escaped, then nh3
        text=comment.text,
        context=tuple(_line(c, comment.id) for c in item.context),
    )


def queue_json(view: QueueView) -> QueueItemJson:
    return {
        "id": view.id,
        "discussion_id": view.discussion_id,
        "room_id": view.room_id,
        "author": {"name": view.author_name, "key": view.author_key},
        "platform": view.platform,
        "place": view.place,
        "standing": view.standing,
        "rule": view.rule or None,
        "reports": view.reports,
        "created_at": view.created_at.isoformat(),
        "text": view.text,
        "html": str(view.html),
        "context": [{"id": c.id, "author": c.author_name, "text": c.excerpt} for c in view.context],
    }


def policy_json(policy: Policy) -> PolicyJson:
    return {
        "banned": list(policy.banned),
        "suspect": list(policy.suspect),
        "hold_links": policy.hold_links,
        "hold_first_web": policy.hold_first_web,
        "premoderate_web": policy.premoderate_web,
        "reports_to_hold": policy.reports_to_hold,
        "burst_count": policy.burst_count,
        "burst_seconds": policy.burst_seconds,
    }


def audit_json(entry: AuditEntry) -> AuditJson:
    return {
        "id": entry.id,
        "at": entry.at.isoformat(),
        "moderator": entry.moderator,
        "moderator_name": entry.moderator_name,
        "action": entry.action,
        "room_id": entry.room_id,
        "target": entry.target,
        "detail": entry.detail,
    }
