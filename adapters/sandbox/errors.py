"""The sandbox's own error: one plain sentence for the person who typed ``make sandbox``."""

from __future__ import annotations

from bot.errors import BriefbotError

__all__ = ["SandboxError"]


class SandboxError(BriefbotError):
    """The sandbox could not start (a port in use, an emulator that did not answer...)."""

    default_message = "The sandbox could not start."
