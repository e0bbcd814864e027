"""Counters exposed by ``GET /_control/stats``."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Stats"]


@dataclass
class Stats:
    requests: Counter[str] = field(default_factory=Counter)
    statuses: Counter[int] = field(default_factory=Counter)
    rate_limited: Counter[str] = field(default_factory=Counter)
    faults_injected: int = 0
    gateway_connections: int = 0
    identifies: int = 0
    resumes: int = 0
    invalid_sessions: int = 0
    events: Counter[str] = field(default_factory=Counter)

    def to_dict(self, *, open_connections: int) -> dict[str, Any]:
        return {
            "requests": dict(sorted(self.requests.items())),
            "requests_total": sum(self.requests.values()),
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "rate_limited": dict(sorted(self.rate_limited.items())),
            "rate_limited_total": sum(self.rate_limited.values()),
            "faults_injected": self.faults_injected,
            "gateway": {
                "connections": self.gateway_connections,
                "open": open_connections,
                "identifies": self.identifies,
                "resumes": self.resumes,
                "invalid_sessions": self.invalid_sessions,
            },
            "events": dict(sorted(self.events.items())),
            "events_total": sum(self.events.values()),
        }
