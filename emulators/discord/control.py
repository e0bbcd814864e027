"""The control API under ``/_control/``: act as users, inspect, and steer the emulator.

Documented in README.md; keep it stable (tests, benchmarks, the sandbox page use it).
Errors are ``{"error": "..."}`` with 400/404; Discord-side validation errors keep
Discord's body (``{"code", "message", "errors"}``) and status.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from . import actions, interactions
from .config import Limit
from .context import Fault
from .errors import DiscordError
from .http import API_PREFIX, SPECS_KEY, ctx_of, json_response
from .payloads import command_payload
from .permissions import ADMINISTRATOR, MANAGE_THREADS, has_permission
from .state import Channel, Command, Guild, Message, User

__all__ = ["register"]


class ControlError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@web.middleware
async def control_middleware(request: web.Request, handler: Any) -> web.StreamResponse:
    if not request.path.startswith("/_control/"):
        response: web.StreamResponse = await handler(request)
        return response
    try:
        response = await handler(request)
    except ControlError as error:
        response = json_response({"error": str(error)}, status=error.status)
    except DiscordError as error:
        response = json_response(error.body(), status=error.status)
    except (ValueError, KeyError, TypeError) as error:
        response = json_response({"error": f"bad request: {error}"}, status=400)
    response.headers.setdefault("Access-Control-Allow-Origin", "*")
    return response


async def _body(request: web.Request) -> dict[str, Any]:
    if not request.can_read_body:
        return {}
    data = await request.json()
    if not isinstance(data, dict):
        raise ControlError(400, "body must be a JSON object")
    return data


def _channel(request: web.Request, raw: Any) -> Channel:
    state = ctx_of(request).state
    text = str(raw or "").lstrip("#")
    channel = state.channels.get(int(text)) if text.isdigit() else state.channel_by_name(text)
    if channel is None:
        raise ControlError(404, f"unknown channel {raw!r}")
    return channel


def _user(request: web.Request, raw: Any) -> User:
    state = ctx_of(request).state
    text = str(raw or "")
    user = state.users.get(int(text)) if text.isdigit() else None
    user = user or next((u for u in state.users.values() if u.username == text), None)
    if user is None:
        raise ControlError(404, f"unknown user {raw!r}")
    return user


def _message(request: web.Request) -> Message:
    state = ctx_of(request).state
    channel = _channel(request, request.match_info["channel_id"])
    message = state.messages.get(int(request.match_info["message_id"]))
    if message is None or message.channel_id != channel.id:
        raise ControlError(404, "unknown message")
    return message


def _may_use(guild: Guild, user_id: int, command: Command, channel_id: int) -> bool:
    """Whether the Discord client offers ``command`` to the member.

    https://discord.com/developers/docs/interactions/application-commands#permissions:
    administrators may use every command;
    otherwise an override for the user wins, then overrides for their roles (allowed if any
    allows) and for the channel, then ``default_member_permissions`` ("0": administrators
    only). Overrides are what a server admin sets in Server Settings → Integrations.
    """
    if has_permission(guild, user_id, ADMINISTRATOR):
        return True
    overrides = command.permission_overrides
    if user_id in overrides:
        return overrides[user_id]
    member = guild.members.get(user_id)
    roles = [r for r in (member.roles if member else []) if r in overrides]
    if roles:
        return any(overrides[r] for r in roles)
    if channel_id in overrides and not overrides[channel_id]:
        return False
    if guild.id in overrides:  # the @everyone role
        return overrides[guild.id]
    required = command.default_member_permissions
    if required is None:
        return True
    need = int(required)
    return need != 0 and has_permission(guild, user_id, need)


def _user_view(user: User) -> dict[str, Any]:
    return {
        "id": str(user.id),
        "username": user.username,
        "display_name": user.display_name,
        "avatar_url": user.avatar_url,
        "bot": user.bot,
    }


async def get_state(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    state = ctx.state
    guild = state.guild
    text_channels = [c for c in state.channels.values() if c.guild_id and not c.is_thread]
    return json_response(
        {
            "guild_id": str(guild.id),
            "guild_name": guild.name,
            "bot_user_id": str(state.bot_user_id),
            "application_id": str(state.application_id),
            "bot_token": ctx.config.bot_token,
            "channels": {c.name: str(c.id) for c in text_channels},
            "threads": {
                str(c.id): {"name": c.name, "parent_id": str(c.parent_id), "archived": c.archived}
                for c in state.channels.values()
                if c.is_thread
            },
            "roles": {r.name: str(r.id) for r in guild.roles.values()},
            "users": [_user_view(u) for u in state.users.values()],
            "webhooks": [
                {
                    "id": str(h.id),
                    "name": h.name,
                    "channel_id": str(h.channel_id),
                    "token": h.token,
                }
                for h in state.webhooks.values()
            ],
            "commands": [command_payload(c) for c in state.commands.values()],
        }
    )


async def post_message(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    body = await _body(request)
    channel = _channel(request, body.get("channel_id"))
    user = _user(request, body.get("user_id"))
    if user.id not in ctx.state.guilds[channel.guild_id].members:
        raise ControlError(400, "user is not a member of the guild")
    payload: dict[str, Any] = {"content": body.get("content") or ""}
    if body.get("embeds"):
        payload["embeds"] = body["embeds"]
    if body.get("reply_to"):
        payload["message_reference"] = {"message_id": str(body["reply_to"])}
    message = await actions.post_message(ctx, channel, user.id, payload, kind="user")
    return json_response(actions.message_view(ctx, message), status=201)


async def patch_message(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    message = _message(request)
    if message.deleted:
        raise ControlError(404, "message was deleted")
    body = await _body(request)
    await actions.edit_message(
        ctx, message, {k: body[k] for k in ("content", "embeds") if k in body}
    )
    return json_response(actions.message_view(ctx, message))


async def delete_message(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    message = _message(request)
    if not message.deleted:
        await actions.delete_message(ctx, message)
    return json_response(actions.message_view(ctx, message))


async def list_messages(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    channel = _channel(request, request.match_info["channel_id"])
    return json_response(
        {
            "channel_id": str(channel.id),
            "messages": [actions.message_view(ctx, m) for m in ctx.state.messages_in(channel.id)],
        }
    )


async def get_channel(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    return json_response(
        actions.channel_view(ctx, _channel(request, request.match_info["channel_id"]))
    )


async def patch_channel(request: web.Request) -> web.Response:
    """Moderator actions: archive/lock a thread, rename, or deny the bot SEND_MESSAGES."""
    ctx = ctx_of(request)
    channel = _channel(request, request.match_info["channel_id"])
    body = await _body(request)
    if "bot_can_send" in body:
        channel.bot_can_send = bool(body.pop("bot_can_send"))
    if body:
        await actions.modify_channel(ctx, channel, body)
    return json_response(actions.channel_view(ctx, channel))


async def create_thread(request: web.Request) -> web.Response:
    """A user starts a thread, from a message (``message_id``) or standalone."""
    ctx = ctx_of(request)
    body = await _body(request)
    channel = _channel(request, body.get("channel_id"))
    user = _user(request, body.get("user_id"))
    message = None
    if body.get("message_id"):
        message = ctx.state.messages.get(int(body["message_id"]))
        if message is None or message.channel_id != channel.id or message.deleted:
            raise ControlError(404, "unknown message")
    options = {"name": body.get("name"), "type": 11, "auto_archive_duration": 1440}
    thread = await actions.create_thread(ctx, channel, options, owner_id=user.id, message=message)
    return json_response(actions.channel_view(ctx, thread), status=201)


async def list_routes(request: web.Request) -> web.Response:
    """Every emulated REST route with its rate-limit bucket (names used by /faults)."""
    specs = request.app[SPECS_KEY]
    routes = [
        {
            "method": method,
            "route": path[len(API_PREFIX) :],
            "bucket": spec.bucket,
            "auth": spec.auth,
            "global_limit": spec.global_limited,
        }
        for (method, path), spec in specs.items()
    ]
    return json_response({"routes": routes})


async def run_command(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    body = await _body(request)
    channel = _channel(request, body.get("channel_id"))
    user = _user(request, body.get("user_id"))
    name = str(body.get("name") or "").lstrip("/")
    kind = int(body.get("type") or 1)  # 1 slash, 2 user and 3 message context menu
    state = ctx.state
    candidates = [
        c
        for c in state.commands.values()
        if c.name == name and c.type == kind and c.guild_id in (None, channel.guild_id)
    ]
    if not candidates:
        raise ControlError(404, f"command {name!r} of type {kind} is not registered")
    command = sorted(candidates, key=lambda c: c.guild_id is None)[0]
    home = channel.parent_id if channel.is_thread and channel.parent_id else channel.id
    if not _may_use(state.guilds[channel.guild_id], user.id, command, home):
        # https://discord.com/developers/docs/interactions/application-commands#permissions:
        # a command with default_member_permissions is shown only to members who have those
        # permissions (administrators always, and whom overrides allow); nobody else can
        # invoke it at all.
        raise ControlError(403, f"{user.username} cannot see the command {name!r}")
    if channel.locked and not has_permission(
        state.guilds[channel.guild_id], user.id, MANAGE_THREADS
    ):
        # Discord's client disables the message box of a locked thread for members without
        # Manage Threads (https://discord.com/developers/docs/topics/threads: "locked ...
        # only users with MANAGE_THREADS").
        raise ControlError(403, f"{user.username} cannot type in a locked thread")
    target = body.get("target_id")
    interaction = await interactions.create_interaction(
        ctx,
        command,
        channel,
        user.id,
        dict(body.get("options") or {}),
        target=str(target) if target is not None else None,
    )
    return json_response(interactions.interaction_view(ctx, interaction), status=201)


async def use_component(request: web.Request) -> web.Response:
    """A user clicks a button: ``{channel_id, message_id, custom_id, user_id}``."""
    ctx = ctx_of(request)
    body = await _body(request)
    channel = _channel(request, body.get("channel_id"))
    user = _user(request, body.get("user_id"))
    raw = str(body.get("message_id") or "")
    message = ctx.state.messages.get(int(raw)) if raw.isdigit() else None
    if message is None or message.deleted or message.channel_id != channel.id:
        raise ControlError(404, "unknown message")
    interaction = await interactions.create_component_interaction(
        ctx, message, user.id, str(body.get("custom_id") or "")
    )
    return json_response(interactions.interaction_view(ctx, interaction), status=201)


async def get_command(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    raw = request.match_info["interaction_id"]
    interaction = ctx.state.interactions.get(int(raw)) if raw.isdigit() else None
    if interaction is None:
        raise ControlError(404, "unknown interaction")
    return json_response(interactions.interaction_view(ctx, interaction))


async def set_command_permissions(request: web.Request) -> web.Response:
    """A server admin's overrides for one command (Server Settings → Integrations):
    ``{"permissions": [{"id": role/user/channel, "permission": bool}]}`` replaces them all."""
    ctx = ctx_of(request)
    body = await _body(request)
    name = request.match_info["name"]
    commands = [c for c in ctx.state.commands.values() if c.name == name]
    if not commands:
        raise ControlError(404, f"command {name!r} is not registered")
    guild = ctx.state.guild
    overrides: dict[int, bool] = {}
    for entry in body.get("permissions") or []:
        raw = str(entry.get("id") or "")
        role = next((r for r in guild.roles.values() if r.name == raw), None)
        target = role.id if role else (int(raw) if raw.isdigit() else _user(request, raw).id)
        overrides[target] = bool(entry.get("permission"))
    for command in commands:
        command.permission_overrides = dict(overrides)
    return json_response({"name": name, "permissions": {str(k): v for k, v in overrides.items()}})


async def list_commands(request: web.Request) -> web.Response:
    state = ctx_of(request).state
    return json_response({"commands": [command_payload(c) for c in state.commands.values()]})


async def get_stats(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    return json_response(ctx.stats.to_dict(open_connections=ctx.hub.open_connections))


async def disconnect(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    body = await _body(request)
    if body.get("reconnect"):
        return json_response({"reconnect_requested": await ctx.hub.request_reconnect()})
    closed = await ctx.hub.disconnect(
        code=int(body.get("code", 4000)), invalidate=bool(body.get("invalidate", False))
    )
    return json_response({"closed": closed})


async def get_ratelimits(request: web.Request) -> web.Response:
    return json_response(ctx_of(request).limiter.config.to_dict())


async def set_ratelimits(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    body = await _body(request)
    if "global" in body:
        Limit.from_dict(body["global"])
    ctx.limiter.config = ctx.limiter.config.updated(body)
    return json_response(ctx.limiter.config.to_dict())


async def get_faults(request: web.Request) -> web.Response:
    return json_response({"faults": [f.to_dict() for f in ctx_of(request).faults]})


async def add_fault(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    body = await _body(request)
    route = str(body["route"])
    fault = Fault(
        method=str(body.get("method", "*")).upper(),
        route=route[len("/api/v10") :] if route.startswith("/api/v10") else route,
        status=int(body.get("status", 500)),
        remaining=int(body.get("count", 1)),
        retry_after=float(body.get("retry_after", 1.0)),
    )
    if not 400 <= fault.status <= 599:
        raise ControlError(400, "status must be 4xx or 5xx")
    if not 0 <= fault.retry_after <= 3600:
        raise ControlError(400, "retry_after must be 0 to 3600 seconds")
    ctx.faults.append(fault)
    return json_response({"faults": [f.to_dict() for f in ctx.faults]}, status=201)


async def clear_faults(request: web.Request) -> web.Response:
    ctx_of(request).faults.clear()
    return json_response({"faults": []})


async def get_config(request: web.Request) -> web.Response:
    return json_response(ctx_of(request).settings.to_dict())


async def set_config(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    ctx.settings.update(await _body(request))
    return json_response(ctx.settings.to_dict())


async def reset(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    await ctx.hub.disconnect(invalidate=True)
    ctx.reset()
    return json_response({"reset": True})


async def events(request: web.Request) -> web.StreamResponse:
    return await ctx_of(request).bus.stream(request)


def register(app: web.Application) -> None:
    r = app.router
    r.add_get("/_control/state", get_state)
    r.add_post("/_control/messages", post_message)
    r.add_patch("/_control/messages/{channel_id}/{message_id}", patch_message)
    r.add_delete("/_control/messages/{channel_id}/{message_id}", delete_message)
    r.add_get("/_control/channels/{channel_id}", get_channel)
    r.add_patch("/_control/channels/{channel_id}", patch_channel)
    r.add_get("/_control/channels/{channel_id}/messages", list_messages)
    r.add_post("/_control/threads", create_thread)
    r.add_get("/_control/routes", list_routes)
    r.add_get("/_control/commands", list_commands)
    r.add_post("/_control/commands", run_command)
    r.add_get("/_control/commands/{interaction_id}", get_command)
    r.add_put("/_control/command-permissions/{name}", set_command_permissions)
    r.add_post("/_control/components", use_component)
    r.add_get("/_control/stats", get_stats)
    r.add_post("/_control/disconnect", disconnect)
    r.add_get("/_control/ratelimits", get_ratelimits)
    r.add_post("/_control/ratelimits", set_ratelimits)
    r.add_get("/_control/faults", get_faults)
    r.add_post("/_control/faults", add_fault)
    r.add_delete("/_control/faults", clear_faults)
    r.add_get("/_control/config", get_config)
    r.add_post("/_control/config", set_config)
    r.add_post("/_control/reset", reset)
    r.add_get("/_control/events", events)
