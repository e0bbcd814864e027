"""Jinja2 templates, autoescaped, and the helpers that turn them into responses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from aiohttp import web

from adapters.web import messages
from adapters.web.state import WebState, state_of
from adapters.web.views import CommentView

__all__ = [
    "TEMPLATES_DIR",
    "make_templates",
    "render_comment",
    "render_error",
    "render_page",
    "wants_embed",
]

TEMPLATES_DIR = Path(__file__).parent / "templates"


def make_templates() -> jinja2.Environment:
    """The template environment; autoescaping is on for every template, whatever its name."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def wants_embed(request: web.Request) -> bool:
    """``?embed=1``: the compact layout for iframes, without the site header."""
    return request.query.get("embed", "") in {"1", "true", "yes"}


def _base_context(request: web.Request, state: WebState) -> dict[str, Any]:
    embed = wants_embed(request)
    return {
        "embed": embed,
        "embed_query": "?embed=1" if embed else "",
        "reply_query": "?embed=1&" if embed else "?",
        "site_name": state.options.site_name,
        "index_url": state.options.index_path + ("?embed=1" if embed else ""),
        # One wording for a closed discussion: the form, the refusal and live.js (which reads
        # it from the comments section's data-closed-text) all show messages.CLOSED.
        "closed_text": messages.CLOSED,
    }


def render_page(
    request: web.Request, template: str, *, status: int = 200, **context: Any
) -> web.Response:
    """Render a full page as an HTML response."""
    state = state_of(request)
    html = state.templates.get_template(template).render(**_base_context(request, state), **context)
    return web.Response(text=html, status=status, content_type="text/html", charset="utf-8")


def render_error(
    request: web.Request, status: int, message: str, headers: dict[str, str] | None = None
) -> web.Response:
    """A plain page with one sentence; no traceback, no details."""
    response = render_page(request, "error.html", status=status, message=message)
    response.headers.update(headers or {})
    response.headers["Cache-Control"] = "no-store"
    return response


def render_comment(
    state: WebState, comment: CommentView, *, embed: bool = False, csrf_token: str = ""
) -> str:
    """The HTML of one comment, exactly as the page shows it (for live updates).

    Without ``csrf_token`` the Report form's token is left empty: the page's script copies
    in the token of the page it is inserted into.
    """
    template = state.templates.get_template("_comment.html")
    return template.render(
        c=comment,
        reply_query="?embed=1&" if embed else "?",
        embed_query="?embed=1" if embed else "",
        csrf_token=csrf_token,
    )
