"""``InProcessPacer``: the pacing port within one process (SQLite, tests, one ``briefbot run``).

Each budget keeps one number, the time its next call would be due if calls came at the
average rate (a "theoretical arrival time", the generic cell rate algorithm): a call may go
once ``due - tolerance`` has passed, and moves ``due`` on by one interval. That is a token
bucket of ``burst`` tokens refilled at ``rate``, held in one number, which is what lets
``storage.postgres.pacing`` update a shared budget in one statement with the same rules.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from bot.ports.pacing import Budget, Pace

__all__ = ["InProcessPacer", "after_refusal", "after_turn", "ready_at"]

_EPSILON = 1e-6
"""Shorter waits are float rounding (``due - tolerance`` a hair after ``now``)."""


def ready_at(due: float | None, pace: Pace, now: float) -> float:
    """When a call on a budget whose next call is ``due`` (``None``: rested) may go."""
    return now if due is None else max(now, due - pace.tolerance)


def after_turn(due: float | None, pace: Pace, now: float) -> float:
    """``due`` once one call has taken its turn at ``now`` (counted now, sent when ready)."""
    return (now if due is None else max(due, now)) + pace.interval


def after_refusal(due: float | None, pace: Pace, now: float, hold: float) -> float:
    """``due`` once a refused call's turn is given back and nothing may go for ``hold``
    seconds, then one call (what a ``Retry-After`` allows; ``hold=0`` cuts a burst to one)."""
    given_back = now if due is None else due - pace.interval
    return max(given_back, now + max(0.0, hold) + pace.tolerance)


class InProcessPacer:
    """The ``CallPacer`` port for the calls of this process only."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._due: dict[tuple[str, str, str], float] = {}

    def delay(self, budgets: Sequence[Budget]) -> float:
        """Seconds until a call on ``budgets`` may go; nothing is taken."""
        now = self._clock()
        ready = max((ready_at(self._due.get(b.key), b.pace, now) for b in budgets), default=now)
        wait = ready - now
        return wait if wait > _EPSILON else 0.0

    async def turn(self, budgets: Sequence[Budget], *, within: float) -> float:
        wait = self.delay(budgets)
        if wait > within:
            return wait
        now = self._clock()
        for budget in budgets:
            self._due[budget.key] = after_turn(self._due.get(budget.key), budget.pace, now)
        return wait

    async def refused(self, holds: Sequence[tuple[Budget, float]]) -> None:
        now = self._clock()
        for budget, hold in holds:
            due = after_refusal(self._due.get(budget.key), budget.pace, now, hold)
            self._due[budget.key] = due

    async def close(self) -> None:
        return None
