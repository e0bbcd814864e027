"""The Slack payloads briefbot reads, as ``TypedDict``s (only the fields it uses).

Shapes follow Slack's Events API and slash-command documentation and the fixtures in
slack-bolt's own tests; every field Slack may leave out is ``NotRequired``.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict

__all__ = [
    "MessageEvent",
    "MessageMetadata",
    "MessageShortcut",
    "ReactionEvent",
    "ReactionItem",
    "SlackId",
    "SlackMessage",
    "SlackUser",
    "SlackUserProfile",
    "SlashCommand",
]


class MessageMetadata(TypedDict):
    event_type: str
    event_payload: dict[str, Any]


class SlackMessage(TypedDict):
    """A message as events carry it and ``conversations.replies`` returns it."""

    type: str
    ts: str
    text: NotRequired[str]
    subtype: NotRequired[str]
    user: NotRequired[str]
    bot_id: NotRequired[str]
    username: NotRequired[str]
    thread_ts: NotRequired[str]
    parent_user_id: NotRequired[str]
    edited: NotRequired[dict[str, str]]
    metadata: NotRequired[MessageMetadata]
    team: NotRequired[str]
    hidden: NotRequired[bool]


class MessageEvent(SlackMessage):
    """A ``message`` event, including ``message_changed`` and ``message_deleted``."""

    channel: str
    event_ts: NotRequired[str]
    channel_type: NotRequired[str]
    message: NotRequired[SlackMessage]
    previous_message: NotRequired[SlackMessage]
    deleted_ts: NotRequired[str]


class SlackId(TypedDict):
    id: str


class MessageShortcut(TypedDict):
    """A ``message_action`` interaction payload (a message shortcut)."""

    type: str
    callback_id: str
    user: SlackId
    channel: SlackId
    team: NotRequired[SlackId | None]
    message: NotRequired[SlackMessage]
    message_ts: NotRequired[str]


class ReactionItem(TypedDict, total=False):
    type: str
    channel: str
    ts: str


class ReactionEvent(TypedDict):
    """A ``reaction_added`` event."""

    type: str
    user: str
    reaction: str
    item: NotRequired[ReactionItem]


class SlashCommand(TypedDict):
    """A slash command invocation (form fields, as bolt hands them to listeners)."""

    command: str
    text: str
    team_id: str
    channel_id: str
    channel_name: str
    user_id: str
    response_url: str
    trigger_id: NotRequired[str]
    user_name: NotRequired[str]
    enterprise_id: NotRequired[str]


class SlackUserProfile(TypedDict, total=False):
    display_name: str
    real_name: str
    image_72: str


class SlackUser(TypedDict):
    """What ``users.info`` returns under ``user``."""

    id: str
    name: NotRequired[str]
    real_name: NotRequired[str]
    is_bot: NotRequired[bool]
    deleted: NotRequired[bool]
    is_admin: NotRequired[bool]
    is_owner: NotRequired[bool]
    is_primary_owner: NotRequired[bool]
    profile: NotRequired[SlackUserProfile]
