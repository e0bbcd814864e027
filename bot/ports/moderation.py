"""The moderation part of the store port: what a unit of work keeps for moderators.

Reached as ``tx.moderation`` inside ``async with store.transaction() as tx:``; the errors and
time rules of :mod:`bot.ports.store` apply.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.domain.model import Comment, Discussion, Mirror, Platform, Standing
from bot.domain.moderation import AuditEntry, Moderator, Policy, QueueItem, Session

__all__ = ["ModerationRepository"]


class ModerationRepository(Protocol):
    """Moderation's records: room policies, bans, reports, the audit log, comments'
    standing, closed discussions, and moderators' sign-in links and sessions.

    Moderators are stored with their rooms as they were when the link or session was made;
    tokens and session ids are stored only as hashes (the caller hashes them).
    """

    async def policy_for(self, room_id: int) -> Policy | None:
        """The room's own policy, or ``None`` when it follows the defaults."""
        ...

    async def set_policy(self, room_id: int, policy: Policy) -> None:
        """Replace the room's policy."""
        ...

    async def set_standing(self, comment_id: int, standing: Standing, rule: str | None) -> Comment:
        """Record where the comment stands with moderation. Raises ``NotFoundError``."""
        ...

    async def erase(self, comment_id: int) -> Comment:
        """Leave a tombstone: standing ``ERASED``, text blanked, author name and avatar
        gone (the author's platform and id stay, so a later request finds them again)."""
        ...

    async def ban(
        self, room_id: int, platform: Platform, user_id: str, by: str, now: datetime
    ) -> bool:
        """Ban the author in the room; ``True`` if they were not banned already."""
        ...

    async def unban(self, room_id: int, platform: Platform, user_id: str) -> bool:
        """Lift the ban; ``True`` if there was one."""
        ...

    async def is_banned(self, room_id: int, platform: Platform, user_id: str) -> bool: ...

    async def bans(self, room_id: int) -> list[tuple[Platform, str]]:
        """Who is banned in the room, as ``(platform, user id)``, sorted."""
        ...

    async def set_closed(self, discussion_id: int, closed: bool) -> Discussion:
        """Close or reopen the discussion. Raises ``NotFoundError``."""
        ...

    async def add_report(self, comment_id: int, reporter_key: str, now: datetime) -> int:
        """Record a reader's report; a second report by the same reader counts once.

        Returns how many distinct readers reported the comment so far.
        """
        ...

    async def clear_reports(self, comment_id: int) -> int:
        """Forget the comment's reports (a moderator reviewed them); how many there were."""
        ...

    async def queue(self, rooms: frozenset[int] | None, limit: int = 50) -> list[QueueItem]:
        """Held comments and visible ones readers reported (none its author deleted:
        nothing is left to review), newest first, in ``rooms``
        (``None``: every room), each with its place, rule, reports and the comments
        around it in its discussion."""
        ...

    async def audit(
        self,
        *,
        at: datetime,
        moderator: str,
        moderator_name: str,
        action: str,
        room_id: int | None,
        target: str,
        detail: str,
    ) -> AuditEntry:
        """Append one entry to the audit log."""
        ...

    async def audit_log(self, rooms: frozenset[int] | None, limit: int = 200) -> list[AuditEntry]:
        """Newest first; with ``rooms``, only entries about those rooms."""
        ...

    async def count_recent(
        self, room_id: int, platform: Platform, user_id: str, since: datetime
    ) -> int:
        """The author's comments in the room's discussions written at or after ``since``."""
        ...

    async def has_commented(self, room_id: int, platform: Platform, user_id: str) -> bool:
        """Whether the author wrote any comment in the room's discussions before."""
        ...

    async def comments_by(self, platform: Platform, user_id: str) -> list[Comment]:
        """Everything the author wrote, anywhere, oldest first."""
        ...

    async def reuse_mirror(self, mirror_id: int, platform_message_id: str, now: datetime) -> Mirror:
        """Point a deleted copy's record at a new copy (a held comment approved again).
        Raises ``NotFoundError``, or ``ConflictError`` if the message id is taken."""
        ...

    async def add_login(self, token_hash: str, moderator: Moderator, expires_at: datetime) -> None:
        """Store a one-time sign-in link by the hash of its token."""
        ...

    async def redeem_login(self, token_hash: str, now: datetime) -> Moderator | None:
        """The link's moderator if it exists, has not expired and was not used; it is
        marked used in the same statement, so two redemptions never both succeed."""
        ...

    async def login_state(self, token_hash: str, now: datetime) -> str:
        """Why a link cannot be redeemed: ``"unknown"``, ``"used"``, ``"expired"`` (or
        ``"valid"``). For telling a person which of the three it was."""
        ...

    async def add_session(
        self, session_id_hash: str, moderator: Moderator, csrf: str, expires_at: datetime
    ) -> None: ...

    async def session(self, session_id_hash: str, now: datetime) -> Session | None:
        """The session if it exists and has not expired (``Session.id`` is the hash)."""
        ...

    async def end_session(self, session_id_hash: str) -> None: ...
