"""The lease port: the right, among processes, to hold one platform connection.

Discord allows one gateway session per bot token; with several ``briefbot run`` processes
only the holder of the gateway lease connects it, and another takes over when it dies.
"""

from __future__ import annotations

from typing import Protocol

__all__ = ["Lease"]


class Lease(Protocol):
    """Held by at most one process at a time."""

    async def acquire(self) -> None:
        """Wait until this process holds the lease."""
        ...

    async def lost(self) -> None:
        """Return once the lease is no longer held (its connection to the database died)."""
        ...

    async def release(self) -> None:
        """Give the lease up (a no-op when not held)."""
        ...
