"""One root exception for the project; each carries what a caller needs to act on it.

Every error a user might see has a ``user_message``: one plain sentence, no traceback.
"""

from __future__ import annotations

__all__ = [
    "AddressTooLongError",
    "ArticleError",
    "BlockedAddressError",
    "BriefbotError",
    "ClaimLostError",
    "ConfigError",
    "ConflictError",
    "DeliveryError",
    "FetchError",
    "FetchTimeoutError",
    "InvalidDataError",
    "MalformedAddressError",
    "ModerationError",
    "NotAllowedError",
    "NotAnArticleError",
    "NotFoundError",
    "SignInError",
    "StorageError",
    "StorageUnavailableError",
    "TooLargeError",
    "UnsupportedContentError",
]


class BriefbotError(Exception):
    """Root of every error briefbot raises on purpose."""

    default_message = "Something went wrong."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default_message)

    @property
    def user_message(self) -> str:
        """One plain sentence, safe to show to a reader or a community manager."""
        return str(self)


class ConfigError(BriefbotError):
    """The configuration is missing or wrong; the message names the variable to set."""


# --- articles -----------------------------------------------------------------------------


class ArticleError(BriefbotError):
    """An article could not be turned into a brief."""

    default_message = "That page could not be turned into a brief."


class MalformedAddressError(ArticleError):
    """The link cannot be read as a web address (a port out of range, say)."""

    default_message = "That link is not a valid web address: check it and try again."


class AddressTooLongError(ArticleError):
    """The URL is longer than briefbot takes (see ``bot.services.urls.MAX_ARTICLE_URL_CHARS``)."""

    default_message = "That address is too long: briefbot takes links of up to 2,048 characters."


class FetchError(ArticleError):
    """The page could not be fetched."""

    default_message = "The page could not be fetched."


class BlockedAddressError(FetchError):
    """The URL points at an address briefbot refuses to reach (private, loopback, ...)."""

    default_message = "That address is not allowed: briefbot only fetches public web pages."


class FetchTimeoutError(FetchError):
    default_message = "The site took too long to answer."


class TooLargeError(FetchError):
    default_message = "The page is too large to brief."


class UnsupportedContentError(FetchError):
    default_message = "That link is not a web page (it is not HTML or text)."


class NotAnArticleError(ArticleError):
    """The page was fetched but holds no article text worth a brief."""

    default_message = "No article text was found on that page."


# --- storage ------------------------------------------------------------------------------


class StorageError(BriefbotError):
    """The store refused or failed an operation. Driver errors never leak past this."""

    default_message = "The database could not complete that operation."


class NotFoundError(StorageError):
    default_message = "That record does not exist."


class ConflictError(StorageError):
    """A uniqueness rule was broken (for example a platform message id stored twice)."""

    default_message = "That record already exists."


class ClaimLostError(ConflictError):
    """A worker no longer holds the delivery it works on (its lease ran out and another
    worker claimed it): it must leave the delivery alone."""

    default_message = "Another worker holds that delivery now."


class InvalidDataError(StorageError):
    """The data does not fit the schema (too long, bad id, wrong type)."""

    default_message = "That data is not valid for storage."


class StorageUnavailableError(StorageError):
    default_message = "The database is not reachable right now."


# --- delivery -----------------------------------------------------------------------------


class DeliveryError(BriefbotError):
    """A platform refused or failed a delivery.

    ``retry_after`` is the wait the platform asked for (seconds), if any;
    ``permanent`` is true when retrying cannot help (unknown channel, invalid body);
    ``unreachable`` is true when the place itself can no longer be posted in (channel
    deleted or archived, bot removed, permission withdrawn), which people must be told;
    it implies ``permanent``. ``reason`` is the platform's own code for it
    (``not_in_channel``, ``50013``...), so each cause is reported once.
    """

    default_message = "The message could not be delivered."

    def __init__(
        self,
        message: str | None = None,
        *,
        platform: str,
        status: int | None = None,
        retry_after: float | None = None,
        permanent: bool = False,
        unreachable: bool = False,
        reason: str | None = None,
    ) -> None:
        super().__init__(message)
        self.platform = platform
        self.status = status
        self.retry_after = retry_after
        self.permanent = permanent or unreachable
        self.unreachable = unreachable
        self.reason = reason


# --- moderation ---------------------------------------------------------------------------


class ModerationError(BriefbotError):
    """A moderator's action that cannot be done; the message says why in one sentence."""

    default_message = "That moderation action cannot be done."


class NotAllowedError(ModerationError):
    """The person is not a moderator of the room the action is about."""

    default_message = "Only moderators can do that."


class SignInError(ModerationError):
    """A moderator's sign-in link or session is unknown, expired or already used."""

    default_message = "That sign-in link is not valid; ask for a new one with /briefbot mod login."
