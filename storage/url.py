"""Database URLs: which engine, which file or server, and how to print one safely."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

from bot.errors import ConfigError

__all__ = ["DatabaseUrl", "parse_database_url", "redact_url"]


@dataclass(frozen=True, slots=True)
class DatabaseUrl:
    """A parsed ``DATABASE_URL``: ``sqlite_path`` for SQLite, ``dsn`` for PostgreSQL."""

    engine: Literal["sqlite", "postgres"]
    sqlite_path: Path | None = None
    dsn: str | None = None


def parse_database_url(url: str) -> DatabaseUrl:
    """``sqlite:///relative/file.sqlite3``, ``sqlite:////absolute/file.sqlite3`` or
    ``postgresql://user:password@host:port/database``.

    Raises ``ConfigError`` (naming ``DATABASE_URL``) for anything else.
    """
    scheme, sep, rest = url.partition("://")
    scheme = scheme.lower()
    if sep and scheme == "sqlite":
        if not rest.startswith("/") or rest == "/":
            raise ConfigError(
                f"DATABASE_URL {redact_url(url)!r}: a SQLite URL is sqlite:///relative/path "
                "or sqlite:////absolute/path"
            )
        path = rest[1:]
        if path in {":memory:", ""} or "?" in path:
            raise ConfigError(f"DATABASE_URL {redact_url(url)!r}: expected a file path")
        return DatabaseUrl(engine="sqlite", sqlite_path=Path(path))
    if sep and scheme in {"postgresql", "postgres"}:
        return DatabaseUrl(engine="postgres", dsn=url)
    raise ConfigError(
        f"DATABASE_URL {redact_url(url)!r} is not supported: use sqlite:///path/to/file.sqlite3 "
        "or postgresql://user@host:5432/database"
    )


def redact_url(url: str) -> str:
    """The URL with any password replaced by ``***`` (safe for logs and error messages)."""
    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        netloc = parts.netloc.rsplit("@", 1)
        user = parts.username or ""
        return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[-1]}"))
    except ValueError:
        return "<unparseable database URL>"
