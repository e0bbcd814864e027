"""The emulator's exceptions; ``SlackError`` becomes a ``{"ok": false, "error": ...}`` body."""

from __future__ import annotations

from typing import Any

__all__ = ["EmulatorError", "SlackError"]


class EmulatorError(Exception):
    """Root of everything the emulator raises on purpose."""


class SlackError(EmulatorError):
    """A Web API failure: Slack's error code, extra body fields and the HTTP status."""

    def __init__(self, error: str, *, status: int = 200, **extra: Any) -> None:
        super().__init__(error)
        self.error = error
        self.status = status
        self.extra = extra

    def body(self) -> dict[str, Any]:
        return {"ok": False, "error": self.error, **self.extra}
