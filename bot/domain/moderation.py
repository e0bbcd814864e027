"""Moderation records: a comment's standing, moderators, a room's policy and the audit trail.

A comment is **visible** (copied everywhere), **held** (stored, shown to moderators only),
**rejected** (stored for the record, never copied), **removed** by a moderator after it was
visible, or **erased** at its author's request (text blanked, a tombstone left).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.model import Comment, Place, Platform, Standing

__all__ = [
    "AuditEntry",
    "Moderator",
    "Policy",
    "QueueItem",
    "Removal",
    "Session",
    "Standing",
    "Verdict",
    "person_key",
]


def person_key(platform: Platform, user_id: str) -> str:
    """``"discord:123"``: a person as the moderation records name them (audit log, bans,
    reporters), the platform and the platform's user id."""
    return f"{platform.value}:{user_id}"


@dataclass(frozen=True)
class Moderator:
    """Someone allowed to moderate, as checked by an adapter at the time of the action.

    ``rooms`` are the rooms this moderator may act on; ``None`` means every room (the
    command line, an operator).
    """

    platform: Platform
    user_id: str
    name: str
    rooms: frozenset[int] | None = None

    def key(self) -> str:
        """``"discord:123"``: the platform and the user id, as stored in the audit log."""
        return person_key(self.platform, self.user_id)

    def may_act_in(self, room_id: int) -> bool:
        """Whether this moderator's scope covers ``room_id`` (the one rule for every surface)."""
        return self.rooms is None or room_id in self.rooms


@dataclass(frozen=True)
class Policy:
    """A room's moderation rules; defaults come from settings."""

    banned: tuple[str, ...] = ()
    suspect: tuple[str, ...] = ()
    hold_links: bool = False
    hold_first_web: bool = True
    premoderate_web: bool = False
    burst_count: int = 5
    burst_seconds: int = 60
    reports_to_hold: int = 3


@dataclass(frozen=True)
class Verdict:
    """What moderation decided for one comment, and the rule that decided it."""

    standing: Standing
    rule: str | None


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    moderator: str
    moderator_name: str
    action: str
    room_id: int | None
    target: str
    detail: str


@dataclass(frozen=True)
class QueueItem:
    comment: Comment
    place: Place
    rule: str | None
    reports: int
    context: list[Comment]


@dataclass(frozen=True)
class Session:
    id: str
    moderator: Moderator
    csrf: str
    expires_at: datetime


@dataclass(frozen=True)
class Removal:
    """A comment removed everywhere; ``kept`` are origin places where the platform does not
    let the bot delete a person's own message (the moderator is told so)."""

    comment: Comment
    kept: list[Place]
