"""Readers' reports: the "Report" button under each comment.

The form carries the page's CSRF token (the same signed double-submit token as the comment
form); the reporter is the pseudonymous client id, so one reader counts once however often
they press the button, and the posting throttle keeps a flood of reports back.
"""

from __future__ import annotations

from aiohttp import web

from adapters.web import messages
from adapters.web.params import parse_id
from adapters.web.queries import load_comment
from adapters.web.render import render_error, render_page, wants_embed
from adapters.web.security import CSRF_COOKIE, client_id
from adapters.web.state import state_of
from adapters.web.throttle import check_rate
from adapters.web.views import shown_to_readers
from bot.errors import NotFoundError
from bot.services.moderation import report

__all__ = ["report_comment", "routes"]


async def report_comment(request: web.Request) -> web.Response:
    """``POST /comments/{comment_id}/report``: count this reader's report; thank them."""
    state = state_of(request)
    comment_id = parse_id(request.match_info["comment_id"])
    if comment_id is None:
        raise NotFoundError(messages.NO_COMMENT)
    form = await request.post()
    token = form.get("csrf_token")
    submitted = token if isinstance(token, str) else None
    if not state.csrf.matches(request.cookies.get(CSRF_COOKIE), submitted):
        return render_error(request, 403, messages.BAD_CSRF)
    limited = check_rate(request, as_json=False)
    if limited is not None:
        return limited
    comment, _ = await load_comment(state.ctx.store, comment_id)
    if not shown_to_readers(comment) or comment.deleted:
        raise NotFoundError(messages.NO_COMMENT)
    await report(state.ctx, comment_id, client_id(request))
    async with state.ctx.store.transaction() as tx:
        discussion = await tx.discussions.get(comment.discussion_id)
    embed = "?embed=1" if wants_embed(request) else ""
    back = f"/a/{discussion.article_id}{embed}#c{comment_id}"
    response = render_page(request, "notice.html", message=messages.REPORTED, back_url=back)
    response.headers["Cache-Control"] = "no-store"
    return response


def routes() -> list[web.RouteDef]:
    return [web.post(r"/comments/{comment_id}/report", report_comment, name="report_comment")]
