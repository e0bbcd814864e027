"""Split text into code and prose so conversions never touch code."""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["map_prose"]

_CODE = re.compile(r"```.*?```|`[^`\n]+`", re.DOTALL)


def map_prose(
    text: str, convert: Callable[[str], str], code: Callable[[str], str] | None = None
) -> str:
    """Apply ``convert`` to the prose parts and ``code`` (default: identity) to code parts."""
    out: list[str] = []
    pos = 0
    for match in _CODE.finditer(text):
        out.append(convert(text[pos : match.start()]))
        out.append(code(match.group()) if code else match.group())
        pos = match.end()
    out.append(convert(text[pos:]))
    return "".join(out)
