"""Discord's name among briefbot's platforms: the one place that says ``"discord"``."""

from __future__ import annotations

from bot.domain.model import Platform

__all__ = ["DISCORD"]

DISCORD = Platform("discord", label="Discord")
