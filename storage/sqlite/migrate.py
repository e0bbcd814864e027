"""Apply pending migrations to a SQLite database, each in its own write transaction."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import aiosqlite

from storage.migrations import Migration, check_version
from storage.sqlite.db import encode_time

__all__ = ["current_version", "migrate", "statements"]

_CREATE_VERSION_TABLE = (
    "CREATE TABLE IF NOT EXISTS schema_version ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
)


def statements(script: str) -> list[str]:
    """Split a script into complete statements (``sqlite3.complete_statement`` knows SQL)."""
    found: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            found.append(buffer.strip())
            buffer = ""
    if buffer.strip() and not all(
        line.strip().startswith("--") or not line.strip() for line in buffer.splitlines()
    ):
        raise ValueError(f"incomplete SQL statement at the end of a migration: {buffer!r}")
    return found


async def current_version(conn: aiosqlite.Connection) -> int:
    rows = list(await conn.execute_fetchall("SELECT COALESCE(MAX(version), 0) FROM schema_version"))
    return int(rows[0][0])


async def migrate(
    conn: aiosqlite.Connection, migrations: list[Migration], known: list[Migration], target: str
) -> None:
    """Bring the schema up to the last of ``migrations``; ``known`` are all this code has."""
    await conn.execute_fetchall(_CREATE_VERSION_TABLE)
    check_version(await current_version(conn), known, target)
    for migration in migrations:
        await conn.execute_fetchall("BEGIN IMMEDIATE")
        try:
            if await current_version(conn) >= migration.version:
                await conn.execute_fetchall("ROLLBACK")
                continue
            for statement in statements(migration.sql):
                await conn.execute_fetchall(statement)
            await conn.execute_fetchall(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, encode_time(datetime.now(UTC))),
            )
            await conn.execute_fetchall("COMMIT")
        except BaseException:
            if conn.in_transaction:
                await conn.execute_fetchall("ROLLBACK")
            raise
