"""What the Discord adapter says to people in Discord's own wording (its command options)."""

from __future__ import annotations

__all__ = ["MISSING_URL", "cannot_post_in"]

# Discord's /brief takes the link as its ``url`` option, so the example names it.
MISSING_URL = "Give me a link to brief, like `/brief url:https://example.com/story`."


def cannot_post_in(channel: str) -> str:
    """The member may not send messages in ``channel``, so briefbot will not post there for them."""
    return f"You cannot post in #{channel}, so briefbot will not post a brief there for you."
