"""The environment of a real `briefbot run` process pointed at the local emulators.

Used by the sandbox cluster and by the end-to-end tests, which start such processes.
"""

from __future__ import annotations

import os
from pathlib import Path

from emulators.discord import DiscordEmulator
from emulators.slack import SlackEmulator

__all__ = ["OUR_SETTINGS", "bot_env"]

ROOT = Path(__file__).resolve().parents[2]

OUR_SETTINGS = ("DISCORD_", "SLACK_", "WEB_", "BRIEF_", "FETCH_", "MOD_", "FEED", "DATABASE_")
"""Prefixes of briefbot's own settings, which the machine's environment may also set."""


def bot_env(
    database: str,
    discord: DiscordEmulator,
    slack: SlackEmulator | None = None,
    *,
    guild: str | None = None,
    keep_out: tuple[str, ...] = OUR_SETTINGS,
    **settings: str,
) -> dict[str, str]:
    """This process's environment without the variables starting with ``keep_out``, then
    the database, the emulators' addresses and tokens, and ``settings`` on top."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(keep_out)}
    env.update(
        PYTHONPATH=str(ROOT),
        DATABASE_URL=database,
        DISCORD_TOKEN=discord.bot_token,
        DISCORD_API_BASE=discord.api_base,
        DISCORD_GATEWAY_URL=discord.gateway_url,
    )
    if guild is not None:
        env["DISCORD_GUILD_IDS"] = guild
    if slack is not None:
        env.update(
            SLACK_BOT_TOKEN=slack.bot_token,
            SLACK_APP_TOKEN=slack.app_token,
            SLACK_API_URL=slack.api_url,
        )
    env.update(settings)
    return env
