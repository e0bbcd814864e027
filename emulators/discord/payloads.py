"""Discord JSON for the model objects (what the REST API returns and the gateway sends)."""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict

from .permissions import effective_permissions
from .state import (
    JSON,
    Channel,
    ChannelType,
    Command,
    EmulatorState,
    Guild,
    Member,
    Message,
    Role,
    User,
    Webhook,
)

__all__ = [
    "MemberPayload",
    "MessagePayload",
    "RolePayload",
    "UserPayload",
    "channel_payload",
    "command_payload",
    "guild_create_payload",
    "member_payload",
    "member_permissions",
    "message_payload",
    "role_payload",
    "user_payload",
    "webhook_payload",
]


class UserPayload(TypedDict):
    id: str
    username: str
    discriminator: str
    global_name: str | None
    avatar: str | None
    bot: NotRequired[bool]
    public_flags: int
    flags: int
    banner: str | None
    accent_color: int | None
    avatar_decoration_data: None
    collectibles: None
    primary_guild: None


class RoleColors(TypedDict):
    primary_color: int
    secondary_color: int | None
    tertiary_color: int | None


class RolePayload(TypedDict):
    id: str
    name: str
    color: int
    colors: RoleColors
    icon: str | None
    unicode_emoji: str | None
    hoist: bool
    position: int
    permissions: str
    managed: bool
    mentionable: bool
    flags: int


class MemberPayload(TypedDict):
    user: NotRequired[UserPayload]
    roles: list[str]
    joined_at: str
    nick: str | None
    avatar: str | None
    banner: str | None
    flags: int
    deaf: bool
    mute: bool
    pending: bool
    premium_since: str | None
    communication_disabled_until: str | None


class MessagePayload(TypedDict):
    """A message object; the NotRequired keys appear only when they apply."""

    id: str
    channel_id: str
    type: int
    author: UserPayload
    content: str
    timestamp: str
    edited_timestamp: str | None
    tts: bool
    mention_everyone: bool
    mentions: list[UserPayload]
    mention_roles: list[str]
    attachments: list[JSON]
    embeds: list[JSON]
    components: list[JSON]
    pinned: bool
    flags: int
    guild_id: NotRequired[str]
    member: NotRequired[MemberPayload]
    nonce: NotRequired[str | int]
    webhook_id: NotRequired[str]
    application_id: NotRequired[str]
    interaction_metadata: NotRequired[JSON]
    message_reference: NotRequired[JSON]
    referenced_message: NotRequired[MessagePayload | None]
    thread: NotRequired[JSON]
    reactions: NotRequired[list[JSON]]


def user_payload(user: User) -> UserPayload:
    data: UserPayload = {
        "id": str(user.id),
        "username": user.username,
        "discriminator": "0",
        "global_name": user.global_name,
        "avatar": user.avatar,
        "public_flags": 0,
        "flags": 0,
        "banner": None,
        "accent_color": None,
        "avatar_decoration_data": None,
        "collectibles": None,
        "primary_guild": None,
    }
    if user.bot:
        data["bot"] = True
    return data


def role_payload(role: Role) -> RolePayload:
    return {
        "id": str(role.id),
        "name": role.name,
        "color": role.color,
        "colors": {"primary_color": role.color, "secondary_color": None, "tertiary_color": None},
        "icon": None,
        "unicode_emoji": None,
        "hoist": role.hoist,
        "position": role.position,
        "permissions": str(role.permissions),
        "managed": False,
        "mentionable": role.mentionable,
        "flags": 0,
    }


def member_payload(
    state: EmulatorState, member: Member, *, with_user: bool = True
) -> MemberPayload:
    data: MemberPayload = {
        "roles": [str(r) for r in member.roles],
        "joined_at": member.joined_at,
        "nick": member.nick,
        "avatar": None,
        "banner": None,
        "flags": 0,
        "deaf": False,
        "mute": False,
        "pending": False,
        "premium_since": None,
        "communication_disabled_until": None,
    }
    if with_user:
        data["user"] = user_payload(state.users[member.user_id])
    return data


def member_permissions(guild: Guild, member: Member) -> int:
    """Guild-level permissions (no channel overwrites); see :mod:`.permissions`."""
    return effective_permissions(guild, member)


def channel_payload(channel: Channel, state: EmulatorState | None = None) -> JSON:
    if channel.type == ChannelType.DM:
        # https://discord.com/developers/docs/resources/channel#channel-object-example-dm-channel
        recipient = state.users.get(channel.recipient_id or 0) if state else None
        return {
            "id": str(channel.id),
            "type": channel.type,
            "last_message_id": str(channel.last_message_id) if channel.last_message_id else None,
            "flags": 0,
            "recipients": [user_payload(recipient)] if recipient else [],
        }
    data: JSON = {
        "id": str(channel.id),
        "type": channel.type,
        "name": channel.name,
        "guild_id": str(channel.guild_id),
        "flags": 0,
        "rate_limit_per_user": channel.rate_limit_per_user,
        "last_message_id": str(channel.last_message_id) if channel.last_message_id else None,
    }
    if channel.is_thread:
        data.update(
            {
                "parent_id": str(channel.parent_id),
                "owner_id": str(channel.owner_id),
                "message_count": channel.message_count,
                "total_message_sent": channel.total_message_sent,
                "member_count": min(len(channel.member_ids), 50),
                "thread_metadata": {
                    "archived": channel.archived,
                    "archive_timestamp": channel.archive_timestamp or channel.created_at,
                    "auto_archive_duration": channel.auto_archive_duration,
                    "locked": channel.locked,
                    "create_timestamp": channel.created_at,
                },
            }
        )
        if channel.type == 12:
            data["thread_metadata"]["invitable"] = True
    else:
        data.update(
            {
                "position": channel.position,
                "topic": channel.topic,
                "nsfw": False,
                "parent_id": str(channel.parent_id) if channel.parent_id else None,
                "permission_overwrites": [],
                "default_auto_archive_duration": 1440,
            }
        )
    return data


def author_payload(state: EmulatorState, message: Message) -> UserPayload:
    if message.webhook_id is not None and message.application_id is None:
        hook = state.webhooks.get(message.webhook_id)
        data: UserPayload = {
            "id": str(message.webhook_id),
            "username": message.username or (hook.name if hook else "Webhook"),
            "discriminator": "0000",
            "global_name": None,
            "avatar": hook.avatar if hook else None,
            "bot": True,
            "public_flags": 0,
            "flags": 0,
            "banner": None,
            "accent_color": None,
            "avatar_decoration_data": None,
            "collectibles": None,
            "primary_guild": None,
        }
        return data
    return user_payload(state.users[message.author_id])


def message_payload(
    state: EmulatorState, message: Message, *, gateway: bool = False
) -> MessagePayload:
    """A message object; with ``gateway`` the MESSAGE_CREATE extras (guild_id, member)."""
    data: MessagePayload = {
        "id": str(message.id),
        "channel_id": str(message.channel_id),
        "type": message.type,
        "author": author_payload(state, message),
        "content": message.content,
        "timestamp": message.timestamp,
        "edited_timestamp": message.edited_timestamp,
        "tts": message.tts,
        "mention_everyone": message.pings.everyone or message.pings.here,
        "mentions": [user_payload(state.users[u]) for u in message.pings.users],
        "mention_roles": [str(r) for r in message.pings.roles],
        "attachments": message.attachments,
        "embeds": message.embeds,
        "components": message.components,
        "pinned": message.pinned,
        "flags": message.flags,
    }
    if gateway:
        data["guild_id"] = str(message.guild_id)
    if message.nonce is not None:
        data["nonce"] = message.nonce
    if message.webhook_id is not None:
        data["webhook_id"] = str(message.webhook_id)
    if message.application_id is not None:
        data["application_id"] = str(message.application_id)
    if message.interaction_id is not None:
        interaction = state.interactions.get(message.interaction_id)
        if interaction is not None:
            metadata: JSON = {
                "id": str(interaction.id),
                "type": interaction.type,
                "user": user_payload(state.users[interaction.user_id]),
                "authorizing_integration_owners": {"0": str(interaction.guild_id)},
            }
            if interaction.command is not None:
                metadata["name"] = interaction.command.name
                metadata["command_type"] = interaction.command.type
            if interaction.target_id is not None and interaction.command is not None:
                key = "target_user" if interaction.command.type == 2 else "target_message_id"
                target = state.users.get(interaction.target_id)
                if key == "target_user" and target is not None:
                    metadata[key] = user_payload(target)
                elif key == "target_message_id":
                    metadata[key] = str(interaction.target_id)
            if interaction.message_id is not None:
                metadata["interacted_message_id"] = str(interaction.message_id)
            data["interaction_metadata"] = metadata
    if message.reference is not None:
        data["message_reference"] = message.reference
        ref = state.messages.get(int(message.reference["message_id"]))
        data["referenced_message"] = (
            message_payload(state, ref) if ref is not None and not ref.deleted else None
        )
    if message.thread_id is not None and message.thread_id in state.channels:
        data["thread"] = channel_payload(state.channels[message.thread_id])
    if message.reactions:
        # https://discord.com/developers/docs/resources/message#reaction-object, as the bot
        # sees it ("me")
        data["reactions"] = [
            {
                "count": len(users),
                "count_details": {"burst": 0, "normal": len(users)},
                "me": state.bot_user_id in users,
                "me_burst": False,
                "emoji": {"id": None, "name": key},
                "burst_colors": [],
            }
            for key, users in message.reactions.items()
        ]
    if gateway and message.webhook_id is None and not message.ephemeral:
        guild = state.guilds[message.guild_id]
        member = guild.members.get(message.author_id)
        if member is not None:
            data["member"] = member_payload(state, member, with_user=False)
    return data


def webhook_payload(state: EmulatorState, hook: Webhook, *, with_token: bool = True) -> JSON:
    data: JSON = {
        "id": str(hook.id),
        "type": 1,
        "guild_id": str(hook.guild_id),
        "channel_id": str(hook.channel_id),
        "name": hook.name,
        "avatar": hook.avatar,
        "application_id": str(hook.application_id) if hook.application_id else None,
        "user": user_payload(state.users[hook.creator_id]),
    }
    if with_token:
        data["token"] = hook.token
    return data


def command_payload(command: Command) -> JSON:
    data: JSON = {
        "id": str(command.id),
        "application_id": str(command.application_id),
        "version": str(command.version),
        "name": command.name,
        "description": command.description,
        "type": command.type,
        "options": command.options,
        "default_member_permissions": command.default_member_permissions,
        "dm_permission": command.dm_permission,
        "nsfw": command.nsfw,
        "contexts": command.contexts,
        "integration_types": command.integration_types or [0],
        "name_localizations": command.name_localizations,
        "description_localizations": command.description_localizations,
    }
    if command.guild_id is not None:
        data["guild_id"] = str(command.guild_id)
    return data


def guild_create_payload(state: EmulatorState, guild: Guild) -> JSON:
    channels = [c for c in state.channels.values() if c.guild_id == guild.id]
    threads = [c for c in channels if c.is_thread and not c.archived]
    members = [member_payload(state, m) for m in guild.members.values()]
    extra: dict[str, Any] = {
        "joined_at": guild.joined_at,
        "large": False,
        "unavailable": False,
        "member_count": len(members),
        "members": members,
        "channels": [channel_payload(c) for c in channels if not c.is_thread],
        "threads": [channel_payload(c) for c in threads],
        "voice_states": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
    }
    return {**guild_payload(guild), **extra}


def guild_payload(guild: Guild) -> JSON:
    return {
        "id": str(guild.id),
        "name": guild.name,
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "owner_id": str(guild.owner_id),
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 1,
        "explicit_content_filter": 0,
        "roles": [role_payload(r) for r in guild.roles.values()],
        "emojis": [],
        "stickers": [],
        "features": [],
        "mfa_level": 0,
        "application_id": None,
        "system_channel_id": None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "vanity_url_code": None,
        "description": None,
        "banner": None,
        "premium_tier": 0,
        "preferred_locale": "en-US",
        "public_updates_channel_id": None,
        "nsfw_level": 0,
        "premium_progress_bar_enabled": False,
        "home_header": None,
        "region": "deprecated",
        "widget_enabled": False,
        "widget_channel_id": None,
        "max_presences": None,
        "max_members": 500_000,
        "max_stage_video_channel_users": 50,
        "max_video_channel_users": 25,
        "premium_subscription_count": 0,
        "safety_alerts_channel_id": None,
        "nsfw": False,
        "incidents_data": None,
    }
