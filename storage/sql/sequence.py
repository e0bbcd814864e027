"""Positions within a discussion, handed out in commit order.

``take_position`` increments the discussion's counter inside the caller's transaction. On
PostgreSQL the UPDATE holds the discussion's row lock until that transaction ends, so a
second writer of the same discussion waits for the first to commit (or roll back) before it
gets the next number: a position that is visible implies every lower one is visible too (or
was never committed). SQLite's single writer (``BEGIN IMMEDIATE``) gives the same order.
Identity ids give no such promise: an id taken earlier may commit later.

Take the position before inserting the row it numbers, so that ids within one discussion
follow positions too (the second writer cannot draw an id before the first commits).
"""

from __future__ import annotations

from bot.errors import NotFoundError
from storage.sql.db import Db

__all__ = ["take_position"]


async def take_position(db: Db, discussion_id: int) -> int:
    """The next position in the discussion; locks the discussion until the transaction ends.

    Raises ``NotFoundError`` when the discussion does not exist.
    """
    row = await db.fetch_one(
        "UPDATE discussions SET next_seq = next_seq + 1 WHERE id = ? RETURNING next_seq",
        discussion_id,
    )
    if row is None:
        raise NotFoundError(f"discussion {discussion_id} does not exist")
    return int(row["next_seq"])
