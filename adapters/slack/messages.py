"""What the Slack adapter says to people in Slack's own wording (its command syntax, channels)."""

from __future__ import annotations

__all__ = [
    "BRIEFBOT_USAGE",
    "BRIEF_USAGE",
    "MISSING_URL",
    "WORKING",
    "channel_archived",
    "channel_gone",
    "not_in_channel",
]

# What /brief shows while the article is fetched and the brief written, before its answer.
WORKING = "Working on it… fetching the article and writing the brief."
MISSING_URL = "Give me a link to brief, like `/brief https://example.com/story`."
BRIEF_USAGE = "Use `/brief LINK` to brief here, or `/brief LINK #channel` for another channel."
BRIEFBOT_USAGE = (
    "Use `/briefbot link` for a code that links another channel with this one, "
    "or `/briefbot link CODE` to use a code."
)


def not_in_channel(channel: str) -> str:
    """The bot was not invited to ``channel`` (Slack: ``not_in_channel``)."""
    return f"I'm not in #{channel} yet: invite me with /invite @briefbot, then try again."


def channel_gone(channel: str) -> str:
    return f"I can no longer see #{channel}: it was deleted or made private without me."


def channel_archived(channel: str) -> str:
    return f"#{channel} is archived, so nothing more can be posted there."
