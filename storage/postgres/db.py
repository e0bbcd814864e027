"""The shared repositories' view of one asyncpg connection inside one transaction."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, cast

import asyncpg

from bot.errors import StorageError
from storage.postgres.errors import DRIVER_ERRORS, translate
from storage.sql.db import Dialect, Row
from storage.validation import brief_value

__all__ = ["POSTGRES", "PostgresDb", "numbered"]


def _encode_time(value: datetime) -> datetime:
    return value.astimezone(UTC)


def _decode_time(value: Any) -> datetime:
    return cast("datetime", value).astimezone(UTC)


def _same_text(value: str) -> str:
    return value


POSTGRES = Dialect(
    name="postgres",
    lock_rows=" FOR UPDATE SKIP LOCKED",
    encode_time=_encode_time,
    decode_time=_decode_time,
    encode_json=_same_text,
    decode_json=brief_value,
)


@functools.lru_cache(maxsize=512)
def numbered(sql: str) -> str:
    """``?`` placeholders as ``$1, $2, ...`` (the shared SQL has no ``?`` in literals)."""
    parts = sql.split("?")
    return parts[0] + "".join(f"${n}{part}" for n, part in enumerate(parts[1:], start=1))


class PostgresDb:
    """``Db`` over an asyncpg connection; refuses use once its transaction has ended."""

    dialect = POSTGRES

    def __init__(self, conn: asyncpg.Connection, target: str) -> None:
        self._conn = conn
        self._target = target
        self.closed = False

    def _check(self) -> None:
        if self.closed:
            raise StorageError("this unit of work is already committed or rolled back")

    async def fetch_one(self, sql: str, *args: object) -> Row | None:
        self._check()
        try:
            row = await self._conn.fetchrow(numbered(sql), *args)
        except DRIVER_ERRORS as exc:
            raise translate(exc, self._target) from exc
        return cast("Row | None", row)

    async def fetch_all(self, sql: str, *args: object) -> Sequence[Row]:
        self._check()
        try:
            found = await self._conn.fetch(numbered(sql), *args)
        except DRIVER_ERRORS as exc:
            raise translate(exc, self._target) from exc
        return cast("Sequence[Row]", found)

    async def execute(self, sql: str, *args: object) -> None:
        self._check()
        try:
            await self._conn.execute(numbered(sql), *args)
        except DRIVER_ERRORS as exc:
            raise translate(exc, self._target) from exc
