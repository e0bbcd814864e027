"""Everything one running emulator owns, handed to the route modules."""

from __future__ import annotations

from dataclasses import dataclass, field

from aiohttp import web

from .config import EmulatorConfig, Settings
from .events import EventBus
from .gateway import GatewayHub
from .ratelimit import RateLimiter
from .seed import seed_state
from .state import EmulatorState
from .stats import Stats

__all__ = ["CONTEXT_KEY", "EmulatorContext", "Fault"]


@dataclass
class Fault:
    """Answer ``status`` to the next ``remaining`` requests matching method + route."""

    method: str
    route: str
    status: int
    remaining: int
    retry_after: float = 1.0
    """For a 429: the wait Discord names in the body and the ``Retry-After`` header."""

    def to_dict(self) -> dict[str, object]:
        return {
            "method": self.method,
            "route": self.route,
            "status": self.status,
            "remaining": self.remaining,
            "retry_after": self.retry_after,
        }


@dataclass
class EmulatorContext:
    config: EmulatorConfig
    settings: Settings
    state: EmulatorState
    stats: Stats
    limiter: RateLimiter
    bus: EventBus
    hub: GatewayHub = field(init=False)
    faults: list[Fault] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.hub = GatewayHub(
            lambda: self.state,
            self.settings,
            self.stats,
            self.config.bot_token,
            self.config.resume_buffer_size,
        )

    @classmethod
    def create(cls, config: EmulatorConfig) -> EmulatorContext:
        return cls(
            config=config,
            settings=Settings.from_config(config),
            state=seed_state(config.seed, config.extra_channels),
            stats=Stats(),
            limiter=RateLimiter(config.rate_limits),
            bus=EventBus(),
        )

    def reset(self) -> None:
        """Back to the seed: messages, threads, webhooks, commands and counters dropped."""
        self.state = seed_state(self.config.seed, self.config.extra_channels)
        self.stats = Stats()
        self.hub._stats = self.stats
        self.limiter.config = self.config.rate_limits
        self.settings.update(Settings.from_config(self.config).to_dict())
        self.faults.clear()


CONTEXT_KEY = web.AppKey("discord_emulator_context", EmulatorContext)
