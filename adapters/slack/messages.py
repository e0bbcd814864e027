"""What the Slack adapter says to people in Slack's own wording (its command syntax, channels)."""

from __future__ import annotations

from bot import messages
from bot.moderation.policy import BANNED_AUTHOR, CLOSED_DISCUSSION, reason_for_author

__all__ = [
    "BRIEFBOT_USAGE",
    "BRIEF_USAGE",
    "CANNOT_CHECK",
    "MISSING_URL",
    "MOD_USAGE",
    "NOT_A_COMMENT",
    "NOT_A_MODERATOR",
    "NO_DISCUSSION",
    "NO_WEB_QUEUE",
    "POLICY_USAGE",
    "UNKNOWN_PERSON",
    "UNKNOWN_PLATFORM",
    "WORKING",
    "banned",
    "channel_archived",
    "channel_gone",
    "closed",
    "held",
    "login_link",
    "not_in_channel",
    "opened",
    "rejected",
    "removed",
    "unbanned",
]

# What /brief shows while the article is fetched and the brief written, before its answer.
WORKING = "Working on it… fetching the article and writing the brief."
MISSING_URL = "Give me a link to brief, like `/brief https://example.com/story`."
BRIEF_USAGE = "Use `/brief LINK` to brief here, or `/brief LINK #channel` for another channel."
BRIEFBOT_USAGE = (
    "Use `/briefbot link` for a code that links another channel with this one, "
    "`/briefbot link CODE` to use a code, or `/briefbot mod …` to moderate."
)


def not_in_channel(channel: str) -> str:
    """The bot was not invited to ``channel`` (Slack: ``not_in_channel``)."""
    return f"I'm not in #{channel} yet: invite me with /invite @briefbot, then try again."


def channel_gone(channel: str) -> str:
    return f"I can no longer see #{channel}: it was deleted or made private without me."


def channel_archived(channel: str) -> str:
    return f"#{channel} is archived, so nothing more can be posted there."


# --- moderation ----------------------------------------------------------------------------

MOD_USAGE = (
    "Use `/briefbot mod ban @person`, `/briefbot mod unban @person`, `/briefbot mod close`, "
    "`/briefbot mod open` (optionally with a link to the brief), `/briefbot mod login` "
    "or `/briefbot mod policy`."
)
POLICY_USAGE = (
    "Use `/briefbot mod policy` to see this channel's rules, `/briefbot mod ban-word WORD` "
    "(or `unban-word`, `suspect-word`, `unsuspect-word`; `re:PATTERN` for a pattern), "
    "`/briefbot mod premoderate on|off`, `/briefbot mod hold-links on|off`, "
    "`/briefbot mod first-web on|off`, `/briefbot mod reports NUMBER` or "
    "`/briefbot mod burst COUNT/SECONDS` (or `off`)."
)
NOT_A_MODERATOR = (
    "Only workspace admins and owners, or members of the moderator group, can do that."
)
CANNOT_CHECK = (
    "I could not check your permissions with Slack just now; please try again in a moment."
)
NOT_A_COMMENT = "That message is not a comment in a briefbot discussion."
NO_DISCUSSION = "There is no briefbot discussion in this channel to do that to."
UNKNOWN_PERSON = "I could not find that person in this workspace."
UNKNOWN_PLATFORM = "briefbot is not connected to that platform here, so there is nobody to ban."


def removed(name: str, *, kept_on_slack: bool) -> str:
    """The one sentence a moderator sees after "Remove everywhere"."""
    if kept_on_slack:
        return f"Slack does not let me delete {name}'s own message; it was removed everywhere else."
    return f"{name}'s comment was removed everywhere."


def held(name: str) -> str:
    return (
        f"{name}'s comment is held for review and hidden everywhere until a moderator approves it."
    )


def banned(who: str) -> str:
    return f"{who} is banned: their new comments in this channel's discussions are not shared."


def unbanned(who: str) -> str:
    return f"{who} is no longer banned from this channel's discussions."


def closed() -> str:
    return "The discussion is closed: nothing written in it is shared any more."


def opened() -> str:
    return "The discussion is open again."


def login_link(url: str, minutes: int) -> str:
    return f"Your moderator sign-in link, for you only and valid once for {minutes} minutes: {url}"


def rejected(rule: str | None) -> str:
    """What the author of a rejected comment is told privately, in one sentence."""
    if rule == CLOSED_DISCUSSION:
        return "This discussion is closed, so your reply was not shared."
    if rule == BANNED_AUTHOR:
        return "You can no longer take part in this discussion, so your reply was not shared."
    return messages.COMMENT_REJECTED.format(rule=reason_for_author(rule))


NO_WEB_QUEUE = "The web moderation queue is not set up here: set PUBLIC_BASE_URL."
