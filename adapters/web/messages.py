"""Every sentence the web comment section says to readers, in one place."""

from __future__ import annotations

import math

__all__ = [
    "BAD_CONTENT_TYPE",
    "BAD_CSRF",
    "BAD_FORM",
    "BAD_JSON",
    "BAD_ORIGIN",
    "CLOSED",
    "DELETED",
    "HELD",
    "INTERNAL_ERROR",
    "NOTICES",
    "NOT_FOUND",
    "NO_ARTICLE",
    "NO_COMMENT",
    "NO_DISCUSSION",
    "REJECTED",
    "REPORTED",
    "SPOILER_TITLE",
    "TOO_LARGE",
    "UNAVAILABLE",
    "rate_limited",
]

BAD_CSRF = "This form has expired or did not come from this site; reload the page and try again."
BAD_FORM = "The form was incomplete; reload the page and try again."
BAD_JSON = 'Send a JSON object like {"name": "Ana", "text": "Hello"}.'
BAD_CONTENT_TYPE = "Send the comment as JSON with Content-Type: application/json."
BAD_ORIGIN = "Comments can only be posted from this site's own pages."
NOT_FOUND = "There is nothing at this address."
NO_ARTICLE = "That article does not exist (it may have been removed)."
NO_DISCUSSION = "That discussion does not exist."
SPOILER_TITLE = "Spoiler: select to reveal"
TOO_LARGE = "That comment is too long to post."
UNAVAILABLE = "The comments are not reachable right now; please try again in a moment."
INTERNAL_ERROR = "Something went wrong on our side; please try again in a moment."
DELETED = "This comment was deleted."


def rate_limited(retry_after: float) -> str:
    """Ask the reader to wait before posting again."""
    wait = max(1, math.ceil(retry_after))
    unit = "second" if wait == 1 else "seconds"
    return f"You are posting comments quickly; please wait {wait} {unit} and try again."


# --- moderation, as readers meet it ---------------------------------------------------------

NO_COMMENT = "That comment does not exist."
HELD = "Your comment is waiting for a moderator."
REJECTED = "Your comment was not published because it breaks this discussion's rules."
CLOSED = "This discussion is closed: no new comments are taken."
REPORTED = "Thank you: the moderators will look at this comment."
NOTICES = {"held": HELD, "rejected": REJECTED}
"""What ``?notice=<key>`` shows above a form after a post (keys only, never reader text)."""
