"""Positions within a discussion, handed out in commit order.

The first position a unit of work takes in a discussion increments the discussion's
counter (``discussions.next_seq``). On PostgreSQL that UPDATE holds the discussion's row
lock until the unit of work ends, so a second writer of the same discussion waits for the
first to commit (or roll back) before it gets a number: a position that is visible implies
every lower one is visible too (or was never committed). SQLite's single writer
(``BEGIN IMMEDIATE``) gives the same order. Identity ids give no such promise: an id taken
earlier may commit later.

Further positions in the same discussion and unit of work are counted here, under the lock
already held, and written back once at commit (:meth:`Positions.flush`): a batch of 500
comments updates the counter twice, not 500 times.

Take the position before inserting the row it numbers, so that ids within one discussion
follow positions too (the second writer cannot draw an id before the first commits).
"""

from __future__ import annotations

from bot.errors import NotFoundError
from storage.sql.db import Db

__all__ = ["Positions"]


class Positions:
    """The positions one unit of work takes; ``flush`` before it commits."""

    def __init__(self, db: Db) -> None:
        self._db = db
        # discussion id -> [last position handed out, last position written to the row]
        self._taken: dict[int, list[int]] = {}

    async def take(self, discussion_id: int) -> int:
        """The next position in the discussion; locks it until the unit of work ends.

        Raises ``NotFoundError`` when the discussion does not exist.
        """
        known = self._taken.get(discussion_id)
        if known is not None:
            known[0] += 1
            return known[0]
        row = await self._db.fetch_one(
            "UPDATE discussions SET next_seq = next_seq + 1 WHERE id = ? RETURNING next_seq",
            discussion_id,
        )
        if row is None:
            raise NotFoundError(f"discussion {discussion_id} does not exist")
        position = int(row["next_seq"])
        self._taken[discussion_id] = [position, position]
        return position

    async def flush(self) -> None:
        """Write back the positions counted here since the row was last written."""
        for discussion_id, known in self._taken.items():
            given, written = known
            if given > written:
                await self._db.execute(
                    "UPDATE discussions SET next_seq = ? WHERE id = ?", given, discussion_id
                )
                known[1] = given
