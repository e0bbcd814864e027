"""Pasted articles: text or HTML from the page, briefed through the normal ``/brief`` path.

``POST /sandbox/paste`` (JSON ``{"text": ...}`` from the page) keeps the content in memory
and answers ``{"url": ...}``: a loopback address, ``/pasted/{digest}``, where the content is
served as HTML or plain text. The page then runs ``/brief`` on that URL through an emulator,
so the safe fetcher, the briefing core (``brief_from_html`` or ``brief_from_text``) and the
publishing all run as for any article. The same content gets the same URL, so pasting it
again is "already briefed here", as a link would be.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict

from aiohttp import web

from adapters.fetch.decode import sniff_media_type
from adapters.sandbox.proxy import from_the_page

__all__ = ["MAX_PASTE_BYTES", "PastedArticles"]

MAX_PASTE_BYTES = 1_000_000
# JSON escaping (quotes, newlines) makes the request body larger than the text itself.
_MAX_BODY_BYTES = 4 * MAX_PASTE_BYTES
_KEEP = 50

TOO_BIG = "That is more than 1 MB: paste one article at a time."
NOTHING = "Paste the text or the HTML of an article first."
NOT_TEXT = 'Send the pasted article as JSON: {"text": "..."}.'


def _refusal(status: int, sentence: str) -> web.Response:
    return web.json_response({"error": sentence}, status=status)


async def _read_at_most(request: web.Request, limit: int) -> bytes | None:
    """The whole body, or ``None`` past ``limit`` (the web server's own limit is for forms,
    smaller than an article)."""
    chunks: list[bytes] = []
    size = 0
    while chunk := await request.content.readany():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


class PastedArticles:
    """Serves the page's pasted articles; keeps the latest few in memory."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self._pages: OrderedDict[str, tuple[bytes, str]] = OrderedDict()

    def routes(self) -> list[web.RouteDef]:
        return [
            web.post("/sandbox/paste", self.paste, name="sandbox_paste"),
            web.get("/pasted/{digest}", self.serve, name="sandbox_pasted"),
        ]

    async def paste(self, request: web.Request) -> web.Response:
        """``POST /sandbox/paste``: ``{"url"}`` to brief, or ``{"error": <one sentence>}``."""
        if not from_the_page(request):
            raise web.HTTPForbidden(text="Only the sandbox page may paste articles.")
        if (request.content_length or 0) > _MAX_BODY_BYTES:
            return _refusal(413, TOO_BIG)
        body = await _read_at_most(request, _MAX_BODY_BYTES)
        if body is None:
            return _refusal(413, TOO_BIG)
        try:
            text = json.loads(body)["text"]
        except (ValueError, KeyError, TypeError):
            return _refusal(400, NOT_TEXT)
        if not isinstance(text, str):
            return _refusal(400, NOT_TEXT)
        content = text.strip().encode("utf-8")
        if not content:
            return _refusal(400, NOTHING)
        if len(content) > MAX_PASTE_BYTES:
            return _refusal(413, TOO_BIG)
        # A pasted fragment (<article>, <p>) is HTML too, though it has no <html> around it.
        html = content.startswith(b"<") or sniff_media_type(content) == "text/html"
        media_type = "text/html" if html else "text/plain"
        digest = hashlib.sha256(content).hexdigest()[:16]
        self._pages[digest] = (content, media_type)
        self._pages.move_to_end(digest)
        while len(self._pages) > _KEEP:
            self._pages.popitem(last=False)
        return web.json_response({"url": f"{self.base_url}/pasted/{digest}"})

    async def serve(self, request: web.Request) -> web.Response:
        """``GET /pasted/{digest}``: the pasted article, as HTML or plain text."""
        found = self._pages.get(request.match_info["digest"])
        if found is None:
            raise web.HTTPNotFound(text="No such pasted article; paste it again.")
        content, media_type = found
        return web.Response(body=content, content_type=media_type, charset="utf-8")
