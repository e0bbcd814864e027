"""HTTP plumbing: exact-content-type JSON, the API middleware, route registration.

discord.py decodes a body only when ``Content-Type`` is exactly ``application/json``, so
every JSON answer is built with :func:`json_response` (never ``web.json_response``, which
appends ``; charset=utf-8``).
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import BodyPartReader, web

from .context import CONTEXT_KEY, EmulatorContext
from .errors import DiscordError

__all__ = [
    "API_PREFIX",
    "SPECS_KEY",
    "Api",
    "RouteSpec",
    "api_middleware",
    "ctx_of",
    "error_response",
    "json_response",
    "query_flag",
    "read_json",
    "snowflake",
]

API_PREFIX = "/api/v10"
_log = logging.getLogger(__name__)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def json_response(
    data: Any, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    body = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()
    return web.Response(body=body, status=status, content_type="application/json", headers=headers)


def error_response(error: DiscordError) -> web.Response:
    return json_response(error.body(), status=error.status)


def ctx_of(request: web.Request) -> EmulatorContext:
    return request.app[CONTEXT_KEY]


def snowflake(request: web.Request, name: str) -> int:
    """A path parameter as an id; Discord answers 404 for non-numeric ids."""
    raw = request.match_info[name]
    if not raw.isdigit() or len(raw) > 20:
        raise DiscordError.not_found()
    return int(raw)


def query_flag(request: web.Request, name: str) -> bool:
    return request.query.get(name, "").lower() in ("1", "true", "yes")


async def read_json(request: web.Request) -> dict[str, Any]:
    """The JSON body; for multipart requests ``payload_json`` plus the uploaded files."""
    if request.content_type.startswith("multipart/"):
        return await _read_multipart(request)
    if not request.can_read_body:
        return {}
    try:
        data = await request.json(loads=json.loads)
    except ValueError:
        raise DiscordError(400, 50109, "The request body contains invalid JSON.") from None
    if not isinstance(data, dict):
        raise DiscordError(400, 50109, "The request body contains invalid JSON.")
    return data


async def _read_multipart(request: web.Request) -> dict[str, Any]:
    reader = await request.multipart()
    data: dict[str, Any] = {}
    files: list[dict[str, Any]] = []
    while True:
        part = await reader.next()
        if part is None:
            break
        if not isinstance(part, BodyPartReader):
            continue
        if part.name == "payload_json":
            data.update(json.loads(await part.text()))
        elif part.filename:
            content = await part.read(decode=False)
            files.append({"filename": part.filename, "size": len(content)})
    if files:
        ctx = ctx_of(request)
        stored = []
        for item in files:
            att_id = ctx.state.ids.next()
            url = f"https://cdn.discordapp.com/attachments/0/{att_id}/{item['filename']}"
            stored.append({"id": str(att_id), **item, "url": url, "proxy_url": url})
        data["attachments_stored"] = stored
        data["files"] = files
    return data


@dataclass(frozen=True)
class RouteSpec:
    """How the middleware treats a route: its rate-limit bucket and whether it needs auth."""

    bucket: str
    auth: bool = True
    global_limited: bool = True


class Api:
    """Registers handlers under ``/api/v10`` and remembers each route's spec."""

    def __init__(self, app: web.Application) -> None:
        self._app = app
        self.specs: dict[tuple[str, str], RouteSpec] = {}

    def add(self, method: str, path: str, handler: Handler, spec: RouteSpec) -> None:
        self._app.router.add_route(method, API_PREFIX + path, handler)
        self.specs[(method, API_PREFIX + path)] = spec


SPECS_KEY: web.AppKey[dict[tuple[str, str], RouteSpec]] = web.AppKey("discord_emulator_routes")


def _is_interaction_token(request: web.Request) -> bool:
    token = request.match_info["token"]
    return any(i.token == token for i in ctx_of(request).state.interactions.values())


def _major(request: web.Request) -> str:
    info = request.match_info
    if "webhook_id" in info:
        return f"webhook:{info['webhook_id']}:{info.get('token', '')}"
    if "interaction_id" in info:
        return f"interaction:{info['interaction_id']}"
    for key in ("channel_id", "guild_id", "application_id"):
        if key in info:
            return f"{key}:{info[key]}"
    return "-"


@web.middleware
async def api_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    if not request.path.startswith("/api/"):
        return await handler(request)
    ctx = ctx_of(request)
    resource = request.match_info.route.resource
    template = resource.canonical if resource is not None else None
    spec = request.app[SPECS_KEY].get((request.method, template)) if template else None
    if spec is not None and "token" in request.match_info and _is_interaction_token(request):
        spec = RouteSpec("interactions.followup", auth=False, global_limited=False)
    label = f"{request.method} {template[len(API_PREFIX) :]}" if template and spec else "unmatched"
    ctx.stats.requests[label] += 1
    response = await _answer(request, handler, ctx, spec, template)
    response.headers.setdefault("Via", "1.1 google")
    ctx.stats.statuses[response.status] += 1
    return response


def _injected_rate_limit(
    ctx: EmulatorContext, method: str, route: str, retry_after: float
) -> web.Response:
    """A 429 shaped like Discord's own (rate-limits.mdx): the JSON body with ``retry_after``
    (which discord.py reads), ``Retry-After`` and the bucket headers; ``Via`` is added by
    the middleware, since without it discord.py takes a 429 for a Cloudflare ban."""
    ctx.stats.rate_limited[f"user {method} {route}"] += 1
    headers = {
        "Retry-After": str(max(0, math.ceil(retry_after))),
        "X-RateLimit-Limit": "1",
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset-After": f"{retry_after:.3f}",
        "X-RateLimit-Scope": "user",
    }
    body = {"message": "You are being rate limited.", "retry_after": retry_after, "global": False}
    return json_response(body, status=429, headers=headers)


async def _answer(
    request: web.Request,
    handler: Handler,
    ctx: EmulatorContext,
    spec: RouteSpec | None,
    template: str | None,
) -> web.StreamResponse:
    if spec is None or template is None:
        exc = request.match_info.http_exception
        if exc is not None and exc.status == 405:
            return error_response(DiscordError.method_not_allowed())
        return error_response(DiscordError.not_found())
    if spec.auth and request.headers.get("Authorization") != f"Bot {ctx.config.bot_token}":
        return error_response(DiscordError.unauthorized())
    route = template[len(API_PREFIX) :]
    for fault in ctx.faults:
        if fault.remaining > 0 and fault.route == route and fault.method in ("*", request.method):
            fault.remaining -= 1
            ctx.stats.faults_injected += 1
            if fault.status == 429:
                return _injected_rate_limit(ctx, request.method, route, fault.retry_after)
            return json_response({"message": "Injected fault", "code": 0}, status=fault.status)
    global_key = None
    if spec.global_limited:
        global_key = request.headers.get("Authorization") or f"ip:{request.remote}"
    decision = ctx.limiter.check(spec.bucket, _major(request), global_key)
    if decision.limited:
        scope = "global" if decision.is_global else "user"
        ctx.stats.rate_limited[f"{scope} {request.method} {route}"] += 1
        body = {
            "message": "You are being rate limited.",
            "retry_after": decision.retry_after,
            "global": decision.is_global,
        }
        return json_response(body, status=429, headers=decision.headers)
    try:
        response = await handler(request)
    except DiscordError as error:
        response = error_response(error)
    except Exception:
        # A bug in the emulator: answer like Discord's 500 and leave a traceback in the log.
        _log.exception("emulator error on %s %s", request.method, request.path)
        response = json_response({"message": "500: Internal Server Error", "code": 0}, 500)
    response.headers.update(decision.headers)
    return response
