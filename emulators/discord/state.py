"""The in-memory model of the emulated Discord: users, one guild, channels, messages.

Plain dataclasses; turning them into Discord JSON lives in ``payloads.py`` and the rules
(validation, pings, dispatch) in ``actions.py``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .snowflake import SnowflakeFactory

__all__ = [
    "Channel",
    "ChannelType",
    "Command",
    "EmulatorState",
    "Guild",
    "Interaction",
    "Member",
    "Message",
    "Pings",
    "Role",
    "User",
    "Webhook",
    "iso_now",
]

JSON = dict[str, Any]


def iso_now() -> str:
    return datetime.now(UTC).isoformat()


class ChannelType:
    GUILD_TEXT = 0
    DM = 1
    PUBLIC_THREAD = 11
    PRIVATE_THREAD = 12
    THREADS = (10, 11, 12)


@dataclass
class User:
    id: int
    username: str
    global_name: str | None
    avatar: str | None
    bot: bool = False
    # Emulator switch: False when the person turned off "Allow direct messages from server
    # members" (the bot then gets 403 50007 "Cannot send messages to this user").
    dms_open: bool = True

    @property
    def display_name(self) -> str:
        return self.global_name or self.username

    @property
    def avatar_url(self) -> str | None:
        if self.avatar is None:
            return None
        return f"https://cdn.discordapp.com/avatars/{self.id}/{self.avatar}.png"


@dataclass
class Role:
    id: int
    name: str
    permissions: int
    position: int
    mentionable: bool = False
    color: int = 0
    hoist: bool = False


@dataclass
class Member:
    user_id: int
    roles: list[int]
    joined_at: str
    nick: str | None = None


@dataclass
class Guild:
    id: int
    name: str
    owner_id: int
    roles: dict[int, Role]
    members: dict[int, Member]
    joined_at: str


@dataclass
class Channel:
    id: int
    type: int
    name: str
    guild_id: int
    position: int = 0
    topic: str | None = None
    parent_id: int | None = None
    owner_id: int | None = None
    rate_limit_per_user: int = 0
    # Thread-only state
    archived: bool = False
    locked: bool = False
    auto_archive_duration: int = 1440
    archive_timestamp: str | None = None
    created_at: str = field(default_factory=iso_now)
    message_count: int = 0
    total_message_sent: int = 0
    member_ids: set[int] = field(default_factory=set)
    last_message_id: int | None = None
    # time.monotonic() of the last message or unarchive: auto-archiving counts from here.
    last_activity: float = field(default_factory=time.monotonic)
    # Emulator switch: when False, the bot gets 50013 Missing Permissions on send.
    bot_can_send: bool = True
    # A DM channel's other person (type DM only; guild_id is then 0).
    recipient_id: int | None = None

    @property
    def is_thread(self) -> bool:
        return self.type in ChannelType.THREADS


@dataclass
class Pings:
    """Who a message really notifies, after ``allowed_mentions`` is applied."""

    users: list[int] = field(default_factory=list)
    roles: list[int] = field(default_factory=list)
    everyone: bool = False
    here: bool = False

    def to_dict(self) -> JSON:
        return {
            "users": [str(u) for u in self.users],
            "roles": [str(r) for r in self.roles],
            "everyone": self.everyone,
            "here": self.here,
        }


@dataclass
class Message:
    id: int
    channel_id: int
    guild_id: int
    author_id: int
    content: str
    type: int = 0
    embeds: list[JSON] = field(default_factory=list)
    attachments: list[JSON] = field(default_factory=list)
    components: list[JSON] = field(default_factory=list)
    timestamp: str = field(default_factory=iso_now)
    edited_timestamp: str | None = None
    deleted: bool = False
    webhook_id: int | None = None
    username: str | None = None
    avatar_url: str | None = None
    flags: int = 0
    tts: bool = False
    nonce: str | int | None = None
    reference: JSON | None = None
    pings: Pings = field(default_factory=Pings)
    thread_id: int | None = None
    application_id: int | None = None
    interaction_id: int | None = None
    pinned: bool = False
    # emoji key ("🚩" or "name:id") -> ids of the users who reacted, in order
    reactions: dict[str, list[int]] = field(default_factory=dict)

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & 64)


@dataclass
class Webhook:
    id: int
    token: str
    name: str
    channel_id: int
    guild_id: int
    creator_id: int
    avatar: str | None = None
    application_id: int | None = None


@dataclass
class Command:
    id: int
    application_id: int
    guild_id: int | None
    name: str
    description: str
    type: int = 1
    options: list[JSON] = field(default_factory=list)
    default_member_permissions: str | None = None
    dm_permission: bool = True
    nsfw: bool = False
    version: int = 0
    contexts: list[int] | None = None
    integration_types: list[int] | None = None
    name_localizations: JSON | None = None
    description_localizations: JSON | None = None
    # Server Settings → Integrations overrides: role, user or channel id -> allowed
    # (https://discord.com/developers/docs/interactions/application-commands
    # #application-command-permissions-object).
    permission_overrides: dict[int, bool] = field(default_factory=dict)


@dataclass
class Interaction:
    id: int
    token: str
    command: Command | None  # None for a component (button) interaction
    guild_id: int
    channel_id: int
    user_id: int
    options: JSON
    created: float = field(default_factory=time.monotonic)
    created_at: str = field(default_factory=iso_now)
    acknowledged: bool = False
    deferred: bool = False
    ephemeral: bool = False
    response_type: int | None = None
    original_message_id: int | None = None
    original_loading: bool = False
    followup_ids: list[int] = field(default_factory=list)
    log: list[JSON] = field(default_factory=list)
    type: int = 2  # 2 APPLICATION_COMMAND, 3 MESSAGE_COMPONENT
    target_id: int | None = None  # context-menu target (user or message)
    message_id: int | None = None  # the message whose component was used
    custom_id: str | None = None

    def elapsed_ms(self) -> float:
        return round((time.monotonic() - self.created) * 1000, 1)


@dataclass
class EmulatorState:
    """All objects of one emulator; ids of the seed are a pure function of ``seed``."""

    seed: int
    bot_user_id: int
    application_id: int
    application_name: str
    owner_id: int
    users: dict[int, User]
    guilds: dict[int, Guild]
    channels: dict[int, Channel]
    messages: dict[int, Message] = field(default_factory=dict)
    channel_messages: dict[int, list[int]] = field(default_factory=dict)
    webhooks: dict[int, Webhook] = field(default_factory=dict)
    commands: dict[int, Command] = field(default_factory=dict)
    interactions: dict[int, Interaction] = field(default_factory=dict)
    ids: SnowflakeFactory = field(default_factory=SnowflakeFactory)

    @property
    def guild(self) -> Guild:
        """The seeded guild (the emulator has exactly one)."""
        return next(iter(self.guilds.values()))

    @property
    def bot(self) -> User:
        return self.users[self.bot_user_id]

    def channel_by_name(self, name: str) -> Channel | None:
        return next((c for c in self.channels.values() if c.name == name), None)

    def messages_in(self, channel_id: int) -> list[Message]:
        return [self.messages[m] for m in self.channel_messages.get(channel_id, [])]

    def add_message(self, message: Message) -> None:
        self.messages[message.id] = message
        self.channel_messages.setdefault(message.channel_id, []).append(message.id)
