"""The parts of Discord's raw JSON that the adapter reads, as TypedDicts.

Shapes follow the Discord API docs (Message object, MESSAGE_CREATE/UPDATE/DELETE gateway
events); only the fields briefbot uses are declared. ``guild_id`` and ``member`` come with
gateway events, not with REST history, so they are optional.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict

__all__ = [
    "AttachmentPayload",
    "MemberPayload",
    "MentionedUserPayload",
    "MessageDeletePayload",
    "MessagePayload",
    "MessageReferencePayload",
    "MessageUpdatePayload",
    "UserPayload",
]


class UserPayload(TypedDict):
    id: str
    username: str
    avatar: str | None
    discriminator: NotRequired[str]
    global_name: NotRequired[str | None]
    bot: NotRequired[bool]


class MemberPayload(TypedDict, total=False):
    nick: str | None
    avatar: str | None
    roles: list[str]


class MentionedUserPayload(UserPayload):
    member: NotRequired[MemberPayload]


class MessageReferencePayload(TypedDict, total=False):
    type: int
    message_id: str
    channel_id: str
    guild_id: str


class AttachmentPayload(TypedDict):
    id: str
    filename: str
    url: str


class MessagePayload(TypedDict):
    """A message as REST returns it and MESSAGE_CREATE sends it."""

    id: str
    channel_id: str
    author: UserPayload
    content: str
    timestamp: str
    edited_timestamp: str | None
    type: int
    mentions: list[MentionedUserPayload]
    mention_roles: list[str]
    guild_id: NotRequired[str]
    member: NotRequired[MemberPayload]
    attachments: NotRequired[list[AttachmentPayload]]
    webhook_id: NotRequired[str]
    application_id: NotRequired[str]
    message_reference: NotRequired[MessageReferencePayload]
    flags: NotRequired[int]


class MessageUpdatePayload(TypedDict):
    """MESSAGE_UPDATE: Discord now sends the whole message, but older shapes were partial."""

    id: str
    channel_id: str
    guild_id: NotRequired[str]
    author: NotRequired[UserPayload]
    member: NotRequired[MemberPayload]
    content: NotRequired[str]
    edited_timestamp: NotRequired[str | None]
    type: NotRequired[int]
    mentions: NotRequired[list[MentionedUserPayload]]
    mention_roles: NotRequired[list[str]]
    attachments: NotRequired[list[AttachmentPayload]]
    webhook_id: NotRequired[str]


class MessageDeletePayload(TypedDict):
    id: str
    channel_id: str
    guild_id: NotRequired[str]
