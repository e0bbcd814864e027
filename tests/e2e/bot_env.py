"""The environment of a real `briefbot run` process pointed at the emulators."""

from __future__ import annotations

import os
from pathlib import Path

from emulators.discord import DiscordEmulator
from emulators.slack import SlackEmulator

ROOT = Path(__file__).resolve().parents[2]

# Settings of ours that the machine running the tests may have set: never inherited.
_OURS = ("DISCORD_", "SLACK_", "WEB_", "BRIEF_", "FETCH_", "MOD_", "FEED", "DATABASE_")


def bot_env(
    database: str,
    discord: DiscordEmulator,
    slack: SlackEmulator | None = None,
    *,
    guild: str | None = None,
    **settings: str,
) -> dict[str, str]:
    """This process's environment without our settings, then the database, the
    emulators' addresses and tokens, and ``settings`` on top."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(_OURS)}
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
