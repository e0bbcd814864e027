"""Who may run /brief, and how often: an allow-list and a per-user cooldown."""

from __future__ import annotations

import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

__all__ = ["BriefGate", "GateDecision"]


@dataclass(frozen=True, slots=True)
class GateDecision:
    allowed: bool
    reason: str | None = None
    retry_after: float = 0.0


@dataclass
class BriefGate:
    """``allowed`` holds user, role or user-group ids; empty means anyone may brief."""

    allowed: frozenset[str] = frozenset()
    cooldown_seconds: float = 30.0
    clock: Callable[[], float] = time.monotonic
    _last: dict[tuple[str, str], float] = field(default_factory=dict)

    def check(self, platform: str, user_id: str, groups: Collection[str] = ()) -> GateDecision:
        if self.allowed and user_id not in self.allowed and not self.allowed.intersection(groups):
            return GateDecision(False, "not_allowed")
        last = self._last.get((platform, user_id))
        now = self.clock()
        if last is not None and now - last < self.cooldown_seconds:
            return GateDecision(False, "cooldown", self.cooldown_seconds - (now - last))
        return GateDecision(True)

    def record(self, platform: str, user_id: str) -> None:
        self._last[(platform, user_id)] = self.clock()
