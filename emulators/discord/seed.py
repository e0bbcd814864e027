"""The default world every emulator starts from; ids depend only on the seed."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from .snowflake import seeded_ids
from .state import Channel, ChannelType, EmulatorState, Guild, Member, Role, User

__all__ = ["EVERYONE_PERMISSIONS", "seed_state"]

# Permission bits used by the seed (discord-api-docs: topics/permissions).
ADD_REACTIONS = 1 << 6
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
EMBED_LINKS = 1 << 14
READ_MESSAGE_HISTORY = 1 << 16
MENTION_EVERYONE = 1 << 17
USE_APPLICATION_COMMANDS = 1 << 31
SEND_MESSAGES_IN_THREADS = 1 << 38
CREATE_PUBLIC_THREADS = 1 << 35
MANAGE_MESSAGES = 1 << 13
MANAGE_THREADS = 1 << 34
MANAGE_WEBHOOKS = 1 << 29
EVERYONE_PERMISSIONS = (
    ADD_REACTIONS
    | VIEW_CHANNEL
    | SEND_MESSAGES
    | EMBED_LINKS
    | READ_MESSAGE_HISTORY
    | MENTION_EVERYONE
    | USE_APPLICATION_COMMANDS
    | SEND_MESSAGES_IN_THREADS
    | CREATE_PUBLIC_THREADS
)


def _avatar_hash(user_id: int) -> str:
    return hashlib.md5(str(user_id).encode(), usedforsecurity=False).hexdigest()


_READERS = (
    ("maria.lopez", "María López"),
    ("dev_okafor", "Dev Okafor"),
    ("hannah.k", "Hannah Kim"),
    ("oldtownfrank", "Frank Bauer"),
)


def seed_state(seed: int = 0, extra_channels: Sequence[str] = ()) -> EmulatorState:
    """The default world: a bot + application, one guild with #news and #general, readers.

    ``extra_channels`` names more text channels, created after #general (same ids as
    without them for everything else).
    """
    ids = seeded_ids(seed)
    bot = User(ids.next(), "Briefbot", None, None, bot=True)
    bot.avatar = _avatar_hash(bot.id)
    application_id = bot.id  # Discord makes the bot user id equal to the application id
    owner = User(ids.next(), "editor.riverside", "Riverside Editor", None)
    owner.avatar = _avatar_hash(owner.id)
    users = {bot.id: bot, owner.id: owner}
    for username, display in _READERS:
        uid = ids.next()
        users[uid] = User(uid, username, display, _avatar_hash(uid))
    guild_id = ids.next()
    joined = "2024-01-01T00:00:00+00:00"
    everyone = Role(guild_id, "@everyone", EVERYONE_PERMISSIONS, 0)
    moderators = Role(ids.next(), "Moderators", EVERYONE_PERMISSIONS | MANAGE_MESSAGES, 1)
    moderators.mentionable = True
    bot_role = Role(
        ids.next(),
        "Briefbot",
        EVERYONE_PERMISSIONS | MANAGE_THREADS | MANAGE_WEBHOOKS | MANAGE_MESSAGES,
        2,
    )
    members = {uid: Member(uid, [], joined) for uid in users}
    members[bot.id].roles = [bot_role.id]
    members[owner.id].roles = [moderators.id]
    guild = Guild(
        guild_id,
        "Riverside Gazette Community",
        owner.id,
        {r.id: r for r in (everyone, moderators, bot_role)},
        members,
        joined,
    )
    news = Channel(
        ids.next(), ChannelType.GUILD_TEXT, "news", guild_id, 0, "Briefs of today's stories"
    )
    general = Channel(ids.next(), ChannelType.GUILD_TEXT, "general", guild_id, 1, "Chat")
    channels = {news.id: news, general.id: general}
    for position, name in enumerate(extra_channels, start=2):
        extra = Channel(ids.next(), ChannelType.GUILD_TEXT, name, guild_id, position, None)
        channels[extra.id] = extra
    return EmulatorState(
        seed=seed,
        bot_user_id=bot.id,
        application_id=application_id,
        application_name="Briefbot",
        owner_id=owner.id,
        users=users,
        guilds={guild.id: guild},
        channels=channels,
    )
