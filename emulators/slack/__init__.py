"""A loopback emulator of Slack (Web API, Socket Mode, HTTP Events, slash commands) that
the real slack_sdk and slack-bolt talk to unchanged; see README.md for the control API.

Built on aiohttp and the standard library only: it never imports slack_sdk or slack_bolt.
"""

from .commands import CommandView
from .config import EmulatorConfig, RateLimitSettings
from .manifest import AppManifest
from .payloads import MessageView
from .server import SlackEmulator, create_app

__all__ = [
    "AppManifest",
    "CommandView",
    "EmulatorConfig",
    "MessageView",
    "RateLimitSettings",
    "SlackEmulator",
    "create_app",
]
