"""Slash commands: delivering an invocation to the app, then its ack and response_url
posts turned into what the invoking user sees (ephemeral or in the channel)."""

from __future__ import annotations

import itertools
import secrets
import time
from typing import TYPE_CHECKING, Any

from .commands import CommandRecord, ack_payload_from_http
from .errors import SlackError
from .http_events import AckResult
from .payloads import SocketEnvelope
from .socket_mode import new_envelope_id
from .validation import block_errors, truncate_text

if TYPE_CHECKING:
    from .emulator import Emulator

__all__ = ["SlashCommands"]

JSON = dict[str, Any]


class SlashCommands:
    """Every slash command invoked through the control API, by id."""

    def __init__(self, emu: Emulator) -> None:
        self._emu = emu
        self.records: dict[str, CommandRecord] = {}
        self._by_trigger: dict[str, CommandRecord] = {}
        self._ids = itertools.count(1)

    def clear(self) -> None:
        self.records.clear()
        self._by_trigger.clear()

    def invoke(self, command: str, text: str, channel_ref: str, user_ref: str) -> CommandRecord:
        channel = self._emu.channel(channel_ref)
        user = self._emu.ws.find_user(user_ref)
        if user is None or user.is_bot:
            raise SlackError("user_not_found")
        if not command.startswith("/"):
            raise SlackError("invalid_arguments", detail="command must start with /")
        command_id = f"cmd{next(self._ids):04d}{secrets.token_hex(3)}"
        trigger_id = self._emu.views.issue_trigger(user.id)
        form = {
            "token": self._emu.config.verification_token,
            "team_id": self._emu.ws.team.id,
            "team_domain": self._emu.ws.team.domain,
            "channel_id": channel.id,
            "channel_name": channel.name,
            "user_id": user.id,
            "user_name": user.name,
            "command": command,
            "text": text,
            "api_app_id": self._emu.ws.bot.app_id,
            "is_enterprise_install": "false",
            "response_url": f"{self._emu.base_url}/_response/{command_id}",
            "trigger_id": trigger_id,
        }
        record = CommandRecord(command_id, command, text, channel.id, user.id, form)
        self.records[command_id] = record
        self._by_trigger[trigger_id] = record
        if self._emu.config.mode == "http":
            self._emu.http.deliver_command(form, lambda result: self._http_ack(record, result))
        elif self._emu.socket.open_connections == 0:
            record.errors.append("dispatch_failed")
        else:
            self._emu.socket.deliver(
                {
                    "envelope_id": new_envelope_id(),
                    "type": "slash_commands",
                    "payload": dict(form),
                    "accepts_response_payload": True,
                }
            )
        return record

    def socket_ack(self, envelope: SocketEnvelope, payload: JSON | None) -> None:
        if envelope["type"] != "slash_commands":
            return
        record = self._by_trigger.get(str(envelope["payload"].get("trigger_id")))
        if record is not None:
            self._apply_ack(record, payload or {})

    def socket_timeout(self, envelope: SocketEnvelope) -> None:
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
        if not (payload.get("text") or payload.get("blocks")):
            return
        if payload.get("blocks") is not None and block_errors(payload["blocks"]):
            record.errors.append("invalid_blocks")
            return
        # An ack can arrive after the first response_url post; that post stays "original".
        original = record.original
        try:
            self._show(record, payload, source="ack")
        except SlackError as error:
            record.errors.append(error.error)
        if original is not None:
            record.original = original

    def _show(self, record: CommandRecord, payload: JSON, source: str) -> JSON:
        """Make a command reply visible; returns where it went."""
        channel = self._emu.channel(record.channel)
        text, _ = truncate_text(str(payload.get("text") or ""))
        blocks = payload.get("blocks")
        if payload.get("response_type") == "in_channel":
            message = self._emu.post_as_bot(
                channel, text=text, blocks=blocks, thread_ts=payload.get("thread_ts") or None
            )
            record.original = ("channel", message.ts)
            return {"visible_as": "in_channel", "message_ts": message.ts}
        ephemeral = self._emu.post_ephemeral(
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
        if age > self._emu.config.response_url_ttl:
            raise SlackError("expired_url", status=404)
        if record.uses >= self._emu.config.response_url_uses:
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
        channel = self._emu.channel(record.channel)
        self._emu.delete(channel, self._emu.message(channel, ts))

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
        channel = self._emu.channel(record.channel)
        message = self._emu.message(channel, ts)
        self._emu.update(
            channel,
            message,
            text=text,
            blocks=payload.get("blocks"),
            editor=self._emu.ws.bot.user_id,
        )
        return {"visible_as": "in_channel", "replaced": ts}
