"""JSON shapes Slack sends: messages as the Web API returns them, message events,
Events API wrappers, and the control API's inspection view."""

from __future__ import annotations

import time
from typing import Any, Literal, NotRequired, TypedDict

from .mrkdwn import find_pings
from .state import Message, Workspace

__all__ = [
    "Authorization",
    "EventCallback",
    "MessageView",
    "SocketEnvelope",
    "api_message",
    "changed_event",
    "deleted_event",
    "event_callback",
    "inspect_message",
    "mention_event",
    "message_event",
]

JSON = dict[str, Any]


class Authorization(TypedDict):
    enterprise_id: str | None
    team_id: str
    user_id: str
    is_bot: bool
    is_enterprise_install: bool


class EventCallback(TypedDict):
    token: str
    team_id: str
    api_app_id: str
    event: JSON
    type: Literal["event_callback"]
    event_id: str
    event_time: int
    authorizations: list[Authorization]
    is_ext_shared_channel: bool
    event_context: str


class SocketEnvelope(TypedDict):
    envelope_id: str
    type: Literal["events_api", "slash_commands", "interactive"]
    payload: JSON
    accepts_response_payload: bool
    retry_attempt: NotRequired[int]
    retry_reason: NotRequired[str]


def _bot_profile(ws: Workspace) -> JSON:
    bot = ws.bot
    return {
        "id": bot.bot_id,
        "deleted": False,
        "name": bot.name,
        "updated": 1_700_000_000,
        "app_id": bot.app_id,
        "icons": {"image_36": bot.image_72, "image_48": bot.image_72, "image_72": bot.image_72},
        "team_id": ws.team.id,
    }


def _subtype(m: Message) -> str | None:
    if m.deleted:
        return "tombstone"
    if m.reply_broadcast:
        return "thread_broadcast"
    if m.bot_id and (m.username or m.icons):
        return "bot_message"
    return None


def api_message(m: Message, ws: Workspace, *, include_metadata: bool = True) -> JSON:
    """A stored message the way conversations.history/replies and chat.* return it."""
    out: JSON = {"type": "message"}
    subtype = _subtype(m)
    if subtype:
        out["subtype"] = subtype
    if m.deleted:
        out.update({"text": "This message was deleted.", "ts": m.ts, "hidden": True})
        out["user"] = "USLACKBOT"
    else:
        out["text"] = m.text
        if m.user:
            out["user"] = m.user
        out["ts"] = m.ts
        if m.bot_id:
            out.update({"bot_id": m.bot_id, "app_id": m.app_id, "bot_profile": _bot_profile(ws)})
        if m.username:
            out["username"] = m.username
        if m.icons:
            out["icons"] = dict(m.icons)
        if m.blocks is not None:
            out["blocks"] = m.blocks
        if m.client_msg_id:
            out["client_msg_id"] = m.client_msg_id
        if m.edited:
            out["edited"] = dict(m.edited)
        if m.metadata and include_metadata:
            out["metadata"] = m.metadata
        if any(m.reactions.values()):
            out["reactions"] = _reactions(m)
    out["team"] = m.team or ws.team.id
    if m.thread_ts:
        out["thread_ts"] = m.thread_ts
    if m.is_reply:
        out["parent_user_id"] = _parent_user(m, ws)
    else:
        _add_thread_summary(out, m, ws)
    return out


def _parent_user(m: Message, ws: Workspace) -> str:
    assert m.thread_ts is not None
    parent = ws.channels[m.channel].messages.get(m.thread_ts)
    if parent is None:
        return ""
    return parent.user or ws.bot.user_id


def _add_thread_summary(out: JSON, m: Message, ws: Workspace) -> None:
    replies = [r for r in ws.replies(ws.channels[m.channel], m.ts) if not r.deleted]
    if not replies:
        return
    users: list[str] = []
    for reply in replies:
        who = reply.user or ws.bot.user_id
        if who not in users:
            users.append(who)
    out.update(
        {
            "thread_ts": m.ts,
            "reply_count": len(replies),
            "reply_users_count": len(users),
            "latest_reply": replies[-1].ts,
            "reply_users": users,
            "is_locked": False,
            "subscribed": False,
        }
    )


def message_event(m: Message, ws: Workspace) -> JSON:
    """The ``message`` event for a newly posted message."""
    event = api_message(m, ws)
    for key in ("reply_count", "reply_users_count", "latest_reply", "reply_users", "is_locked"):
        event.pop(key, None)
    event.pop("subscribed", None)
    channel_type = "group" if ws.channels[m.channel].is_private else "channel"
    event.update({"channel": m.channel, "event_ts": m.ts, "channel_type": channel_type})
    if m.reply_broadcast and m.thread_ts:
        parent = ws.channels[m.channel].messages.get(m.thread_ts)
        if parent is not None:
            event["root"] = api_message(parent, ws)
    return event


def mention_event(message: JSON) -> JSON:
    """The ``app_mention`` event sent alongside a user message that mentions the bot."""
    keys = ("user", "text", "ts", "channel", "event_ts", "team", "client_msg_id", "blocks")
    event: JSON = {"type": "app_mention", **{k: message[k] for k in keys if k in message}}
    if "thread_ts" in message:
        event["thread_ts"] = message["thread_ts"]
    return event


def changed_event(
    channel: str, new: JSON, previous: JSON, event_ts: str, channel_type: str = "channel"
) -> JSON:
    return {
        "type": "message",
        "subtype": "message_changed",
        "message": new,
        "previous_message": previous,
        "channel": channel,
        "hidden": True,
        "ts": event_ts,
        "event_ts": event_ts,
        "channel_type": channel_type,
    }


def deleted_event(
    channel: str, deleted_ts: str, previous: JSON, event_ts: str, channel_type: str = "channel"
) -> JSON:
    return {
        "type": "message",
        "subtype": "message_deleted",
        "previous_message": previous,
        "channel": channel,
        "hidden": True,
        "deleted_ts": deleted_ts,
        "ts": event_ts,
        "event_ts": event_ts,
        "channel_type": channel_type,
    }


def event_callback(
    ws: Workspace, event: JSON, event_id: str, verification_token: str
) -> EventCallback:
    """The Events API wrapper around one event."""
    return {
        "token": verification_token,
        "team_id": ws.team.id,
        "api_app_id": ws.bot.app_id,
        "event": event,
        "type": "event_callback",
        "event_id": event_id,
        "event_time": int(time.time()),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": ws.team.id,
                "user_id": ws.bot.user_id,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": f"4-emulator-{event_id}",
    }


class MessageView(TypedDict):
    """One message in the control API (``GET /_control/channels/{id}/messages``)."""

    ts: str
    channel: str
    thread_ts: str | None
    user: str | None
    bot_id: str | None
    username: str | None
    icons: dict[str, str] | None
    text: str
    blocks: list[JSON] | None
    metadata: JSON | None
    reply_broadcast: bool
    edited: dict[str, str] | None
    deleted: bool
    pings: list[str]
    reply_count: int
    reactions: list[JSON]
    replies: NotRequired[list[MessageView]]


def inspect_message(m: Message, ws: Workspace) -> MessageView:
    """The control API's view: who, what, and whether it would notify anyone."""
    reply_count = 0
    if not m.is_reply:
        replies = ws.replies(ws.channels[m.channel], m.ts)
        reply_count = sum(1 for r in replies if not r.deleted)
    return {
        "ts": m.ts,
        "channel": m.channel,
        "thread_ts": m.thread_ts,
        "user": m.user,
        "bot_id": m.bot_id,
        "username": m.username,
        "icons": m.icons,
        "text": m.text,
        "blocks": m.blocks,
        "metadata": m.metadata,
        "reply_broadcast": m.reply_broadcast,
        "edited": m.edited,
        "deleted": m.deleted,
        "pings": [] if m.deleted else find_pings(m.text, m.blocks),
        "reply_count": reply_count,
        "reactions": _reactions(m),
    }


def _reactions(m: Message) -> list[JSON]:
    """``reactions`` as Slack lists them on a message: name, users, count."""
    return [
        {"name": name, "users": list(users), "count": len(users)}
        for name, users in m.reactions.items()
        if users
    ]
