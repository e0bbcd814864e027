"""Moderator sessions on the web: the cookie, who is signed in, and the session-bound CSRF check.

The cookie holds only a random session id (the store keeps its hash) and is ``HttpOnly``,
``SameSite=Strict``, limited to ``/mod``, and ``Secure`` whenever the page was served over
https (directly, or behind a trusted proxy that says so). Every state-changing request must
also carry the CSRF token of *that* session (a form field, or the ``X-CSRF-Token`` header for
the JSON API): a token taken from another session, or the readers' form token, is refused.
"""

from __future__ import annotations

import hmac
from datetime import datetime

from aiohttp import web

from adapters.web.mod import texts
from adapters.web.params import parse_id
from adapters.web.security import is_secure
from adapters.web.state import state_of
from bot.domain.moderation import Moderator, Session
from bot.errors import BriefbotError, NotFoundError
from bot.services.moderation import current_session

__all__ = [
    "COOKIE_PATH",
    "CSRF_FIELD",
    "CSRF_HEADER",
    "SESSION_COOKIE",
    "RefusedError",
    "check_csrf",
    "clear_session_cookie",
    "current",
    "require",
    "require_room",
    "room_in_path",
    "set_session_cookie",
]

SESSION_COOKIE = "briefbot_mod"
COOKIE_PATH = "/mod"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
_MAX_COOKIE_CHARS = 200


class RefusedError(BriefbotError):
    """A moderator page or action was refused (no session, bad CSRF token): answered 403."""

    default_message = texts.NO_SESSION


async def current(request: web.Request) -> Session | None:
    """The moderator session this request's cookie names, if it is valid and unexpired."""
    raw = request.cookies.get(SESSION_COOKIE)
    if not raw or len(raw) > _MAX_COOKIE_CHARS or not raw.isascii():
        return None
    return await current_session(state_of(request).ctx, raw)


async def require(request: web.Request) -> Session:
    """The session, or :class:`RefusedError` with one sentence (answered 403)."""
    session = await current(request)
    if session is None:
        raise RefusedError(texts.NO_SESSION)
    return session


def check_csrf(session: Session, submitted: str | None) -> None:
    """Refuse unless ``submitted`` is this very session's CSRF token."""
    if not submitted or not submitted.isascii():
        raise RefusedError(texts.BAD_CSRF)
    if not hmac.compare_digest(session.csrf.encode(), submitted.encode()):
        raise RefusedError(texts.BAD_CSRF)


def require_room(moderator: Moderator, room_id: int) -> None:
    """Refuse a moderator scoped to other rooms (the services check again when they act)."""
    if not moderator.may_act_in(room_id):
        raise RefusedError(texts.NOT_YOUR_ROOM)


def room_in_path(request: web.Request, moderator: Moderator) -> int:
    """The ``{room_id}`` of the path, refused unless ``moderator`` may act on it."""
    room_id = parse_id(request.match_info["room_id"])
    if room_id is None:
        raise NotFoundError(texts.NO_ROOM)
    require_room(moderator, room_id)
    return room_id


def set_session_cookie(
    request: web.Request, response: web.StreamResponse, session: Session, now: datetime
) -> None:
    """The session cookie: HttpOnly, SameSite=Strict, ``Secure`` over https, ``/mod`` only."""
    max_age = max(0, int((session.expires_at - now).total_seconds()))
    response.set_cookie(
        SESSION_COOKIE,
        session.id,
        max_age=max_age,
        path=COOKIE_PATH,
        httponly=True,
        secure=is_secure(request),
        samesite="Strict",
    )


def clear_session_cookie(request: web.Request, response: web.StreamResponse) -> None:
    """Tell the browser to forget the session cookie (the server ends the session itself)."""
    response.del_cookie(
        SESSION_COOKIE,
        path=COOKIE_PATH,
        httponly=True,
        secure=is_secure(request),
        samesite="Strict",
    )
