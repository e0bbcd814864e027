"""discord.py objects as the adapter's plain types (the live side of ``translate``).

Live messages reach the bot as discord.py ``Message`` objects; :func:`incoming_from_message`
reads the same facts :func:`adapters.discord.parse.incoming_from_payload` reads from
raw JSON. Names behind role and channel mentions come from the guild cache.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

import discord

from adapters.discord.platform import DISCORD
from adapters.discord.translate import IncomingMessage
from bot.domain.model import Author
from bot.formatting import MentionNames

__all__ = [
    "GuildLookup",
    "channel_names",
    "incoming_from_message",
    "role_names",
    "user_names",
]


class GuildLookup(Mapping[str, str]):
    """A read-only mapping id → name: ``known`` names first, then the guild cache."""

    def __init__(
        self, find: Callable[[int], str | None], known: Mapping[str, str] | None = None
    ) -> None:
        self._find = find
        self._known = known or {}

    def __getitem__(self, key: str) -> str:
        if key in self._known:
            return self._known[key]
        name = self._find(int(key)) if key.isdigit() else None
        if name is None:
            raise KeyError(key)
        return name

    def __iter__(self) -> Iterator[str]:
        return iter(self._known)  # the cache itself is only looked up, never listed

    def __len__(self) -> int:
        return len(self._known)


def role_names(guild: discord.Guild) -> Mapping[str, str]:
    def find(role_id: int) -> str | None:
        role = guild.get_role(role_id)
        return role.name if role is not None else None

    return GuildLookup(find)


def channel_names(guild: discord.Guild) -> Mapping[str, str]:
    def find(channel_id: int) -> str | None:
        channel = guild.get_channel_or_thread(channel_id)
        return channel.name if channel is not None else None

    return GuildLookup(find)


def user_names(guild: discord.Guild, mentioned: list[discord.abc.User]) -> Mapping[str, str]:
    def find(user_id: int) -> str | None:
        member = guild.get_member(user_id)
        return member.display_name if member is not None else None

    return GuildLookup(find, {str(user.id): user.display_name for user in mentioned})


def incoming_from_message(message: discord.Message) -> IncomingMessage | None:
    """The facts of a live message; ``None`` outside a server."""
    guild = message.guild
    if guild is None:
        return None
    author = message.author
    reference = message.reference
    reply_to = (
        str(reference.message_id)
        if reference is not None
        and reference.message_id is not None
        and reference.type is discord.MessageReferenceType.default
        else None
    )
    return IncomingMessage(
        guild_id=str(guild.id),
        channel_id=str(message.channel.id),
        message_id=str(message.id),
        author=Author(DISCORD, str(author.id), author.display_name, author.display_avatar.url),
        author_is_bot=author.bot,
        webhook_id=str(message.webhook_id) if message.webhook_id is not None else None,
        type=message.type.value,
        content=message.content,
        names=MentionNames(
            users=user_names(guild, list(message.mentions)),
            roles=role_names(guild),
            channels=channel_names(guild),
        ),
        created_at=message.created_at,
        edited_at=message.edited_at,
        reply_to=reply_to,
        attachments=tuple((a.filename, a.url) for a in message.attachments),
    )
