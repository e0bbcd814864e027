"""Control API for what people do besides writing: react, close their DMs, get roles.

``POST /_control/reactions`` / ``DELETE /_control/reactions`` ``{channel_id, message_id,
user_id, emoji}``: a person adds or removes a reaction (same rules and events as Discord).
``PATCH /_control/users/{user}`` ``{dms_open}``: the person's "allow direct messages"
setting. ``GET /_control/dms/{user}``: what the bot sent them by DM.
``POST /_control/roles`` ``{name, permissions}`` and ``PATCH /_control/roles/{role}``
``{permissions}``: server settings (GUILD_ROLE_CREATE / _UPDATE).
``PATCH /_control/members/{user}`` ``{roles}``: give a member roles (ids or names;
GUILD_MEMBER_UPDATE).
"""

from __future__ import annotations

from aiohttp import web

from . import reactions
from .actions import message_view
from .control import ControlError, _body, _channel, _user
from .gateway import Intents
from .http import ctx_of, json_response
from .payloads import member_payload, role_payload
from .state import ChannelType, Guild, Message, Role

__all__ = ["register"]


def _reaction_target(request: web.Request, body: dict[str, object]) -> tuple[Message, str]:
    state = ctx_of(request).state
    channel = _channel(request, body.get("channel_id"))
    raw = str(body.get("message_id") or "")
    message = state.messages.get(int(raw)) if raw.isdigit() else None
    if message is None or message.deleted or message.channel_id != channel.id:
        raise ControlError(404, "unknown message")
    return message, reactions.check_emoji(str(body.get("emoji") or ""))


def _reactions_view(message: Message) -> dict[str, object]:
    return {"reactions": {k: [str(u) for u in v] for k, v in message.reactions.items()}}


async def add_reaction(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    body = await _body(request)
    user = _user(request, body.get("user_id"))
    message, key = _reaction_target(request, body)
    await reactions.add_reaction(ctx, message, user.id, key)
    return json_response(_reactions_view(message))


async def remove_reaction(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    body = await _body(request)
    user = _user(request, body.get("user_id"))
    message, key = _reaction_target(request, body)
    await reactions.remove_reaction(ctx, message, user.id, key, by=user.id)
    return json_response(_reactions_view(message))


async def patch_user(request: web.Request) -> web.Response:
    body = await _body(request)
    user = _user(request, request.match_info["user"])
    if "dms_open" in body:
        user.dms_open = bool(body["dms_open"])
    return json_response({"id": str(user.id), "username": user.username, "dms_open": user.dms_open})


async def list_dms(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    user = _user(request, request.match_info["user"])
    channels = [
        c.id
        for c in ctx.state.channels.values()
        if c.type == ChannelType.DM and c.recipient_id == user.id
    ]
    messages = [message_view(ctx, m) for cid in channels for m in ctx.state.messages_in(cid)]
    return json_response({"user_id": str(user.id), "dms_open": user.dms_open, "messages": messages})


def _role(guild: Guild, raw: object) -> Role:
    text = str(raw or "")
    role = guild.roles.get(int(text)) if text.isdigit() else None
    role = role or next((r for r in guild.roles.values() if r.name == text), None)
    if role is None:
        raise ControlError(404, f"unknown role {raw!r}")
    return role


async def create_role(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    body = await _body(request)
    guild = ctx.state.guild
    role = Role(
        ctx.state.ids.next(),
        str(body.get("name") or "new role"),
        int(body.get("permissions") or 0),
        position=len(guild.roles),
    )
    guild.roles[role.id] = role
    data = {"guild_id": str(guild.id), "role": role_payload(role)}
    await ctx.hub.dispatch("GUILD_ROLE_CREATE", data, intent=Intents.GUILDS)
    return json_response(role_payload(role), status=201)


async def patch_role(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    body = await _body(request)
    guild = ctx.state.guild
    role = _role(guild, request.match_info["role"])
    if "permissions" in body:
        role.permissions = int(body["permissions"])
    data = {"guild_id": str(guild.id), "role": role_payload(role)}
    await ctx.hub.dispatch("GUILD_ROLE_UPDATE", data, intent=Intents.GUILDS)
    return json_response(role_payload(role))


async def patch_member(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    body = await _body(request)
    guild = ctx.state.guild
    user = _user(request, request.match_info["user"])
    member = guild.members.get(user.id)
    if member is None:
        raise ControlError(404, "user is not a member of the guild")
    if "roles" in body:
        member.roles = [_role(guild, r).id for r in body["roles"] if _role(guild, r).id != guild.id]
    data = {"guild_id": str(guild.id), **member_payload(ctx.state, member)}
    await ctx.hub.dispatch("GUILD_MEMBER_UPDATE", data, intent=Intents.GUILD_MEMBERS)
    return json_response(member_payload(ctx.state, member))


def register(app: web.Application) -> None:
    r = app.router
    r.add_post("/_control/reactions", add_reaction)
    r.add_delete("/_control/reactions", remove_reaction)
    r.add_patch("/_control/users/{user}", patch_user)
    r.add_get("/_control/dms/{user}", list_dms)
    r.add_post("/_control/roles", create_role)
    r.add_patch("/_control/roles/{role}", patch_role)
    r.add_patch("/_control/members/{user}", patch_member)
