"""Reaction routes (https://discord.com/developers/docs/resources/message#create-reaction,
#delete-own-reaction, #delete-user-reaction, #get-reactions, #delete-all-reactions,
#delete-all-reactions-for-emoji)."""

from __future__ import annotations

from aiohttp import web

from .. import reactions
from ..errors import DiscordError, field_error, form_error
from ..http import Api, RouteSpec, ctx_of, json_response, snowflake
from ..state import Message
from .channels import get_channel_or_404

__all__ = ["register"]


def _target(request: web.Request) -> tuple[Message, str | None]:
    channel = get_channel_or_404(request)
    message = ctx_of(request).state.messages.get(snowflake(request, "message_id"))
    if message is None or message.deleted or message.channel_id != channel.id or message.ephemeral:
        raise DiscordError.unknown_message()
    raw = request.match_info.get("emoji")
    return message, None if raw is None else reactions.check_emoji(raw)


async def add_own(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    message, key = _target(request)
    assert key is not None
    await reactions.add_reaction(ctx, message, ctx.state.bot_user_id, key)
    return web.Response(status=204)


async def remove_own(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    message, key = _target(request)
    assert key is not None
    bot = ctx.state.bot_user_id
    await reactions.remove_reaction(ctx, message, bot, key, by=bot)
    return web.Response(status=204)


async def remove_user(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    message, key = _target(request)
    assert key is not None
    user_id = snowflake(request, "user_id")
    await reactions.remove_reaction(ctx, message, user_id, key, by=ctx.state.bot_user_id)
    return web.Response(status=204)


async def list_reactors(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    message, key = _target(request)
    assert key is not None
    try:
        limit = int(request.query.get("limit") or 25)
        after = int(request.query.get("after") or 0)
    except ValueError:
        raise form_error({"limit": field_error("NUMBER_TYPE_COERCE", "Not a number.")}) from None
    if not 1 <= limit <= 100:
        raise form_error({"limit": field_error("NUMBER_TYPE_MAX", "int value should be <= 100.")})
    return json_response(reactions.reactors(ctx, message, key, after, limit))


async def remove_all(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    message, key = _target(request)
    await reactions.remove_all(ctx, message, key, by=ctx.state.bot_user_id)
    return web.Response(status=204)


def register(api: Api) -> None:
    spec = RouteSpec("reactions")
    base = "/channels/{channel_id}/messages/{message_id}/reactions"
    api.add("DELETE", base, remove_all, spec)
    api.add("GET", base + "/{emoji}", list_reactors, RouteSpec("messages.read"))
    api.add("DELETE", base + "/{emoji}", remove_all, spec)
    api.add("PUT", base + "/{emoji}/@me", add_own, spec)
    api.add("DELETE", base + "/{emoji}/@me", remove_own, spec)
    api.add("DELETE", base + "/{emoji}/{user_id}", remove_user, spec)
