"""Slash commands: what was sent to the app and everything the invoking user then saw."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any, TypedDict

__all__ = ["CommandRecord", "CommandView", "ack_payload_from_http"]

JSON = dict[str, Any]


class CommandView(TypedDict):
    """``GET /_control/commands/{id}``: what the app got and what the user then saw."""

    id: str
    command: str
    text: str
    channel: str
    user: str
    created_at: float
    acked: bool
    ack: JSON | None
    ack_ms: float | None
    responses: list[JSON]
    ephemeral_visible: list[JSON]
    errors: list[str]
    response_url_uses: int


@dataclass
class CommandRecord:
    """One invocation of a slash command, as ``GET /_control/commands/{id}`` shows it."""

    id: str
    command: str
    text: str
    channel: str
    user: str
    form: dict[str, str]
    created: float = field(default_factory=time.monotonic)
    created_at: float = field(default_factory=time.time)
    ack: JSON | None = None
    ack_ms: float | None = None
    responses: list[JSON] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    uses: int = 0
    # The message a later ``replace_original``/``delete_original`` refers to:
    # ("ephemeral", ts of the ephemeral message) or ("channel", ts).
    original: tuple[str, str] | None = None
    visible: list[JSON] = field(default_factory=list)

    def elapsed_ms(self) -> float:
        return round((time.monotonic() - self.created) * 1000, 1)

    def as_json(self) -> CommandView:
        return {
            "id": self.id,
            "command": self.command,
            "text": self.text,
            "channel": self.channel,
            "user": self.user,
            "created_at": self.created_at,
            "acked": self.ack is not None,
            "ack": self.ack,
            "ack_ms": self.ack_ms,
            "responses": self.responses,
            "ephemeral_visible": self.visible,
            "errors": self.errors,
            "response_url_uses": self.uses,
        }


def ack_payload_from_http(body: str, content_type: str) -> JSON:
    """What an HTTP 200 answer to a slash command shows the user."""
    if not body.strip():
        return {}
    if content_type == "application/json" or body.lstrip().startswith("{"):
        try:
            parsed = json.loads(body)
        except ValueError:
            return {"text": body}
        return parsed if isinstance(parsed, dict) else {"text": body}
    return {"text": body}
