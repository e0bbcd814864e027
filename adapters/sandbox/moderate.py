"""Trying moderation in the sandbox: sample word lists and a way into the queue.

The sandbox's default policy rejects :data:`BANNED_WORD` and holds :data:`SUSPECT_WORD`, and
the page says so, so a visitor sees both rules at work at once. ``POST /sandbox/moderate``
(JSON from the page only) issues a real one-time sign-in link for a moderator of the linked
``#news`` channels (so the queue links to their policy) and answers ``{"url"}``; the page
opens it, and the web server's own sign-in starts the session.
Nothing here exists outside the sandbox: a real deployment signs moderators in with
``/briefbot mod login`` or ``briefbot moderators invite``.
"""

from __future__ import annotations

from typing import Final

from aiohttp import web

from adapters.sandbox.proxy import from_the_page
from bot.domain.model import WEB
from bot.domain.moderation import Moderator
from bot.services.context import Context
from bot.services.moderation.signin import issue_login, sign_in_url

__all__ = [
    "BANNED_ENTRY",
    "BANNED_WORD",
    "CHAT_MODERATORS",
    "MODERATOR_NAME",
    "SUSPECT_ENTRY",
    "SUSPECT_WORD",
    "SandboxModeration",
]

BANNED_WORD: Final = "turnip"
SUSPECT_WORD: Final = "parsnip"
# As policy entries: any word starting with them, so "Turnips!" counts too.
BANNED_ENTRY: Final = f"{BANNED_WORD}*"
SUSPECT_ENTRY: Final = f"{SUSPECT_WORD}*"
MODERATOR_NAME: Final = "Sandbox moderator"
# The emulators' seeded moderators: Discord's "Moderators" role (Manage Messages) and
# Slack's workspace owner. The page names them; anyone else is refused, as on the platforms.
CHAT_MODERATORS: Final = {"discord": "Riverside Editor", "slack": "Ana"}


class SandboxModeration:
    """Serves ``POST /sandbox/moderate``; :meth:`bind` the application's context first."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self._ctx: Context | None = None
        self._moderator: Moderator | None = None

    def bind(self, ctx: Context, room_id: int) -> None:
        """Serve moderators of ``room_id``, the linked ``#news`` channels."""
        self._ctx = ctx
        rooms = frozenset({room_id})
        self._moderator = Moderator(WEB, "sandbox:moderator", MODERATOR_NAME, rooms)

    def routes(self) -> list[web.RouteDef]:
        return [web.post("/sandbox/moderate", self.moderate, name="sandbox_moderate")]

    async def moderate(self, request: web.Request) -> web.Response:
        """``POST /sandbox/moderate``: ``{"url"}``, a one-time sign-in link to ``/mod``."""
        if not from_the_page(request):
            raise web.HTTPForbidden(text="Only the sandbox page may sign in to the queue.")
        if self._ctx is None or self._moderator is None:
            raise web.HTTPServiceUnavailable(text="The sandbox is starting.")
        token = await issue_login(self._ctx, self._moderator)
        url = sign_in_url(self.base_url, token)
        return web.json_response({"url": url}, headers={"Cache-Control": "no-store"})
