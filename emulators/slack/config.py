"""Settings of one emulated Slack workspace: identities, secrets, timings and limits."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Literal

from .manifest import AppManifest, load_manifest

__all__ = [
    "DEFAULT_APP_TOKEN",
    "DEFAULT_BOT_SCOPES",
    "DEFAULT_BOT_TOKEN",
    "DEFAULT_MANIFEST",
    "DEFAULT_SIGNING_SECRET",
    "DEFAULT_VERIFICATION_TOKEN",
    "SLACK_TIERS",
    "DeliveryMode",
    "EmulatorConfig",
    "RateLimitSettings",
    "with_manifest",
]

DeliveryMode = Literal["socket", "http"]

DEFAULT_BOT_TOKEN = "xoxb-1000000001-2000000001-riversidebriefbotemulator"  # noqa: S105
DEFAULT_APP_TOKEN = "xapp-1-A0BRIEFBOT1-3000000001-riversideappemulatortoken"  # noqa: S105
DEFAULT_SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"  # noqa: S105
DEFAULT_VERIFICATION_TOKEN = "EmUlAtOrVeRiFiCaTiOnToKeN"  # noqa: S105
# The app as briefbot's own manifest (adapters/slack/manifest.yml) installs it: the bot
# token gets exactly those scopes and the app exactly those event subscriptions.
DEFAULT_MANIFEST = load_manifest()
DEFAULT_BOT_SCOPES = DEFAULT_MANIFEST.bot_scopes

# Slack publishes each tier as a floor, "N+ per minute" (Tier 1 "1+ per minute. Access
# tier 1 methods infrequently. A small amount of burst behavior is tolerated."; Tier 2 20+,
# Tier 3 50+, Tier 4 100+: https://docs.slack.dev/apis/web-api/rate-limits, "Overview").
# The emulator grants exactly the floor, never more, so that it is never kinder than Slack:
# a bucket of one minute's calls refilled over the minute (Tier 1: one call, then one a
# minute; the size of Slack's "small amount of burst" is not published, so none is granted).
# Tests that open many Socket Mode connections in a minute (apps.connections.open is Tier 1)
# ask for more with ``RateLimitSettings.lenient_tier1()`` or ``tiers``.
SLACK_TIERS = {1: 1, 2: 20, 3: 50, 4: 100}


@dataclass
class RateLimitSettings:
    """Rate limits; every field can be changed at run time through the control API.

    chat.postMessage uses two token buckets: one per channel (``post_per_channel_per_second``
    refill, ``post_per_channel_burst`` capacity) and one for the whole workspace
    (``post_workspace_per_minute`` refill, ``post_workspace_burst`` capacity). Every other
    method has one bucket per method whose capacity and refill come from its tier
    (``tiers``: requests per minute) unless ``methods`` overrides it.
    """

    enabled: bool = True
    post_per_channel_per_second: float = 1.0
    post_per_channel_burst: int = 4
    post_workspace_per_minute: int = 300
    post_workspace_burst: int = 30
    tiers: dict[int, int] = field(default_factory=lambda: dict(SLACK_TIERS))
    methods: dict[str, int] = field(default_factory=dict)

    @classmethod
    def lenient_tier1(cls, per_minute: int = 10) -> RateLimitSettings:
        """Slack's limits but Tier 1 at ``per_minute`` (kinder than Slack publishes): for
        tests whose clients reconnect, or several processes connect, within a minute."""
        return cls(tiers={**SLACK_TIERS, 1: per_minute})


@dataclass
class EmulatorConfig:
    """Everything a :class:`SlackEmulator` can be constructed with (all have defaults)."""

    bot_token: str = DEFAULT_BOT_TOKEN
    app_token: str = DEFAULT_APP_TOKEN
    signing_secret: str = DEFAULT_SIGNING_SECRET
    verification_token: str = DEFAULT_VERIFICATION_TOKEN
    # From the manifest (``with_manifest``): granted scopes (``x-oauth-scopes``), the
    # subscribed event types (``message.channels``, ``app_mention``...), whether
    # interactivity is on, and the callback ids of the declared shortcuts.
    bot_scopes: tuple[str, ...] = DEFAULT_MANIFEST.bot_scopes
    bot_events: tuple[str, ...] = DEFAULT_MANIFEST.bot_events
    interactivity: bool = DEFAULT_MANIFEST.interactivity
    shortcuts: tuple[str, ...] = DEFAULT_MANIFEST.shortcuts
    # Which of ``shortcuts`` are message shortcuts; the rest are global.
    message_shortcuts: tuple[str, ...] = DEFAULT_MANIFEST.message_shortcuts
    mode: DeliveryMode = "socket"
    request_url: str | None = None
    # Where interaction payloads go in http mode (Slack's interactivity request URL);
    # ``None`` means the same URL as events.
    interactivity_url: str | None = None
    # Seconds the app has to acknowledge an envelope, an HTTP event or a slash command.
    ack_timeout: float = 3.0
    # How many times an unacknowledged event is delivered again (Slack: 3).
    max_retries: int = 3
    # Pause before each HTTP retry (Slack: at once, after about a minute, after about five).
    http_retry_delays: tuple[float, ...] = (0.0, 60.0, 300.0)
    # A response_url accepts this many posts during this many seconds.
    response_url_uses: int = 5
    response_url_ttl: float = 1800.0
    # A trigger_id opens a modal only within this many seconds, and only once
    # (docs.slack.dev/interactivity/handling-user-interaction#modal_responses: "3 seconds").
    trigger_ttl: float = 3.0
    rate_limits: RateLimitSettings = field(default_factory=RateLimitSettings)


def with_manifest(config: EmulatorConfig, manifest: AppManifest) -> EmulatorConfig:
    """``config`` granting what ``manifest`` asks for."""
    return dataclasses.replace(
        config,
        bot_scopes=manifest.bot_scopes,
        bot_events=manifest.bot_events,
        interactivity=manifest.interactivity,
        shortcuts=manifest.shortcuts,
        message_shortcuts=manifest.message_shortcuts,
    )
