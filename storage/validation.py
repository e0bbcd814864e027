"""Checks every value against the store's rules before it reaches a database.

Shared by every engine (and by the tests' ``FakeStore``) so that bad data is refused the
same way everywhere, with an :class:`~bot.errors.InvalidDataError` that says what was wrong.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import UTC, datetime
from typing import Any, cast

from bot.domain.model import DeliveryKind, Platform, Standing
from bot.errors import InvalidDataError
from bot.ports.store import MAX_COMMENT_CHARS, MAX_ID_CHARS, MAX_NAME_CHARS, MAX_URL_CHARS

__all__ = [
    "MAX_TITLE_CHARS",
    "brief_json",
    "brief_value",
    "check_encodable",
    "comment_text",
    "delivery_kind",
    "error_text",
    "ident",
    "name",
    "optional_rule",
    "optional_url",
    "platform",
    "positive",
    "ref",
    "standing",
    "title",
    "url",
    "utc",
]

MAX_TITLE_CHARS = 1000
MAX_ERROR_CHARS = 4000
_MAX_BIGINT = 2**63 - 1


def check_encodable(value: str, what: str) -> str:
    """Refuse text no database can hold: NUL characters and lone surrogates."""
    if "\x00" in value:
        raise InvalidDataError(f"{what} contains a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidDataError(f"{what} is not valid Unicode text ({exc.reason})") from None
    return value


def ident(value: object, what: str, max_chars: int = MAX_ID_CHARS) -> str:
    """A platform or storage identifier: non-empty, short, no whitespace or control chars."""
    if not isinstance(value, str):
        raise InvalidDataError(f"{what} must be a string, not {type(value).__name__}")
    if not value:
        raise InvalidDataError(f"{what} is empty")
    if len(value) > max_chars:
        raise InvalidDataError(f"{what} is {len(value)} characters long (at most {max_chars})")
    if " " in value or not value.isprintable():
        bad = next(c for c in value if c == " " or not c.isprintable())
        raise InvalidDataError(
            f"{what} {value!r} contains whitespace or a control character ({bad!r})"
        )
    return check_encodable(value, what)


def name(value: object, what: str, max_chars: int = MAX_NAME_CHARS) -> str:
    """A human-readable name: may be empty, at most ``max_chars``, no control characters."""
    if not isinstance(value, str):
        raise InvalidDataError(f"{what} must be a string, not {type(value).__name__}")
    if len(value) > max_chars:
        raise InvalidDataError(f"{what} is {len(value)} characters long (at most {max_chars})")
    if not value.isprintable() and any(unicodedata.category(c) == "Cc" for c in value):
        raise InvalidDataError(f"{what} contains a control character")
    return check_encodable(value, what)


def title(value: object) -> str:
    return name(value, "article title", MAX_TITLE_CHARS)


def comment_text(value: object) -> str:
    """Comment text as written: any characters but NUL, at most ``MAX_COMMENT_CHARS``."""
    if not isinstance(value, str):
        raise InvalidDataError(f"comment text must be a string, not {type(value).__name__}")
    if len(value) > MAX_COMMENT_CHARS:
        raise InvalidDataError(
            f"comment text is {len(value)} characters long (at most {MAX_COMMENT_CHARS})"
        )
    return check_encodable(value, "comment text")


def error_text(value: object) -> str:
    """A delivery's last error, cut to a readable length rather than refused."""
    text = str(value).replace("\x00", "\\0")
    if len(text) > MAX_ERROR_CHARS:
        text = text[: MAX_ERROR_CHARS - 1] + "…"
    return text.encode("utf-8", "replace").decode("utf-8")


def url(value: object, what: str = "URL") -> str:
    return ident(value, what, MAX_URL_CHARS)


def optional_url(value: object, what: str) -> str | None:
    return None if value is None else url(value, what)


def optional_rule(value: object) -> str | None:
    """The moderation rule that held or rejected a comment (a short readable phrase)."""
    return None if value is None else name(value, "moderation rule", MAX_NAME_CHARS)


def standing(value: object) -> Standing:
    try:
        return Standing(cast(str, value))
    except ValueError:
        raise InvalidDataError(f"{value!r} is not a comment standing") from None


def platform(value: object) -> Platform:
    try:
        return Platform(cast("str", value))
    except ValueError:
        known = ", ".join(p.value for p in Platform)
        raise InvalidDataError(f"unknown platform {value!r} (expected one of {known})") from None


def delivery_kind(value: object) -> DeliveryKind:
    try:
        return DeliveryKind(cast("str", value))
    except ValueError:
        raise InvalidDataError(f"unknown delivery kind {value!r}") from None


def ref(value: object, what: str) -> int:
    """A record id given by a caller: an int the databases can hold."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidDataError(f"{what} must be an integer id, not {type(value).__name__}")
    if not -_MAX_BIGINT <= value <= _MAX_BIGINT:
        raise InvalidDataError(f"{what} {value} is out of range")
    return value


def positive(value: object, what: str) -> int:
    number = ref(value, what)
    if number <= 0:
        raise InvalidDataError(f"{what} must be positive, not {number}")
    return number


def utc(value: object, what: str) -> datetime:
    """A timezone-aware datetime, normalised to UTC."""
    if not isinstance(value, datetime):
        raise InvalidDataError(f"{what} must be a datetime, not {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidDataError(f"{what} must be timezone-aware (got naive {value.isoformat()})")
    return value.astimezone(UTC)


def brief_json(value: object) -> str:
    """The brief as JSON text; refused when it is not a JSON object or holds NUL characters."""
    if not isinstance(value, dict):
        raise InvalidDataError(f"brief must be a dict, not {type(value).__name__}")
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError) as exc:
        raise InvalidDataError(f"brief is not JSON-serialisable: {exc}") from None
    return check_encodable(text, "brief")


def brief_value(text: str | bytes) -> dict[str, Any]:
    value = json.loads(text)
    if not isinstance(value, dict):
        raise InvalidDataError("stored brief is not a JSON object")
    return value
