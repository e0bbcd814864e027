"""Settings of one emulator instance: seed, token, rate limits, timings.

Everything here can be given to :class:`~emulators.discord.server.DiscordEmulator`
at construction; the rate limits and timings can also be changed at run time through the
control API (``POST /_control/ratelimits``, ``POST /_control/config``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

__all__ = [
    "DEFAULT_ROUTE_LIMITS",
    "EmulatorConfig",
    "Limit",
    "RateLimitConfig",
    "Settings",
]


@dataclass(frozen=True)
class Limit:
    """``limit`` requests per ``per`` seconds."""

    limit: int
    per: float

    def to_dict(self) -> dict[str, float]:
        return {"limit": self.limit, "per": self.per}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Limit:
        limit, per = int(data["limit"]), float(data["per"])
        if limit < 1 or per <= 0:
            raise ValueError("limit must be >= 1 and per > 0")
        return cls(limit, per)


# Bucket name -> limit. Discord does not publish per-route numbers ("do not hard-code
# limits"); these are the values commonly observed for bots and are documented in README.md.
DEFAULT_ROUTE_LIMITS: dict[str, Limit] = {
    "messages.create": Limit(5, 5.0),  # per channel
    "messages.edit": Limit(5, 5.0),  # per channel
    "messages.delete": Limit(5, 1.0),  # per channel
    "messages.read": Limit(50, 1.0),  # per channel
    "threads.create": Limit(10, 10.0),  # per channel
    "channels.modify": Limit(5, 10.0),  # per channel (Discord: 2 renames / 10 min, not modelled)
    "channels.read": Limit(50, 1.0),
    "webhooks.execute": Limit(5, 2.0),  # per webhook id + token
    "webhooks.messages": Limit(5, 2.0),  # per webhook id + token
    "webhooks.manage": Limit(10, 10.0),  # per channel
    "interactions.callback": Limit(20, 1.0),  # per interaction; exempt from the global limit
    "interactions.followup": Limit(5, 2.0),  # per application id + token; exempt from global
    "commands": Limit(5, 20.0),  # per application (+ guild)
    "reactions": Limit(1, 0.25),  # per channel (commonly observed: one every 250 ms)
    "default": Limit(50, 1.0),
}


@dataclass(frozen=True)
class RateLimitConfig:
    """Rate limits: per-route buckets plus one global limit per bot token (or per IP)."""

    enabled: bool = True
    global_limit: Limit = Limit(50, 1.0)
    routes: dict[str, Limit] = field(default_factory=lambda: dict(DEFAULT_ROUTE_LIMITS))

    def route(self, bucket: str) -> Limit:
        return self.routes.get(bucket) or self.routes.get("default") or Limit(50, 1.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "enabled": self.enabled,
            "global": self.global_limit.to_dict(),
            "routes": {name: lim.to_dict() for name, lim in sorted(self.routes.items())},
        }

    def updated(self, data: dict[str, Any]) -> RateLimitConfig:
        """A copy with the fields present in ``data`` (control-API shape) changed."""
        new = self
        if "enabled" in data:
            new = replace(new, enabled=bool(data["enabled"]))
        if "global" in data:
            new = replace(new, global_limit=Limit.from_dict(data["global"]))
        if "routes" in data:
            routes = dict(new.routes)
            for name, spec in dict(data["routes"]).items():
                if name not in DEFAULT_ROUTE_LIMITS:
                    raise ValueError(f"unknown bucket {name!r}")
                routes[name] = Limit.from_dict(spec)
            new = replace(new, routes=routes)
        return new

    @classmethod
    def disabled(cls) -> RateLimitConfig:
        return cls(enabled=False)


@dataclass(frozen=True)
class EmulatorConfig:
    """Construction-time settings. ``seed`` makes every seeded id reproducible."""

    bot_token: str = "emulator-bot-token"  # noqa: S105 - a fixture value, not a secret
    seed: int = 0
    rate_limits: RateLimitConfig = field(default_factory=RateLimitConfig)
    heartbeat_interval_ms: int = 41_250
    # The network round trip a HEARTBEAT_ACK takes on Discord (bots typically see 20-100 ms).
    heartbeat_ack_latency_ms: int = 40
    # gateway.mdx "Privileged Intents": MESSAGE_CONTENT, GUILD_MEMBERS and GUILD_PRESENCES
    # must be switched on in the application's settings first; a fresh application has
    # them off, so IDENTIFY asking for one is closed with 4014 unless this is True.
    allow_privileged_intents: bool = False
    interaction_deadline_s: float = 3.0
    interaction_token_ttl_s: float = 15 * 60.0
    resume_buffer_size: int = 1_000
    # Emulated seconds per real second for thread auto-archiving (3600: an hour per second).
    time_scale: float = 1.0
    # More text channels after #news and #general (positions 2, 3, ...), e.g. for benchmarks.
    extra_channels: tuple[str, ...] = ()


@dataclass
class Settings:
    """The run-time adjustable part of the configuration (``POST /_control/config``)."""

    heartbeat_interval_ms: int
    heartbeat_ack_latency_ms: int
    allow_privileged_intents: bool
    interaction_deadline_s: float
    interaction_token_ttl_s: float
    time_scale: float = 1.0

    @classmethod
    def from_config(cls, config: EmulatorConfig) -> Settings:
        return cls(
            heartbeat_interval_ms=config.heartbeat_interval_ms,
            heartbeat_ack_latency_ms=config.heartbeat_ack_latency_ms,
            allow_privileged_intents=config.allow_privileged_intents,
            interaction_deadline_s=config.interaction_deadline_s,
            interaction_token_ttl_s=config.interaction_token_ttl_s,
            time_scale=config.time_scale,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "heartbeat_interval_ms": self.heartbeat_interval_ms,
            "heartbeat_ack_latency_ms": self.heartbeat_ack_latency_ms,
            "allow_privileged_intents": self.allow_privileged_intents,
            "interaction_deadline_s": self.interaction_deadline_s,
            "interaction_token_ttl_s": self.interaction_token_ttl_s,
            "time_scale": self.time_scale,
        }

    def update(self, data: dict[str, Any]) -> None:
        if "heartbeat_interval_ms" in data:
            self.heartbeat_interval_ms = max(1, int(data["heartbeat_interval_ms"]))
        if "heartbeat_ack_latency_ms" in data:
            self.heartbeat_ack_latency_ms = max(0, int(data["heartbeat_ack_latency_ms"]))
        if "allow_privileged_intents" in data:
            self.allow_privileged_intents = bool(data["allow_privileged_intents"])
        if "interaction_deadline_s" in data:
            self.interaction_deadline_s = float(data["interaction_deadline_s"])
        if "interaction_token_ttl_s" in data:
            self.interaction_token_ttl_s = float(data["interaction_token_ttl_s"])
        if "time_scale" in data:
            scale = float(data["time_scale"])
            if scale <= 0:
                raise ValueError("time_scale must be > 0")
            self.time_scale = scale
