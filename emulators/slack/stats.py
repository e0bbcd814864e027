"""Counters reported by ``GET /_control/stats``."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields
from typing import Any

__all__ = ["Stats"]


@dataclass
class Stats:
    requests: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    ratelimited: Counter[str] = field(default_factory=Counter)
    socket_connections_total: int = 0
    socket_connections_open: int = 0
    envelopes_delivered: int = 0
    envelopes_acked: int = 0
    envelopes_retried: int = 0
    envelopes_dropped: int = 0
    http_deliveries: int = 0
    http_acked: int = 0
    http_retried: int = 0
    http_failed: int = 0
    # Events not sent because the app does not subscribe to them, or is not in the channel.
    events_unsubscribed: Counter[str] = field(default_factory=Counter)

    def reset(self) -> None:
        """Zero every counter except the number of sockets open right now."""
        open_now = self.socket_connections_open
        for f in fields(self):
            setattr(self, f.name, f.default_factory() if callable(f.default_factory) else f.default)
        self.socket_connections_open = open_now

    def as_json(self) -> dict[str, Any]:
        return {
            "requests": dict(self.requests),
            "errors": dict(self.errors),
            "ratelimited": dict(self.ratelimited),
            "ratelimited_total": sum(self.ratelimited.values()),
            "events_unsubscribed": dict(self.events_unsubscribed),
            "socket": {
                "connections_total": self.socket_connections_total,
                "connections_open": self.socket_connections_open,
                "envelopes_delivered": self.envelopes_delivered,
                "envelopes_acked": self.envelopes_acked,
                "envelopes_retried": self.envelopes_retried,
                "envelopes_dropped": self.envelopes_dropped,
            },
            "http": {
                "deliveries": self.http_deliveries,
                "acked": self.http_acked,
                "retried": self.http_retried,
                "failed": self.http_failed,
            },
        }
