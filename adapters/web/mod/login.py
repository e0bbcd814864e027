"""Signing in with a one-time link, and signing out.

``GET /mod/login?token=…`` (or ``/mod/login/<token>``) redeems the link once and answers
with a page that sets the session cookie and moves on to ``/mod`` straight away, so the token
leaves the address bar. It is a ``<meta http-equiv="refresh">`` page rather than a 302 on
purpose: the link is usually opened from Discord or Slack, another site, and browsers do not
send a ``SameSite=Strict`` cookie along a redirect chain that started on another site, so a
302 would land on the queue signed out. The refresh starts from our own page and carries it.
``Referrer-Policy: no-referrer`` keeps the token out of any ``Referer``.

A link posted in chat is fetched by the platform's link-preview crawler before anyone
clicks it; were that to redeem it, the moderator's own click would find it used. So a
``HEAD`` request and the known preview crawlers get a page that says to open the link in a
browser, and the link stays unused.
"""

from __future__ import annotations

from aiohttp import web

from adapters.web.mod import texts
from adapters.web.mod.session import (
    CSRF_FIELD,
    SESSION_COOKIE,
    check_csrf,
    clear_session_cookie,
    current,
    set_session_cookie,
)
from adapters.web.render import render_error, render_page
from adapters.web.state import state_of
from bot.errors import SignInError
from bot.services.moderation import end_session, start_session

__all__ = ["is_link_preview", "login", "logout"]

_MAX_TOKEN_CHARS = 200
# User-Agent marks of link-preview crawlers (Discord: "Discordbot/2.0"; Slack:
# "Slackbot-LinkExpanding", https://api.slack.com/robots; and the usual others).
_PREVIEW_AGENTS = (
    "discordbot", "slackbot", "slack-imgproxy", "twitterbot", "facebookexternalhit",
    "whatsapp", "telegrambot", "linkedinbot", "skypeuripreview", "iframely", "embedly",
)  # fmt: skip


def is_link_preview(request: web.Request) -> bool:
    """A request that only looks at the link (HEAD, a chat's preview crawler)."""
    agent = request.headers.get("User-Agent", "").lower()
    return request.method != "GET" or any(mark in agent for mark in _PREVIEW_AGENTS)


def _private(response: web.StreamResponse) -> web.StreamResponse:
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    return response


async def login(request: web.Request) -> web.StreamResponse:
    """Redeem a one-time sign-in link; a bad one gets one sentence and 403."""
    state = state_of(request)
    token = request.match_info.get("token") or request.query.get("token") or ""
    if not token or len(token) > _MAX_TOKEN_CHARS or not token.isascii():
        return _private(render_error(request, 403, texts.BAD_LOGIN))
    if is_link_preview(request):
        return _private(render_page(request, "mod_notice.html", message=texts.OPEN_IN_BROWSER))
    try:
        session = await start_session(state.ctx, token)
    except SignInError as error:
        return _private(render_error(request, 403, error.user_message))
    response = render_page(request, "mod_signed_in.html", message=texts.SIGNED_IN)
    set_session_cookie(request, response, session, state.ctx.clock())
    return _private(response)


async def logout(request: web.Request) -> web.StreamResponse:
    """``POST /mod/logout`` (with the session's CSRF token): end the session on the server."""
    session = await current(request)
    if session is not None:
        form = await request.post()
        token = form.get(CSRF_FIELD)
        check_csrf(session, token if isinstance(token, str) else None)
        # The cookie's id, not ``session.id``: the store knows sessions only by their hash.
        await end_session(state_of(request).ctx, request.cookies[SESSION_COOKIE])
    response = render_page(request, "mod_notice.html", message=texts.SIGNED_OUT)
    clear_session_cookie(request, response)
    return _private(response)
