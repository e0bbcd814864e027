"""Configuration: one frozen settings object, read from the environment and ``.env``.

Built once at start-up by the composition root (``bot.bootstrap``); nothing reads the
environment anywhere else. Every variable is listed, with a comment, in ``.env.example``.
"""

from __future__ import annotations

import socket
from typing import Annotated, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.errors import ConfigError

__all__ = ["Settings", "load_settings"]


def _split_csv(value: object) -> object:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", frozen=True
    )

    # --- storage ---
    database_url: str = Field(
        default="sqlite:///data/briefbot.sqlite3",
        description="sqlite:///path/to/file.sqlite3 or postgresql://user@host:5432/db",
    )

    # --- briefing ---
    brief_sentences: int = Field(default=3, ge=1, le=10)
    fetch_allow: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Hosts or CIDRs the fetcher may reach even though they are private.",
    )
    fetch_timeout_seconds: float = Field(default=15.0, gt=0, le=120)
    fetch_max_bytes: int = Field(default=5 * 1024 * 1024, gt=0)
    brief_max_chars: int = Field(
        default=1_000_000,
        gt=0,
        description="A page whose text (markup included) is longer is refused before parsing.",
    )
    brief_max_words: int = Field(
        default=150_000,
        gt=0,
        description="A page with more words (markup included) is refused before parsing.",
    )
    brief_timeout_seconds: float = Field(
        default=10.0,
        gt=0,
        le=300,
        description="How long one brief may take in its worker before the worker is killed.",
    )
    brief_workers: int = Field(
        default=2, ge=1, le=32, description="Worker processes that build briefs."
    )

    # --- who may /brief ---
    brief_allowed: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Role/user-group/user ids allowed to /brief; empty means anyone.",
    )
    brief_cooldown_seconds: float = Field(default=30.0, ge=0)
    brief_wait_seconds: float = Field(
        default=20.0,
        gt=0,
        le=600,
        description="How long /brief waits for its brief to be posted before saying it is queued.",
    )

    # --- Discord ---
    discord_token: SecretStr | None = None
    discord_api_base: str = "https://discord.com/api/v10"
    discord_gateway_url: str = "wss://gateway.discord.gg/"
    discord_guild_ids: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Guilds to register /brief in instantly; empty registers it globally.",
    )

    # --- Slack ---
    slack_bot_token: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_admin_user_token: SecretStr | None = Field(
        default=None,
        description="A workspace admin's user token (xoxp-…): lets moderators delete a"
        " person's own Slack message too.",
    )
    slack_api_url: str = "https://slack.com/api/"
    slack_pacing: bool = Field(
        default=True,
        description="Space Web API calls to Slack's published rate limits before sending;"
        " off only against an emulator with its limits switched off.",
    )

    # --- web ---
    web_host: str = "127.0.0.1"
    web_port: int = Field(default=8080, ge=0, le=65535)
    public_base_url: str | None = Field(
        default=None, description="Where readers reach the web pages, for links in chats."
    )
    web_secret: SecretStr | None = Field(
        default=None, description="Signs CSRF tokens; a random one per process when unset."
    )
    web_frame_ancestors: str = Field(
        default="*", description="Who may embed the comment pages in an iframe (CSP)."
    )
    web_trust_proxy: bool = Field(
        default=False, description="Read the client address from X-Forwarded-For."
    )
    web_comments_per_minute: int = Field(default=5, ge=1, le=600)

    worker_name: str = Field(
        default_factory=socket.gethostname,
        min_length=1,
        max_length=60,
        description=(
            "Prefix of this process's delivery workers' names; the process id and start"
            " time are added, so processes sharing a prefix never share a name."
        ),
    )

    delivery_poll_seconds: float = Field(
        default=5.0,
        gt=0,
        le=300,
        description="How often an idle delivery worker looks for work nobody woke it for.",
    )
    delivery_lease_seconds: float = Field(
        default=300.0,
        ge=1,
        le=3600,
        description="How long a claimed delivery is held before another worker may take it.",
    )

    # --- feeds (issue 13; see README "Feeds") ---
    feeds_enabled: bool = Field(default=True, description="Whether this process polls feeds.")
    feed_interval_minutes: float = Field(default=10.0, gt=0, le=1440)
    feed_min_interval_minutes: float = Field(default=2.0, gt=0, le=1440)
    feed_first_posts: int = Field(default=1, ge=0, le=20)
    feed_posts_per_poll: int = Field(default=3, ge=1, le=50)
    feed_max_age_hours: float = Field(default=168.0, ge=0, description="0: no age limit.")
    feed_max_failures: int = Field(default=5, ge=1, le=100)
    feed_per_host: int = Field(default=2, ge=1, le=20)
    feed_concurrency: int = Field(default=8, ge=1, le=200)
    feed_lease_seconds: float = Field(default=300.0, ge=1, le=3600)
    feed_poll_seconds: float = Field(default=5.0, gt=0, le=300)

    # --- moderation (defaults for every linked group; moderators change them per group) ---
    mod_banned_words: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Words or re:patterns whose comments are rejected (comma-separated).",
    )
    mod_suspect_words: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Words or re:patterns whose comments are held for a moderator.",
    )
    mod_words_file: str | None = Field(
        default=None,
        description="A word list, one entry per line: banned, or 'suspect:<entry>'; # comments.",
    )
    mod_hold_links: bool = False
    mod_hold_first_web: bool = True
    mod_premoderate_web: bool = False
    mod_burst: str = Field(
        default="5/60",
        pattern=r"^\d{1,4}/\d{1,6}$",
        description="COUNT/SECONDS: an author's comments within SECONDS beyond COUNT are held;"
        " 0/60 turns it off.",
    )
    mod_reports_to_hold: int = Field(default=3, ge=1, le=1000)
    mod_roles: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Discord role ids / Slack user-group ids that may moderate, besides those"
        " with Manage Messages / workspace admins.",
    )
    mod_session_hours: float = Field(default=8.0, gt=0, le=24 * 7)

    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    @field_validator(
        "fetch_allow",
        "brief_allowed",
        "discord_guild_ids",
        "mod_banned_words",
        "mod_suspect_words",
        "mod_roles",
        mode="before",
    )
    @classmethod
    def _csv(cls, value: object) -> object:
        return _split_csv(value)

    @field_validator(
        "discord_token",
        "slack_bot_token",
        "slack_app_token",
        "slack_signing_secret",
        "slack_admin_user_token",
        "web_secret",
        "public_base_url",
        "mod_words_file",
        mode="before",
    )
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        """``DISCORD_TOKEN=`` copied from .env.example means "not set", not an empty token."""
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("worker_name", mode="before")
    @classmethod
    def _blank_is_host(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return socket.gethostname()
        return value

    @property
    def slack_mode(self) -> Literal["socket", "http"] | None:
        """Socket Mode when an app token is set, HTTP Events with a signing secret."""
        if self.slack_bot_token is None:
            return None
        if self.slack_app_token is not None:
            return "socket"
        if self.slack_signing_secret is not None:
            return "http"
        return None

    @property
    def mod_burst_limits(self) -> tuple[int, int]:
        """``MOD_BURST`` as (count, seconds)."""
        count, seconds = self.mod_burst.split("/")
        return int(count), int(seconds)

    @property
    def web_base_url(self) -> str:
        return self.public_base_url or f"http://{self.web_host}:{self.web_port}"


def load_settings(**overrides: object) -> Settings:
    """Build the settings from the environment, ``.env`` and explicit overrides.

    A value that does not fit raises :class:`ConfigError` naming the variable.
    """
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        problems = "; ".join(
            f"{'_'.join(str(part) for part in e['loc']).upper() or 'a setting'}: {e['msg']}"
            for e in error.errors()
        )
        raise ConfigError(f"The configuration is not valid: {problems}.") from None
