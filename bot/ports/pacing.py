"""The pacing port: when each call to a rate-limited platform may go, before it is sent.

A platform limits calls by budget (Slack: per method per workspace, and per channel for
posting). Every process that calls on one budget must draw on the same allowance, or N
processes send N times the limit: :class:`CallPacer` is that allowance, kept within one
process (``bot.services.pacing.InProcessPacer``) or shared through the database by every
process on it (``storage.postgres.pacing.PostgresPacer``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

__all__ = ["Budget", "CallPacer", "Pace"]


@dataclass(frozen=True, slots=True)
class Pace:
    """``rate`` calls per second on average, ``burst`` of them at once after a rest."""

    rate: float
    burst: float

    @property
    def interval(self) -> float:
        """Seconds between two calls at the average rate."""
        return 1.0 / self.rate

    @property
    def tolerance(self) -> float:
        """How far ahead of the average rate a burst may run, in seconds."""
        return max(0.0, self.burst - 1.0) / self.rate


@dataclass(frozen=True, slots=True)
class Budget:
    """One allowance of calls: ``scope`` (whose: an app's install in one workspace),
    ``name`` (which calls: a method) and ``channel`` ("" for the whole scope), at ``pace``."""

    scope: str
    name: str
    channel: str
    pace: Pace

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.scope, self.name, self.channel)


class CallPacer(Protocol):
    """When calls may go, so that together they keep within every budget they draw on."""

    async def turn(self, budgets: Sequence[Budget], *, within: float) -> float:
        """Take one call's turn on every budget; the seconds to wait before making it.

        When that turn is more than ``within`` seconds away nothing is taken and the wait
        (greater than ``within``) is returned: the caller does not make the call now.
        """
        ...

    async def refused(self, holds: Sequence[tuple[Budget, float]]) -> None:
        """The platform refused a call made on its turn: each budget gets that turn back
        and then waits the given seconds (a ``Retry-After``) before its next call."""
        ...

    async def close(self) -> None:
        """Release what the pacer holds (connections); a no-op for an in-process one."""
        ...
