"""Places (one channel on one platform), the rooms that join them, and link codes."""

from __future__ import annotations

from datetime import datetime

from bot.domain.model import Place, Platform, UnreachablePlace
from bot.errors import ConflictError, NotFoundError
from storage import validation as v
from storage.sql import rows
from storage.sql.db import Db

__all__ = ["SqlPlaces"]

_SELECT = f"SELECT {rows.PLACE_COLUMNS} FROM places"


class SqlPlaces:
    """``PlaceRepository`` over SQL.

    Linking merges rooms by moving every place of the other room into this one. Discussions
    already started stay with the room they were started in (their threads keep working);
    briefs posted after the link get one discussion for the merged room.
    """

    def __init__(self, db: Db) -> None:
        self._db = db
        self._d = db.dialect

    async def _new_room(self) -> int:
        row = await self._db.fetch_one(
            "INSERT INTO rooms (created_at) VALUES (CURRENT_TIMESTAMP) RETURNING id"
        )
        assert row is not None
        room_id: int = row["id"]
        return room_id

    async def ensure(
        self, platform: Platform, workspace_id: str, channel_id: str, name: str
    ) -> Place:
        key = (
            v.platform(platform).value,
            v.ident(workspace_id, "workspace id"),
            v.ident(channel_id, "channel id"),
        )
        name = v.name(name, "place name")
        existing = await self.find(Platform(key[0]), key[1], key[2])
        if existing is not None:
            if existing.name == name:
                return existing
            row = await self._db.fetch_one(
                f"UPDATE places SET name = ? WHERE id = ? RETURNING {rows.PLACE_COLUMNS}",
                name,
                existing.id,
            )
            assert row is not None
            return rows.place(row, self._d)
        room_id = await self._new_room()
        row = await self._db.fetch_one(
            "INSERT INTO places (platform, workspace_id, channel_id, name, room_id, created_at)"
            " VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP)"
            f" ON CONFLICT DO NOTHING RETURNING {rows.PLACE_COLUMNS}",
            *key,
            name,
            room_id,
        )
        if row is None:  # another connection created it just now (PostgreSQL)
            await self._db.execute("DELETE FROM rooms WHERE id = ?", room_id)
            return await self.ensure(Platform(key[0]), key[1], key[2], name)
        return rows.place(row, self._d)

    async def get(self, place_id: int) -> Place:
        row = await self._db.fetch_one(f"{_SELECT} WHERE id = ?", v.ref(place_id, "place id"))
        if row is None:
            raise NotFoundError(f"place {place_id} does not exist")
        return rows.place(row, self._d)

    async def find(self, platform: Platform, workspace_id: str, channel_id: str) -> Place | None:
        row = await self._db.fetch_one(
            f"{_SELECT} WHERE platform = ? AND workspace_id = ? AND channel_id = ?",
            v.platform(platform).value,
            v.ident(workspace_id, "workspace id"),
            v.ident(channel_id, "channel id"),
        )
        return None if row is None else rows.place(row, self._d)

    async def in_room(self, room_id: int) -> list[Place]:
        found = await self._db.fetch_all(
            f"{_SELECT} WHERE room_id = ? ORDER BY id", v.ref(room_id, "room id")
        )
        return [rows.place(row, self._d) for row in found]

    async def every(self) -> list[Place]:
        found = await self._db.fetch_all(f"{_SELECT} ORDER BY room_id, id")
        return [rows.place(row, self._d) for row in found]

    async def link(self, place_id: int, other_place_id: int) -> int:
        place = await self.get(place_id)
        other = await self.get(other_place_id)
        if place.room_id != other.room_id:
            await self._db.execute(
                "UPDATE places SET room_id = ? WHERE room_id = ?", place.room_id, other.room_id
            )
        return place.room_id

    async def unlink(self, place_id: int) -> Place:
        place = await self.get(place_id)
        others = await self._db.fetch_one(
            "SELECT COUNT(*) AS n FROM places WHERE room_id = ? AND id <> ?",
            place.room_id,
            place.id,
        )
        if others is None or others["n"] == 0:
            return place
        room_id = await self._new_room()
        row = await self._db.fetch_one(
            f"UPDATE places SET room_id = ? WHERE id = ? RETURNING {rows.PLACE_COLUMNS}",
            room_id,
            place.id,
        )
        assert row is not None
        return rows.place(row, self._d)

    async def add_link_code(self, place_id: int, code: str, expires_at: datetime) -> None:
        code = v.ident(code, "link code")
        expires = self._d.encode_time(v.utc(expires_at, "expires_at"))
        await self.get(place_id)
        row = await self._db.fetch_one(
            "INSERT INTO link_codes (code, place_id, expires_at) VALUES (?, ?, ?) "
            "ON CONFLICT DO NOTHING RETURNING code",
            code,
            place_id,
            expires,
        )
        if row is None:
            raise ConflictError(f"link code {code!r} is already in use")

    async def redeem_link_code(self, code: str, now: datetime) -> Place | None:
        code = v.ident(code, "link code")
        now_value = self._d.encode_time(v.utc(now, "now"))
        row = await self._db.fetch_one(
            "DELETE FROM link_codes WHERE code = ? RETURNING place_id, expires_at", code
        )
        await self._db.execute("DELETE FROM link_codes WHERE expires_at <= ?", now_value)
        if row is None or self._d.decode_time(row["expires_at"]) <= v.utc(now, "now"):
            return None
        return await self.get(row["place_id"])

    async def mark_unreachable(
        self, place_id: int, cause: str, discussion_id: int, detail: str, now: datetime
    ) -> bool:
        place_id = v.ref(place_id, "place id")
        await self.get(place_id)
        row = await self._db.fetch_one(
            "INSERT INTO unreachable_places (place_id, cause, discussion_id, detail, since)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING place_id",
            place_id,
            v.ident(cause, "cause"),
            v.ref(discussion_id, "discussion id"),
            v.error_text(detail),
            self._d.encode_time(v.utc(now, "now")),
        )
        return row is not None

    async def unreachable(self) -> list[UnreachablePlace]:
        found = await self._db.fetch_all(
            "SELECT place_id, cause, discussion_id, detail, since, notified"
            " FROM unreachable_places ORDER BY since, place_id, cause"
        )
        return [
            UnreachablePlace(
                await self.get(row["place_id"]),
                row["cause"],
                row["discussion_id"],
                row["detail"],
                self._d.decode_time(row["since"]),
                bool(row["notified"]),
            )
            for row in found
        ]

    async def mark_notified(self, place_id: int, cause: str) -> None:
        await self._db.execute(
            "UPDATE unreachable_places SET notified = 1 WHERE place_id = ? AND cause = ?",
            v.ref(place_id, "place id"),
            v.ident(cause, "cause"),
        )
