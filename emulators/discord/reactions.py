"""Reactions: add, remove (own, someone else's, all), list, with their gateway events.

https://discord.com/developers/docs/resources/message#create-reaction and the routes after it;
events: https://discord.com/developers/docs/topics/gateway-events#message-reaction-add (and
-remove, -remove-all, -remove-emoji), sent only to sessions with GUILD_MESSAGE_REACTIONS.
"""

from __future__ import annotations

from .context import EmulatorContext
from .errors import DiscordError
from .gateway import Intents
from .payloads import member_payload, user_payload
from .permissions import ADD_REACTIONS, MANAGE_MESSAGES, READ_MESSAGE_HISTORY, has_permission
from .state import JSON, Message

__all__ = [
    "add_reaction",
    "check_emoji",
    "emoji_payload",
    "reactors",
    "remove_all",
    "remove_reaction",
]


def check_emoji(raw: str) -> str:
    """The emoji key of a route: a Unicode emoji, or ``name:id`` of a guild emoji.

    The emulated guild has no custom emojis, so ``name:id`` and plain text are 10014
    "Unknown Emoji", as Discord answers for an emoji it does not know.
    """
    key = raw.strip("<>")
    if not key or ":" in key or key.isascii():
        raise DiscordError(400, 10014, "Unknown Emoji")
    return key


def emoji_payload(key: str) -> JSON:
    return {"id": None, "name": key}


def _require(ctx: EmulatorContext, message: Message, user_id: int, permission: int) -> None:
    guild = ctx.state.guilds[message.guild_id]
    if not has_permission(guild, user_id, permission):
        raise DiscordError.missing_permissions()


def _refuse_if_archived(ctx: EmulatorContext, message: Message) -> None:
    channel = ctx.state.channels.get(message.channel_id)
    if channel is not None and channel.is_thread and channel.archived:
        raise DiscordError(400, 50083, "Thread is archived")


async def _dispatch(ctx: EmulatorContext, event: str, data: JSON) -> None:
    await ctx.hub.dispatch(event, data, intent=Intents.GUILD_MESSAGE_REACTIONS)
    ctx.bus.publish(event.lower(), data)


def _base(message: Message) -> JSON:
    return {
        "channel_id": str(message.channel_id),
        "message_id": str(message.id),
        "guild_id": str(message.guild_id),
    }


async def add_reaction(ctx: EmulatorContext, message: Message, user_id: int, key: str) -> None:
    """``user_id`` reacts with ``key``; reacting twice changes nothing and sends nothing.

    Create Reaction: "requires READ_MESSAGE_HISTORY ... if nobody else has reacted to the
    message using this emoji, this endpoint requires the ADD_REACTIONS permission".
    """
    _require(ctx, message, user_id, READ_MESSAGE_HISTORY)
    users = message.reactions.get(key, [])
    if not users:
        _require(ctx, message, user_id, ADD_REACTIONS)
    if user_id in users:
        return
    _refuse_if_archived(ctx, message)
    message.reactions[key] = [*users, user_id]
    state = ctx.state
    data: JSON = {
        **_base(message),
        "user_id": str(user_id),
        "emoji": emoji_payload(key),
        "burst": False,
        "burst_colors": [],
        "type": 0,
        "message_author_id": str(message.webhook_id or message.author_id),
    }
    member = state.guilds[message.guild_id].members.get(user_id)
    if member is not None:
        data["member"] = member_payload(state, member)
    await _dispatch(ctx, "MESSAGE_REACTION_ADD", data)


async def remove_reaction(
    ctx: EmulatorContext, message: Message, user_id: int, key: str, *, by: int
) -> None:
    """Remove ``user_id``'s reaction; ``by`` someone else needs MANAGE_MESSAGES
    (Delete User Reaction). Removing a reaction that is not there sends nothing."""
    if by != user_id:
        _require(ctx, message, by, MANAGE_MESSAGES)
    users = message.reactions.get(key, [])
    if user_id not in users:
        return
    _refuse_if_archived(ctx, message)
    users.remove(user_id)
    if not users:
        del message.reactions[key]
    data: JSON = {
        **_base(message),
        "user_id": str(user_id),
        "emoji": emoji_payload(key),
        "burst": False,
        "type": 0,
    }
    await _dispatch(ctx, "MESSAGE_REACTION_REMOVE", data)


async def remove_all(ctx: EmulatorContext, message: Message, key: str | None, *, by: int) -> None:
    """Delete All Reactions (``key`` None) or Delete All Reactions for Emoji; both need
    MANAGE_MESSAGES and send MESSAGE_REACTION_REMOVE_ALL / _EMOJI."""
    _require(ctx, message, by, MANAGE_MESSAGES)
    _refuse_if_archived(ctx, message)
    if key is None:
        message.reactions.clear()
        await _dispatch(ctx, "MESSAGE_REACTION_REMOVE_ALL", _base(message))
    elif message.reactions.pop(key, None):
        await _dispatch(
            ctx, "MESSAGE_REACTION_REMOVE_EMOJI", {**_base(message), "emoji": emoji_payload(key)}
        )


def reactors(
    ctx: EmulatorContext, message: Message, key: str, after: int, limit: int
) -> list[JSON]:
    """Get Reactions: the users who reacted with ``key``, by id, after ``after``."""
    ids = sorted(u for u in message.reactions.get(key, []) if u > after)[:limit]
    return [dict(user_payload(ctx.state.users[u])) for u in ids]
