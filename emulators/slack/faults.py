"""Failures injected on purpose through the control API: "make chat.update fail twice"."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Fault", "FaultBook"]


@dataclass
class Fault:
    """``count`` next calls of ``method`` fail: with HTTP ``status`` (5xx or 429) or, when
    status is 200, with ``{"ok": false, "error": error}``."""

    method: str
    count: int
    status: int = 500
    error: str = "internal_error"
    retry_after: int = 1

    def as_json(self) -> dict[str, object]:
        return {
            "method": self.method,
            "count": self.count,
            "status": self.status,
            "error": self.error,
            "retry_after": self.retry_after,
        }


class FaultBook:
    def __init__(self) -> None:
        self._faults: list[Fault] = []

    def add(self, fault: Fault) -> None:
        self._faults.append(fault)

    def clear(self) -> None:
        self._faults.clear()

    def pending(self) -> list[Fault]:
        return [f for f in self._faults if f.count > 0]

    def take(self, method: str) -> Fault | None:
        """The fault to apply to this call of ``method``, if any (and count it down)."""
        for fault in self._faults:
            if fault.count > 0 and fault.method in (method, "*"):
                fault.count -= 1
                return fault
        return None
