"""Slack's name among briefbot's platforms: the one place that says ``"slack"``."""

from __future__ import annotations

from bot.domain.model import Platform

__all__ = ["SLACK"]

SLACK = Platform("slack", label="Slack")
