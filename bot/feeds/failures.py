"""Why a feed could not be read, and the one sentence people are told when it is paused."""

from __future__ import annotations

from enum import StrEnum

from bot.errors import BriefbotError

__all__ = ["FeedProblem", "PauseReason"]


class PauseReason(StrEnum):
    NOT_FOUND = "not_found"
    NOT_A_FEED = "not_a_feed"
    REFUSED = "refused"
    TOO_LARGE = "too_large"
    TIMING_OUT = "timing_out"
    UNREACHABLE = "unreachable"
    BY_MODERATOR = "by_moderator"


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
