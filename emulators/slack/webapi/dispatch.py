"""``/api/{method}``: authentication, scopes, injected faults and rate limits around the
method implementations, and ``/_response/{id}`` for slash commands' response URLs."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from aiohttp import web

from ..emulator import Emulator
from ..errors import SlackError
from ..request import ApiRequest, read_api_request
from ..views import VIEW_METHODS
from .chat import CHAT_METHODS
from .reactions import REACTION_METHODS
from .read import READ_METHODS

__all__ = ["EMULATOR_KEY", "METHODS", "handle_api", "handle_response_url"]

JSON = dict[str, Any]
Method = Callable[[Emulator, ApiRequest], JSON]

EMULATOR_KEY = web.AppKey("slack_emulator", Emulator)
METHODS: dict[str, Method] = {
    **CHAT_METHODS,
    **READ_METHODS,
    **REACTION_METHODS,
    **VIEW_METHODS,
}

# The scope each method needs (docs.slack.dev/reference/methods/<method>, "Required
# scopes"); conversation methods need the public- or private-channel flavour by the
# channel's type. Methods not listed need none (auth.test, chat.getPermalink, views.*).
_SCOPES = {
    "chat.postMessage": "chat:write",
    "chat.update": "chat:write",
    "chat.delete": "chat:write",
    "chat.postEphemeral": "chat:write",
    "users.info": "users:read",
    "users.list": "users:read",
    "bots.info": "users:read",
    "usergroups.list": "usergroups:read",
    "usergroups.users.list": "usergroups:read",
    "team.info": "team:read",
    "reactions.add": "reactions:write",
    "reactions.remove": "reactions:write",
    "reactions.get": "reactions:read",
}
_USER_TOKEN_METHODS = frozenset({"chat.delete"})
_CONVERSATION_SCOPES = {
    "conversations.history": ("channels:history", "groups:history"),
    "conversations.replies": ("channels:history", "groups:history"),
    "conversations.info": ("channels:read", "groups:read"),
    "conversations.members": ("channels:read", "groups:read"),
}


def _needed_scopes(emu: Emulator, req: ApiRequest) -> list[str]:
    if req.method in _CONVERSATION_SCOPES:
        public, private = _CONVERSATION_SCOPES[req.method]
        channel = emu.ws.find_channel(req.text("channel") or "")
        return [private if channel is not None and channel.is_private else public]
    if req.method == "conversations.list":
        types = (req.text("types") or "public_channel").split(",")
        kinds = (("public_channel", "channels:read"), ("private_channel", "groups:read"))
        return [scope for kind, scope in kinds if kind in types]
    needed = _SCOPES.get(req.method)
    return [needed] if needed else []


def _authorize(emu: Emulator, req: ApiRequest) -> None:
    config = emu.config
    if req.method == "apps.connections.open":
        if not req.token_in_header:
            raise SlackError("not_authed")
        if req.token == config.app_token:
            return
        if req.token == config.bot_token:
            raise SlackError("not_allowed_token_type")
        raise SlackError("invalid_auth")
    if req.token is None:
        raise SlackError("not_authed")
    if req.token == config.app_token:
        raise SlackError("not_allowed_token_type")
    if req.token in emu.user_tokens:
        # A person's token is emulated for what briefbot uses it for only (an admin deleting
        # a message); any other method is refused rather than guessed at.
        if req.method not in _USER_TOKEN_METHODS:
            raise SlackError("not_allowed_token_type")
        return
    if req.token != config.bot_token:
        raise SlackError("invalid_auth")
    for needed in _needed_scopes(emu, req):
        if needed not in config.bot_scopes:
            raise SlackError("missing_scope", needed=needed, provided=",".join(config.bot_scopes))


def _limit(emu: Emulator, req: ApiRequest) -> None:
    channel: str | None = None
    if req.method == "chat.postMessage":
        found = emu.ws.find_channel(req.text("channel") or "")
        channel = found.id if found else None
    retry_after = emu.limiter.check(req.method, channel)
    if retry_after:
        raise SlackError("ratelimited", status=429, retry_after=retry_after)


def _fault(emu: Emulator, method: str) -> web.Response | None:
    fault = emu.faults.take(method)
    if fault is None:
        return None
    if fault.status == 429:
        raise SlackError("ratelimited", status=429, retry_after=fault.retry_after)
    if fault.status >= 500:
        return web.Response(status=fault.status, text=f"emulated {fault.status}: {fault.error}")
    raise SlackError(fault.error, status=fault.status)


def _response(emu: Emulator, body: JSON, status: int = 200) -> web.Response:
    headers = {"x-oauth-scopes": ",".join(emu.config.bot_scopes)}
    if status == 429:
        headers["Retry-After"] = str(int(body.pop("retry_after", 1)))
    return web.json_response(body, status=status, headers=headers)


async def handle_api(request: web.Request) -> web.Response:
    emu = request.app[EMULATOR_KEY]
    method = request.match_info["method"]
    emu.stats.requests[method] += 1
    try:
        implementation = METHODS.get(method)
        if implementation is None:
            raise SlackError("unknown_method")
        req = await read_api_request(request, method)
        _authorize(emu, req)
        failure = _fault(emu, method)
        if failure is not None:
            emu.stats.errors[method] += 1
            return failure
        _limit(emu, req)
        return _response(emu, {"ok": True, **implementation(emu, req)})
    except SlackError as error:
        if error.status == 429:
            emu.stats.ratelimited[method] += 1
        else:
            emu.stats.errors[method] += 1
        return _response(emu, error.body(), error.status)


async def handle_response_url(request: web.Request) -> web.Response:
    """``POST /_response/{id}``: what ``respond()`` in an app sends for a slash command."""
    emu = request.app[EMULATOR_KEY]
    record = emu.slash.records.get(request.match_info["command_id"])
    if record is None:
        return web.json_response({"ok": False, "error": "invalid_url"}, status=404)
    try:
        payload = await _response_payload(request)
        emu.slash.respond(record, payload)
    except SlackError as error:
        return web.json_response(error.body(), status=error.status if error.status != 200 else 400)
    return web.json_response({"ok": True})


async def _response_payload(request: web.Request) -> JSON:
    if request.content_type == "application/json":
        try:
            payload = await request.json()
        except ValueError:
            raise SlackError("invalid_payload", status=400) from None
    else:
        form = await request.post()
        raw = form.get("payload")
        try:
            payload = json.loads(raw) if isinstance(raw, str) else dict(form)
        except ValueError:
            raise SlackError("invalid_payload", status=400) from None
    if not isinstance(payload, dict):
        raise SlackError("invalid_payload", status=400)
    return payload
