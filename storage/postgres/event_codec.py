"""Events as small JSON text for the shared bus: the event's name and its fields (ids,
names, short reasons), never a comment's text."""

from __future__ import annotations

import dataclasses
import json
import typing
from typing import Any, get_args

from bot.domain import events as domain_events
from bot.domain.events import Event
from bot.errors import StorageError

__all__ = ["decode_event", "encode_event"]

_TYPES: dict[str, type[Any]] = {cls.__name__: cls for cls in get_args(Event)}


def encode_event(event: Event) -> str:
    fields = {f.name: getattr(event, f.name) for f in dataclasses.fields(event)}
    return json.dumps({"type": type(event).__name__, **fields}, separators=(",", ":"))


_CONVERTERS: dict[str, dict[str, type[Any] | None]] = {}


def _converters(cls: type[Any]) -> dict[str, type[Any] | None]:
    """Per field, the class to rebuild a plain JSON value with (enums, ``Platform``)."""
    known = _CONVERTERS.get(cls.__name__)
    if known is None:
        hints = typing.get_type_hints(cls, vars(domain_events))
        known = _CONVERTERS[cls.__name__] = {
            name: hint if isinstance(hint, type) and hint not in (int, str, bool) else None
            for name, hint in hints.items()
        }
    return known


def _rebuild(convert: type[Any] | None, value: Any) -> Any:
    return value if value is None or convert is None else convert(value)


def decode_event(text: str) -> Event:
    """Raises :class:`StorageError` for text that is not an event this version knows."""
    try:
        data = json.loads(text)
        cls = _TYPES[data.pop("type")]
        converters = _converters(cls)
        values = {name: _rebuild(converters[name], value) for name, value in data.items()}
        return typing.cast("Event", cls(**values))
    except (ValueError, KeyError, TypeError) as error:
        raise StorageError(f"unreadable bus event ({type(error).__name__})") from None
