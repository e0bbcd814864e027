"""The sandbox page at ``/``: Discord ``#news`` and Slack ``#news`` side by side, live.

The HTML carries everything the page needs to start (seeded users, channel ids, samples);
``static/sandbox.js`` then reads the channels through the control proxy and follows the
emulators' event streams. ``GET /sandbox/briefs`` tells which chat message is the brief of
which article, so each brief can link to its article page.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from aiohttp import web

from adapters.discord.platform import DISCORD
from adapters.sandbox.info import SandboxInfo
from adapters.sandbox.moderate import BANNED_WORD, CHAT_MODERATORS, SUSPECT_WORD
from adapters.sandbox.newsroom import FEED_PATH
from adapters.sandbox.pasted import MAX_PASTE_BYTES
from adapters.sandbox.samples import Sample
from adapters.slack.platform import SLACK
from bot.ports.store import Store
from emulators.discord.validation import CONTENT_MAX as DISCORD_MAX_CHARS
from emulators.slack.validation import MAX_TEXT as SLACK_MAX_CHARS

__all__ = ["STATIC_DIR", "TEMPLATES_DIR", "SandboxPage"]

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"


class SandboxPage:
    """Serves the page, its static files and the brief index.

    The store is known only once the application is built: :meth:`bind` it before serving.
    """

    def __init__(self, info: SandboxInfo, samples: list[Sample]) -> None:
        self.info = info
        self.samples = samples
        self._store: Store | None = None
        self._templates = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def bind(self, store: Store) -> None:
        self._store = store

    def routes(self) -> list[web.AbstractRouteDef]:
        return [
            web.get("/", self.page, name="sandbox"),
            web.get("/sandbox/briefs", self.briefs, name="sandbox_briefs"),
            web.static("/sandbox/static", STATIC_DIR, name="sandbox_static"),
        ]

    async def page(self, request: web.Request) -> web.Response:
        """``GET /``: the two channels, the controls, and a few lines of explanation."""
        html = self._templates.get_template("sandbox.html").render(
            info=self.info,
            samples=self.samples,
            # Each pane says its platform's limit next to the reply box, as its client does.
            max_chars={"discord": DISCORD_MAX_CHARS, "slack": SLACK_MAX_CHARS},
            max_paste_bytes=MAX_PASTE_BYTES,
            banned_word=BANNED_WORD,
            suspect_word=SUSPECT_WORD,
            moderators=CHAT_MODERATORS,
            newsroom_feed=FEED_PATH,
        )
        return web.Response(
            text=html,
            content_type="text/html",
            charset="utf-8",
            headers={"Cache-Control": "no-store"},
        )

    async def briefs(self, request: web.Request) -> web.Response:
        """``GET /sandbox/briefs``: ``{platform: {brief message id: article id}}``."""
        if self._store is None:
            raise web.HTTPServiceUnavailable(text="The sandbox is starting.")
        index: dict[str, dict[str, int]] = {}
        articles: dict[int, int] = {}
        async with self._store.transaction() as tx:
            for platform in (DISCORD, SLACK):
                found = index.setdefault(platform.value, {})
                for thread in await tx.discussions.list_threads(platform, limit=200):
                    if thread.discussion_id not in articles:
                        discussion = await tx.discussions.get(thread.discussion_id)
                        articles[thread.discussion_id] = discussion.article_id
                    found[thread.message_id] = articles[thread.discussion_id]
        return web.json_response(index, headers={"Cache-Control": "no-store"})
