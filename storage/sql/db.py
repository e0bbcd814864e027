"""What the shared repositories need from an engine."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

__all__ = ["Db", "Dialect", "Row"]


class Row(Protocol):
    """A result row readable by column name (``sqlite3.Row``, ``asyncpg.Record``)."""

    def __getitem__(self, key: str, /) -> Any: ...


@dataclass(frozen=True, slots=True)
class Dialect:
    """How one engine stores what the SQL cannot say the same way.

    ``lock_rows`` is appended to the outbox claim's inner ``SELECT`` (PostgreSQL's
    ``FOR UPDATE SKIP LOCKED``; empty on SQLite, where the single writer already serialises).
    """

    name: str
    lock_rows: str
    encode_time: Callable[[datetime], object]
    decode_time: Callable[[Any], datetime]
    encode_json: Callable[[str], object]
    decode_json: Callable[[Any], dict[str, Any]]

    def time_or_none(self, value: Any) -> datetime | None:
        return None if value is None else self.decode_time(value)


class Db(Protocol):
    """One connection inside one open transaction. SQL uses ``?`` placeholders.

    Every method raises only ``StorageError`` subclasses (driver errors are translated).
    """

    dialect: Dialect

    async def fetch_one(self, sql: str, *args: object) -> Row | None: ...

    async def fetch_all(self, sql: str, *args: object) -> Sequence[Row]: ...

    async def execute(self, sql: str, *args: object) -> None: ...
