"""A separate process for the durability test: commits comments one by one, forever.

    python -m tests.integration.storage.durability_writer DB_PATH THREAD_ID

Prints each comment id after its transaction committed, so the parent knows what must
survive a ``SIGKILL`` at any moment.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, datetime

from adapters.discord.platform import DISCORD
from bot.domain.model import Author
from bot.ports.store import NewComment
from storage.sqlite import SqliteStore


async def write_forever(path: str, thread_id: int) -> None:
    store = SqliteStore(path)
    await store.open()
    author = Author(DISCORD, "writer", "Writer")
    for n in range(1_000_000):
        async with store.transaction() as tx:
            comment, _ = await tx.comments.add(
                NewComment(
                    thread_id, f"burst-{n}", author, f"comment number {n}", datetime.now(UTC)
                )
            )
            await tx.commit()
        print(comment.id, n, flush=True)


if __name__ == "__main__":
    asyncio.run(write_forever(sys.argv[1], int(sys.argv[2])))
