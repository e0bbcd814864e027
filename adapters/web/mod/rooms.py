"""A room's own page actions: close or reopen one of its discussions, lift a ban.

Both are HTML form POSTs with the session's CSRF token (their JSON twins live in
:mod:`adapters.web.mod.api`); the core checks the moderator's room and audits them.
"""

from __future__ import annotations

import re
from typing import Literal

from aiohttp import web

from adapters.web.mod import texts
from adapters.web.mod.session import CSRF_FIELD, check_csrf, require, require_room, room_in_path
from adapters.web.params import parse_id
from adapters.web.state import state_of
from bot.domain.model import Platform
from bot.domain.moderation import Moderator
from bot.errors import InvalidDataError, NotFoundError
from bot.services.context import Context
from bot.services.moderation import close, reopen, unban

__all__ = [
    "close_or_open",
    "discussion_action",
    "lift_ban",
    "parse_author",
    "set_discussion_open",
]

_AUTHOR = re.compile(r"^([a-z][a-z0-9_-]{0,31}):(\S{1,100})$")
DiscussionAction = Literal["close", "open"]


def parse_author(value: str | None) -> tuple[Platform, str]:
    """``"slack:U1"`` → ``(SLACK, "U1")``; anything else is refused in one sentence."""
    found = _AUTHOR.match((value or "").strip())
    if found is None:
        raise InvalidDataError(texts.BAD_AUTHOR)
    return Platform(found.group(1)), found.group(2)


def discussion_action(name: str) -> DiscussionAction:
    if name == "close":
        return "close"
    if name == "open":
        return "open"
    raise InvalidDataError(texts.BAD_ACTION)


async def set_discussion_open(
    ctx: Context, moderator: Moderator, discussion_id: int, action: DiscussionAction
) -> int:
    """Close or reopen the discussion as ``moderator``; returns its room."""
    async with ctx.store.transaction() as tx:
        room_id = (await tx.discussions.get(discussion_id)).room_id
    require_room(moderator, room_id)
    if action == "close":
        await close(ctx, discussion_id, moderator)
    else:
        await reopen(ctx, discussion_id, moderator)
    return room_id


async def _fields(request: web.Request) -> dict[str, str]:
    form = await request.post()
    return {k: v for k, v in form.items() if isinstance(v, str)}


async def close_or_open(request: web.Request) -> web.StreamResponse:
    """``POST /mod/d/{discussion_id}/{close|open}``; back to the room's page."""
    session = await require(request)
    check_csrf(session, (await _fields(request)).get(CSRF_FIELD))
    discussion_id = parse_id(request.match_info["discussion_id"])
    if discussion_id is None:
        raise NotFoundError(texts.NO_DISCUSSION)
    action = discussion_action(request.match_info["action"])
    ctx = state_of(request).ctx
    room_id = await set_discussion_open(ctx, session.moderator, discussion_id, action)
    raise web.HTTPSeeOther(f"/mod/rooms/{room_id}/policy?done={action}")


async def lift_ban(request: web.Request) -> web.StreamResponse:
    """``POST /mod/rooms/{room_id}/unban`` with ``author=platform:id``."""
    session = await require(request)
    fields = await _fields(request)
    check_csrf(session, fields.get(CSRF_FIELD))
    room_id = room_in_path(request, session.moderator)
    platform, user_id = parse_author(fields.get("author"))
    await unban(state_of(request).ctx, room_id, platform, user_id, session.moderator)
    raise web.HTTPSeeOther(f"/mod/rooms/{room_id}/policy?done=unban")
