"""Control API routes for interactivity: shortcuts, block actions, options requests,
modals and reactions, and what the app answered to each."""

from __future__ import annotations

from aiohttp import web

from ..errors import SlackError
from ..payloads import inspect_message
from ..webapi.reactions import react
from .common import Handler, emulator_of, fail, read_body

__all__ = ["INTERACTIVE_ROUTES"]


async def post_shortcut(request: web.Request) -> web.Response:
    """``{callback_id, user, channel?, message_ts?}``: global, or message when ``message_ts``."""
    emu, body = emulator_of(request), await read_body(request)
    record = emu.interactions.shortcut(
        str(body.get("callback_id", "")),
        body.get("user"),
        body.get("channel"),
        body.get("message_ts"),
    )
    return web.json_response({"ok": True, "id": record.id, "interaction": record.as_json()})


async def post_action(request: web.Request) -> web.Response:
    """``{user, action_id, channel + message_ts | view_id, value? | option?}``."""
    emu, body = emulator_of(request), await read_body(request)
    record = emu.interactions.action(body)
    return web.json_response({"ok": True, "id": record.id, "interaction": record.as_json()})


async def post_options(request: web.Request) -> web.Response:
    """``{user, action_id, value, channel + message_ts | view_id}``: a typed search."""
    emu, body = emulator_of(request), await read_body(request)
    record = emu.interactions.options(body)
    return web.json_response({"ok": True, "id": record.id, "interaction": record.as_json()})


async def list_interactions(request: web.Request) -> web.Response:
    records = emulator_of(request).interactions.records.values()
    return web.json_response({"ok": True, "interactions": [r.as_json() for r in records]})


async def get_interaction(request: web.Request) -> web.Response:
    record = emulator_of(request).interactions.records.get(request.match_info["id"])
    if record is None:
        return fail("interaction_not_found", 404)
    return web.json_response({"ok": True, **record.as_json()})


async def list_views(request: web.Request) -> web.Response:
    emu = emulator_of(request)
    user = request.query.get("user")
    found = emu.ws.find_user(user) if user else None
    views = [
        v.inspect(emu)
        for v in emu.views.views.values()
        if not user or (found is not None and v.user == found.id)
    ]
    return web.json_response({"ok": True, "views": views})


async def get_view(request: web.Request) -> web.Response:
    emu = emulator_of(request)
    view = emu.views.views.get(request.match_info["view_id"])
    if view is None:
        return fail("view_not_found", 404)
    return web.json_response({"ok": True, **view.inspect(emu)})


async def submit_view(request: web.Request) -> web.Response:
    """``{values: {block_id: {action_id: value}}}``: the user presses Submit."""
    emu, body = emulator_of(request), await read_body(request)
    view = emu.views.views.get(request.match_info["view_id"])
    if view is None:
        return fail("view_not_found", 404)
    values = body.get("values") or {}
    if not isinstance(values, dict):
        raise SlackError("invalid_arguments", status=400, detail="values is an object")
    record = emu.interactions.submit(view, values)
    return web.json_response({"ok": True, "id": record.id, "interaction": record.as_json()})


async def close_view(request: web.Request) -> web.Response:
    emu = emulator_of(request)
    view = emu.views.views.get(request.match_info["view_id"])
    if view is None:
        return fail("view_not_found", 404)
    record = emu.interactions.close(view)
    return web.json_response({"ok": True, "id": record.id if record else None})


async def post_reaction(request: web.Request) -> web.Response:
    """``{channel, ts, user, name, remove?}``: a person adds (or removes) a reaction."""
    emu, body = emulator_of(request), await read_body(request)
    channel = emu.channel(body.get("channel"))
    message = emu.message(channel, body.get("ts"))
    user = emu.ws.find_user(str(body.get("user", "")))
    if user is None or user.is_bot:
        raise SlackError("user_not_found")
    react(emu, channel, message, user.id, str(body.get("name", "")), add=not body.get("remove"))
    return web.json_response({"ok": True, "message": inspect_message(message, emu.ws)})


INTERACTIVE_ROUTES: list[tuple[str, str, Handler]] = [
    ("POST", "/shortcuts", post_shortcut),
    ("POST", "/actions", post_action),
    ("POST", "/options", post_options),
    ("GET", "/interactions", list_interactions),
    ("GET", "/interactions/{id}", get_interaction),
    ("GET", "/views", list_views),
    ("GET", "/views/{view_id}", get_view),
    ("POST", "/views/{view_id}/submit", submit_view),
    ("POST", "/views/{view_id}/close", close_view),
    ("POST", "/reactions", post_reaction),
]
