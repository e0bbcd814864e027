"""What the Slack adapter says to people about Slack itself (channel membership, archiving)."""

from __future__ import annotations

__all__ = ["channel_archived", "channel_gone", "not_in_channel"]


def not_in_channel(channel: str) -> str:
    """The bot was not invited to ``channel`` (Slack: ``not_in_channel``)."""
    return f"I'm not in #{channel} yet: invite me with /invite @briefbot, then try again."


def channel_gone(channel: str) -> str:
    return f"I can no longer see #{channel}: it was deleted or made private without me."


def channel_archived(channel: str) -> str:
    return f"#{channel} is archived, so nothing more can be posted there."
