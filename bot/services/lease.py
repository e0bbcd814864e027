"""The lease of a single process (SQLite): always held, never lost."""

from __future__ import annotations

import asyncio

__all__ = ["SoleLease"]


class SoleLease:
    """The ``Lease`` port when only one process can use the database."""

    async def acquire(self) -> None:
        return None

    async def lost(self) -> None:
        await asyncio.Event().wait()

    async def release(self) -> None:
        return None
