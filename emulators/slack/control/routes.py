"""``/_control/``: act as users, inspect what the app did, and steer the emulator.

The routes and shapes here are a stable contract (documented in README.md); tests,
benchmarks and the sandbox page depend on them.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json

from aiohttp import web

from ..errors import SlackError
from ..payloads import inspect_message
from .admin import (
    delete_faults,
    get_faults,
    get_ratelimits,
    get_settings,
    get_stats,
    post_disconnect,
    post_faults,
    post_ratelimits,
    post_reset,
    post_settings,
    post_url_verification,
)
from .common import Handler, emulator_of, fail, guard, read_body
from .interactive import INTERACTIVE_ROUTES
from .people import PEOPLE_ROUTES, user_json

__all__ = ["add_control_routes"]

_HEARTBEAT = 15.0


async def get_state(request: web.Request) -> web.Response:
    emu = emulator_of(request)
    ws, config = emu.ws, emu.config
    return web.json_response(
        {
            "ok": True,
            "team": {"id": ws.team.id, "name": ws.team.name, "domain": ws.team.domain},
            "team_id": ws.team.id,
            "bot_user_id": ws.bot.user_id,
            "bot_id": ws.bot.bot_id,
            "app_id": ws.bot.app_id,
            "channels": {c.name: c.id for c in ws.channels.values()},
            "bot_channels": sorted(c.name for c in ws.channels.values() if ws.bot_is_member(c)),
            "bot_scopes": list(config.bot_scopes),
            "bot_events": list(config.bot_events),
            "interactivity": config.interactivity,
            "users": [user_json(u) for u in ws.users.values()],
            "usergroups": [
                {"id": g.id, "handle": g.handle, "name": g.name, "users": g.users}
                for g in ws.usergroups.values()
            ],
            "mode": config.mode,
            "request_url": config.request_url,
            "api_url": f"{emu.base_url}/api/",
            "socket": {"connections": emu.socket.open_connections, "queued": emu.socket.queued},
        }
    )


async def post_message(request: web.Request) -> web.Response:
    emu, body = emulator_of(request), await read_body(request)
    channel = emu.channel(body.get("channel"))
    text = body.get("text")
    if not isinstance(text, str):
        raise SlackError("no_text")
    message = emu.post_as_user(
        channel,
        str(body.get("user", "")),
        text,
        body.get("thread_ts"),
        reply_broadcast=bool(body.get("reply_broadcast")),
    )
    return web.json_response({"ok": True, "message": inspect_message(message, emu.ws)})


async def patch_message(request: web.Request) -> web.Response:
    emu, body = emulator_of(request), await read_body(request)
    channel = emu.channel(request.match_info["channel"])
    message = emu.message(channel, request.match_info["ts"])
    text = body.get("text")
    if not isinstance(text, str) or not text:
        raise SlackError("no_text")
    emu.edit_as_user(channel, message, text)
    return web.json_response({"ok": True, "message": inspect_message(message, emu.ws)})


async def delete_message(request: web.Request) -> web.Response:
    emu = emulator_of(request)
    channel = emu.channel(request.match_info["channel"])
    message = emu.message(channel, request.match_info["ts"])
    if message.bot_id:
        raise SlackError("cant_delete_message")
    emu.delete(channel, message)
    return web.json_response({"ok": True, "message": inspect_message(message, emu.ws)})


async def list_messages(request: web.Request) -> web.Response:
    emu = emulator_of(request)
    channel = emu.channel(request.match_info["channel"])
    thread_ts = request.query.get("thread_ts")
    if thread_ts:
        parent = channel.messages.get(thread_ts)
        if parent is None:
            raise SlackError("thread_not_found")
        thread = [parent, *emu.ws.replies(channel, thread_ts)]
        messages = [inspect_message(m, emu.ws) for m in thread]
    else:
        messages = []
        for message in channel.messages.values():
            if message.is_reply:
                continue
            view = inspect_message(message, emu.ws)
            view["replies"] = [
                inspect_message(r, emu.ws) for r in emu.ws.replies(channel, message.ts)
            ]
            messages.append(view)
    return web.json_response({"ok": True, "channel": channel.id, "messages": messages})


async def list_ephemeral(request: web.Request) -> web.Response:
    emu = emulator_of(request)
    user, channel = request.query.get("user"), request.query.get("channel")
    items = [
        dataclasses.asdict(e)
        for e in emu.ws.ephemerals
        if (not user or e.user == user) and (not channel or e.channel == channel)
    ]
    return web.json_response({"ok": True, "ephemeral": items})


async def post_member(request: web.Request) -> web.Response:
    """``POST /_control/channels/{channel}/members`` ``{user, inviter?}``: ``/invite
    @briefbot`` (``member_joined_channel`` to the app if subscribed), or a person joins."""
    emu, body = emulator_of(request), await read_body(request)
    channel = emu.channel(request.match_info["channel"])
    user = emu.ws.find_user(str(body.get("user") or emu.ws.bot.user_id))
    if user is None:
        raise SlackError("user_not_found")
    if user.id != emu.ws.bot.user_id:
        added = user.id not in channel.members
        channel.members.add(user.id)
        return web.json_response({"ok": True, "channel": channel.id, "added": added})
    inviter = emu.ws.find_user(str(body.get("inviter") or ""))
    added = emu.invite_bot(channel, inviter.id if inviter else None)
    return web.json_response({"ok": True, "channel": channel.id, "added": added})


async def delete_member(request: web.Request) -> web.Response:
    """``DELETE /_control/channels/{channel}/members/{user}``: remove the bot, or a person
    leaves."""
    emu = emulator_of(request)
    channel = emu.channel(request.match_info["channel"])
    user = emu.ws.find_user(request.match_info["user"])
    if user is None:
        raise SlackError("user_not_found")
    if user.id != emu.ws.bot.user_id:
        removed = user.id in channel.members
        channel.members.discard(user.id)
        return web.json_response({"ok": True, "channel": channel.id, "removed": removed})
    removed = emu.remove_bot(channel)
    return web.json_response({"ok": True, "channel": channel.id, "removed": removed})


async def list_members(request: web.Request) -> web.Response:
    emu = emulator_of(request)
    channel = emu.channel(request.match_info["channel"])
    members = sorted(channel.members)
    return web.json_response({"ok": True, "channel": channel.id, "members": members})


async def post_command(request: web.Request) -> web.Response:
    emu, body = emulator_of(request), await read_body(request)
    record = emu.slash.invoke(
        str(body.get("command", "")),
        str(body.get("text", "")),
        str(body.get("channel", "")),
        str(body.get("user", "")),
    )
    return web.json_response({"ok": True, "id": record.id, "command": record.as_json()})


async def get_command(request: web.Request) -> web.Response:
    record = emulator_of(request).slash.records.get(request.match_info["command_id"])
    if record is None:
        return fail("command_not_found", 404)
    return web.json_response({"ok": True, **record.as_json()})


async def list_commands(request: web.Request) -> web.Response:
    records = emulator_of(request).slash.records.values()
    return web.json_response({"ok": True, "commands": [r.as_json() for r in records]})


async def get_events(request: web.Request) -> web.StreamResponse:
    """Server-Sent Events: one ``message_created|message_updated|message_deleted|ephemeral``
    entry per change, ``data`` being JSON."""
    emu = emulator_of(request)
    response = web.StreamResponse(
        headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"}
    )
    await response.prepare(request)
    queue = emu.feed.subscribe()
    try:
        await response.write(b": connected\n\n")
        while True:
            try:
                item = await asyncio.wait_for(queue.get(), _HEARTBEAT)
            except TimeoutError:
                await response.write(b": keep-alive\n\n")
                continue
            if item is None:
                break
            chunk = f"event: {item['type']}\ndata: {json.dumps(item)}\n\n"
            await response.write(chunk.encode())
    except (ConnectionResetError, asyncio.CancelledError):
        pass
    finally:
        emu.feed.unsubscribe(queue)
        with contextlib.suppress(ConnectionResetError, RuntimeError):
            await response.write_eof()
    return response


_ROUTES: list[tuple[str, str, Handler]] = [
    ("GET", "/state", get_state),
    ("POST", "/messages", post_message),
    ("PATCH", "/messages/{channel}/{ts}", patch_message),
    ("DELETE", "/messages/{channel}/{ts}", delete_message),
    ("GET", "/channels/{channel}/messages", list_messages),
    ("GET", "/ephemeral", list_ephemeral),
    ("GET", "/channels/{channel}/members", list_members),
    ("POST", "/channels/{channel}/members", post_member),
    ("DELETE", "/channels/{channel}/members/{user}", delete_member),
    ("POST", "/commands", post_command),
    ("GET", "/commands", list_commands),
    ("GET", "/commands/{command_id}", get_command),
    ("GET", "/stats", get_stats),
    ("POST", "/disconnect", post_disconnect),
    ("GET", "/ratelimits", get_ratelimits),
    ("POST", "/ratelimits", post_ratelimits),
    ("GET", "/faults", get_faults),
    ("POST", "/faults", post_faults),
    ("DELETE", "/faults", delete_faults),
    ("GET", "/settings", get_settings),
    ("POST", "/settings", post_settings),
    ("POST", "/url_verification", post_url_verification),
    ("POST", "/reset", post_reset),
    ("GET", "/events", get_events),
]


def add_control_routes(app: web.Application, prefix: str = "/_control") -> None:
    """Register every control route under ``prefix``."""
    for verb, path, handler in [*_ROUTES, *INTERACTIVE_ROUTES, *PEOPLE_ROUTES]:
        app.router.add_route(verb, prefix + path, guard(handler))
