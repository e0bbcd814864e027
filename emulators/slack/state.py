"""In-memory model of one workspace: team, users, the app's bot, channels and messages.

Pure bookkeeping with no I/O; the web API, the control API and event delivery all read
and change it through :class:`Workspace`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Bot",
    "Channel",
    "Ephemeral",
    "Message",
    "Team",
    "User",
    "Usergroup",
    "Workspace",
    "format_ts",
    "parse_ts",
]

JSON = dict[str, Any]


def format_ts(micros: int) -> str:
    """Render microseconds since the epoch the way Slack writes a ``ts``."""
    return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"


def parse_ts(ts: str) -> int:
    """Microseconds since the epoch of a Slack ``ts``; raises ValueError when malformed."""
    seconds, _, fraction = ts.partition(".")
    if not seconds.isdigit() or not (fraction.isdigit() or fraction == ""):
        raise ValueError(ts)
    return int(seconds) * 1_000_000 + int(fraction.ljust(6, "0")[:6] or "0")


@dataclass
class Team:
    id: str
    name: str
    domain: str

    @property
    def url(self) -> str:
        return f"https://{self.domain}.slack.com/"


@dataclass
class User:
    id: str
    name: str
    real_name: str
    display_name: str
    image_72: str
    is_bot: bool = False
    tz: str = "America/New_York"
    # Workspace roles as users.info reports them (docs.slack.dev/reference/objects/user-object:
    # ``is_admin``, ``is_owner``, ``is_primary_owner``); owners are admins too.
    is_admin: bool = False
    is_owner: bool = False
    is_primary_owner: bool = False


@dataclass
class Bot:
    """The emulated app: its bot user, bot id and app id."""

    bot_id: str
    app_id: str
    user_id: str
    name: str
    image_72: str


@dataclass
class Usergroup:
    """A user group, mentioned as ``<!subteam^ID>``."""

    id: str
    handle: str
    name: str
    users: list[str] = field(default_factory=list)


@dataclass
class Channel:
    id: str
    name: str
    created: int
    topic: str = ""
    purpose: str = ""
    is_private: bool = False
    last_micros: int = 0
    is_archived: bool = False
    # User ids (people and the bot user) in the channel; the bot only sees and posts
    # where it was invited.
    members: set[str] = field(default_factory=set)
    messages: dict[str, Message] = field(default_factory=dict)
    # parent ts -> reply ts values, oldest first
    threads: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Message:
    """A message as stored; thread replies have ``thread_ts`` different from ``ts``."""

    channel: str
    ts: str
    text: str
    user: str | None = None
    bot_id: str | None = None
    app_id: str | None = None
    username: str | None = None
    icons: dict[str, str] | None = None
    blocks: list[JSON] | None = None
    thread_ts: str | None = None
    reply_broadcast: bool = False
    metadata: JSON | None = None
    client_msg_id: str | None = None
    edited: dict[str, str] | None = None
    deleted: bool = False
    team: str | None = None
    # emoji name -> user ids who reacted, in order
    reactions: dict[str, list[str]] = field(default_factory=dict)

    @property
    def is_reply(self) -> bool:
        return self.thread_ts is not None and self.thread_ts != self.ts


@dataclass
class Ephemeral:
    """A message only one user sees (chat.postEphemeral or a slash command reply)."""

    channel: str
    user: str
    ts: str
    text: str
    blocks: list[JSON] | None = None
    thread_ts: str | None = None
    source: str = "chat.postEphemeral"


class Workspace:
    """Team, users, bot and channels, with ts generation unique and increasing per channel."""

    def __init__(self, team: Team, bot: Bot) -> None:
        self.team = team
        self.bot = bot
        self.users: dict[str, User] = {}
        self.channels: dict[str, Channel] = {}
        self.ephemerals: list[Ephemeral] = []
        self.usergroups: dict[str, Usergroup] = {}

    # --- directory -------------------------------------------------------------------
    def add_user(self, user: User) -> User:
        self.users[user.id] = user
        return user

    def add_channel(self, channel: Channel) -> Channel:
        self.channels[channel.id] = channel
        return channel

    def find_channel(self, ref: str) -> Channel | None:
        """A channel by id, ``name`` or ``#name``."""
        if ref in self.channels:
            return self.channels[ref]
        name = ref.removeprefix("#")
        for channel in self.channels.values():
            if channel.name == name:
                return channel
        return None

    def bot_is_member(self, channel: Channel) -> bool:
        return self.bot.user_id in channel.members

    def find_user(self, ref: str) -> User | None:
        """A user by id or handle (``name``)."""
        if ref in self.users:
            return self.users[ref]
        name = ref.removeprefix("@")
        for user in self.users.values():
            if user.name == name:
                return user
        return None

    # --- messages --------------------------------------------------------------------
    def next_ts(self, channel: Channel) -> str:
        """A fresh ts for ``channel``: wall clock, but always above the previous one."""
        micros = max(time.time_ns() // 1000, channel.last_micros + 1)
        channel.last_micros = micros
        return format_ts(micros)

    def add_message(self, message: Message) -> Message:
        channel = self.channels[message.channel]
        channel.messages[message.ts] = message
        if message.is_reply and message.thread_ts:
            channel.threads.setdefault(message.thread_ts, []).append(message.ts)
        return message

    def get_message(self, channel: Channel, ts: str) -> Message | None:
        return channel.messages.get(ts)

    def replies(self, channel: Channel, thread_ts: str) -> list[Message]:
        """Replies of a thread, oldest first, tombstones included."""
        return [channel.messages[ts] for ts in channel.threads.get(thread_ts, ())]

    def top_level(self, channel: Channel) -> list[Message]:
        """Messages shown in the channel itself (parents and broadcast replies), oldest first."""
        return [m for m in channel.messages.values() if not m.is_reply or m.reply_broadcast]
