"""Control API routes that steer the emulator: counters, sockets, limits, faults, settings."""

from __future__ import annotations

import dataclasses

from aiohttp import web

from ..config import RateLimitSettings
from ..emulator import Emulator
from ..errors import SlackError
from ..faults import Fault
from .common import JSON, emulator_of, read_body

__all__ = [
    "delete_faults",
    "get_faults",
    "get_ratelimits",
    "get_settings",
    "get_stats",
    "post_disconnect",
    "post_faults",
    "post_ratelimits",
    "post_reset",
    "post_settings",
    "post_url_verification",
]


async def get_stats(request: web.Request) -> web.Response:
    emu = emulator_of(request)
    stats = emu.stats.as_json()
    stats["socket"]["queued"] = emu.socket.queued
    stats["http"]["recent"] = list(emu.http.log)
    return web.json_response({"ok": True, **stats})


async def post_disconnect(request: web.Request) -> web.Response:
    body = await read_body(request)
    reason = str(body.get("reason", "refresh_requested"))
    dropped = await emulator_of(request).socket.disconnect_all(reason)
    return web.json_response({"ok": True, "dropped": dropped})


def _limits_json(limits: RateLimitSettings) -> JSON:
    data = dataclasses.asdict(limits)
    data["tiers"] = {str(k): v for k, v in limits.tiers.items()}
    return data


async def get_ratelimits(request: web.Request) -> web.Response:
    return web.json_response({"ok": True, **_limits_json(emulator_of(request).limiter.settings)})


async def post_ratelimits(request: web.Request) -> web.Response:
    emu, body = emulator_of(request), await read_body(request)
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
    faults = emulator_of(request).faults.pending()
    return web.json_response({"ok": True, "faults": [f.as_json() for f in faults]})


async def post_faults(request: web.Request) -> web.Response:
    emu, body = emulator_of(request), await read_body(request)
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
    emulator_of(request).faults.clear()
    return web.json_response({"ok": True})


async def get_settings(request: web.Request) -> web.Response:
    return web.json_response({"ok": True, **_settings_json(emulator_of(request))})


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
    emu, body = emulator_of(request), await read_body(request)
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
    result = await emulator_of(request).http.url_verification()
    return web.json_response(result)


async def post_reset(request: web.Request) -> web.Response:
    """Forget messages, ephemeral messages, commands, counters, faults and spent limits."""
    emu = emulator_of(request)
    emu.reset()
    return web.json_response({"ok": True})
