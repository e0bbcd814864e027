"""A loopback emulator of Discord (REST v10 + gateway) that the real discord.py talks to.

See README.md in this folder for the control API and the defaults.
"""

from .config import EmulatorConfig, Limit, RateLimitConfig
from .server import DiscordEmulator, build_app

__all__ = ["DiscordEmulator", "EmulatorConfig", "Limit", "RateLimitConfig", "build_app"]
