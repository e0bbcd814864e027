"""Apply pending migrations to a SQLite database, each in its own write transaction."""

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


# A migration that rewrites a table's CREATE statement (writable_schema) asks for the schema
# version to be bumped with this line; SQLite's PRAGMA takes only a literal, so it is
# computed here. https://www.sqlite.org/lang_altertable.html ("Making Other Kinds Of Table
# Schema Changes").
_BUMP_SCHEMA = re.compile(
    r"^PRAGMA\s+schema_version\s*=\s*schema_version\s*\+\s*1\s*;?$", re.IGNORECASE
)


async def _run(conn: aiosqlite.Connection, statement: str) -> None:
    bare = "\n".join(
        line for line in statement.splitlines() if not line.lstrip().startswith("--")
    ).strip()
    if _BUMP_SCHEMA.match(bare):
        found = list(await conn.execute_fetchall("PRAGMA schema_version"))
        statement = f"PRAGMA schema_version = {int(found[0][0]) + 1}"
    await conn.execute_fetchall(statement)


async def _check_file(conn: aiosqlite.Connection, migration: Migration) -> None:
    """After a schema rewrite: every row must still satisfy the (new) constraints."""
    found = [str(row[0]) for row in await conn.execute_fetchall("PRAGMA integrity_check")]
    if found != ["ok"]:
        raise StorageError(
            f"migration {migration.version} ({migration.name}) left the database inconsistent:"
            f" {'; '.join(found[:5])}"
        )


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
                await _run(conn, statement)
            if "writable_schema" in migration.sql:
                await _check_file(conn, migration)
            await conn.execute_fetchall(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, encode_time(datetime.now(UTC))),
            )
            await conn.execute_fetchall("COMMIT")
        except BaseException:
            if conn.in_transaction:
                await conn.execute_fetchall("ROLLBACK")
            raise
