"""Read-only methods: auth, conversations, users, team, bots; plus apps.connections.open."""

from __future__ import annotations

from typing import Any

from ..emulator import Emulator
from ..errors import SlackError
from ..payloads import api_message
from ..request import ApiRequest, decode_cursor, encode_cursor
from ..state import Channel, Message, User, parse_ts

__all__ = ["READ_METHODS", "channel_view", "user_view"]

JSON = dict[str, Any]


def auth_test(emu: Emulator, req: ApiRequest) -> JSON:
    ws = emu.ws
    return {
        "url": ws.team.url,
        "team": ws.team.name,
        "user": ws.bot.name,
        "team_id": ws.team.id,
        "user_id": ws.bot.user_id,
        "bot_id": ws.bot.bot_id,
        "is_enterprise_install": False,
    }


def connections_open(emu: Emulator, req: ApiRequest) -> JSON:
    ticket = emu.socket.issue_ticket()
    ws_base = emu.base_url.replace("http://", "ws://", 1).replace("https://", "wss://", 1)
    return {"url": f"{ws_base}/link/?ticket={ticket}&app_id={emu.ws.bot.app_id}"}


def channel_view(channel: Channel, emu: Emulator) -> JSON:
    return {
        "id": channel.id,
        "name": channel.name,
        "name_normalized": channel.name,
        "is_channel": True,
        "is_group": False,
        "is_im": False,
        "is_mpim": False,
        "is_private": channel.is_private,
        "is_archived": channel.is_archived,
        "is_general": channel.name == "general",
        "is_shared": False,
        "is_ext_shared": False,
        "is_org_shared": False,
        "is_member": emu.ws.bot_is_member(channel),
        "created": channel.created,
        "creator": emu.ws.bot.user_id,
        "context_team_id": emu.ws.team.id,
        "topic": {"value": channel.topic, "creator": "", "last_set": 0},
        "purpose": {"value": channel.purpose, "creator": "", "last_set": 0},
        "num_members": len(channel.members),
    }


def user_view(user: User, emu: Emulator) -> JSON:
    profile: JSON = {
        "real_name": user.real_name,
        "real_name_normalized": user.real_name,
        "display_name": user.display_name,
        "display_name_normalized": user.display_name,
        "image_24": user.image_72,
        "image_32": user.image_72,
        "image_48": user.image_72,
        "image_72": user.image_72,
        "team": emu.ws.team.id,
    }
    if user.is_bot:
        profile.update({"bot_id": emu.ws.bot.bot_id, "api_app_id": emu.ws.bot.app_id})
    return {
        "id": user.id,
        "team_id": emu.ws.team.id,
        "name": user.name,
        "deleted": False,
        "real_name": user.real_name,
        "tz": user.tz,
        "is_bot": user.is_bot,
        "is_app_user": False,
        "is_admin": user.is_admin,
        "is_owner": user.is_owner,
        "is_primary_owner": user.is_primary_owner,
        "is_restricted": False,
        "is_ultra_restricted": False,
        "updated": 1_700_000_000,
        "profile": profile,
    }


def _page(items: list[Any], req: ApiRequest, default_limit: int) -> tuple[list[Any], JSON]:
    start = decode_cursor(req.text("cursor"))
    limit = req.number("limit", default_limit)
    page = items[start : start + limit]
    more = start + limit < len(items)
    return page, {"has_more": more, "next_cursor": encode_cursor(start + limit) if more else ""}


def _bound(req: ApiRequest, name: str) -> int | None:
    value = req.text(name)
    if value is None:
        return None
    try:
        return parse_ts(value)
    except ValueError:
        raise SlackError(f"invalid_ts_{name}") from None


def _in_window(req: ApiRequest, message: Message) -> bool:
    """Whether ``message`` lies between ``oldest`` and ``latest`` (ends per ``inclusive``)."""
    inclusive = req.flag("inclusive")
    at = parse_ts(message.ts)
    low, high = _bound(req, "oldest"), _bound(req, "latest")
    if low is not None and (at < low or (at == low and not inclusive)):
        return False
    return not (high is not None and (at > high or (at == high and not inclusive)))


def _readable(emu: Emulator, req: ApiRequest) -> Channel:
    """A channel whose messages the bot may read: only one it is a member of
    (docs.slack.dev/reference/methods/conversations.history, error ``not_in_channel``)."""
    channel = emu.channel(req.text("channel"))
    if not emu.ws.bot_is_member(channel):
        raise SlackError("channel_not_found" if channel.is_private else "not_in_channel")
    return channel


def replies(emu: Emulator, req: ApiRequest) -> JSON:
    channel = _readable(emu, req)
    ts = req.text("ts")
    if ts is None:
        raise SlackError("invalid_arguments", detail="missing required argument: ts")
    root = emu.thread_root(channel, ts)
    parent = channel.messages[root]
    thread = [r for r in emu.ws.replies(channel, root) if not r.deleted]
    if parent.deleted and not thread:
        raise SlackError("thread_not_found")
    items = [parent, *(r for r in thread if _in_window(req, r))]
    page, meta = _page(items, req, 1000)
    metadata = req.flag("include_all_metadata")
    messages = [api_message(m, emu.ws, include_metadata=metadata) for m in page]
    return {
        "messages": messages,
        "has_more": meta["has_more"],
        "response_metadata": {"next_cursor": meta["next_cursor"]},
    }


def history(emu: Emulator, req: ApiRequest) -> JSON:
    channel = _readable(emu, req)
    visible = [
        m
        for m in emu.ws.top_level(channel)
        if (not m.deleted or _has_live_replies(emu, channel, m)) and _in_window(req, m)
    ]
    visible.reverse()
    page, meta = _page(visible, req, 100)
    metadata = req.flag("include_all_metadata")
    return {
        "messages": [api_message(m, emu.ws, include_metadata=metadata) for m in page],
        "has_more": meta["has_more"],
        "pin_count": 0,
        "channel_actions_ts": None,
        "channel_actions_count": 0,
        "response_metadata": {"next_cursor": meta["next_cursor"]},
    }


def _has_live_replies(emu: Emulator, channel: Channel, message: Message) -> bool:
    return not message.is_reply and any(not r.deleted for r in emu.ws.replies(channel, message.ts))


def _visible(emu: Emulator, channel: Channel) -> bool:
    """Private channels exist for the bot only once it is in them."""
    return not channel.is_private or emu.ws.bot_is_member(channel)


def conversations_info(emu: Emulator, req: ApiRequest) -> JSON:
    channel = emu.channel(req.text("channel"))
    if not _visible(emu, channel):
        raise SlackError("channel_not_found")
    return {"channel": channel_view(channel, emu)}


def conversations_members(emu: Emulator, req: ApiRequest) -> JSON:
    channel = emu.channel(req.text("channel"))
    if not _visible(emu, channel):
        raise SlackError("channel_not_found")
    page, meta = _page(sorted(channel.members), req, 100)
    return {"members": page, "response_metadata": {"next_cursor": meta["next_cursor"]}}


def conversations_list(emu: Emulator, req: ApiRequest) -> JSON:
    types = (req.text("types") or "public_channel").split(",")
    channels = [
        c
        for c in emu.ws.channels.values()
        if ("private_channel" if c.is_private else "public_channel") in types
        and _visible(emu, c)
        and not (c.is_archived and req.flag("exclude_archived"))
    ]
    page, meta = _page(channels, req, 100)
    return {
        "channels": [channel_view(c, emu) for c in page],
        "response_metadata": {"next_cursor": meta["next_cursor"]},
    }


def users_info(emu: Emulator, req: ApiRequest) -> JSON:
    user_id = req.text("user")
    user = emu.ws.users.get(user_id or "")
    if user is None:
        raise SlackError("user_not_found")
    return {"user": user_view(user, emu)}


def users_list(emu: Emulator, req: ApiRequest) -> JSON:
    page, meta = _page(list(emu.ws.users.values()), req, 200)
    return {
        "members": [user_view(u, emu) for u in page],
        "cache_ts": 1_700_000_000,
        "response_metadata": {"next_cursor": meta["next_cursor"]},
    }


def usergroups_list(emu: Emulator, req: ApiRequest) -> JSON:
    groups = []
    for group in emu.ws.usergroups.values():
        view: JSON = {
            "id": group.id,
            "team_id": emu.ws.team.id,
            "is_usergroup": True,
            "name": group.name,
            "description": "",
            "handle": group.handle,
            "is_external": False,
            "date_create": 1_700_000_000,
            "date_update": 1_700_000_000,
            "date_delete": 0,
            "auto_type": None,
            "created_by": emu.ws.bot.user_id,
            "updated_by": emu.ws.bot.user_id,
            "deleted_by": None,
            "prefs": {"channels": [], "groups": []},
            "user_count": len(group.users),
        }
        if req.flag("include_users"):
            view["users"] = list(group.users)
        groups.append(view)
    return {"usergroups": groups}


def usergroups_users_list(emu: Emulator, req: ApiRequest) -> JSON:
    """The members of one user group (docs.slack.dev/reference/methods/usergroups.users.list:
    ``usergroup`` required, ``no_such_subteam`` when unknown)."""
    group = emu.ws.usergroups.get(req.require("usergroup"))
    if group is None:
        raise SlackError("no_such_subteam")
    return {"users": list(group.users)}


def team_info(emu: Emulator, req: ApiRequest) -> JSON:
    team = emu.ws.team
    return {
        "team": {
            "id": team.id,
            "name": team.name,
            "domain": team.domain,
            "email_domain": "",
            "url": team.url,
            "icon": {"image_default": True},
        }
    }


def bots_info(emu: Emulator, req: ApiRequest) -> JSON:
    bot = emu.ws.bot
    if req.text("bot") != bot.bot_id:
        raise SlackError("bot_not_found")
    return {
        "bot": {
            "id": bot.bot_id,
            "deleted": False,
            "name": bot.name,
            "updated": 1_700_000_000,
            "app_id": bot.app_id,
            "user_id": bot.user_id,
            "icons": {"image_36": bot.image_72, "image_48": bot.image_72, "image_72": bot.image_72},
        }
    }


READ_METHODS = {
    "auth.test": auth_test,
    "apps.connections.open": connections_open,
    "conversations.replies": replies,
    "conversations.history": history,
    "conversations.info": conversations_info,
    "conversations.members": conversations_members,
    "conversations.list": conversations_list,
    "users.info": users_info,
    "users.list": users_list,
    "team.info": team_info,
    "bots.info": bots_info,
    "usergroups.list": usergroups_list,
    "usergroups.users.list": usergroups_users_list,
}
