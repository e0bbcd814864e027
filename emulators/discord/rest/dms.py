"""``POST /users/@me/channels`` (https://discord.com/developers/docs/resources/user#create-dm)."""

from __future__ import annotations

from aiohttp import web

from .. import dms
from ..errors import DiscordError
from ..http import Api, RouteSpec, ctx_of, json_response, read_json
from ..payloads import channel_payload

__all__ = ["register"]


async def create_dm(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    body = await read_json(request)
    raw = str(body.get("recipient_id") or "")
    user = ctx.state.users.get(int(raw)) if raw.isdigit() else None
    if user is None or user.id == ctx.state.bot_user_id:
        raise DiscordError(400, 50033, "Invalid Recipient(s)")
    return json_response(channel_payload(dms.dm_channel(ctx, user), ctx.state))


def register(api: Api) -> None:
    api.add("POST", "/users/@me/channels", create_dm, RouteSpec("default"))
