"""The emulator's service layer: every change to the workspace goes through here, which
keeps stored state, the ``/_control/events`` feed and the app's events in step."""

from __future__ import annotations

import itertools
import secrets
import time
import uuid
from typing import Any

from .commands import CommandRecord, ack_payload_from_http
from .config import EmulatorConfig
from .errors import SlackError
from .faults import FaultBook
from .feed import Feed
from .http_events import AckResult, HttpDelivery
from .mrkdwn import escape_typed_text, rich_text_blocks
from .payloads import (
    SocketEnvelope,
    api_message,
    changed_event,
    deleted_event,
    event_callback,
    inspect_message,
    message_event,
)
from .ratelimit import RateLimiter
from .seed import seed_workspace
from .socket_mode import SocketModeHub, new_envelope_id
from .state import Channel, Ephemeral, Message, Workspace
from .stats import Stats
from .validation import block_errors, truncate_text

__all__ = ["Emulator"]

JSON = dict[str, Any]


class Emulator:
    """State, limits, faults and delivery of one emulated workspace (no HTTP server)."""

    def __init__(self, config: EmulatorConfig, workspace: Workspace | None = None) -> None:
        self.config = config
        self.ws = workspace or seed_workspace()
        self.stats = Stats()
        self.feed = Feed()
        self.limiter = RateLimiter(config.rate_limits)
        self.faults = FaultBook()
        self.commands: dict[str, CommandRecord] = {}
        self.base_url = ""
        self._event_ids = itertools.count(1)
        self._command_ids = itertools.count(1)
        self._by_trigger: dict[str, CommandRecord] = {}
        self.socket = SocketModeHub(
            self.ws.bot.app_id,
            self.stats,
            ack_timeout=lambda: self.config.ack_timeout,
            max_retries=lambda: self.config.max_retries,
            on_ack=self._socket_ack,
            on_timeout=self._socket_timeout,
        )
        self.http = HttpDelivery(config, self.stats)

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
        self.ws.ephemerals.clear()
        self.commands.clear()
        self._by_trigger.clear()
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
    def dispatch_event(self, event: JSON) -> None:
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
        self, channel: Channel, user_ref: str, text: str, thread_ts: str | None = None
    ) -> Message:
        """A person types ``text`` in a channel or a thread (``&<>`` get escaped)."""
        user = self.ws.find_user(user_ref)
        if user is None or user.is_bot:
            raise SlackError("user_not_found")
        if not text:
            raise SlackError("no_text")
        stored = escape_typed_text(truncate_text(text)[0])
        message = Message(
            channel=channel.id,
            ts=self.ws.next_ts(channel),
            text=stored,
            user=user.id,
            thread_ts=self.thread_root(channel, thread_ts) if thread_ts else None,
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
        self.dispatch_event(message_event(message, self.ws))
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
        previous = api_message(message, self.ws)
        if text is not None:
            message.text = text
        if blocks is not None:
            message.blocks = blocks
        message.edited = {"user": editor, "ts": self.ws.next_ts(channel)}
        self._publish("message_updated", message)
        event_ts = self.ws.next_ts(channel)
        current = api_message(message, self.ws)
        self.dispatch_event(changed_event(channel.id, current, previous, event_ts))
        return message

    def edit_as_user(self, channel: Channel, message: Message, text: str) -> Message:
        if message.user is None or message.bot_id:
            raise SlackError("cant_update_message")
        stored = escape_typed_text(text)
        message.blocks = rich_text_blocks(stored, secrets.token_hex(3))
        return self.update(channel, message, text=stored, blocks=None, editor=message.user)

    def delete(self, channel: Channel, message: Message) -> None:
        previous = api_message(message, self.ws)
        message.deleted = True
        self._publish("message_deleted", message)
        event_ts = self.ws.next_ts(channel)
        self.dispatch_event(deleted_event(channel.id, message.ts, previous, event_ts))

    def post_ephemeral(
        self,
        channel: Channel,
        user: str,
        text: str,
        blocks: list[JSON] | None,
        thread_ts: str | None,
        source: str,
    ) -> Ephemeral:
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

    # --- slash commands ----------------------------------------------------------------
    def invoke_command(
        self, command: str, text: str, channel_ref: str, user_ref: str
    ) -> CommandRecord:
        channel = self.channel(channel_ref)
        user = self.ws.find_user(user_ref)
        if user is None or user.is_bot:
            raise SlackError("user_not_found")
        if not command.startswith("/"):
            raise SlackError("invalid_arguments", detail="command must start with /")
        command_id = f"cmd{next(self._command_ids):04d}{secrets.token_hex(3)}"
        trigger_id = f"{int(time.time())}.{secrets.randbelow(10**12)}.{secrets.token_hex(16)}"
        form = {
            "token": self.config.verification_token,
            "team_id": self.ws.team.id,
            "team_domain": self.ws.team.domain,
            "channel_id": channel.id,
            "channel_name": channel.name,
            "user_id": user.id,
            "user_name": user.name,
            "command": command,
            "text": text,
            "api_app_id": self.ws.bot.app_id,
            "is_enterprise_install": "false",
            "response_url": f"{self.base_url}/_response/{command_id}",
            "trigger_id": trigger_id,
        }
        record = CommandRecord(command_id, command, text, channel.id, user.id, form)
        self.commands[command_id] = record
        self._by_trigger[trigger_id] = record
        if self.config.mode == "http":
            self.http.deliver_command(form, lambda result: self._http_ack(record, result))
        elif self.socket.open_connections == 0:
            record.errors.append("dispatch_failed")
        else:
            self.socket.deliver(
                {
                    "envelope_id": new_envelope_id(),
                    "type": "slash_commands",
                    "payload": dict(form),
                    "accepts_response_payload": True,
                }
            )
        return record

    def _socket_ack(self, envelope: SocketEnvelope, payload: JSON | None) -> None:
        if envelope["type"] != "slash_commands":
            return
        record = self._by_trigger.get(str(envelope["payload"].get("trigger_id")))
        if record is not None:
            self._apply_ack(record, payload or {})

    def _socket_timeout(self, envelope: SocketEnvelope) -> None:
        if envelope["type"] == "slash_commands":
            record = self._by_trigger.get(str(envelope["payload"].get("trigger_id")))
            if record is not None and record.ack is None:
                record.errors.append("operation_timeout")

    def _http_ack(self, record: CommandRecord, result: AckResult) -> None:
        if result.ok:
            self._apply_ack(record, ack_payload_from_http(result.body, result.content_type))
        elif result.reason == "http_timeout":
            record.errors.append("operation_timeout")
        else:
            record.errors.append("dispatch_failed")

    def _apply_ack(self, record: CommandRecord, payload: JSON) -> None:
        record.ack = payload
        record.ack_ms = record.elapsed_ms()
        if payload.get("text") or payload.get("blocks"):
            self._show(record, payload, source="ack")

    def _show(self, record: CommandRecord, payload: JSON, source: str) -> JSON:
        """Make a command reply visible; returns where it went."""
        channel = self.channel(record.channel)
        text, _ = truncate_text(str(payload.get("text") or ""))
        blocks = payload.get("blocks")
        if payload.get("response_type") == "in_channel":
            message = self.post_as_bot(
                channel, text=text, blocks=blocks, thread_ts=payload.get("thread_ts") or None
            )
            record.original = ("channel", message.ts)
            return {"visible_as": "in_channel", "message_ts": message.ts}
        ephemeral = self.post_ephemeral(
            channel,
            record.user,
            text,
            blocks,
            payload.get("thread_ts"),
            f"{record.command} {source}",
        )
        record.visible.append(
            {"ts": ephemeral.ts, "text": text, "blocks": blocks, "source": source}
        )
        record.original = ("ephemeral", ephemeral.ts)
        return {"visible_as": "ephemeral", "message_ts": ephemeral.ts}

    def respond(self, record: CommandRecord, payload: JSON) -> None:
        """A POST to the command's response_url (at most 5 within 30 minutes)."""
        age = time.monotonic() - record.created
        if age > self.config.response_url_ttl:
            raise SlackError("expired_url", status=404)
        if record.uses >= self.config.response_url_uses:
            raise SlackError("used_url", status=404)
        record.uses += 1
        entry: JSON = {
            "at_ms": record.elapsed_ms(),
            "response_type": payload.get("response_type", "ephemeral"),
            "text": payload.get("text"),
            "blocks": payload.get("blocks"),
            "thread_ts": payload.get("thread_ts"),
            "replace_original": bool(payload.get("replace_original")),
            "delete_original": bool(payload.get("delete_original")),
        }
        record.responses.append(entry)
        try:
            entry.update(self._respond(record, payload))
        except SlackError as error:
            entry["error"] = error.error
            record.errors.append(error.error)
            raise

    def _respond(self, record: CommandRecord, payload: JSON) -> JSON:
        original = record.original
        if payload.get("delete_original"):
            if original is None:
                raise SlackError("message_not_found", status=404)
            self._drop_original(record, original)
            record.original = None
            return {"visible_as": "deleted"}
        if not payload.get("text") and not payload.get("blocks"):
            raise SlackError("no_text", status=400)
        if payload.get("blocks") is not None and block_errors(payload["blocks"]):
            raise SlackError("invalid_blocks", status=400)
        if payload.get("replace_original") and original is not None:
            return self._replace_original(record, original, payload)
        return self._show(record, payload, source="response_url")

    def _drop_original(self, record: CommandRecord, original: tuple[str, str]) -> None:
        kind, ts = original
        if kind == "ephemeral":
            record.visible = [v for v in record.visible if v["ts"] != ts]
            return
        channel = self.channel(record.channel)
        self.delete(channel, self.message(channel, ts))

    def _replace_original(
        self, record: CommandRecord, original: tuple[str, str], payload: JSON
    ) -> JSON:
        kind, ts = original
        text, _ = truncate_text(str(payload.get("text") or ""))
        if kind == "ephemeral":
            for shown in record.visible:
                if shown["ts"] == ts:
                    shown.update(
                        {"text": text, "blocks": payload.get("blocks"), "source": "replaced"}
                    )
            return {"visible_as": "ephemeral", "replaced": ts}
        channel = self.channel(record.channel)
        message = self.message(channel, ts)
        self.update(
            channel, message, text=text, blocks=payload.get("blocks"), editor=self.ws.bot.user_id
        )
        return {"visible_as": "in_channel", "replaced": ts}
