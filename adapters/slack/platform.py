"""Slack's name among briefbot's platforms: the one place that says ``"slack"``."""

from __future__ import annotations

from bot.domain.model import Platform

__all__ = ["BADGE_COLOURS", "CAN_REMOVE_ORIGINALS", "SLACK"]

SLACK = Platform("slack", label="Slack")

BADGE_COLOURS = ("#611f69", "#8e3b96")
"""The web page's badge for Slack comments (Slack's aubergine): light and dark scheme, each at
least 4.5:1 against the badge's white text."""

CAN_REMOVE_ORIGINALS = False
"""A bot token cannot delete a person's message; a runner given a workspace admin's user token
(``SLACK_ADMIN_USER_TOKEN``) can, and says so on its ``SlackChat``."""
