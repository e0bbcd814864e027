"""What the Discord adapter says to people in Discord's own wording (its command options,
its permission names, its DMs)."""

from __future__ import annotations

from bot.moderation.policy import BANNED_AUTHOR, CLOSED_DISCUSSION, reason_for_author

__all__ = [
    "COMMENT_UNKNOWN",
    "HELD",
    "MISSING_URL",
    "NOT_ALLOWED_TO_SET_UP",
    "NOT_A_DISCUSSION",
    "NOT_A_MODERATOR",
    "NOT_SHARED",
    "NO_QUEUE",
    "banned",
    "cannot_post_in",
    "closed",
    "login_link",
    "rejected_by_dm",
    "removed_everywhere",
    "removed_in_thread",
    "reopened",
    "unbanned",
]

# Discord's /brief takes the link as its ``url`` option, so the example names it.
MISSING_URL = "Give me a link to brief, like `/brief url:https://example.com/story`."
NOT_A_MODERATOR = (
    "Only members with the Manage Messages permission in this channel or a moderator role "
    "can moderate here."
)
NOT_ALLOWED_TO_SET_UP = (
    "Only moderators (Manage Messages or a moderator role) and members with the Manage "
    "Channels permission can link channels or manage feeds here."
)
COMMENT_UNKNOWN = "That message is not a comment briefbot shares, so there is nothing to moderate."
NOT_A_DISCUSSION = "Run this inside the discussion thread of a brief."
HELD = "The comment is held for review: its copies are gone until a moderator approves it."
NOT_SHARED = (
    "This channel shares no discussions through briefbot yet, so there is nothing to moderate."
)
NO_QUEUE = "The moderation queue is on the web site, and this briefbot has no web address set."


def cannot_post_in(channel: str) -> str:
    """The member may not send messages in ``channel``, so briefbot will not post there for them."""
    return f"You cannot post in #{channel}, so briefbot will not post a brief there for you."


def removed_everywhere(kept: list[str]) -> str:
    """After "Remove everywhere"; ``kept`` names places where people's own messages stay."""
    if not kept:
        return "The comment was removed everywhere it was shared."
    places = ", ".join(kept)
    return (
        f"The comment was removed everywhere except the original in {places}, where briefbot "
        "may not delete people's messages: please remove it there by hand."
    )


def banned(name: str) -> str:
    return (
        f"{name} is banned from the discussions shared with this channel: "
        "their new comments are rejected."
    )


def unbanned(name: str) -> str:
    return f"{name} may comment again in the discussions shared with this channel."


def closed() -> str:
    return "This discussion is closed: nothing more is shared and its threads are locked."


def reopened() -> str:
    return "This discussion is open again."


def login_link(url: str, minutes: int) -> str:
    return f"Your sign-in link to the moderation queue, valid once for {minutes} minutes: {url}"


def rejected_by_dm(discussion: str, rule: str | None) -> str:
    """The DM to a reader whose comment was rejected (one sentence, no quote of it)."""
    if rule == CLOSED_DISCUSSION:
        return f"Your comment in “{discussion}” was not shared because the discussion is closed."
    if rule == BANNED_AUTHOR:
        return f"Your comment in “{discussion}” was not shared: a moderator banned you there."
    why = f" ({reason_for_author(rule)})" if rule else ""
    return (
        f"Your comment in “{discussion}” was not shared because it breaks the "
        f"discussion rules{why}."
    )


def removed_in_thread(name: str) -> str:
    """Said in the thread when the author could not be told by DM (nothing of the comment)."""
    return f"A comment by {name} was removed because it breaks the discussion rules."
