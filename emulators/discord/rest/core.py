"""Identity and guild routes: users, application, gateway discovery, guild lookups."""

from __future__ import annotations

from aiohttp import web

from ..errors import DiscordError
from ..http import Api, RouteSpec, ctx_of, json_response, snowflake
from ..payloads import channel_payload, guild_payload, member_payload, role_payload, user_payload
from ..state import Guild

__all__ = ["register"]


async def get_me(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    bot = ctx.state.bot
    return json_response(
        {
            **user_payload(bot),
            "bot": True,
            "verified": True,
            "mfa_enabled": False,
            "flags": 0,
            "banner": None,
            "accent_color": None,
            "locale": "en-US",
        }
    )


async def get_user(request: web.Request) -> web.Response:
    state = ctx_of(request).state
    user = state.users.get(snowflake(request, "user_id"))
    if user is None:
        raise DiscordError(404, 10013, "Unknown User")
    return json_response(user_payload(user))


async def get_application(request: web.Request) -> web.Response:
    state = ctx_of(request).state
    owner = state.users[state.owner_id]
    return json_response(
        {
            "id": str(state.application_id),
            "name": state.application_name,
            "icon": None,
            "description": "Local newsroom briefs and reader discussions (emulated).",
            "summary": "",
            "type": None,
            "bot_public": False,
            "bot_require_code_grant": False,
            "verify_key": "0" * 64,
            "flags": 0,
            "owner": user_payload(owner),
            "team": None,
            "bot": user_payload(state.bot),
            "flags_new": "0",
            "rpc_origins": [],
            "tags": [],
            "redirect_uris": [],
            "interactions_endpoint_url": None,
            "role_connections_verification_url": None,
            "approximate_guild_count": len(state.guilds),
            "approximate_user_install_count": 0,
            "approximate_user_authorization_count": 0,
            "explicit_content_filter": 0,
            "eligible_oauth2_scopes": ["bot", "applications.commands"],
        }
    )


def _gateway_url(request: web.Request) -> str:
    return f"ws://{request.host}/gateway"


async def get_gateway(request: web.Request) -> web.Response:
    return json_response({"url": _gateway_url(request)})


async def get_gateway_bot(request: web.Request) -> web.Response:
    return json_response(
        {
            "url": _gateway_url(request),
            "shards": 1,
            "session_start_limit": {
                "total": 1000,
                "remaining": 1000,
                "reset_after": 86_400_000,
                "max_concurrency": 1,
            },
        }
    )


def _guild(request: web.Request) -> Guild:
    guild = ctx_of(request).state.guilds.get(snowflake(request, "guild_id"))
    if guild is None:
        raise DiscordError.unknown_guild()
    return guild


async def get_guild(request: web.Request) -> web.Response:
    guild = _guild(request)
    data = guild_payload(guild)
    data["approximate_member_count"] = len(guild.members)
    return json_response(data)


async def get_guild_channels(request: web.Request) -> web.Response:
    guild = _guild(request)
    state = ctx_of(request).state
    channels = [
        channel_payload(c)
        for c in state.channels.values()
        if c.guild_id == guild.id and not c.is_thread
    ]
    return json_response(channels)


async def get_active_threads(request: web.Request) -> web.Response:
    guild = _guild(request)
    state = ctx_of(request).state
    threads = [
        c
        for c in state.channels.values()
        if c.guild_id == guild.id and c.is_thread and not c.archived
    ]
    members = [
        {"id": str(t.id), "user_id": str(uid), "join_timestamp": t.created_at, "flags": 0}
        for t in threads
        for uid in sorted(t.member_ids)
    ]
    return json_response(
        {"threads": [channel_payload(t) for t in threads], "members": members, "has_more": False}
    )


async def get_guild_roles(request: web.Request) -> web.Response:
    guild = _guild(request)
    return json_response([role_payload(r) for r in guild.roles.values()])


async def get_member(request: web.Request) -> web.Response:
    guild = _guild(request)
    member = guild.members.get(snowflake(request, "user_id"))
    if member is None:
        raise DiscordError.unknown_member()
    return json_response(member_payload(ctx_of(request).state, member))


async def list_members(request: web.Request) -> web.Response:
    guild = _guild(request)
    state = ctx_of(request).state
    try:
        limit = int(request.query.get("limit", "1"))
        after = int(request.query.get("after", "0"))
    except ValueError:
        raise DiscordError(400, 50035, "Invalid Form Body") from None
    limit = max(1, min(limit, 1000))
    members = sorted(
        (m for m in guild.members.values() if m.user_id > after), key=lambda m: m.user_id
    )
    return json_response([member_payload(state, m) for m in members[:limit]])


def register(api: Api) -> None:
    read = RouteSpec("default")
    api.add("GET", "/users/@me", get_me, read)
    api.add("GET", "/users/{user_id}", get_user, read)
    api.add("GET", "/oauth2/applications/@me", get_application, read)
    api.add("GET", "/applications/@me", get_application, read)
    api.add("GET", "/gateway", get_gateway, RouteSpec("default", auth=False))
    api.add("GET", "/gateway/bot", get_gateway_bot, read)
    api.add("GET", "/guilds/{guild_id}", get_guild, read)
    api.add("GET", "/guilds/{guild_id}/channels", get_guild_channels, read)
    api.add("GET", "/guilds/{guild_id}/threads/active", get_active_threads, read)
    api.add("GET", "/guilds/{guild_id}/roles", get_guild_roles, read)
    api.add("GET", "/guilds/{guild_id}/members", list_members, read)
    api.add("GET", "/guilds/{guild_id}/members/{user_id}", get_member, read)
