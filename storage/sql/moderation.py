"""Moderation's records over SQL: policies, standing, bans, reports, closed discussions."""

from __future__ import annotations

from datetime import datetime

from bot.domain.model import Comment, Discussion, Mirror, Platform, Standing
from bot.domain.moderation import Policy, QueueItem
from bot.errors import ConflictError, NotFoundError
from storage import validation as v
from storage.moderation_codec import policy_json, policy_value
from storage.sql import rows
from storage.sql.db import Db
from storage.sql.signin import SqlSignIn

__all__ = ["SqlModeration"]

_C_COLUMNS = ", ".join(f"c.{column}" for column in rows.COMMENT_COLUMNS.split(", "))
_REPORTS = "(SELECT COUNT(*) FROM reports r WHERE r.comment_id = c.id)"
_IN_ROOM = "c.discussion_id IN (SELECT id FROM discussions WHERE room_id = ?)"
_CONTEXT = 3
"""Comments shown on each side of a queued one."""


def _rooms_filter(column: str, rooms: frozenset[int] | None) -> tuple[str, list[object]]:
    if rooms is None:
        return "", []
    ids = sorted(v.ref(room, "room id") for room in rooms)
    return f" AND {column} IN ({', '.join('?' for _ in ids)})", list(ids)


class SqlModeration(SqlSignIn):
    """``ModerationRepository`` over SQL (the audit log, sign-in links and sessions are
    in :class:`~storage.sql.signin.SqlSignIn`)."""

    def __init__(self, db: Db) -> None:
        super().__init__(db)

    async def policy_for(self, room_id: int) -> Policy | None:
        row = await self._db.fetch_one(
            "SELECT policy FROM room_policies WHERE room_id = ?", v.ref(room_id, "room id")
        )
        return None if row is None else policy_value(row["policy"])

    async def set_policy(self, room_id: int, policy: Policy) -> None:
        room_id = v.ref(room_id, "room id")
        if await self._db.fetch_one("SELECT id FROM rooms WHERE id = ?", room_id) is None:
            raise NotFoundError(f"room {room_id} does not exist")
        await self._db.execute(
            "INSERT INTO room_policies (room_id, policy) VALUES (?, ?)"
            " ON CONFLICT (room_id) DO UPDATE SET policy = excluded.policy",
            room_id,
            policy_json(policy),
        )

    async def _update_comment(self, comment_id: int, sets: str, *args: object) -> Comment:
        row = await self._db.fetch_one(
            f"UPDATE comments SET {sets} WHERE id = ? RETURNING {rows.COMMENT_COLUMNS}",
            *args,
            v.ref(comment_id, "comment id"),
        )
        if row is None:
            raise NotFoundError(f"comment {comment_id} does not exist")
        return rows.comment(row, self._d)

    async def set_standing(self, comment_id: int, standing: Standing, rule: str | None) -> Comment:
        return await self._update_comment(
            comment_id, "standing = ?, rule = ?", v.standing(standing).value, v.optional_rule(rule)
        )

    async def erase(self, comment_id: int) -> Comment:
        return await self._update_comment(
            comment_id,
            "standing = 'erased', text = '', author_name = '', author_avatar_url = NULL",
        )

    async def ban(
        self, room_id: int, platform: Platform, user_id: str, by: str, now: datetime
    ) -> bool:
        row = await self._db.fetch_one(
            "INSERT INTO bans (room_id, platform, user_id, banned_by, created_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING room_id",
            v.ref(room_id, "room id"),
            v.platform(platform).value,
            v.ident(user_id, "user id"),
            v.name(by, "banned by"),
            self._d.encode_time(v.utc(now, "now")),
        )
        return row is not None

    async def unban(self, room_id: int, platform: Platform, user_id: str) -> bool:
        row = await self._db.fetch_one(
            "DELETE FROM bans WHERE room_id = ? AND platform = ? AND user_id = ? RETURNING room_id",
            v.ref(room_id, "room id"),
            v.platform(platform).value,
            v.ident(user_id, "user id"),
        )
        return row is not None

    async def is_banned(self, room_id: int, platform: Platform, user_id: str) -> bool:
        row = await self._db.fetch_one(
            "SELECT 1 AS one FROM bans WHERE room_id = ? AND platform = ? AND user_id = ?",
            v.ref(room_id, "room id"),
            v.platform(platform).value,
            v.ident(user_id, "user id"),
        )
        return row is not None

    async def bans(self, room_id: int) -> list[tuple[Platform, str]]:
        found = await self._db.fetch_all(
            "SELECT platform, user_id FROM bans WHERE room_id = ? ORDER BY platform, user_id",
            v.ref(room_id, "room id"),
        )
        return [(Platform(row["platform"]), str(row["user_id"])) for row in found]

    async def set_closed(self, discussion_id: int, closed: bool) -> Discussion:
        row = await self._db.fetch_one(
            f"UPDATE discussions SET closed = ? WHERE id = ? RETURNING {rows.DISCUSSION_COLUMNS}",
            bool(closed),
            v.ref(discussion_id, "discussion id"),
        )
        if row is None:
            raise NotFoundError(f"discussion {discussion_id} does not exist")
        return rows.discussion(row, self._d)

    async def add_report(self, comment_id: int, reporter_key: str, now: datetime) -> int:
        comment_id = v.ref(comment_id, "comment id")
        if await self._db.fetch_one("SELECT id FROM comments WHERE id = ?", comment_id) is None:
            raise NotFoundError(f"comment {comment_id} does not exist")
        await self._db.execute(
            "INSERT INTO reports (comment_id, reporter, created_at) VALUES (?, ?, ?)"
            " ON CONFLICT DO NOTHING",
            comment_id,
            v.ident(reporter_key, "reporter"),
            self._d.encode_time(v.utc(now, "now")),
        )
        row = await self._db.fetch_one(
            "SELECT COUNT(*) AS n FROM reports WHERE comment_id = ?", comment_id
        )
        assert row is not None
        return int(row["n"])

    async def clear_reports(self, comment_id: int) -> int:
        comment_id = v.ref(comment_id, "comment id")
        row = await self._db.fetch_one(
            "SELECT COUNT(*) AS n FROM reports WHERE comment_id = ?", comment_id
        )
        assert row is not None
        await self._db.execute("DELETE FROM reports WHERE comment_id = ?", comment_id)
        return int(row["n"])

    async def queue(self, rooms: frozenset[int] | None, limit: int = 50) -> list[QueueItem]:
        if rooms is not None and not rooms:
            return []
        where, args = _rooms_filter("d.room_id", rooms)
        found = await self._db.fetch_all(
            f"SELECT {_C_COLUMNS}, {_REPORTS} AS reports, t.place_id AS place_id"
            " FROM comments c JOIN discussions d ON d.id = c.discussion_id"
            " JOIN threads t ON t.id = c.thread_id"
            " WHERE c.deleted_at IS NULL AND (c.standing = 'held' OR (c.standing = 'visible'"
            " AND EXISTS (SELECT 1 FROM reports r WHERE r.comment_id = c.id)))"
            f"{where} ORDER BY c.id DESC LIMIT ?",
            *args,
            v.positive(limit, "limit"),
        )
        items: list[QueueItem] = []
        for row in found:
            comment = rows.comment(row, self._d)
            place = await self._db.fetch_one(
                f"SELECT {rows.PLACE_COLUMNS} FROM places WHERE id = ?", row["place_id"]
            )
            assert place is not None
            items.append(
                QueueItem(
                    comment=comment,
                    place=rows.place(place, self._d),
                    rule=comment.rule,
                    reports=int(row["reports"]),
                    context=await self._around(comment),
                )
            )
        return items

    async def _around(self, comment: Comment) -> list[Comment]:
        """The comments just before and after, in the same discussion (erased ones left out)."""
        select = f"SELECT {rows.COMMENT_COLUMNS} FROM comments WHERE discussion_id = ?"
        before = await self._db.fetch_all(
            f"{select} AND id < ? AND standing <> 'erased' ORDER BY id DESC LIMIT ?",
            comment.discussion_id,
            comment.id,
            _CONTEXT,
        )
        after = await self._db.fetch_all(
            f"{select} AND id > ? AND standing <> 'erased' ORDER BY id LIMIT ?",
            comment.discussion_id,
            comment.id,
            _CONTEXT,
        )
        return [rows.comment(r, self._d) for r in (*reversed(before), *after)]

    async def count_recent(
        self, room_id: int, platform: Platform, user_id: str, since: datetime
    ) -> int:
        row = await self._db.fetch_one(
            "SELECT COUNT(*) AS n FROM comments c WHERE c.author_platform = ?"
            f" AND c.author_user_id = ? AND c.created_at >= ? AND {_IN_ROOM}",
            v.platform(platform).value,
            v.ident(user_id, "user id"),
            self._d.encode_time(v.utc(since, "since")),
            v.ref(room_id, "room id"),
        )
        assert row is not None
        return int(row["n"])

    async def has_commented(self, room_id: int, platform: Platform, user_id: str) -> bool:
        row = await self._db.fetch_one(
            "SELECT 1 AS one FROM comments c WHERE c.author_platform = ?"
            f" AND c.author_user_id = ? AND {_IN_ROOM} LIMIT 1",
            v.platform(platform).value,
            v.ident(user_id, "user id"),
            v.ref(room_id, "room id"),
        )
        return row is not None

    async def comments_by(self, platform: Platform, user_id: str) -> list[Comment]:
        found = await self._db.fetch_all(
            f"SELECT {rows.COMMENT_COLUMNS} FROM comments"
            " WHERE author_platform = ? AND author_user_id = ? ORDER BY id",
            v.platform(platform).value,
            v.ident(user_id, "user id"),
        )
        return [rows.comment(row, self._d) for row in found]

    async def reuse_mirror(self, mirror_id: int, platform_message_id: str, now: datetime) -> Mirror:
        message_id = v.ident(platform_message_id, "platform message id")
        current = await self._db.fetch_one(
            f"SELECT {rows.MIRROR_COLUMNS} FROM mirrors WHERE id = ?", v.ref(mirror_id, "mirror id")
        )
        if current is None:
            raise NotFoundError(f"mirror {mirror_id} does not exist")
        mirror = rows.mirror(current, self._d)
        taken = await self._db.fetch_one(
            "SELECT 1 AS one FROM mirrors WHERE thread_id = ? AND platform_message_id = ?"
            " AND id <> ? UNION ALL SELECT 1 AS one FROM comments"
            " WHERE thread_id = ? AND platform_message_id = ?",
            mirror.thread_id,
            message_id,
            mirror.id,
            mirror.thread_id,
            message_id,
        )
        if taken is not None:
            raise ConflictError(f"message {message_id!r} on thread {mirror.thread_id} is taken")
        row = await self._db.fetch_one(
            "UPDATE mirrors SET platform_message_id = ?, deleted = FALSE, created_at = ?"
            f" WHERE id = ? RETURNING {rows.MIRROR_COLUMNS}",
            message_id,
            self._d.encode_time(v.utc(now, "now")),
            mirror.id,
        )
        assert row is not None
        return rows.mirror(row, self._d)
