"""Every sentence the moderators' pages say, in one place."""

from __future__ import annotations

from bot import messages
from bot.domain.model import Platform

__all__ = [
    "BAD_ACTION",
    "BAD_AUTHOR",
    "BAD_BURST",
    "BAD_CSRF",
    "BAD_FLAG",
    "BAD_JSON",
    "BAD_LOGIN",
    "BAD_POLICY",
    "BAD_WORDS",
    "DONE",
    "ENTRY_TOO_LONG",
    "NOT_YOUR_ROOM",
    "NO_COMMENT",
    "NO_DISCUSSION",
    "NO_ROOM",
    "NO_SESSION",
    "OPEN_IN_BROWSER",
    "SIGNED_IN",
    "SIGNED_OUT",
    "TOO_LARGE",
    "TOO_MANY_ENTRIES",
    "kept_originals",
]

NO_SESSION = (
    "Moderators only: sign in with a fresh link from /briefbot mod login "
    "(or briefbot moderators invite)."
)
BAD_LOGIN = messages.SIGN_IN_UNKNOWN
BAD_CSRF = "This moderation form did not come from your session; reload the page and try again."
NOT_YOUR_ROOM = "You do not moderate that discussion."
NO_COMMENT = "That comment does not exist."
NO_DISCUSSION = "That discussion does not exist."
NO_ROOM = "That room does not exist."
BAD_ACTION = "That is not a moderation action."
BAD_AUTHOR = "Name the author as platform:id, like slack:U0123ABCD."
BAD_JSON = 'Send a JSON object, like {"reports_to_hold": 3}.'
BAD_POLICY = "The policy could not be read: reports to hold must be a whole number from 1 to 100."
BAD_BURST = (
    "The policy could not be read: a burst is a whole number of comments from 0 (off) to "
    "9999 within a whole number of seconds from 1 to 999999."
)
BAD_FLAG = (
    "The policy could not be read: hold_links, hold_first_web and premoderate_web "
    "are true or false."
)
BAD_WORDS = "The policy could not be read: word lists are text, one entry a line."
TOO_MANY_ENTRIES = "A word list holds at most {limit:,} entries; this one has {count:,}."
ENTRY_TOO_LONG = "A word-list entry is at most {limit} characters; one starts “{start}…”."
TOO_LARGE = (
    "That is more than the server takes in one request; a word list holds at most "
    "{limit:,} entries."
)
OPEN_IN_BROWSER = "Open this sign-in link in your browser to reach the moderation queue."
SIGNED_IN = "You are signed in as a moderator."
SIGNED_OUT = "You are signed out."
DONE = {
    "approve": "Approved: the comment is now shown everywhere.",
    "reject": "Rejected: the comment stays hidden.",
    "remove": "Removed everywhere.",
    "ban": "Banned: the author's later comments in this room will be rejected.",
    "policy": "The policy was saved.",
    "close": "The discussion is closed: nothing written in it is shared any more.",
    "open": "The discussion is open again.",
    "unban": "The ban was lifted: the author's new comments are judged like anyone's.",
}


def kept_originals(platforms: list[Platform]) -> str:
    """Removal could not delete the author's own message on these platforms."""
    names = " and ".join(p.label for p in platforms)
    return (
        f"Removed everywhere briefbot can; {names} does not let the bot delete the "
        "author's own message, so remove it there by hand."
    )
