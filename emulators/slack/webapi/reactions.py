"""reactions.add, reactions.remove and reactions.get, with ``reaction_added`` /
``reaction_removed`` events (docs.slack.dev/reference/methods/reactions.add,
/reference/events/reaction_added)."""

from __future__ import annotations

import re
from typing import Any

from ..emulator import Emulator
from ..errors import SlackError
from ..payloads import api_message
from ..request import ApiRequest
from ..state import Channel, Message

__all__ = ["REACTION_METHODS", "react"]

JSON = dict[str, Any]
_NAME = re.compile(r"[a-z0-9_+'\-]+(::skin-tone-[2-6])?")


def react(
    emu: Emulator, channel: Channel, message: Message, user: str, name: str, *, add: bool
) -> None:
    """``user`` adds or removes ``name`` on ``message``; the app gets the event."""
    if not _NAME.fullmatch(name):
        raise SlackError("invalid_name")
    users = message.reactions.setdefault(name, [])
    if add:
        if user in users:
            raise SlackError("already_reacted")
        users.append(user)
    else:
        if user not in users:
            raise SlackError("no_reaction")
        users.remove(user)
        if not users:
            del message.reactions[name]
    emu.dispatch_event(
        {
            "type": "reaction_added" if add else "reaction_removed",
            "user": user,
            "reaction": name,
            "item_user": message.user or emu.ws.bot.user_id,
            "item": {"type": "message", "channel": channel.id, "ts": message.ts},
            "event_ts": emu.ws.next_ts(channel),
        }
    )


def _target(emu: Emulator, req: ApiRequest) -> tuple[Channel, Message]:
    channel = emu.channel(req.text("channel"))
    return channel, emu.message(channel, req.require("timestamp"))


def reactions_add(emu: Emulator, req: ApiRequest) -> JSON:
    channel, message = _target(emu, req)
    react(emu, channel, message, emu.ws.bot.user_id, req.require("name"), add=True)
    return {}


def reactions_remove(emu: Emulator, req: ApiRequest) -> JSON:
    channel, message = _target(emu, req)
    react(emu, channel, message, emu.ws.bot.user_id, req.require("name"), add=False)
    return {}


def reactions_get(emu: Emulator, req: ApiRequest) -> JSON:
    channel, message = _target(emu, req)
    return {"type": "message", "channel": channel.id, "message": api_message(message, emu.ws)}


REACTION_METHODS = {
    "reactions.add": reactions_add,
    "reactions.remove": reactions_remove,
    "reactions.get": reactions_get,
}
