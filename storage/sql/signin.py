"""The audit log and moderators' sign-in links and sessions, over SQL.

Links and sessions are found by the hash of their secret (the caller hashes); a link is
redeemed by one statement that also marks it used, so it works exactly once.
"""

from __future__ import annotations

from datetime import datetime

from bot.domain.moderation import AuditEntry, Moderator, Session
from storage import validation as v
from storage.moderation_codec import moderator_json, moderator_value
from storage.sql.db import Db, Row

__all__ = ["SqlSignIn"]

_AUDIT_COLUMNS = "id, at, moderator, moderator_name, action, room_id, target, detail"


class SqlSignIn:
    def __init__(self, db: Db) -> None:
        self._db = db
        self._d = db.dialect

    def _entry(self, row: Row) -> AuditEntry:
        return AuditEntry(
            id=row["id"],
            at=self._d.decode_time(row["at"]),
            moderator=row["moderator"],
            moderator_name=row["moderator_name"],
            action=row["action"],
            room_id=row["room_id"],
            target=row["target"],
            detail=row["detail"],
        )

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
        row = await self._db.fetch_one(
            "INSERT INTO audit_log (at, moderator, moderator_name, action, room_id, target,"
            f" detail) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING {_AUDIT_COLUMNS}",
            self._d.encode_time(v.utc(at, "at")),
            v.ident(moderator, "moderator"),
            v.name(moderator_name, "moderator name"),
            v.ident(action, "action"),
            None if room_id is None else v.ref(room_id, "room id"),
            v.name(target, "audit target", 1000),
            v.name(detail, "audit detail", 4000),
        )
        assert row is not None
        return self._entry(row)

    async def audit_log(self, rooms: frozenset[int] | None, limit: int = 200) -> list[AuditEntry]:
        sql = f"SELECT {_AUDIT_COLUMNS} FROM audit_log"
        args: list[object] = []
        if rooms is not None:
            ids = sorted(v.ref(room, "room id") for room in rooms)
            if not ids:
                return []
            sql += f" WHERE room_id IN ({', '.join('?' for _ in ids)})"
            args.extend(ids)
        sql += " ORDER BY id DESC LIMIT ?"
        args.append(v.positive(limit, "limit"))
        return [self._entry(row) for row in await self._db.fetch_all(sql, *args)]

    async def add_login(self, token_hash: str, moderator: Moderator, expires_at: datetime) -> None:
        await self._db.execute(
            "INSERT INTO moderator_logins (token_hash, moderator, expires_at) VALUES (?, ?, ?)",
            v.ident(token_hash, "token hash"),
            moderator_json(moderator),
            self._d.encode_time(v.utc(expires_at, "expires_at")),
        )

    async def redeem_login(self, token_hash: str, now: datetime) -> Moderator | None:
        when = self._d.encode_time(v.utc(now, "now"))
        row = await self._db.fetch_one(
            "UPDATE moderator_logins SET used_at = ?"
            " WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING moderator",
            when,
            v.ident(token_hash, "token hash"),
            when,
        )
        return None if row is None else moderator_value(row["moderator"])

    async def login_state(self, token_hash: str, now: datetime) -> str:
        row = await self._db.fetch_one(
            "SELECT expires_at, used_at FROM moderator_logins WHERE token_hash = ?",
            v.ident(token_hash, "token hash"),
        )
        if row is None:
            return "unknown"
        if row["used_at"] is not None:
            return "used"
        if self._d.decode_time(row["expires_at"]) <= v.utc(now, "now"):
            return "expired"
        return "valid"

    async def add_session(
        self, session_id_hash: str, moderator: Moderator, csrf: str, expires_at: datetime
    ) -> None:
        await self._db.execute(
            "INSERT INTO moderator_sessions (id_hash, moderator, csrf, expires_at)"
            " VALUES (?, ?, ?, ?)",
            v.ident(session_id_hash, "session id hash"),
            moderator_json(moderator),
            v.ident(csrf, "CSRF token"),
            self._d.encode_time(v.utc(expires_at, "expires_at")),
        )

    async def session(self, session_id_hash: str, now: datetime) -> Session | None:
        row = await self._db.fetch_one(
            "SELECT id_hash, moderator, csrf, expires_at FROM moderator_sessions"
            " WHERE id_hash = ? AND expires_at > ?",
            v.ident(session_id_hash, "session id hash"),
            self._d.encode_time(v.utc(now, "now")),
        )
        if row is None:
            return None
        return Session(
            id=row["id_hash"],
            moderator=moderator_value(row["moderator"]),
            csrf=row["csrf"],
            expires_at=self._d.decode_time(row["expires_at"]),
        )

    async def end_session(self, session_id_hash: str) -> None:
        await self._db.execute(
            "DELETE FROM moderator_sessions WHERE id_hash = ?",
            v.ident(session_id_hash, "session id hash"),
        )
