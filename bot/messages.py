"""Every sentence briefbot says to people on any platform, in one place.

A sentence in one platform's wording (its command syntax, its words for things) lives in that
adapter's own ``messages`` module instead.
"""

from __future__ import annotations

import math

from bot.briefing.model import Brief

__all__ = [
    "CANNOT_REMOVE_ORIGINAL",
    "CHANNEL_NOT_FOUND",
    "COMMENT_GONE",
    "COMMENT_HELD",
    "COMMENT_NOT_VISIBLE",
    "COMMENT_REJECTED",
    "DISCUSSION_CLOSED",
    "DISCUSSION_CLOSED_WEB",
    "DISCUSSION_REOPENED",
    "ERASED",
    "INTERNAL_ERROR",
    "INVITATION",
    "NOT_A_MODERATOR",
    "NOT_A_URL",
    "NOT_YOUR_ROOM",
    "REMOVED_BY_MODERATOR",
    "SESSION_EXPIRED",
    "SIGN_IN_EXPIRED",
    "SIGN_IN_UNKNOWN",
    "SIGN_IN_USED",
    "STANDING_UNCHANGED",
    "already_briefed",
    "brief_failed",
    "brief_posted",
    "brief_queued",
    "byline",
    "cooldown",
    "link_code_invalid",
    "link_code_issued",
    "linked",
    "not_allowed",
    "place_unreachable",
]

COMMENT_NOT_VISIBLE = "A comment needs some text people can see."
INTERNAL_ERROR = "Something went wrong on our side; the team has been told. Please try again."
NOT_A_URL = "That does not look like a web address: it must start with http:// or https://."
INVITATION = (
    "💬 This is the discussion thread for the brief above. Reply here to comment: "
    "replies are shared with every place linked to this channel, with your name shown."
)
CHANNEL_NOT_FOUND = "I can't find that channel; check its name and that briefbot was added to it."

# --- moderation ---------------------------------------------------------------------------
REMOVED_BY_MODERATOR = "Removed by a moderator"
"""What readers see where a removed comment was (the web page's entry)."""
ERASED = "This comment was erased at its author's request."
"""The tombstone left where an erased comment was, so the thread still reads."""
DISCUSSION_CLOSED = "🔒 A moderator closed this discussion: new comments are no longer shared."
DISCUSSION_REOPENED = "🔓 A moderator reopened this discussion: comments are shared again."
DISCUSSION_CLOSED_WEB = "This discussion is closed to new comments."
COMMENT_REJECTED = "Your comment was not shared: it breaks this community's rules ({rule})."
COMMENT_HELD = "Your comment is waiting for a moderator and will be shared once approved."
NOT_A_MODERATOR = "Only moderators can do that."
NOT_YOUR_ROOM = "You can only moderate the channels where you are a moderator."
SIGN_IN_UNKNOWN = "That sign-in link is not valid; ask for a new one with /briefbot mod login."
SIGN_IN_EXPIRED = "That sign-in link has expired; ask for a new one with /briefbot mod login."
SIGN_IN_USED = (
    "That sign-in link was already used; each link works once, so ask for a new one with "
    "/briefbot mod login."
)
SESSION_EXPIRED = "Your moderator session has ended; sign in again with /briefbot mod login."
COMMENT_GONE = "That comment no longer exists."
STANDING_UNCHANGED = "That comment is already {standing}."
CANNOT_REMOVE_ORIGINAL = (
    "{platform} does not let briefbot delete a person's own message, so the original in "
    "{place} stays; every copy was removed."
)


def brief_posted(title: str, link: str | None) -> str:
    return f"Posted the brief for “{title}”" + (f": {link}" if link else ".")


def brief_queued(title: str) -> str:
    return f"The brief for “{title}” is queued and will appear in a moment."


def brief_failed(title: str) -> str:
    return f"The brief for “{title}” could not be posted; check that briefbot is in the channel."


def already_briefed(title: str, link: str | None) -> str:
    where = f": {link}" if link else "."
    return f"“{title}” was already briefed here; join the discussion{where}"


def not_allowed() -> str:
    return "Only the people allowed here can post briefs; ask a moderator."


def cooldown(seconds: float) -> str:
    wait = max(1, math.ceil(seconds))
    return f"You just posted a brief; you can post another in {wait} seconds."


def link_code_issued(code: str, minutes: int) -> str:
    return (
        f"Link code: {code}. Within {minutes} minutes, run `/briefbot link {code}` in the "
        "channel to link with this one."
    )


def link_code_invalid() -> str:
    return "That link code is unknown or has expired; ask for a new one with `/briefbot link`."


def linked(names: list[str]) -> str:
    return "Linked. Briefs and comments are now shared between: " + ", ".join(names) + "."


def place_unreachable(platform: str, channel: str) -> str:
    """Told to the other places of a discussion when one of them is lost to briefbot."""
    return (
        f"I can no longer post in {platform} #{channel} (the channel was deleted or archived, "
        "or I was removed from it or lost my permission to post there), so this discussion "
        "does not reach it any more; a moderator there can add me back."
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
