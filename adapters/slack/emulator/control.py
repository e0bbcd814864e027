"""``/_control/``: act as users, inspect what the app did, and steer the emulator.

The routes and shapes here are a stable contract (documented in README.md); tests,
benchmarks and the sandbox page depend on them.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import functools
import json
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from .config import RateLimitSettings
from .emulator import Emulator
from .errors import SlackError
from .faults import Fault
from .payloads import inspect_message
from .webapi import EMULATOR_KEY

__all__ = ["add_control_routes"]

JSON = dict[str, Any]
_HEARTBEAT = 15.0


def _emu(request: web.Request) -> Emulator:
    return request.app[EMULATOR_KEY]


def _fail(error: str, status: int = 400) -> web.Response:
    return web.json_response({"ok": False, "error": error}, status=status)


async def _body(request: web.Request) -> JSON:
    if not request.can_read_body:
        return {}
    try:
        body = await request.json()
    except ValueError:
        raise SlackError("invalid_json", status=400) from None
    if not isinstance(body, dict):
        raise SlackError("json_not_object", status=400)
    return body


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _guard(handler: Handler) -> Handler:
    """Turn SlackError into a JSON error with a 4xx status."""

    @functools.wraps(handler)
    async def guarded(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except SlackError as error:
            status = error.status if error.status != 200 else _status_for(error.error)
            return web.json_response(error.body(), status=status)

    return guarded


def _status_for(error: str) -> int:
    return 404 if error.endswith("not_found") else 400


async def get_state(request: web.Request) -> web.Response:
    emu = _emu(request)
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
            "users": [
                {
                    "id": u.id,
                    "name": u.name,
                    "real_name": u.real_name,
                    "display_name": u.display_name,
                    "image_72": u.image_72,
                    "is_bot": u.is_bot,
                }
                for u in ws.users.values()
            ],
            "mode": config.mode,
            "request_url": config.request_url,
            "api_url": f"{emu.base_url}/api/",
            "socket": {"connections": emu.socket.open_connections, "queued": emu.socket.queued},
        }
    )


async def post_message(request: web.Request) -> web.Response:
    emu, body = _emu(request), await _body(request)
    channel = emu.channel(body.get("channel"))
    text = body.get("text")
    if not isinstance(text, str):
        raise SlackError("no_text")
    message = emu.post_as_user(channel, str(body.get("user", "")), text, body.get("thread_ts"))
    return web.json_response({"ok": True, "message": inspect_message(message, emu.ws)})


async def patch_message(request: web.Request) -> web.Response:
    emu, body = _emu(request), await _body(request)
    channel = emu.channel(request.match_info["channel"])
    message = emu.message(channel, request.match_info["ts"])
    text = body.get("text")
    if not isinstance(text, str) or not text:
        raise SlackError("no_text")
    emu.edit_as_user(channel, message, text)
    return web.json_response({"ok": True, "message": inspect_message(message, emu.ws)})


async def delete_message(request: web.Request) -> web.Response:
    emu = _emu(request)
    channel = emu.channel(request.match_info["channel"])
    message = emu.message(channel, request.match_info["ts"])
    if message.bot_id:
        raise SlackError("cant_delete_message")
    emu.delete(channel, message)
    return web.json_response({"ok": True, "message": inspect_message(message, emu.ws)})


async def list_messages(request: web.Request) -> web.Response:
    emu = _emu(request)
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
    emu = _emu(request)
    user, channel = request.query.get("user"), request.query.get("channel")
    items = [
        dataclasses.asdict(e)
        for e in emu.ws.ephemerals
        if (not user or e.user == user) and (not channel or e.channel == channel)
    ]
    return web.json_response({"ok": True, "ephemeral": items})


async def post_command(request: web.Request) -> web.Response:
    emu, body = _emu(request), await _body(request)
    record = emu.invoke_command(
        str(body.get("command", "")),
        str(body.get("text", "")),
        str(body.get("channel", "")),
        str(body.get("user", "")),
    )
    return web.json_response({"ok": True, "id": record.id, "command": record.as_json()})


async def get_command(request: web.Request) -> web.Response:
    record = _emu(request).commands.get(request.match_info["command_id"])
    if record is None:
        return _fail("command_not_found", 404)
    return web.json_response({"ok": True, **record.as_json()})


async def list_commands(request: web.Request) -> web.Response:
    records = _emu(request).commands.values()
    return web.json_response({"ok": True, "commands": [r.as_json() for r in records]})


async def get_stats(request: web.Request) -> web.Response:
    emu = _emu(request)
    stats = emu.stats.as_json()
    stats["socket"]["queued"] = emu.socket.queued
    stats["http"]["recent"] = list(emu.http.log)
    return web.json_response({"ok": True, **stats})


async def post_disconnect(request: web.Request) -> web.Response:
    body = await _body(request)
    reason = str(body.get("reason", "refresh_requested"))
    dropped = await _emu(request).socket.disconnect_all(reason)
    return web.json_response({"ok": True, "dropped": dropped})


def _limits_json(limits: RateLimitSettings) -> JSON:
    data = dataclasses.asdict(limits)
    data["tiers"] = {str(k): v for k, v in limits.tiers.items()}
    return data


async def get_ratelimits(request: web.Request) -> web.Response:
    return web.json_response({"ok": True, **_limits_json(_emu(request).limiter.settings)})


async def post_ratelimits(request: web.Request) -> web.Response:
    emu, body = _emu(request), await _body(request)
    current = emu.limiter.settings
    changes: JSON = {}
    for field in dataclasses.fields(RateLimitSettings):
        if field.name in body:
            changes[field.name] = body[field.name]
    if "tiers" in changes:
        changes["tiers"] = {
            **current.tiers,
            **{int(k): int(v) for k, v in changes["tiers"].items()},
        }
    if "methods" in changes:
        changes["methods"] = {
            **current.methods,
            **{str(k): int(v) for k, v in changes["methods"].items()},
        }
    try:
        settings = dataclasses.replace(current, **changes)
    except TypeError as error:
        raise SlackError("invalid_arguments", status=400, detail=str(error)) from None
    emu.config.rate_limits = settings
    emu.limiter.reset(settings)
    return web.json_response({"ok": True, **_limits_json(settings)})


async def get_faults(request: web.Request) -> web.Response:
    faults = _emu(request).faults.pending()
    return web.json_response({"ok": True, "faults": [f.as_json() for f in faults]})


async def post_faults(request: web.Request) -> web.Response:
    emu, body = _emu(request), await _body(request)
    method = body.get("method")
    if not isinstance(method, str) or not method:
        raise SlackError("invalid_arguments", status=400, detail="method is required")
    fault = Fault(
        method=method,
        count=int(body.get("count", 1)),
        status=int(body.get("status", 200 if "error" in body else 500)),
        error=str(body.get("error", "internal_error")),
        retry_after=int(body.get("retry_after", 1)),
    )
    emu.faults.add(fault)
    return web.json_response({"ok": True, "fault": fault.as_json()})


async def delete_faults(request: web.Request) -> web.Response:
    _emu(request).faults.clear()
    return web.json_response({"ok": True})


async def get_settings(request: web.Request) -> web.Response:
    return web.json_response({"ok": True, **_settings_json(_emu(request))})


def _settings_json(emu: Emulator) -> JSON:
    c = emu.config
    return {
        "mode": c.mode,
        "request_url": c.request_url,
        "ack_timeout": c.ack_timeout,
        "max_retries": c.max_retries,
        "http_retry_delays": list(c.http_retry_delays),
        "response_url_uses": c.response_url_uses,
        "response_url_ttl": c.response_url_ttl,
    }


async def post_settings(request: web.Request) -> web.Response:
    emu, body = _emu(request), await _body(request)
    config = emu.config
    if "mode" in body:
        if body["mode"] not in ("socket", "http"):
            raise SlackError("invalid_arguments", status=400, detail="mode is socket or http")
        config.mode = body["mode"]
    if "request_url" in body:
        config.request_url = body["request_url"] or None
    for name in ("ack_timeout",):
        if name in body:
            config.ack_timeout = float(body[name])
    for name in ("max_retries", "response_url_uses"):
        if name in body:
            setattr(config, name, int(body[name]))
    if "response_url_ttl" in body:
        config.response_url_ttl = float(body["response_url_ttl"])
    if "http_retry_delays" in body:
        config.http_retry_delays = tuple(float(d) for d in body["http_retry_delays"])
    return web.json_response({"ok": True, **_settings_json(emu)})


async def post_url_verification(request: web.Request) -> web.Response:
    result = await _emu(request).http.url_verification()
    return web.json_response(result)


async def post_reset(request: web.Request) -> web.Response:
    """Forget messages, ephemeral messages, commands, counters, faults and spent limits."""
    emu = _emu(request)
    emu.reset()
    return web.json_response({"ok": True})


async def get_events(request: web.Request) -> web.StreamResponse:
    """Server-Sent Events: one ``message_created|message_updated|message_deleted|ephemeral``
    entry per change, ``data`` being JSON."""
    emu = _emu(request)
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
    for verb, path, handler in _ROUTES:
        app.router.add_route(verb, prefix + path, _guard(handler))
