"""The SQLite engine: one file, WAL, one serialised writer connection (aiosqlite)."""

from storage.sqlite.store import SqliteStore

__all__ = ["SqliteStore"]
