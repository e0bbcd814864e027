"""Snowflake ids as Discord makes them: milliseconds since 2015-01-01 shifted left by 22."""

from __future__ import annotations

import time

__all__ = ["DISCORD_EPOCH_MS", "SnowflakeFactory", "seeded_ids"]

DISCORD_EPOCH_MS = 1_420_070_400_000
# Seeded objects are "created" on 2024-01-01 plus the seed in seconds, so a given seed
# always yields the same ids and every id made at run time sorts after them.
_SEED_BASE_MS = 1_704_067_200_000


class SnowflakeFactory:
    """Strictly increasing snowflakes from the wall clock (so ids sort by creation)."""

    def __init__(self) -> None:
        self._last = 0

    def next(self) -> int:
        now = int(time.time() * 1000) - DISCORD_EPOCH_MS
        candidate = now << 22
        self._last = max(candidate, self._last + 1)
        return self._last


def seeded_ids(seed: int) -> SnowflakeFactory:
    """A factory whose ids depend only on ``seed`` and the order of calls."""
    return _Deterministic((_SEED_BASE_MS + seed * 1000 - DISCORD_EPOCH_MS) << 22)


class _Deterministic(SnowflakeFactory):
    def __init__(self, start: int) -> None:
        super().__init__()
        self._last = start

    def next(self) -> int:
        self._last += 1
        return self._last
