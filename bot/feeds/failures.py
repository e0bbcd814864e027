"""Why a feed could not be read, and the one sentence people are told when it is paused."""

from __future__ import annotations

from enum import StrEnum

from bot.errors import BriefbotError

__all__ = ["FeedProblem", "PauseReason", "pause_sentence"]


class PauseReason(StrEnum):
    NOT_FOUND = "not_found"
    NOT_A_FEED = "not_a_feed"
    REFUSED = "refused"
    TOO_LARGE = "too_large"
    TIMING_OUT = "timing_out"
    UNREACHABLE = "unreachable"
    BY_MODERATOR = "by_moderator"


_WHY = {
    PauseReason.NOT_FOUND: "its address answers “not found”",
    PauseReason.NOT_A_FEED: "what its address returns is not an RSS or Atom feed",
    PauseReason.REFUSED: "the site refuses to serve it, or its address may not be fetched",
    PauseReason.TOO_LARGE: "it is larger than the size limit",
    PauseReason.TIMING_OUT: "the site keeps timing out",
    PauseReason.UNREACHABLE: "the site cannot be reached",
    PauseReason.BY_MODERATOR: "a moderator paused it",
}


def pause_sentence(name: str, reason: PauseReason) -> str:
    """“The feed Riverside Gazette is paused because the site keeps timing out; a
    moderator can resume it with /feed resume 3.” minus the command (added by the caller)."""
    return f"The feed {name} is paused because {_WHY[reason]}."


class FeedProblem(BriefbotError):
    """A poll that failed, with its reason and any wait the server asked for.

    ``permanent`` problems (a refused address, a body that is no feed) pause the feed at
    once; others count towards the failure limit. ``paced``: a 429 or 503 with a wait,
    the server pacing us, which never counts as a failure.
    """

    def __init__(
        self,
        reason: PauseReason,
        *,
        retry_after: float | None = None,
        permanent: bool = False,
        paced: bool = False,
    ) -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.retry_after = retry_after
        self.permanent = permanent
        self.paced = paced
