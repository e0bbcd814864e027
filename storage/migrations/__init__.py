"""Versioned schema migrations, one directory of numbered ``.sql`` files per engine.

``NNNN_name.sql`` files are applied in order, each in its own transaction, and recorded in
``schema_version``. Numbers may have gaps (features developed in parallel reserve theirs):
every migration not recorded yet is applied, so one merged later with a lower number than
the latest applied still runs. Such migrations must not depend on each other. Later
features add files here (feeds: a ``feeds`` table and a nullable ``articles.feed_id``;
moderation: a ``moderation_decisions`` table keyed by comment) without rewriting the tables
below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Literal

from bot.errors import StorageError

__all__ = ["Migration", "check_version", "load"]

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def load(engine: Literal["sqlite", "postgres"], upto: int | None = None) -> list[Migration]:
    """The engine's migrations in order, optionally only those up to version ``upto``."""
    found: list[Migration] = []
    for entry in resources.files(__package__).joinpath(engine).iterdir():
        match = _NAME.match(entry.name)
        if match is None:
            continue
        version = int(match.group(1))
        if upto is None or version <= upto:
            found.append(Migration(version, match.group(2), entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions) or (versions and versions[0] < 1):
        raise StorageError(f"{engine} migrations are not numbered uniquely from 1: {versions}")
    return found


def check_version(current: int, migrations: list[Migration], target: str) -> None:
    """Refuse a database written by a newer briefbot than this one."""
    latest = migrations[-1].version if migrations else 0
    if current > latest:
        raise StorageError(
            f"{target} has schema version {current}, newer than this briefbot knows ({latest}); "
            "upgrade briefbot"
        )
