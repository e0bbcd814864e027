"""Control API routes about people: workspace roles and who is in which channel."""

from __future__ import annotations

import secrets

from aiohttp import web

from ..errors import SlackError
from ..state import User
from .common import Handler, emulator_of, read_body

__all__ = ["PEOPLE_ROUTES", "user_json"]

_ROLES = ("is_admin", "is_owner", "is_primary_owner")


def user_json(user: User) -> dict[str, object]:
    return {
        "id": user.id,
        "name": user.name,
        "real_name": user.real_name,
        "display_name": user.display_name,
        "image_72": user.image_72,
        "is_bot": user.is_bot,
        **{role: getattr(user, role) for role in _ROLES},
    }


async def patch_user(request: web.Request) -> web.Response:
    """``PATCH /_control/users/{user}`` ``{is_admin?, is_owner?, is_primary_owner?}``: what a
    workspace owner changes in the admin pages. An owner is always an admin as well
    (slack.com/help/articles/201314026, "Roles in Slack")."""
    emu, body = emulator_of(request), await read_body(request)
    user = emu.ws.find_user(request.match_info["user"])
    if user is None or user.is_bot:
        raise SlackError("user_not_found", status=404)
    for role in _ROLES:
        if role in body:
            if not isinstance(body[role], bool):
                raise SlackError("invalid_arguments", status=400, detail=f"{role} is a boolean")
            setattr(user, role, body[role])
    if user.is_primary_owner:
        user.is_owner = True
    if user.is_owner:
        user.is_admin = True
    return web.json_response({"ok": True, "user": user_json(user)})


async def post_user_token(request: web.Request) -> web.Response:
    """``POST /_control/users/{user}/token``: a user token (``xoxp-…``) for that person, as
    installing the app with user scopes gives one (api.slack.com/authentication/token-types:
    "User tokens represent workspace members"). It acts as that person, with their role at
    the time of each call."""
    emu = emulator_of(request)
    user = emu.ws.find_user(request.match_info["user"])
    if user is None or user.is_bot:
        raise SlackError("user_not_found", status=404)
    token = f"xoxp-{emu.ws.team.id}-{user.id}-{secrets.token_hex(16)}"
    emu.user_tokens[token] = user.id
    return web.json_response({"ok": True, "token": token, "user": user.id})


PEOPLE_ROUTES: list[tuple[str, str, Handler]] = [
    ("PATCH", "/users/{user}", patch_user),
    ("POST", "/users/{user}/token", post_user_token),
]
