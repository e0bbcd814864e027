"""The moderators' JSON API under ``/mod/api/``: the same session as the pages.

Reads need the session cookie; every POST also needs the session's CSRF token in the
``X-CSRF-Token`` header (``GET /mod/api/session`` tells a signed-in page what it is). Errors
are ``{"error": "<one sentence>"}``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from aiohttp import web

from adapters.web.mod import texts
from adapters.web.mod.actions import act, comment_action_in_path
from adapters.web.mod.policy import policy_from_json
from adapters.web.mod.queue import QUEUE_LIMIT
from adapters.web.mod.rooms import discussion_action, parse_author, set_discussion_open
from adapters.web.mod.session import CSRF_HEADER, check_csrf, require, room_in_path
from adapters.web.mod.views import audit_json, policy_json, queue_json, queue_view
from adapters.web.params import parse_id
from adapters.web.state import state_of
from bot.domain.moderation import Session
from bot.errors import InvalidDataError, ModerationError, NotFoundError
from bot.services.moderation import audit_log, moderation_queue, room_policy, set_policy, unban

__all__ = [
    "api_act",
    "api_audit",
    "api_discussion",
    "api_policy",
    "api_queue",
    "api_save_policy",
    "api_session",
    "api_unban",
]


def _private(data: Mapping[str, object], status: int = 200) -> web.Response:
    response = web.json_response(data, status=status)
    response.headers["Cache-Control"] = "no-store"
    return response


async def _posting(request: web.Request) -> Session:
    session = await require(request)
    check_csrf(session, request.headers.get(CSRF_HEADER))
    return session


async def api_session(request: web.Request) -> web.Response:
    """``GET /mod/api/session``: who is signed in, until when, and the CSRF token for POSTs."""
    session = await require(request)
    moderator = session.moderator
    rooms = sorted(moderator.rooms) if moderator.rooms is not None else None
    return _private(
        {
            "moderator": {"key": moderator.key(), "name": moderator.name, "rooms": rooms},
            "expires_at": session.expires_at.isoformat(),
            "csrf_token": session.csrf,
        }
    )


async def api_queue(request: web.Request) -> web.Response:
    """``GET /mod/api/queue``: held and reported comments, newest first."""
    session = await require(request)
    items = await moderation_queue(state_of(request).ctx, session.moderator, QUEUE_LIMIT)
    return _private({"items": [queue_json(queue_view(item)) for item in items]})


async def api_act(request: web.Request) -> web.Response:
    """``POST /mod/api/comments/{comment_id}/{action}`` (approve, reject, remove, ban)."""
    session = await _posting(request)
    comment_id, action = comment_action_in_path(request)
    outcome = await act(state_of(request).ctx, session.moderator, comment_id, action)
    return _private(
        {
            "action": outcome.action,
            "comment_id": outcome.comment_id,
            "kept": [p.value for p in outcome.kept],
            "message": outcome.sentence,
        }
    )


async def api_audit(request: web.Request) -> web.Response:
    """``GET /mod/api/audit``: the audit log of the moderator's rooms."""
    session = await require(request)
    entries = await audit_log(state_of(request).ctx, session.moderator)
    return _private({"entries": [audit_json(e) for e in entries]})


async def api_policy(request: web.Request) -> web.Response:
    """``GET /mod/api/rooms/{room_id}/policy``."""
    session = await require(request)
    room_id = room_in_path(request, session.moderator)
    policy = await room_policy(state_of(request).ctx, room_id, session.moderator)
    return _private({"room_id": room_id, **policy_json(policy)})


async def _json_object(request: web.Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.read())
    except (ValueError, UnicodeDecodeError):
        raise InvalidDataError(texts.BAD_JSON) from None
    if not isinstance(body, dict):
        raise InvalidDataError(texts.BAD_JSON)
    return body


async def api_save_policy(request: web.Request) -> web.Response:
    """``POST /mod/api/rooms/{room_id}/policy`` with any of the policy's fields."""
    session = await _posting(request)
    room_id = room_in_path(request, session.moderator)
    body = await _json_object(request)
    ctx = state_of(request).ctx
    policy = policy_from_json(body, await room_policy(ctx, room_id, session.moderator))
    try:
        await set_policy(ctx, room_id, policy, session.moderator)
    except ModerationError as error:  # a pattern refused: the request's fault, not a conflict
        raise InvalidDataError(error.user_message) from None
    return _private({"room_id": room_id, **policy_json(policy)})


async def api_unban(request: web.Request) -> web.Response:
    """``POST /mod/api/rooms/{room_id}/unban`` with ``{"author": "slack:U1"}``."""
    session = await _posting(request)
    room_id = room_in_path(request, session.moderator)
    body = await _json_object(request)
    author = body.get("author")
    platform, user_id = parse_author(author if isinstance(author, str) else None)
    lifted = await unban(state_of(request).ctx, room_id, platform, user_id, session.moderator)
    return _private({"room_id": room_id, "author": f"{platform.value}:{user_id}", "lifted": lifted})


async def api_discussion(request: web.Request) -> web.Response:
    """``POST /mod/api/discussions/{discussion_id}/{close|open}``."""
    session = await _posting(request)
    discussion_id = parse_id(request.match_info["discussion_id"])
    if discussion_id is None:
        raise NotFoundError(texts.NO_DISCUSSION)
    action = discussion_action(request.match_info["action"])
    ctx = state_of(request).ctx
    await set_discussion_open(ctx, session.moderator, discussion_id, action)
    return _private(
        {"discussion_id": discussion_id, "closed": action == "close", "message": texts.DONE[action]}
    )
