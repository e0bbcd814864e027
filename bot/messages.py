"""Every sentence briefbot says to people on any platform, in one place.

A sentence in one platform's wording (its command syntax, its words for things) lives in that
adapter's own ``messages`` module instead.
"""

from __future__ import annotations

import math

from bot.briefing.model import Brief

__all__ = [
    "BAD_BURST",
    "BAD_REPORTS",
    "BAD_WORD_ENTRY",
    "BRIEF_TOO_LONG",
    "CHANNEL_NOT_FOUND",
    "COMMENT_NOT_VISIBLE",
    "COMMENT_REJECTED",
    "DISCUSSION_CLOSED",
    "DISCUSSION_REOPENED",
    "ERASED",
    "INTERNAL_ERROR",
    "INVITATION",
    "NOT_A_MODERATOR",
    "NOT_A_URL",
    "NOT_YOUR_ROOM",
    "REMOVED_BY_MODERATOR",
    "RULE_BANNED_WORD",
    "RULE_BURST",
    "RULE_FIRST_WEB_COMMENT",
    "RULE_LINK",
    "RULE_PRE_MODERATION",
    "RULE_REPORTS",
    "RULE_SUSPECT_WORD",
    "RULE_UNNAMED",
    "SIGN_IN_EXPIRED",
    "SIGN_IN_UNKNOWN",
    "SIGN_IN_USED",
    "STANDING_UNCHANGED",
    "TOO_MANY_ENTRIES",
    "already_briefed",
    "brief_failed",
    "brief_posted",
    "brief_queued",
    "byline",
    "cooldown",
    "figures_unsupported",
    "link_code_invalid",
    "link_code_issued",
    "linked",
    "not_allowed",
    "place_unreachable",
    "policy_burst_set",
    "policy_lines",
    "policy_reports_set",
    "policy_switched",
    "word_added",
    "word_not_listed",
    "word_removed",
    "word_unchanged",
]

COMMENT_NOT_VISIBLE = "A comment needs some text people can see."
BRIEF_TOO_LONG = "That page is too long to brief."
"""A page over the size limit, or one whose brief took longer than allowed."""
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
COMMENT_REJECTED = "Your comment was not shared: it breaks this community's rules ({rule})."
RULE_UNNAMED = "moderation"
"""The rule as an author is told it when none was recorded."""
RULE_BANNED_WORD = "a banned word"
RULE_SUSPECT_WORD = "a word moderators look at first"
"""A word-list rule as its author is told it, without the entry."""
RULE_PRE_MODERATION = "pre-moderation"
"""The pre-moderation rule as a comment's author is told it."""
RULE_LINK = "link"
"""The link rule as a comment's author is told it."""
RULE_FIRST_WEB_COMMENT = "first web comment"
"""The first-web-comment rule as a comment's author is told it."""
RULE_BURST = "burst"
"""The burst rule as a comment's author is told it."""
RULE_REPORTS = "reports"
"""The readers'-reports rule as a comment's author is told it."""
NOT_A_MODERATOR = "Only moderators can do that."
NOT_YOUR_ROOM = "You can only moderate the channels where you are a moderator."
SIGN_IN_UNKNOWN = "That sign-in link is not valid; ask for a new one with /briefbot mod login."
SIGN_IN_EXPIRED = "That sign-in link has expired; ask for a new one with /briefbot mod login."
SIGN_IN_USED = (
    "That sign-in link was already used; each link works once, so ask for a new one with "
    "/briefbot mod login."
)
STANDING_UNCHANGED = "That comment is already {standing}."
BAD_WORD_ENTRY = "A word-list entry needs 1 to 200 characters, with at least one letter or digit."
TOO_MANY_ENTRIES = "That word list is full (10,000 entries); remove some before adding more."
BAD_REPORTS = "Reports to hold must be a whole number from 1 to 100."
BAD_BURST = (
    "A burst is COUNT/SECONDS, like 5/60 (0 to 9999 comments within 1 to 999999 seconds), or off."
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


def figures_unsupported(language: str) -> str:
    """Shown in a brief of an article in a language whose numbers briefbot does not read."""
    return (
        "Key figures are available for English, Spanish, French and German articles; "
        f"this one looks like {language}."
    )


# --- a room's policy, changed from chat -----------------------------------------------------
_LIST_NAMES = {"banned": "banned", "suspect": "suspect"}
_LIST_EFFECT = {
    "banned": "comments containing it are rejected",
    "suspect": "comments containing it wait for a moderator",
}


def word_added(words: str, entry: str) -> str:
    """``words``: ``"banned"`` or ``"suspect"``."""
    return f"“{entry}” is now a {_LIST_NAMES[words]} word here: {_LIST_EFFECT[words]}."


def word_unchanged(words: str, entry: str) -> str:
    return f"“{entry}” was already a {_LIST_NAMES[words]} word here; nothing changed."


def word_removed(words: str, entry: str) -> str:
    return f"“{entry}” is no longer a {_LIST_NAMES[words]} word here."


def word_not_listed(words: str, entry: str) -> str:
    return f"“{entry}” was not a {_LIST_NAMES[words]} word here; nothing changed."


_SWITCHED = {
    ("premoderate_web", True): "Pre-moderation is on: every web comment waits for a moderator.",
    ("premoderate_web", False): "Pre-moderation is off: web comments follow the other rules.",
    ("hold_links", True): "Comments with links now wait for a moderator.",
    ("hold_links", False): "Comments with links are no longer held for a moderator.",
    ("hold_first_web", True): "A web commenter's first comment here now waits for a moderator.",
    ("hold_first_web", False): "A web commenter's first comment is no longer held for a moderator.",
}


def policy_switched(flag: str, on: bool) -> str:
    """``flag``: ``"premoderate_web"``, ``"hold_links"`` or ``"hold_first_web"``."""
    return _SWITCHED[(flag, on)]


def policy_reports_set(count: int) -> str:
    reports = "report" if count == 1 else "reports"
    return f"A comment is now held for a moderator after {count} reader {reports}."


def _burst(count: int, seconds: int) -> str:
    comments = "comment" if count == 1 else "comments"
    return f"{count} {comments} within {seconds} seconds"


def policy_burst_set(count: int, seconds: int | None, *, changed: bool) -> str:
    """After ``/briefbot mod burst``: ``count`` 0 is off; ``seconds`` ``None`` when only
    turned off."""
    if count == 0:
        if changed:
            return "Bursts are no longer held: an author may write as often as they like."
        return "Holding bursts was already off; nothing changed."
    rule = _burst(count, seconds or 0)
    if changed:
        return f"A comment is now held once its author has written {rule}."
    return f"Bursts were already held at {rule}; nothing changed."


def _entries(entries: tuple[str, ...], shown: int) -> str:
    if not entries:
        return "none"
    listed = ", ".join(entries[:shown])
    more = len(entries) - shown
    return f"{len(entries)}: {listed}" + (f" and {more} more" if more > 0 else "")


def policy_lines(
    banned: tuple[str, ...],
    suspect: tuple[str, ...],
    *,
    hold_links: bool,
    premoderate_web: bool,
    hold_first_web: bool,
    reports_to_hold: int,
    burst_count: int,
    burst_seconds: int,
    shown: int = 20,
) -> list[str]:
    """A room's policy in a few lines (for the moderator who asked, never a channel)."""

    def on(flag: bool) -> str:
        return "on" if flag else "off"

    return [
        f"Banned words ({_entries(banned, shown)})",
        f"Suspect words ({_entries(suspect, shown)})",
        f"Hold links: {on(hold_links)} · Web pre-moderation: {on(premoderate_web)}"
        f" · Hold a web commenter's first comment: {on(hold_first_web)}",
        f"Reports that hold a comment: {reports_to_hold} · Hold a burst: "
        + (_burst(burst_count, burst_seconds) if burst_count > 0 else "off"),
    ]
