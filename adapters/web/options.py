"""How the web comment section is set up: one frozen object, built by the composition root."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from bot.config import Settings
from bot.errors import ConfigError

__all__ = ["MIN_SECRET_BYTES", "WebOptions"]

MIN_SECRET_BYTES = 16


@dataclass(frozen=True, slots=True)
class WebOptions:
    """Settings of the web adapter.

    ``secret`` signs the CSRF tokens and pseudonymous client ids; ``None`` makes a random one
    per process (tokens then stop working after a restart, which only costs a resubmit).
    ``frame_ancestors`` is the CSP ``frame-ancestors`` source list naming the sites allowed to
    embed the pages in an iframe: ``*`` lets any site embed them, which suits a widget meant for
    newsroom pages; set it to ``"https://gazette.example"`` to allow only your own site.
    ``trust_proxy`` makes the client address come from the last ``X-Forwarded-For`` entry (and
    the scheme from ``X-Forwarded-Proto``): set it only behind exactly one reverse proxy that
    appends to or overwrites those headers.
    ``allowed_origins`` are extra ``Origin`` values accepted by the JSON API's POST besides the
    server's own. ``refusals_per_window`` counts posts refused for their content (empty,
    too long) apart from accepted ones, so a reader's typos do not use up their quota but
    a flood of bad posts is still held back. ``monotonic`` is the clock of the rate
    limiters (a fake one in tests).
    ``badge_colours`` are the platforms' own badge colours (name → light, dark ``#rrggbb``),
    served as ``/badges.css``; any other platform's badge is neutral.
    ``index_path`` is where the list of articles is served (the sandbox moves it to
    ``/articles`` so that its own page owns ``/``).
    """

    secret: bytes | None = None
    frame_ancestors: str = "*"
    trust_proxy: bool = False
    allowed_origins: tuple[str, ...] = ()
    posts_per_window: int = 5
    refusals_per_window: int = 30
    post_window_seconds: float = 60.0
    keepalive_seconds: float = 15.0
    max_body_bytes: int = 256 * 1024
    page_size: int = 50
    site_name: str = "briefbot"
    index_path: str = "/"
    badge_colours: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    monotonic: Callable[[], float] = field(default=time.monotonic)

    @classmethod
    def from_settings(cls, settings: Settings) -> WebOptions:
        """The options from ``WEB_*`` settings; a too-short ``WEB_SECRET`` fails at start-up."""
        secret = None
        if settings.web_secret is not None:
            secret = settings.web_secret.get_secret_value().encode()
            if len(secret) < MIN_SECRET_BYTES:
                raise ConfigError(f"WEB_SECRET must be at least {MIN_SECRET_BYTES} characters long")
        ancestors = " ".join(settings.web_frame_ancestors.split()) or "*"
        if any(c in ancestors for c in ';,"'):
            raise ConfigError(
                "WEB_FRAME_ANCESTORS must be CSP sources separated by spaces, "
                "like 'https://news.example https://*.news.example' or '*'"
            )
        return cls(
            secret=secret,
            frame_ancestors=ancestors,
            trust_proxy=settings.web_trust_proxy,
            posts_per_window=settings.web_comments_per_minute,
            post_window_seconds=60.0,
        )
