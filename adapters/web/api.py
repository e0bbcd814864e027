"""The JSON API: articles, their discussions and comments, and posting a comment.

Posting needs no CSRF token: it only accepts ``Content-Type: application/json``, which a
page on another site cannot send without a CORS preflight that this server never approves,
and when the browser says where the request comes from (``Origin``) it must be this site.
Clients that are not browsers send no ``Origin`` and are let through; the rate limit still
applies to them.
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from adapters.web import messages
from adapters.web.params import parse_id
from adapters.web.queries import load_article, load_recent, load_target
from adapters.web.security import client_id, own_origin
from adapters.web.state import state_of
from adapters.web.throttle import check_rate, refund_refused
from adapters.web.views import (
    ArticleView,
    author_notice,
    comment_json,
    comment_view,
    comment_views,
    for_readers,
)
from bot.domain.commands import WriteWebComment
from bot.errors import InvalidDataError, NotFoundError
from bot.services.comments import write_web_comment

__all__ = ["routes"]

_MAX_PAGE = 200


def json_error(status: int, message: str) -> web.Response:
    """``{"error": "<one plain sentence>"}`` with that status."""
    return web.json_response({"error": message}, status=status)


def _path_id(request: web.Request, key: str, missing: str) -> int:
    found = parse_id(request.match_info[key])
    if found is None:
        raise NotFoundError(missing)
    return found


def page_url(request: web.Request, article_id: int) -> str:
    """The article's page, absolute: from the public base URL, else as this request sees us."""
    return state_of(request).ctx.article_url(article_id) or f"{own_origin(request)}/a/{article_id}"


def _article_json(request: web.Request, view: ArticleView) -> dict[str, Any]:
    return {
        "id": view.id,
        "title": view.title,
        "url": view.url,
        "site": view.site,
        "published": view.published.isoformat() if view.published else None,
        "page_url": page_url(request, view.id),
    }


async def list_articles(request: web.Request) -> web.Response:
    """``GET /api/articles?limit=&before=``: newest first."""
    state = state_of(request)
    limit = min(parse_id(request.query.get("limit")) or state.options.page_size, _MAX_PAGE)
    items = await load_recent(state.ctx.store, limit, parse_id(request.query.get("before")))
    articles = [
        {**_article_json(request, item.article), "comment_count": item.comment_count}
        for item in items
    ]
    more = len(items) == limit
    next_url = f"/api/articles?limit={limit}&before={items[-1].article.id}" if more else None
    return web.json_response({"articles": articles, "next": next_url})


async def get_article(request: web.Request) -> web.Response:
    """``GET /api/articles/{id}``: the brief and its discussions (with comment counts)."""
    article_id = _path_id(request, "article_id", messages.NO_ARTICLE)
    page = await load_article(state_of(request).ctx.store, article_id)
    view = page.article
    body = {
        **_article_json(request, view),
        "reading_minutes": view.reading_minutes,
        "language": view.language,
        "summary": list(view.summary),
        "summary_method": view.summary_method,
        "key_figures": [{"value": v, "label": label} for v, label in view.key_figures],
        "notice": view.notice,
        "discussions": [
            {
                "id": d.id,
                "created_at": d.created_at.isoformat(),
                "comment_count": d.comment_count,
                "comments_url": f"/api/discussions/{d.id}/comments",
            }
            for d in page.discussions
        ],
    }
    return web.json_response(body)


async def list_comments(request: web.Request) -> web.Response:
    """``GET /api/discussions/{id}/comments?after=&limit=``: in order, tombstones included."""
    discussion_id = _path_id(request, "discussion_id", messages.NO_DISCUSSION)
    after = parse_id(request.query.get("after"))
    limit = min(parse_id(request.query.get("limit")) or _MAX_PAGE, _MAX_PAGE)
    async with state_of(request).ctx.store.transaction() as tx:
        discussion = await tx.discussions.get(discussion_id)
        listed = await tx.comments.list_for_discussion(discussion_id, after, limit)
        comments = for_readers(listed)
        known = {c.id for c in comments}
        parents = [
            await tx.comments.get(c.reply_to_id)
            for c in comments
            if c.reply_to_id is not None and c.reply_to_id not in known
        ]
    url = page_url(request, discussion.article_id)
    views = [v for v in comment_views([*parents, *comments]) if v.id in known]
    last = listed[-1].id if listed else after
    return web.json_response(
        {"comments": [comment_json(v, url) for v in views], "next_after": last}
    )


def _origin_allowed(request: web.Request) -> bool:
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    allowed = {own_origin(request), *state_of(request).options.allowed_origins}
    base = state_of(request).ctx.web_base_url
    if base:
        allowed.add(base.rstrip("/"))
    return origin in allowed


async def _read_comment_body(request: web.Request) -> dict[str, Any] | web.Response:
    if request.content_type != "application/json":
        return json_error(415, messages.BAD_CONTENT_TYPE)
    if not _origin_allowed(request):
        return json_error(403, messages.BAD_ORIGIN)
    try:
        body = json.loads(await request.read())
    except (ValueError, UnicodeDecodeError):
        return json_error(400, messages.BAD_JSON)
    if not isinstance(body, dict) or not all(
        isinstance(body.get(k), str) for k in ("name", "text")
    ):
        return json_error(400, messages.BAD_JSON)
    reply_to = body.get("reply_to")
    if reply_to is not None and (not isinstance(reply_to, int) or isinstance(reply_to, bool)):
        return json_error(400, messages.BAD_JSON)
    return body


async def post_comment(request: web.Request) -> web.Response:
    """``POST /api/discussions/{id}/comments`` with ``{name, text, reply_to?}`` → 201."""
    state = state_of(request)
    discussion_id = _path_id(request, "discussion_id", messages.NO_DISCUSSION)
    body = await _read_comment_body(request)
    if isinstance(body, web.Response):
        return body
    limited = check_rate(request, as_json=True)
    if limited is not None:
        return limited
    discussion, reply_to = await load_target(state.ctx.store, discussion_id, body.get("reply_to"))
    if discussion.closed:
        refund_refused(request)
        return json_error(403, messages.CLOSED)
    command = WriteWebComment(
        discussion_id, body["name"], body["text"], client_id(request), reply_to
    )
    try:
        comment = await write_web_comment(command, state.ctx)
    except InvalidDataError:
        refund_refused(request)
        raise
    notice = author_notice(comment)
    if notice in (messages.CLOSED, messages.REJECTED):
        return json_error(403 if notice == messages.CLOSED else 422, notice)
    if notice is not None:  # held: stored, but nobody else sees it yet
        held = {"id": comment.id, "discussion_id": discussion_id, "held": True, "message": notice}
        return web.json_response(held, status=202)
    parent = None
    if comment.reply_to_id is not None:
        async with state.ctx.store.transaction() as tx:
            parent = await tx.comments.get(comment.reply_to_id)
    url = page_url(request, discussion.article_id)
    data = comment_json(comment_view(comment, parent), url)
    location = f"/api/discussions/{discussion_id}/comments?after={comment.id - 1}"
    return web.json_response(data, status=201, headers={"Location": location})


def routes() -> list[web.RouteDef]:
    """The API routes, for ``app.add_routes``."""
    return [
        web.get("/api/articles", list_articles, name="api_articles"),
        web.get(r"/api/articles/{article_id}", get_article, name="api_article"),
        web.get(r"/api/discussions/{discussion_id}/comments", list_comments, name="api_comments"),
        web.post(r"/api/discussions/{discussion_id}/comments", post_comment, name="api_post"),
    ]
