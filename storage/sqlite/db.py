"""The shared repositories' view of one aiosqlite connection inside one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, cast

import aiosqlite

from bot.errors import StorageError
from storage.sql.db import Dialect, Row
from storage.sqlite.errors import DRIVER_ERRORS, translate
from storage.validation import brief_value

__all__ = ["SQLITE", "SqliteDb", "decode_time", "encode_time"]


def encode_time(value: datetime) -> str:
    """UTC as fixed-width text, so that text order is time order."""
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def decode_time(value: Any) -> datetime:
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def _same_text(value: str) -> str:
    return value


SQLITE = Dialect(
    name="sqlite",
    lock_rows="",
    encode_time=encode_time,
    decode_time=decode_time,
    encode_json=_same_text,
    decode_json=brief_value,
)


class SqliteDb:
    """``Db`` over an aiosqlite connection; refuses use once its transaction has ended."""

    dialect = SQLITE

    def __init__(self, conn: aiosqlite.Connection, target: str) -> None:
        self._conn = conn
        self._target = target
        self.closed = False

    async def _rows(self, sql: str, args: Sequence[object]) -> Sequence[Row]:
        if self.closed:
            raise StorageError("this unit of work is already committed or rolled back")
        try:
            found = await self._conn.execute_fetchall(sql, args)
        except DRIVER_ERRORS as exc:
            raise translate(exc, self._target) from exc
        return cast("Sequence[Row]", found)

    async def fetch_one(self, sql: str, *args: object) -> Row | None:
        found = await self._rows(sql, args)
        return found[0] if found else None

    async def fetch_all(self, sql: str, *args: object) -> Sequence[Row]:
        return await self._rows(sql, args)

    async def execute(self, sql: str, *args: object) -> None:
        await self._rows(sql, args)
