"""Apply pending migrations to a PostgreSQL schema, each in its own transaction."""

from __future__ import annotations

import asyncpg

from storage.migrations import Migration, check_version

__all__ = ["migrate"]

# Serialises migrators of one database (several bots starting at once).
_LOCK_ID = 0x62726965  # "brie"

_CREATE_VERSION_TABLE = (
    "CREATE TABLE IF NOT EXISTS schema_version ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
    " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
)


async def _current(conn: asyncpg.Connection) -> int:
    value = await conn.fetchval("SELECT COALESCE(MAX(version), 0) FROM schema_version")
    return int(value)


async def migrate(
    conn: asyncpg.Connection, migrations: list[Migration], known: list[Migration], target: str
) -> None:
    """Bring the schema up to the last of ``migrations``; ``known`` are all this code has."""
    async with conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock($1)", _LOCK_ID)
        await conn.execute(_CREATE_VERSION_TABLE)
        check_version(await _current(conn), known, target)
    for migration in migrations:
        async with conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock($1)", _LOCK_ID)
            if await conn.fetchval(
                "SELECT 1 FROM schema_version WHERE version = $1", migration.version
            ):
                continue
            await conn.execute(migration.sql)
            await conn.execute(
                "INSERT INTO schema_version (version, name) VALUES ($1, $2)",
                migration.version,
                migration.name,
            )
