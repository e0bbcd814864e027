"""Pieces both renderers share: the byline and the invitation to discuss."""

from __future__ import annotations

from bot.briefing.model import Brief

__all__ = ["INVITATION", "byline"]

INVITATION = (
    "💬 This is the discussion thread for the brief above. Reply here to comment: "
    "replies are shared with every place linked to this channel, with your name shown."
)


def byline(brief: Brief) -> str:
    """ "Riverside Gazette · 3 March 2026 · 4 min read"; parts that are unknown are left out."""
    parts: list[str] = []
    if brief.site_name:
        parts.append(brief.site_name)
    if brief.published:
        parts.append(f"{brief.published.day} {brief.published:%B %Y}")
    if brief.reading_minutes:
        parts.append(f"{brief.reading_minutes} min read")
    return " · ".join(parts)
