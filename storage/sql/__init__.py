"""Repositories written once in SQL that SQLite and PostgreSQL both speak.

Each engine supplies a :class:`~storage.sql.db.Db` (one connection inside one transaction)
and a :class:`~storage.sql.db.Dialect` (how times and JSON are stored, whether claims lock
rows); the repositories here do the rest.
"""

from storage.sql.db import Db, Dialect, Row
from storage.sql.transaction import SqlTransaction

__all__ = ["Db", "Dialect", "Row", "SqlTransaction"]
