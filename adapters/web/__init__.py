"""The article's web comment section: pages, JSON API and live updates (aiohttp).

Readers see the brief and the whole discussion from Discord, Slack and the web, and can
write a comment with or without JavaScript. See ``adapters/web/README.md``.
"""

from adapters.web.app import create_web_app
from adapters.web.options import WebOptions
from adapters.web.server import WebServer

__all__ = ["WebOptions", "WebServer", "create_web_app"]
