"""The emulator's service layer: every change to the workspace goes through here, which
keeps stored state, the ``/_control/events`` feed and the app's events in step."""

from __future__ import annotations

import itertools
import secrets
import uuid
from typing import Any

from .config import EmulatorConfig
from .errors import SlackError
from .faults import FaultBook
from .feed import Feed
from .http_events import HttpDelivery
from .interactive import Interactions
from .mrkdwn import escape_typed_text, rich_text_blocks
from .payloads import (
    SocketEnvelope,
    api_message,
    changed_event,
    deleted_event,
    event_callback,
    inspect_message,
    mention_event,
    message_event,
)
from .ratelimit import RateLimiter
from .seed import seed_workspace
from .slash import SlashCommands
from .socket_mode import SocketModeHub, new_envelope_id
from .state import Channel, Ephemeral, Message, Workspace
from .stats import Stats
from .subscriptions import EVENT_SCOPES, event_channel, subscription_of
from .validation import truncate_text
from .views import Views

__all__ = ["Emulator", "channel_type"]

JSON = dict[str, Any]


def channel_type(channel: Channel) -> str:
    """The ``channel_type`` of message events: ``channel`` public, ``group`` private."""
    return "group" if channel.is_private else "channel"


class Emulator:
    """State, limits, faults and delivery of one emulated workspace (no HTTP server)."""

    def __init__(self, config: EmulatorConfig, workspace: Workspace | None = None) -> None:
        self.config = config
        self.ws = workspace or seed_workspace()
        self.stats = Stats()
        self.feed = Feed()
        self.limiter = RateLimiter(config.rate_limits)
        self.faults = FaultBook()
        self.base_url = ""
        self._event_ids = itertools.count(1)
        self.socket = SocketModeHub(
            self.ws.bot.app_id,
            self.stats,
            ack_timeout=lambda: self.config.ack_timeout,
            max_retries=lambda: self.config.max_retries,
            on_ack=self._on_ack,
            on_timeout=self._on_timeout,
        )
        self.http = HttpDelivery(config, self.stats)
        self.slash = SlashCommands(self)
        self.views = Views(self)
        self.interactions = Interactions(self)
        # User tokens (``xoxp-…``) issued through the control API: token → user id. A
        # person's token acts as that person; their role is read at each call.
        self.user_tokens: dict[str, str] = {}

    def _on_ack(self, envelope: SocketEnvelope, payload: JSON | None) -> None:
        if envelope["type"] == "interactive":
            self.interactions.socket_ack(envelope, payload)
        else:
            self.slash.socket_ack(envelope, payload)

    def _on_timeout(self, envelope: SocketEnvelope) -> None:
        if envelope["type"] == "interactive":
            self.interactions.socket_timeout(envelope)
        else:
            self.slash.socket_timeout(envelope)

    async def start(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.socket.start()

    async def stop(self) -> None:
        self.feed.close()
        await self.socket.stop()
        await self.http.stop()

    def reset(self) -> None:
        """Forget messages, ephemeral messages, commands, counters, faults and spent limits."""
        for channel in self.ws.channels.values():
            channel.messages.clear()
            channel.threads.clear()
        self.ws.ephemerals.clear()
        self.slash.clear()
        self.views.clear()
        self.interactions.clear()
        self.faults.clear()
        self.limiter.reset()
        self.stats.reset()

    # --- lookups ---------------------------------------------------------------------
    def channel(self, ref: Any) -> Channel:
        channel = self.ws.find_channel(ref) if isinstance(ref, str) and ref else None
        if channel is None:
            raise SlackError("channel_not_found")
        return channel

    def message(self, channel: Channel, ts: Any) -> Message:
        message = channel.messages.get(ts) if isinstance(ts, str) else None
        if message is None or message.deleted:
            raise SlackError("message_not_found")
        return message

    def thread_root(self, channel: Channel, thread_ts: str) -> str:
        """The parent ts a reply should attach to (a reply's ts leads to its parent)."""
        parent = channel.messages.get(thread_ts)
        if parent is None:
            raise SlackError("thread_not_found")
        return parent.thread_ts if parent.is_reply and parent.thread_ts else parent.ts

    # --- events ----------------------------------------------------------------------
    def wants(self, event: JSON) -> bool:
        """Whether Slack would send ``event`` to this app: it subscribes to the event type
        and, for an event in a channel, the bot is a member of that channel
        (docs.slack.dev/reference/events/message.channels: "A message was posted to a
        channel" the app is in; message.groups likewise for private channels)."""
        subscription = subscription_of(event)
        if subscription not in self.config.bot_events:
            return False
        needed = EVENT_SCOPES.get(subscription)
        if needed is not None and needed not in self.config.bot_scopes:
            return False
        channel_id = event_channel(event)
        if channel_id is None:
            return True
        channel = self.ws.channels.get(channel_id)
        return channel is not None and self.ws.bot_is_member(channel)

    def dispatch_event(self, event: JSON) -> None:
        """Wrap ``event`` in an ``event_callback`` and send it the configured way, if the
        app subscribes to it (else it is only counted in ``events_unsubscribed``)."""
        if not self.wants(event):
            self.stats.events_unsubscribed[subscription_of(event)] += 1
            return
        event_id = f"Ev{next(self._event_ids):08d}{secrets.token_hex(2).upper()}"
        callback = event_callback(self.ws, event, event_id, self.config.verification_token)
        if self.config.mode == "http":
            self.http.deliver_event(callback)
            return
        envelope: SocketEnvelope = {
            "envelope_id": new_envelope_id(),
            "type": "events_api",
            "payload": dict(callback),
            "accepts_response_payload": False,
            "retry_attempt": 0,
            "retry_reason": "",
        }
        self.socket.deliver(envelope)

    def _publish(self, kind: str, message: Message) -> None:
        self.feed.publish(
            {
                "type": kind,
                "channel": message.channel,
                "ts": message.ts,
                "message": inspect_message(message, self.ws),
            }
        )

    # --- messages --------------------------------------------------------------------
    def post_as_user(
        self,
        channel: Channel,
        user_ref: str,
        text: str,
        thread_ts: str | None = None,
        *,
        reply_broadcast: bool = False,
    ) -> Message:
        """A person types ``text`` in a channel or a thread (``&<>`` get escaped);
        ``reply_broadcast`` is "Also send to #channel"."""
        user = self.ws.find_user(user_ref)
        if user is None or user.is_bot:
            raise SlackError("user_not_found")
        if not text:
            raise SlackError("no_text")
        stored = escape_typed_text(truncate_text(text)[0])
        root = self.thread_root(channel, thread_ts) if thread_ts else None
        message = Message(
            channel=channel.id,
            ts=self.ws.next_ts(channel),
            text=stored,
            user=user.id,
            thread_ts=root,
            reply_broadcast=bool(reply_broadcast and root),
            client_msg_id=str(uuid.uuid4()),
            team=self.ws.team.id,
        )
        message.blocks = rich_text_blocks(stored, secrets.token_hex(3))
        return self._add(channel, message)

    def post_as_bot(
        self,
        channel: Channel,
        *,
        text: str,
        blocks: list[JSON] | None = None,
        thread_ts: str | None = None,
        reply_broadcast: bool = False,
        username: str | None = None,
        icons: dict[str, str] | None = None,
        metadata: JSON | None = None,
    ) -> Message:
        """The app posts (chat.postMessage, or an in_channel command reply); an override
        ``username``/``icons`` drops ``user``, as Slack's ``bot_message`` does."""
        bot = self.ws.bot
        overridden = bool(username or icons)
        root = self.thread_root(channel, thread_ts) if thread_ts else None
        message = Message(
            channel=channel.id,
            ts=self.ws.next_ts(channel),
            text=text,
            user=None if overridden else bot.user_id,
            bot_id=bot.bot_id,
            app_id=bot.app_id,
            username=username,
            icons=icons,
            blocks=blocks,
            thread_ts=root,
            reply_broadcast=bool(reply_broadcast and root),
            metadata=metadata,
            team=self.ws.team.id,
        )
        return self._add(channel, message)

    def _add(self, channel: Channel, message: Message) -> Message:
        self.ws.add_message(message)
        self._publish("message_created", message)
        event = message_event(message, self.ws)
        self.dispatch_event(event)
        if message.user and not message.bot_id and f"<@{self.ws.bot.user_id}>" in message.text:
            self.dispatch_event(mention_event(event))
        return message

    def update(
        self,
        channel: Channel,
        message: Message,
        *,
        text: str | None,
        blocks: list[JSON] | None,
        editor: str,
    ) -> Message:
        """Change text and/or blocks; the app gets ``message_changed``."""
        previous = api_message(message, self.ws)
        if text is not None:
            message.text = text
        if blocks is not None:
            message.blocks = blocks
        message.edited = {"user": editor, "ts": self.ws.next_ts(channel)}
        self._publish("message_updated", message)
        event_ts = self.ws.next_ts(channel)
        current = api_message(message, self.ws)
        kind = channel_type(channel)
        self.dispatch_event(changed_event(channel.id, current, previous, event_ts, kind))
        return message

    def edit_as_user(self, channel: Channel, message: Message, text: str) -> Message:
        """The author edits a message they typed (``cant_update_message`` otherwise)."""
        if message.user is None or message.bot_id:
            raise SlackError("cant_update_message")
        stored = escape_typed_text(text)
        message.blocks = rich_text_blocks(stored, secrets.token_hex(3))
        return self.update(channel, message, text=stored, blocks=None, editor=message.user)

    def delete(self, channel: Channel, message: Message) -> None:
        """Tombstone a message (kept for the control API); the app gets ``message_deleted``."""
        previous = api_message(message, self.ws)
        message.deleted = True
        self._publish("message_deleted", message)
        event_ts = self.ws.next_ts(channel)
        kind = channel_type(channel)
        self.dispatch_event(deleted_event(channel.id, message.ts, previous, event_ts, kind))

    # --- membership ------------------------------------------------------------------
    def invite_bot(self, channel: Channel, inviter: str | None = None) -> bool:
        """``/invite @briefbot`` (conversations.invite semantics): the bot joins and the app
        gets ``member_joined_channel`` if it subscribes. False when it was already in."""
        bot = self.ws.bot.user_id
        if bot in channel.members:
            return False
        if channel.is_archived:
            raise SlackError("is_archived")
        channel.members.add(bot)
        event: JSON = {
            "type": "member_joined_channel",
            "user": bot,
            "channel": channel.id,
            # docs.slack.dev/reference/events/member_joined_channel: C public, G private.
            "channel_type": "G" if channel.is_private else "C",
            "team": self.ws.team.id,
            "event_ts": self.ws.next_ts(channel),
        }
        if inviter:
            event["inviter"] = inviter
        self.dispatch_event(event)
        return True

    def remove_bot(self, channel: Channel) -> bool:
        """``/remove @briefbot``: the bot leaves; it no longer sees or posts in the channel.
        False when it was not in."""
        if self.ws.bot.user_id not in channel.members:
            return False
        channel.members.discard(self.ws.bot.user_id)
        return True

    def post_ephemeral(
        self,
        channel: Channel,
        user: str,
        text: str,
        blocks: list[JSON] | None,
        thread_ts: str | None,
        source: str,
    ) -> Ephemeral:
        """A message only ``user`` sees; it raises no event."""
        ephemeral = Ephemeral(
            channel=channel.id,
            user=user,
            ts=self.ws.next_ts(channel),
            text=text,
            blocks=blocks,
            thread_ts=thread_ts,
            source=source,
        )
        self.ws.ephemerals.append(ephemeral)
        self.feed.publish(
            {
                "type": "ephemeral",
                "channel": channel.id,
                "ts": ephemeral.ts,
                "user": user,
                "text": text,
                "blocks": blocks,
                "source": source,
            }
        )
        return ephemeral
