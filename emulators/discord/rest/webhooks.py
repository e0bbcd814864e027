"""Channel webhooks and webhook-token routes (also used by interaction follow-ups)."""

from __future__ import annotations

import secrets

from aiohttp import web

from .. import actions, interactions
from ..errors import DiscordError, field_error, form_error
from ..http import Api, RouteSpec, ctx_of, json_response, query_flag, read_json, snowflake
from ..payloads import message_payload, webhook_payload
from ..state import Channel, Interaction, Message, Webhook
from ..validation import validate_webhook_name
from .channels import get_channel_or_404

__all__ = ["register"]


async def create_webhook(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    channel = get_channel_or_404(request)
    if channel.is_thread:
        raise DiscordError(400, 50024, "Cannot execute action on this channel type")
    body = await read_json(request)
    validate_webhook_name(body.get("name"), key="name")
    hook = Webhook(
        id=ctx.state.ids.next(),
        token=secrets.token_urlsafe(51),
        name=str(body["name"]),
        channel_id=channel.id,
        guild_id=channel.guild_id,
        creator_id=ctx.state.bot_user_id,
        application_id=ctx.state.application_id,
    )
    ctx.state.webhooks[hook.id] = hook
    return json_response(webhook_payload(ctx.state, hook))


async def list_channel_webhooks(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    channel = get_channel_or_404(request)
    hooks = [h for h in ctx.state.webhooks.values() if h.channel_id == channel.id]
    return json_response([webhook_payload(ctx.state, h) for h in hooks])


async def list_guild_webhooks(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    guild_id = snowflake(request, "guild_id")
    hooks = [h for h in ctx.state.webhooks.values() if h.guild_id == guild_id]
    return json_response([webhook_payload(ctx.state, h) for h in hooks])


def _hook(request: web.Request, *, with_token: bool) -> Webhook:
    hook = ctx_of(request).state.webhooks.get(snowflake(request, "webhook_id"))
    if hook is None:
        raise DiscordError.unknown_webhook()
    if with_token and not secrets.compare_digest(hook.token, request.match_info["token"]):
        raise DiscordError.invalid_webhook_token()
    return hook


def _interaction(request: web.Request) -> Interaction | None:
    ctx = ctx_of(request)
    return interactions.interaction_by_token(
        ctx, snowflake(request, "webhook_id"), request.match_info["token"]
    )


async def get_webhook(request: web.Request) -> web.Response:
    with_token = "token" in request.match_info
    hook = _hook(request, with_token=with_token)
    data = webhook_payload(ctx_of(request).state, hook)
    if with_token:
        data.pop("user", None)
    return json_response(data)


async def delete_webhook(request: web.Request) -> web.Response:
    hook = _hook(request, with_token="token" in request.match_info)
    del ctx_of(request).state.webhooks[hook.id]
    return web.Response(status=204)


def _target_channel(request: web.Request, hook: Webhook) -> Channel:
    state = ctx_of(request).state
    raw = request.query.get("thread_id")
    if not raw:
        return state.channels[hook.channel_id]
    if not raw.isdigit():
        raise form_error(
            {"thread_id": field_error("NUMBER_TYPE_COERCE", "Value is not snowflake.")}
        )
    thread = state.channels.get(int(raw))
    if thread is None or not thread.is_thread or thread.parent_id != hook.channel_id:
        raise DiscordError.unknown_channel()
    return thread


async def execute(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    interaction = _interaction(request)
    body = await read_json(request)
    if interaction is not None:
        message = await interactions.followup_create(ctx, interaction, body)
        return json_response(message_payload(ctx.state, message))
    hook = _hook(request, with_token=True)
    if body.get("username") is not None:
        validate_webhook_name(body["username"])
    avatar_url = body.get("avatar_url")
    if avatar_url is not None and (not isinstance(avatar_url, str) or len(avatar_url) > 2048):
        raise form_error(
            {"avatar_url": field_error("URL_TYPE_INVALID_URL", "Not a well formed URL.")}
        )
    channel = _target_channel(request, hook)
    message = await actions.post_message(
        ctx, channel, hook.id, body, kind="webhook", webhook_id=hook.id
    )
    if not query_flag(request, "wait"):
        return web.Response(status=204)
    return json_response(message_payload(ctx.state, message))


def _hook_message(request: web.Request, hook: Webhook) -> Message:
    channel = _target_channel(request, hook)
    raw = request.match_info["message_id"]
    message = ctx_of(request).state.messages.get(int(raw)) if raw.isdigit() else None
    if (
        message is None
        or message.deleted
        or message.webhook_id != hook.id
        or message.channel_id != channel.id
    ):
        raise DiscordError.unknown_message()
    return message


async def get_hook_message(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    interaction = _interaction(request)
    if interaction is not None:
        message = interactions.followup_message(ctx, interaction, request.match_info["message_id"])
    else:
        message = _hook_message(request, _hook(request, with_token=True))
    return json_response(message_payload(ctx.state, message))


async def edit_hook_message(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    interaction = _interaction(request)
    body = await read_json(request)
    if interaction is not None:
        mid = request.match_info["message_id"]
        message = await interactions.followup_edit(ctx, interaction, mid, body)
    else:
        message = _hook_message(request, _hook(request, with_token=True))
        await actions.edit_message(ctx, message, body)
    return json_response(message_payload(ctx.state, message))


async def delete_hook_message(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    interaction = _interaction(request)
    if interaction is not None:
        await interactions.followup_delete(ctx, interaction, request.match_info["message_id"])
    else:
        await actions.delete_message(ctx, _hook_message(request, _hook(request, with_token=True)))
    return web.Response(status=204)


def register(api: Api) -> None:
    manage = RouteSpec("webhooks.manage")
    api.add("POST", "/channels/{channel_id}/webhooks", create_webhook, manage)
    api.add("GET", "/channels/{channel_id}/webhooks", list_channel_webhooks, manage)
    api.add("GET", "/guilds/{guild_id}/webhooks", list_guild_webhooks, manage)
    api.add("GET", "/webhooks/{webhook_id}", get_webhook, manage)
    api.add("DELETE", "/webhooks/{webhook_id}", delete_webhook, manage)
    token_spec = RouteSpec("webhooks.manage", auth=False)
    api.add("GET", "/webhooks/{webhook_id}/{token}", get_webhook, token_spec)
    api.add("DELETE", "/webhooks/{webhook_id}/{token}", delete_webhook, token_spec)
    api.add(
        "POST", "/webhooks/{webhook_id}/{token}", execute, RouteSpec("webhooks.execute", auth=False)
    )
    one = "/webhooks/{webhook_id}/{token}/messages/{message_id}"
    msg_spec = RouteSpec("webhooks.messages", auth=False)
    api.add("GET", one, get_hook_message, msg_spec)
    api.add("PATCH", one, edit_hook_message, msg_spec)
    api.add("DELETE", one, delete_hook_message, msg_spec)
