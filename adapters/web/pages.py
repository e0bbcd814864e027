"""The HTML pages: the list of briefed articles, an article's discussion, and its form.

The form works without JavaScript: it posts here, and a successful post redirects back to
the new comment (POST-redirect-GET); a refused one shows the page again with the reason and
what the reader typed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from aiohttp import web

from adapters.web import messages
from adapters.web.params import parse_id
from adapters.web.queries import ArticlePage, load_article, load_recent, load_target
from adapters.web.render import render_error, render_page, wants_embed
from adapters.web.security import CSRF_COOKIE, client_id, set_csrf_cookie
from adapters.web.state import state_of
from adapters.web.throttle import check_rate, refund_refused
from adapters.web.views import ReplyView, author_notice
from bot.domain.commands import WriteWebComment
from bot.errors import InvalidDataError, NotFoundError
from bot.ports.store import MAX_COMMENT_CHARS, MAX_NAME_CHARS
from bot.services.comments import write_web_comment

__all__ = ["FormState", "article_page", "index_page", "post_comment", "routes"]


@dataclass(frozen=True, slots=True)
class FormState:
    """What one discussion's form shows: its id, prefilled fields, a reply target, an error."""

    form_id: str
    name: str = ""
    text: str = ""
    reply_to: ReplyView | None = None
    error: str | None = None
    notice: str | None = None


def _article_id(request: web.Request) -> int:
    article_id = parse_id(request.match_info["article_id"])
    if article_id is None:
        raise NotFoundError(messages.NO_ARTICLE)
    return article_id


async def index_page(request: web.Request) -> web.Response:
    """``GET /``: briefed articles, newest first, with an "older" link for the next page."""
    state = state_of(request)
    limit = state.options.page_size
    before = parse_id(request.query.get("before"))
    articles = await load_recent(state.ctx.store, limit, before)
    older = None
    if len(articles) == limit:
        embed = "&embed=1" if wants_embed(request) else ""
        older = f"{request.path}?before={articles[-1].article.id}{embed}"
    return render_page(request, "index.html", articles=articles, older_url=older)


@dataclass(frozen=True, slots=True)
class _Filled:
    """A refused post, shown again: which discussion, what was typed, and why."""

    discussion_id: int
    name: str
    text: str
    error: str


def _forms(
    page: ArticlePage,
    reply_to: int | None,
    filled: _Filled | None,
    notice: tuple[int, str] | None = None,
) -> dict[int, FormState]:
    forms: dict[int, FormState] = {}
    for index, discussion in enumerate(page.discussions):
        form_id = "comment-form" if index == 0 else f"comment-form-{discussion.id}"
        parent = next((c for c in discussion.comments if c.id == reply_to and not c.deleted), None)
        reply = ReplyView(parent.id, parent.author_name, "", False) if parent else None
        state = FormState(form_id, reply_to=reply)
        if filled is not None and filled.discussion_id == discussion.id:
            state = replace(state, name=filled.name, text=filled.text, error=filled.error)
        if notice is not None and notice[0] == discussion.id:
            state = replace(state, notice=notice[1])
        forms[discussion.id] = state
    return forms


async def _show_article(
    request: web.Request,
    article_id: int,
    *,
    status: int = 200,
    reply_to: int | None = None,
    filled: _Filled | None = None,
    notice: tuple[int, str] | None = None,
) -> web.Response:
    state = state_of(request)
    page = await load_article(state.ctx.store, article_id)
    token = request.cookies.get(CSRF_COOKIE)
    fresh = token is None or not state.csrf.is_valid(token)
    if token is None or fresh:
        token = state.csrf.new_token()
    embed = "?embed=1" if wants_embed(request) else ""
    response = render_page(
        request,
        "article.html",
        status=status,
        article=page.article,
        discussions=page.discussions,
        forms=_forms(page, reply_to, filled, notice),
        csrf_token=token,
        events_url=f"/a/{article_id}/events{embed}",
        last_id=page.last_id,
        max_name=MAX_NAME_CHARS,
        max_text=MAX_COMMENT_CHARS,
    )
    if fresh:
        set_csrf_cookie(request, response, token)
    response.headers["Cache-Control"] = "no-store"
    return response


async def article_page(request: web.Request) -> web.Response:
    """``GET /a/{article_id}``: the brief, every discussion of it, and a form for each.

    ``?reply_to=<comment id>`` prepares the form to answer that comment (the no-JS reply).
    """
    reply_to = parse_id(request.query.get("reply_to"))
    notice = None
    sentence = messages.NOTICES.get(request.query.get("notice", ""))
    discussion_id = parse_id(request.query.get("d"))
    if sentence is not None and discussion_id is not None:
        notice = (discussion_id, sentence)
    return await _show_article(request, _article_id(request), reply_to=reply_to, notice=notice)


async def post_comment(request: web.Request) -> web.StreamResponse:
    """``POST /a/{article_id}/comments``: the no-JavaScript form post."""
    state = state_of(request)
    article_id = _article_id(request)
    form = await request.post()
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    if not state.csrf.matches(request.cookies.get(CSRF_COOKIE), fields.get("csrf_token")):
        return render_error(request, 403, messages.BAD_CSRF)
    limited = check_rate(request, as_json=False)
    if limited is not None:
        return limited
    discussion_id = parse_id(fields.get("discussion_id"))
    if discussion_id is None:
        return render_error(request, 400, messages.BAD_FORM)
    discussion, reply_to = await load_target(
        state.ctx.store, discussion_id, parse_id(fields.get("reply_to"))
    )
    if discussion.article_id != article_id:
        raise NotFoundError(messages.NO_DISCUSSION)
    if discussion.closed:
        refund_refused(request)
        return render_error(request, 403, messages.CLOSED)
    name, text = fields.get("name", ""), fields.get("text", "")
    command = WriteWebComment(discussion_id, name, text, client_id(request), reply_to)
    try:
        comment = await write_web_comment(command, state.ctx)
    except InvalidDataError as error:
        refund_refused(request)
        filled = _Filled(discussion_id, name, text, error.user_message)
        return await _show_article(
            request, article_id, status=400, reply_to=command.reply_to_comment_id, filled=filled
        )
    embed = "?embed=1" if wants_embed(request) else ""
    notice = author_notice(comment)
    if notice == messages.CLOSED:
        return render_error(request, 403, messages.CLOSED)
    if notice is not None:
        key = "held" if notice == messages.HELD else "rejected"
        query = f"{embed}&" if embed else "?"
        where = f"{query}notice={key}&d={discussion_id}#form-{discussion_id}"
        raise web.HTTPFound(f"/a/{article_id}{where}")
    raise web.HTTPFound(f"/a/{article_id}{embed}#c{comment.id}")


def routes(index_path: str = "/") -> list[web.RouteDef]:
    """The page routes, for ``app.add_routes``; the article list is at ``index_path``."""
    return [
        web.get(index_path, index_page, name="index"),
        web.get(r"/a/{article_id}", article_page, name="article"),
        web.post(r"/a/{article_id}/comments", post_comment, name="post_comment"),
    ]
