"""Direct messages from the bot to a person.

https://discord.com/developers/docs/resources/user#create-dm opens (or returns) the DM
channel; sending there is Create Message. A person who does not accept DMs from server
members makes Discord answer 403 with code 50007 "Cannot send messages to this user"
(https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes).
DM events reach only sessions with the DIRECT_MESSAGES intent, without ``guild_id``.
"""

from __future__ import annotations

from typing import Any

from .actions import message_view
from .context import EmulatorContext
from .errors import DiscordError
from .gateway import Intents
from .payloads import message_payload
from .state import Channel, ChannelType, Message, User
from .validation import validate_message

__all__ = ["dm_channel", "send_dm"]


def dm_channel(ctx: EmulatorContext, user: User) -> Channel:
    """The bot's DM channel with ``user``, created on first use."""
    state = ctx.state
    for channel in state.channels.values():
        if channel.type == ChannelType.DM and channel.recipient_id == user.id:
            return channel
    channel = Channel(
        id=state.ids.next(), type=ChannelType.DM, name="", guild_id=0, recipient_id=user.id
    )
    state.channels[channel.id] = channel
    return channel


async def send_dm(ctx: EmulatorContext, channel: Channel, body: dict[str, Any]) -> Message:
    validate_message(body, creating=True)
    state = ctx.state
    recipient = state.users.get(channel.recipient_id or 0)
    if recipient is None or recipient.bot or not recipient.dms_open:
        raise DiscordError(403, 50007, "Cannot send messages to this user")
    message = Message(
        id=state.ids.next(),
        channel_id=channel.id,
        guild_id=0,
        author_id=state.bot_user_id,
        content=str(body.get("content") or ""),
        nonce=body.get("nonce"),
    )
    state.add_message(message)
    channel.last_message_id = message.id
    payload = dict(message_payload(state, message))
    await ctx.hub.dispatch("MESSAGE_CREATE", payload, intent=Intents.DIRECT_MESSAGES)
    ctx.bus.publish("dm_create", message_view(ctx, message))
    return message
