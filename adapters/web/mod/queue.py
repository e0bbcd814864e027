"""The moderation queue page, its action forms and each room's policy form (HTML, no script).

Every handler first needs a valid session (else one sentence, 403); every POST also needs
that session's CSRF token. A moderator scoped to some rooms sees and acts on those only.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from adapters.web.mod import texts
from adapters.web.mod.actions import act, comment_action_in_path
from adapters.web.mod.policy import policy_from_form
from adapters.web.mod.session import CSRF_FIELD, check_csrf, require, room_in_path
from adapters.web.mod.views import queue_view, room_view
from adapters.web.render import render_page
from adapters.web.state import state_of
from bot.domain.moderation import Policy, Session
from bot.errors import InvalidDataError, ModerationError
from bot.services.moderation import (
    RoomPlaces,
    moderated_rooms,
    moderation_queue,
    room_overview,
    room_policy,
    set_policy,
)

__all__ = ["act_on_comment", "mod_page", "policy_page", "queue_page", "save_policy"]

QUEUE_LIMIT = 100


def mod_page(
    request: web.Request, session: Session, template: str, *, status: int = 200, **context: Any
) -> web.Response:
    """A moderators' page: never cached, never framed, and it knows the session's token."""
    response = render_page(
        request,
        template,
        status=status,
        session_csrf=session.csrf,
        moderator_name=session.moderator.name,
        **context,
    )
    response.headers["Cache-Control"] = "no-store"
    return response


async def _form(request: web.Request, session: Session) -> dict[str, str]:
    form = await request.post()
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    check_csrf(session, fields.get(CSRF_FIELD))
    return fields


def _notice(request: web.Request) -> str | None:
    done = request.query.get("done", "")
    asked = request.query.getall("kept", [])
    kept = [p for p in state_of(request).ctx.platforms if p in asked]
    if kept:
        return texts.kept_originals(kept)
    return texts.DONE.get(done)


async def queue_page(request: web.Request) -> web.Response:
    """``GET /mod``: held and reported comments of the moderator's rooms, newest first."""
    session = await require(request)
    ctx = state_of(request).ctx
    items = await moderation_queue(ctx, session.moderator, QUEUE_LIMIT)
    rooms = [room_view(room) for room in await moderated_rooms(ctx, session.moderator)]
    return mod_page(
        request,
        session,
        "mod_queue.html",
        items=[queue_view(item) for item in items],
        rooms=rooms,
        notice=_notice(request),
    )


async def act_on_comment(request: web.Request) -> web.StreamResponse:
    """``POST /mod/c/{comment_id}/{action}``: approve, reject, remove or ban; back to the queue."""
    session = await require(request)
    await _form(request, session)
    comment_id, action = comment_action_in_path(request)
    outcome = await act(state_of(request).ctx, session.moderator, comment_id, action)
    kept = "".join(f"&kept={p.value}" for p in outcome.kept)
    raise web.HTTPSeeOther(f"/mod?done={outcome.action}{kept}")


async def policy_page(request: web.Request) -> web.Response:
    """``GET /mod/rooms/{room_id}/policy``: the room's policy as a form."""
    session = await require(request)
    room_id = room_in_path(request, session.moderator)
    done = request.query.get("done", "")
    notice = texts.DONE[done] if done in _ROOM_NOTICES else None
    return await _policy_page(request, session, room_id, notice)


_ROOM_NOTICES = ("policy", "close", "open", "unban")


async def _policy_page(
    request: web.Request,
    session: Session,
    room_id: int,
    notice: str | None,
    status: int = 200,
    policy: Policy | None = None,
) -> web.Response:
    """The room's page: its places, the policy form (``policy``, else the saved one), its
    discussions and its bans."""
    overview = await room_overview(state_of(request).ctx, room_id, session.moderator)
    return mod_page(
        request,
        session,
        "mod_policy.html",
        status=status,
        room_id=room_id,
        room=room_view(RoomPlaces(room_id, overview.places)),
        policy=policy or overview.policy,
        discussions=overview.discussions,
        bans=[f"{platform.value}:{user}" for platform, user in overview.bans],
        notice=notice,
    )


async def save_policy(request: web.Request) -> web.StreamResponse:
    """``POST /mod/rooms/{room_id}/policy``: save the form (audited by ``set_policy``)."""
    session = await require(request)
    fields = await _form(request, session)
    room_id = room_in_path(request, session.moderator)
    ctx = state_of(request).ctx
    current = await room_policy(ctx, room_id, session.moderator)
    try:
        policy = policy_from_form(fields, current)
    except InvalidDataError as error:
        return await _policy_page(request, session, room_id, error.user_message, 400, current)
    try:
        await set_policy(ctx, room_id, policy, session.moderator)
    except ModerationError as error:  # a pattern refused: keep what the moderator typed
        return await _policy_page(request, session, room_id, error.user_message, 400, policy)
    raise web.HTTPSeeOther(f"/mod/rooms/{room_id}/policy?done=policy")
