"""Durable storage behind the ``bot.ports.store.Store`` port.

``open_store(database_url)`` picks the engine from the URL scheme; call ``await
store.open()`` before use (that creates the SQLite file's directory and applies migrations).
"""

from __future__ import annotations

from bot.ports.store import Store
from storage.url import parse_database_url, redact_url

__all__ = ["open_store", "redact_url"]


def open_store(database_url: str) -> Store:
    """A ``SqliteStore`` for ``sqlite:///path`` or a ``PostgresStore`` for ``postgresql://``.

    Raises ``ConfigError`` for an unsupported URL. Nothing is opened until ``open()``.
    """
    parsed = parse_database_url(database_url)
    if parsed.engine == "sqlite":
        from storage.sqlite import SqliteStore

        assert parsed.sqlite_path is not None
        return SqliteStore(parsed.sqlite_path)
    from storage.postgres import PostgresStore

    assert parsed.dsn is not None
    return PostgresStore(parsed.dsn)
