"""Which manifest subscription (``settings.event_subscriptions.bot_events``) an event
belongs to, and the channel it happened in."""

from __future__ import annotations

from typing import Any

__all__ = ["EVENT_SCOPES", "event_channel", "subscription_of"]

# docs.slack.dev/reference/events/message: the same ``message`` event comes through
# message.channels, message.groups, message.im or message.mpim by the conversation's type.
_MESSAGE_SUBSCRIPTIONS = {
    "channel": "message.channels",
    "group": "message.groups",
    "im": "message.im",
    "mpim": "message.mpim",
}


# An event reaches the app only with the scope its reference page lists under "Required
# scopes" (docs.slack.dev/reference/events/reaction_added: ``reactions:read``;
# /reference/events/message.channels: ``channels:history``; /message.groups:
# ``groups:history``; /app_mention: ``app_mentions:read``). Slack adds the scope when a
# subscription is chosen in the app settings; a manifest must list it itself.
EVENT_SCOPES = {
    "message.channels": "channels:history",
    "message.groups": "groups:history",
    "message.im": "im:history",
    "message.mpim": "mpim:history",
    "app_mention": "app_mentions:read",
    "reaction_added": "reactions:read",
    "reaction_removed": "reactions:read",
}


def subscription_of(event: dict[str, Any]) -> str:
    """``message.channels`` for a public-channel message, else the event's own type."""
    kind = str(event.get("type", ""))
    if kind == "message":
        return _MESSAGE_SUBSCRIPTIONS.get(str(event.get("channel_type")), "message.channels")
    return kind


def event_channel(event: dict[str, Any]) -> str | None:
    """The channel an event is about (``item.channel`` for reactions), if any."""
    channel = event.get("channel")
    if isinstance(channel, str):
        return channel
    item = event.get("item")
    if isinstance(item, dict) and isinstance(item.get("channel"), str):
        return str(item["channel"])
    return None
