"""What the handlers need, passed explicitly. Built once by ``bot.bootstrap``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.briefing import PageFetcher
from bot.domain.model import Platform
from bot.domain.moderation import Policy
from bot.ports.briefing import BriefBuilder
from bot.ports.bus import EventBus
from bot.ports.chat import ChatPlatform
from bot.ports.pacing import CallPacer
from bot.ports.store import Store
from bot.services.bus import InProcessBus
from bot.services.gate import BriefGate
from bot.services.pacing import InProcessPacer

__all__ = ["OPEN_POLICY", "WEB_CHANNEL", "WEB_WORKSPACE", "Context", "utcnow"]

OPEN_POLICY = Policy(hold_first_web=False, burst_count=0)
"""A policy that holds and rejects nothing on its own (bans and closing still apply)."""

WEB_WORKSPACE = "web"
WEB_CHANNEL = "comments"


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class Context:
    store: Store
    fetcher: PageFetcher
    platforms: dict[Platform, ChatPlatform] = field(default_factory=dict)
    bus: EventBus = field(default_factory=InProcessBus)
    pacer: CallPacer = field(default_factory=InProcessPacer)
    """Paces calls to rate-limited platforms (shared through PostgreSQL by bootstrap)."""
    gate: BriefGate = field(default_factory=BriefGate)
    clock: Callable[[], datetime] = utcnow
    web_base_url: str | None = None
    brief_sentences: int = 3
    brief_wait_seconds: float = 20.0
    brief_builder: BriefBuilder | None = None
    """Builds briefs away from the event loop (bootstrap's worker processes); ``None``
    builds them in a thread, without a time limit."""
    moderation_defaults: Policy = field(default_factory=lambda: OPEN_POLICY)
    """The policy of every room that has none of its own (``MOD_*`` settings; bootstrap
    sets it, and a context built without settings holds and rejects nothing)."""
    moderator_roles: frozenset[str] = frozenset()
    """Discord role ids / Slack user-group ids that may moderate (``MOD_ROLES``)."""
    moderator_session_hours: float = 8.0
    feed_interval_seconds: int = 600
    """A new feed subscription's polling interval (``FEED_INTERVAL_MINUTES``)."""

    def article_url(self, article_id: int) -> str | None:
        return f"{self.web_base_url}/a/{article_id}" if self.web_base_url else None

    def comment_url(self, article_id: int, comment_id: int) -> str | None:
        base = self.article_url(article_id)
        return f"{base}#c{comment_id}" if base else None
