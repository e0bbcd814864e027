"""Discord's name among briefbot's platforms: the one place that says ``"discord"``."""

from __future__ import annotations

from bot.domain.model import Platform

__all__ = ["BADGE_COLOURS", "CAN_REMOVE_ORIGINALS", "DISCORD"]

DISCORD = Platform("discord", label="Discord")

BADGE_COLOURS = ("#4752c4", "#5865f2")
"""The web page's badge for Discord comments (Discord's blurple): light and dark scheme, each at
least 4.5:1 against the badge's white text."""

CAN_REMOVE_ORIGINALS = True
"""With Manage Messages, the bot deletes anyone's message."""
