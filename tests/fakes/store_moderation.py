"""The fake's moderation records: policies, standing, bans, reports, audit, sign-in."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import TYPE_CHECKING

from bot.domain.model import Comment, Discussion, Mirror, Platform, Standing
from bot.domain.moderation import AuditEntry, Moderator, Policy, QueueItem, Session
from bot.errors import ConflictError, NotFoundError
from storage import validation as v
from storage.moderation_codec import moderator_json, moderator_value, policy_json, policy_value

if TYPE_CHECKING:
    from tests.fakes.store import FakeUnitOfWork

__all__ = ["FakeModeration"]

_CONTEXT = 3


class FakeModeration:
    def __init__(self, work: FakeUnitOfWork) -> None:
        self._work = work

    def _comment(self, comment_id: int) -> Comment:
        found = self._work.state.comments.get(v.ref(comment_id, "comment id"))
        if found is None:
            raise NotFoundError(f"comment {comment_id} does not exist")
        return found

    def _room_of(self, comment: Comment) -> int:
        return self._work.state.discussions[comment.discussion_id].room_id

    async def policy_for(self, room_id: int) -> Policy | None:
        found = self._work.state.policies.get(v.ref(room_id, "room id"))
        return None if found is None else policy_value(found)

    async def set_policy(self, room_id: int, policy: Policy) -> None:
        room_id = v.ref(room_id, "room id")
        if room_id not in self._work.state.rooms:
            raise NotFoundError(f"room {room_id} does not exist")
        self._work.state.policies[room_id] = policy_json(policy)

    async def set_standing(self, comment_id: int, standing: Standing, rule: str | None) -> Comment:
        current = self._comment(comment_id)
        changed = dataclasses.replace(
            current, standing=v.standing(standing), rule=v.optional_rule(rule)
        )
        self._work.state.comments[current.id] = changed
        return changed

    async def erase(self, comment_id: int) -> Comment:
        current = self._comment(comment_id)
        author = dataclasses.replace(current.author, display_name="", avatar_url=None)
        changed = dataclasses.replace(current, standing=Standing.ERASED, text="", author=author)
        self._work.state.comments[current.id] = changed
        return changed

    @staticmethod
    def _ban_key(room_id: int, platform: Platform, user_id: str) -> tuple[int, str, str]:
        return (
            v.ref(room_id, "room id"),
            v.platform(platform).value,
            v.ident(user_id, "user id"),
        )

    async def ban(
        self, room_id: int, platform: Platform, user_id: str, by: str, now: datetime
    ) -> bool:
        key = self._ban_key(room_id, platform, user_id)
        v.name(by, "banned by")
        v.utc(now, "now")
        bans = self._work.state.bans
        if key in bans:
            return False
        bans.add(key)
        return True

    async def unban(self, room_id: int, platform: Platform, user_id: str) -> bool:
        key = self._ban_key(room_id, platform, user_id)
        bans = self._work.state.bans
        if key not in bans:
            return False
        bans.discard(key)
        return True

    async def is_banned(self, room_id: int, platform: Platform, user_id: str) -> bool:
        return self._ban_key(room_id, platform, user_id) in self._work.state.bans

    async def bans(self, room_id: int) -> list[tuple[Platform, str]]:
        room_id = v.ref(room_id, "room id")
        found = sorted((p, u) for r, p, u in self._work.state.bans if r == room_id)
        return [(Platform(p), u) for p, u in found]

    async def set_closed(self, discussion_id: int, closed: bool) -> Discussion:
        discussions = self._work.state.discussions
        found = discussions.get(v.ref(discussion_id, "discussion id"))
        if found is None:
            raise NotFoundError(f"discussion {discussion_id} does not exist")
        changed = dataclasses.replace(found, closed=bool(closed))
        discussions[found.id] = changed
        return changed

    async def add_report(self, comment_id: int, reporter_key: str, now: datetime) -> int:
        comment = self._comment(comment_id)
        reporter = v.ident(reporter_key, "reporter")
        v.utc(now, "now")
        reports = self._work.state.reports
        reports.add((comment.id, reporter))
        return sum(1 for c, _ in reports if c == comment.id)

    async def clear_reports(self, comment_id: int) -> int:
        v.ref(comment_id, "comment id")
        state = self._work.state
        cleared = {r for r in state.reports if r[0] == comment_id}
        state.reports -= cleared
        return len(cleared)

    async def queue(self, rooms: frozenset[int] | None, limit: int = 50) -> list[QueueItem]:
        state = self._work.state
        limit = v.positive(limit, "limit")
        reported = {c for c, _ in state.reports}
        found = [
            c
            for c in state.comments.values()
            if not c.deleted  # deleted by its author: nothing left to review
            and (
                c.standing is Standing.HELD or (c.standing is Standing.VISIBLE and c.id in reported)
            )
            and (rooms is None or self._room_of(c) in rooms)
        ]
        items: list[QueueItem] = []
        for comment in sorted(found, key=lambda c: -c.id)[:limit]:
            thread = state.threads[comment.thread_id]
            same = sorted(
                (
                    c
                    for c in state.comments.values()
                    if c.discussion_id == comment.discussion_id
                    and c.standing is not Standing.ERASED
                ),
                key=lambda c: c.id,
            )
            before = [c for c in same if c.id < comment.id][-_CONTEXT:]
            after = [c for c in same if c.id > comment.id][:_CONTEXT]
            items.append(
                QueueItem(
                    comment=comment,
                    place=state.places[thread.place_id],
                    rule=comment.rule,
                    reports=sum(1 for c, _ in state.reports if c == comment.id),
                    context=before + after,
                )
            )
        return items

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
        state = self._work.state
        entry = AuditEntry(
            id=state.next_id("audit_log"),
            at=v.utc(at, "at"),
            moderator=v.ident(moderator, "moderator"),
            moderator_name=v.name(moderator_name, "moderator name"),
            action=v.ident(action, "action"),
            room_id=None if room_id is None else v.ref(room_id, "room id"),
            target=v.name(target, "audit target", 1000),
            detail=v.name(detail, "audit detail", 4000),
        )
        state.audit_log.append(entry)
        return entry

    async def audit_log(self, rooms: frozenset[int] | None, limit: int = 200) -> list[AuditEntry]:
        limit = v.positive(limit, "limit")
        found = [
            e
            for e in self._work.state.audit_log
            if rooms is None or (e.room_id is not None and e.room_id in rooms)
        ]
        return sorted(found, key=lambda e: -e.id)[:limit]

    def _authored(self, platform: Platform, user_id: str) -> list[Comment]:
        key = (v.platform(platform), v.ident(user_id, "user id"))
        return sorted(
            (
                c
                for c in self._work.state.comments.values()
                if (c.author.platform, c.author.user_id) == key
            ),
            key=lambda c: c.id,
        )

    async def count_recent(
        self, room_id: int, platform: Platform, user_id: str, since: datetime
    ) -> int:
        room_id = v.ref(room_id, "room id")
        since = v.utc(since, "since")
        return sum(
            1
            for c in self._authored(platform, user_id)
            if self._room_of(c) == room_id and c.created_at >= since
        )

    async def has_commented(self, room_id: int, platform: Platform, user_id: str) -> bool:
        room_id = v.ref(room_id, "room id")
        return any(self._room_of(c) == room_id for c in self._authored(platform, user_id))

    async def comments_by(self, platform: Platform, user_id: str) -> list[Comment]:
        return self._authored(platform, user_id)

    async def reuse_mirror(self, mirror_id: int, platform_message_id: str, now: datetime) -> Mirror:
        message_id = v.ident(platform_message_id, "platform message id")
        state = self._work.state
        mirror = state.mirrors.get(v.ref(mirror_id, "mirror id"))
        if mirror is None:
            raise NotFoundError(f"mirror {mirror_id} does not exist")
        taken = any(
            m.thread_id == mirror.thread_id and m.platform_message_id == message_id
            for m in state.mirrors.values()
            if m.id != mirror.id
        ) or any(
            c.thread_id == mirror.thread_id and c.platform_message_id == message_id
            for c in state.comments.values()
        )
        if taken:
            raise ConflictError(f"message {message_id!r} on thread {mirror.thread_id} is taken")
        changed = dataclasses.replace(
            mirror, platform_message_id=message_id, deleted=False, created_at=v.utc(now, "now")
        )
        state.mirrors[mirror.id] = changed
        return changed

    async def add_login(self, token_hash: str, moderator: Moderator, expires_at: datetime) -> None:
        key = v.ident(token_hash, "token hash")
        logins = self._work.state.logins
        if key in logins:
            raise ConflictError("that sign-in token is already stored")
        logins[key] = (moderator_json(moderator), v.utc(expires_at, "expires_at"), None)

    async def redeem_login(self, token_hash: str, now: datetime) -> Moderator | None:
        key = v.ident(token_hash, "token hash")
        now = v.utc(now, "now")
        found = self._work.state.logins.get(key)
        if found is None or found[2] is not None or found[1] <= now:
            return None
        self._work.state.logins[key] = (found[0], found[1], now)
        return moderator_value(found[0])

    async def login_state(self, token_hash: str, now: datetime) -> str:
        found = self._work.state.logins.get(v.ident(token_hash, "token hash"))
        if found is None:
            return "unknown"
        if found[2] is not None:
            return "used"
        return "expired" if found[1] <= v.utc(now, "now") else "valid"

    async def add_session(
        self, session_id_hash: str, moderator: Moderator, csrf: str, expires_at: datetime
    ) -> None:
        key = v.ident(session_id_hash, "session id hash")
        sessions = self._work.state.sessions
        if key in sessions:
            raise ConflictError("that session is already stored")
        sessions[key] = Session(
            key,
            moderator_value(moderator_json(moderator)),
            v.ident(csrf, "CSRF token"),
            v.utc(expires_at, "expires_at"),
        )

    async def session(self, session_id_hash: str, now: datetime) -> Session | None:
        found = self._work.state.sessions.get(v.ident(session_id_hash, "session id hash"))
        if found is None or found.expires_at <= v.utc(now, "now"):
            return None
        return found

    async def end_session(self, session_id_hash: str) -> None:
        self._work.state.sessions.pop(v.ident(session_id_hash, "session id hash"), None)
