"""Apply pending migrations to a SQLite database, each in its own write transaction.

A migration that rewrites a table's schema in place (SQLite's documented "simpler procedure"
for changes that touch no stored byte, such as a CHECK constraint: ``PRAGMA writable_schema``
and an UPDATE of ``sqlite_master``) writes ``PRAGMA schema_version = schema_version + 1``,
which is not SQL SQLite knows: a pragma takes only a literal. This module reads the current
number and writes one more, and, before such a migration commits, runs
``PRAGMA integrity_check``, which also checks every row against the new constraints.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime

import aiosqlite

from bot.errors import StorageError
from storage.migrations import Migration, check_version
from storage.sqlite.db import encode_time

__all__ = ["current_version", "migrate", "statements"]

_CREATE_VERSION_TABLE = (
    "CREATE TABLE IF NOT EXISTS schema_version ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
)


_BUMP_SCHEMA_VERSION = re.compile(
    r"PRAGMA\s+schema_version\s*=\s*schema_version\s*\+\s*1\s*;?", re.IGNORECASE
)


def _without_comments(statement: str) -> str:
    """The statement without its ``--`` comment lines (a comment may introduce the bump)."""
    return "\n".join(
        line for line in statement.splitlines() if not line.lstrip().startswith("--")
    ).strip()


async def _bump_schema_version(conn: aiosqlite.Connection) -> None:
    rows = list(await conn.execute_fetchall("PRAGMA schema_version"))
    await conn.execute_fetchall(f"PRAGMA schema_version = {int(rows[0][0]) + 1}")


async def _check_integrity(conn: aiosqlite.Connection, migration: Migration) -> None:
    rows = [str(row[0]) for row in await conn.execute_fetchall("PRAGMA integrity_check")]
    if rows != ["ok"]:
        raise StorageError(
            f"migration {migration.version:04d}_{migration.name} left the database "
            f"inconsistent: {'; '.join(rows[:5])}"
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


async def _applied(conn: aiosqlite.Connection, version: int) -> bool:
    rows = list(
        await conn.execute_fetchall("SELECT 1 FROM schema_version WHERE version = ?", (version,))
    )
    return bool(rows)


async def migrate(
    conn: aiosqlite.Connection, migrations: list[Migration], known: list[Migration], target: str
) -> None:
    """Bring the schema up to the last of ``migrations``; ``known`` are all this code has."""
    await conn.execute_fetchall(_CREATE_VERSION_TABLE)
    check_version(await current_version(conn), known, target)
    for migration in migrations:
        await conn.execute_fetchall("BEGIN IMMEDIATE")
        try:
            if await _applied(conn, migration.version):
                await conn.execute_fetchall("ROLLBACK")
                continue
            rewrote_schema = False
            for statement in statements(migration.sql):
                if _BUMP_SCHEMA_VERSION.fullmatch(_without_comments(statement)):
                    await _bump_schema_version(conn)
                    rewrote_schema = True
                else:
                    await conn.execute_fetchall(statement)
            if rewrote_schema:
                await _check_integrity(conn, migration)
            await conn.execute_fetchall(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, encode_time(datetime.now(UTC))),
            )
            await conn.execute_fetchall("COMMIT")
        except BaseException:
            if conn.in_transaction:
                await conn.execute_fetchall("ROLLBACK")
            await conn.execute_fetchall("PRAGMA writable_schema = OFF")
            raise
