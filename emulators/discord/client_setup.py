"""Point the real discord.py at an emulator (the only emulator module importing discord).

Both attributes are process-global class attributes: every client in the process then
talks to the same emulator. Call this before creating/starting the client, and never
call ``discord.http._set_api_version`` afterwards (it resets ``Route.BASE``).
"""

from __future__ import annotations

import discord.gateway
import discord.http
import yarl

__all__ = ["point_discord_py_at"]


def point_discord_py_at(api_base: str, gateway_url: str) -> None:
    discord.http.Route.BASE = api_base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)
