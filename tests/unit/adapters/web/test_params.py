from __future__ import annotations

import pytest

from adapters.web.params import parse_id


@pytest.mark.parametrize(("raw", "expected"), [("42", 42), (" 7 ", 7), ("0", 0)])
def test_digits_are_ids(raw: str, expected: int) -> None:
    assert parse_id(raw) == expected


@pytest.mark.parametrize("raw", [None, "", "-1", "+1", "1.5", "x1", "٣", "9" * 19])
def test_anything_else_is_none(raw: str | None) -> None:
    assert parse_id(raw) is None
