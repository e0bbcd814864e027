"""Channel, message and thread routes."""

from __future__ import annotations

from aiohttp import web

from .. import actions, dms
from ..errors import DiscordError, field_error, form_error
from ..http import Api, RouteSpec, ctx_of, json_response, read_json, snowflake
from ..payloads import channel_payload, message_payload
from ..permissions import MANAGE_MESSAGES, MANAGE_THREADS, has_permission
from ..state import Channel, ChannelType, Message

__all__ = ["get_channel_or_404", "register"]


def get_channel_or_404(request: web.Request, key: str = "channel_id") -> Channel:
    channel = ctx_of(request).state.channels.get(snowflake(request, key))
    if channel is None:
        raise DiscordError.unknown_channel()
    return channel


def _message(request: web.Request, channel: Channel) -> Message:
    message = ctx_of(request).state.messages.get(snowflake(request, "message_id"))
    if message is None or message.deleted or message.channel_id != channel.id or message.ephemeral:
        raise DiscordError.unknown_message()
    return message


async def get_channel(request: web.Request) -> web.Response:
    return json_response(channel_payload(get_channel_or_404(request), ctx_of(request).state))


def _check_thread_change(request: web.Request, channel: Channel, body: dict[str, object]) -> None:
    """https://discord.com/developers/docs/resources/channel#modify-channel-json-params-thread:
    changing a thread "requires the
    MANAGE_THREADS permission, unless the current user is the thread creator ... When setting
    archived to false, when locked is also false, only the SEND_MESSAGES permission is
    required"; ``locked`` itself is for MANAGE_THREADS only, and only they may unarchive a
    locked thread."""
    state = ctx_of(request).state
    bot = state.bot_user_id
    if has_permission(state.guilds[channel.guild_id], bot, MANAGE_THREADS):
        return
    touches_lock = "locked" in body and bool(body["locked"]) != channel.locked
    reopens_locked = body.get("archived") is False and channel.locked
    plain_unarchive = set(body) <= {"archived"} and body.get("archived") is False
    if touches_lock or reopens_locked or not (channel.owner_id == bot or plain_unarchive):
        raise DiscordError.missing_permissions()


async def patch_channel(request: web.Request) -> web.Response:
    channel = get_channel_or_404(request)
    if channel.type == ChannelType.DM:
        raise DiscordError(400, 50024, "Cannot execute action on this channel type")
    body = await read_json(request)
    if channel.is_thread:
        _check_thread_change(request, channel, body)
    await actions.modify_channel(ctx_of(request), channel, body)
    return json_response(channel_payload(channel))


async def create_message(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    channel = get_channel_or_404(request)
    body = await read_json(request)
    if channel.type == ChannelType.DM:
        message = await dms.send_dm(ctx, channel, body)
    else:
        message = await actions.post_message(ctx, channel, ctx.state.bot_user_id, body, kind="bot")
    return json_response(message_payload(ctx.state, message))


async def get_message(request: web.Request) -> web.Response:
    channel = get_channel_or_404(request)
    return json_response(message_payload(ctx_of(request).state, _message(request, channel)))


async def edit_message(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    channel = get_channel_or_404(request)
    message = _message(request, channel)
    if message.author_id != ctx.state.bot_user_id or message.webhook_id is not None:
        raise DiscordError(403, 50005, "Cannot edit a message authored by another user")
    body = await read_json(request)
    await actions.edit_message(ctx, message, body)
    return json_response(message_payload(ctx.state, message))


async def delete_message(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    channel = get_channel_or_404(request)
    message = _message(request, channel)
    # https://discord.com/developers/docs/resources/message#delete-message: "If operating
    # on a guild channel and trying to delete a message that was not sent by the current
    # user, this endpoint requires the MANAGE_MESSAGES permission." (403 50013 otherwise)
    own = message.author_id == ctx.state.bot_user_id and (
        message.webhook_id is None or message.application_id is not None
    )
    guild = ctx.state.guilds.get(channel.guild_id)
    if (
        not own
        and guild is not None
        and not has_permission(guild, ctx.state.bot_user_id, MANAGE_MESSAGES)
    ):
        raise DiscordError.missing_permissions()
    await actions.delete_message(ctx, message)
    return web.Response(status=204)


def _int_query(request: web.Request, name: str) -> int | None:
    raw = request.query.get(name)
    if raw is None or raw == "":
        return None
    if not raw.isdigit():
        raise form_error(
            {name: field_error("NUMBER_TYPE_COERCE", f'Value "{raw}" is not snowflake.')}
        )
    return int(raw)


async def list_messages(request: web.Request) -> web.Response:
    """Newest first, like Discord, for ``before``, ``after`` and ``around`` alike."""
    ctx = ctx_of(request)
    channel = get_channel_or_404(request)
    limit = _int_query(request, "limit")
    limit = 50 if limit is None else limit
    if not 1 <= limit <= 100:
        raise form_error({"limit": field_error("NUMBER_TYPE_MAX", "int value should be <= 100.")})
    visible = [m for m in ctx.state.messages_in(channel.id) if not m.deleted and not m.ephemeral]
    before, after, around = (_int_query(request, k) for k in ("before", "after", "around"))
    if around is not None:
        older = [m for m in visible if m.id < around][-(limit // 2) :] if limit > 1 else []
        rest = [m for m in visible if m.id >= around][: limit - len(older)]
        chosen = older + rest
    elif after is not None:
        chosen = [m for m in visible if m.id > after][:limit]
    else:
        if before is not None:
            visible = [m for m in visible if m.id < before]
        chosen = visible[-limit:]
    chosen.sort(key=lambda m: m.id, reverse=True)
    return json_response([message_payload(ctx.state, m) for m in chosen])


async def thread_from_message(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    channel = get_channel_or_404(request)
    message = _message(request, channel)
    body = await read_json(request)
    thread = await actions.create_thread(
        ctx, channel, body, owner_id=ctx.state.bot_user_id, message=message
    )
    return json_response(channel_payload(thread), status=201)


async def thread_without_message(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    channel = get_channel_or_404(request)
    body = await read_json(request)
    thread = await actions.create_thread(ctx, channel, body, owner_id=ctx.state.bot_user_id)
    return json_response(channel_payload(thread), status=201)


def register(api: Api) -> None:
    api.add("GET", "/channels/{channel_id}", get_channel, RouteSpec("channels.read"))
    api.add("PATCH", "/channels/{channel_id}", patch_channel, RouteSpec("channels.modify"))
    path = "/channels/{channel_id}/messages"
    api.add("GET", path, list_messages, RouteSpec("messages.read"))
    api.add("POST", path, create_message, RouteSpec("messages.create"))
    one = path + "/{message_id}"
    api.add("GET", one, get_message, RouteSpec("messages.read"))
    api.add("PATCH", one, edit_message, RouteSpec("messages.edit"))
    api.add("DELETE", one, delete_message, RouteSpec("messages.delete"))
    api.add("POST", one + "/threads", thread_from_message, RouteSpec("threads.create"))
    api.add(
        "POST",
        "/channels/{channel_id}/threads",
        thread_without_message,
        RouteSpec("threads.create"),
    )
