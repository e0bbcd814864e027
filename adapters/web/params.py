"""Reading ids from paths, queries and forms: digits only, or nothing."""

from __future__ import annotations

__all__ = ["parse_id"]

_MAX_DIGITS = 18  # fits a signed 64-bit integer, as every store id does


def parse_id(value: str | None) -> int | None:
    """``"42"`` → 42; anything else (empty, signed, huge, not digits) → None."""
    value = (value or "").strip()
    if not value.isascii() or not value.isdigit() or len(value) > _MAX_DIGITS:
        return None
    return int(value)
