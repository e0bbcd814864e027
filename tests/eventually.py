"""The one way tests wait for something that happens elsewhere (another task, a server)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

__all__ = ["eventually"]

T = TypeVar("T")


async def eventually(
    check: Callable[[], Awaitable[T]], within: float = 10.0, *, every: float = 0.05
) -> T:
    """Poll ``check`` until it returns something truthy, and return that.

    Raises ``TimeoutError`` after ``within`` seconds: generous by default, since a loaded
    CI machine is slow but never wrong, and a check that holds returns at once.
    """
    async with asyncio.timeout(within):
        while True:
            found = await check()
            if found:
                return found
            # Polling state in another server or task: there is nothing to await on.
            await asyncio.sleep(every)
