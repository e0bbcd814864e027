"""Translate sqlite3/aiosqlite exceptions into ``StorageError`` subclasses."""

from __future__ import annotations

import sqlite3

from bot.errors import (
    ConflictError,
    InvalidDataError,
    NotFoundError,
    StorageError,
    StorageUnavailableError,
)

__all__ = ["DRIVER_ERRORS", "translate"]

#: What may escape sqlite3 or aiosqlite (aiosqlite raises ``ValueError`` once closed).
DRIVER_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, ValueError, OverflowError, OSError)

_UNAVAILABLE = (
    "unable to open",
    "disk i/o error",
    "database is locked",
    "database or disk is full",
    "readonly database",
    "closed",
    "no active connection",
    "not a database",
    "malformed",
)


def translate(exc: BaseException, target: str) -> StorageError:
    """The ``StorageError`` to raise instead of ``exc``; ``target`` names the database."""
    message = str(exc)
    lowered = message.lower()
    if isinstance(exc, sqlite3.IntegrityError):
        if lowered.startswith("unique") or "primary key" in lowered:
            return ConflictError(f"that record already exists ({message})")
        if "foreign key" in lowered:
            return NotFoundError(f"a record it refers to does not exist ({message})")
        return InvalidDataError(f"the data does not fit the schema ({message})")
    if isinstance(exc, sqlite3.DataError | OverflowError) or "too big" in lowered:
        return InvalidDataError(f"the data does not fit the database ({message})")
    if isinstance(exc, OSError) or any(marker in lowered for marker in _UNAVAILABLE):
        return StorageUnavailableError(f"SQLite database {target} is unavailable: {message}")
    return StorageError(f"SQLite database {target} failed: {message}")
