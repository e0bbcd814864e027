"""Interactivity: shortcuts, block actions, options requests and view submissions sent
to the app, and what the app answered.

Payload shapes follow docs.slack.dev/reference/interaction-payloads (shortcuts: global
``shortcut`` and ``message_action``; ``block_actions``; ``block_suggestion``;
``view_submission`` / ``view_closed``). They go over Socket Mode as ``interactive``
envelopes that accept a response payload, or over HTTP as a signed form POST with one
``payload`` field to the interactivity request URL. Slack does not retry them.
"""

from __future__ import annotations

import itertools
import secrets
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .commands import CommandRecord, ack_payload_from_http
from .errors import SlackError
from .http_events import AckResult
from .payloads import SocketEnvelope, api_message
from .socket_mode import new_envelope_id
from .state import Channel, Message, User

if TYPE_CHECKING:
    from .emulator import Emulator
    from .views import View

__all__ = ["InteractionRecord", "Interactions"]

JSON = dict[str, Any]


@dataclass
class InteractionRecord:
    """One interaction sent to the app (``GET /_control/interactions/{id}``)."""

    id: str
    type: str
    payload: JSON
    created: float = field(default_factory=time.monotonic)
    ack: JSON | None = None
    ack_ms: float | None = None
    errors: list[str] = field(default_factory=list)
    view_id: str | None = None

    def as_json(self) -> JSON:
        return {
            "id": self.id,
            "type": self.type,
            "payload": self.payload,
            "acked": self.ack is not None,
            "ack": self.ack,
            "ack_ms": self.ack_ms,
            "errors": self.errors,
            "view_id": self.view_id,
        }


def _find_element(blocks: list[JSON], action_id: str) -> tuple[str, JSON] | None:
    """(block_id, element) of the interactive element with ``action_id``."""
    for block in blocks:
        candidates: list[Any] = []
        if block.get("type") == "actions":
            candidates = list(block.get("elements") or [])
        elif block.get("type") in ("section", "input"):
            candidates = [block.get("accessory"), block.get("element")]
        for element in candidates:
            if isinstance(element, dict) and element.get("action_id") == action_id:
                return str(block.get("block_id", "")), element
    return None


def _option(element: JSON, value: Any) -> JSON:
    for option in element.get("options") or []:
        if isinstance(option, dict) and option.get("value") == value:
            return option
    for group in element.get("option_groups") or []:
        for option in group.get("options") or []:
            if isinstance(option, dict) and option.get("value") == value:
                return option
    raise SlackError("option_not_found", status=400)


class Interactions:
    """Every interaction sent to the app, by id."""

    def __init__(self, emu: Emulator) -> None:
        self._emu = emu
        self.records: dict[str, InteractionRecord] = {}
        self._by_envelope: dict[str, InteractionRecord] = {}
        self._ids = itertools.count(1)

    def clear(self) -> None:
        self.records.clear()
        self._by_envelope.clear()

    # --- common parts ----------------------------------------------------------------
    def _user(self, ref: Any) -> User:
        user = self._emu.ws.find_user(str(ref or ""))
        if user is None or user.is_bot:
            raise SlackError("user_not_found")
        return user

    def _base(self, kind: str, user: User) -> JSON:
        ws = self._emu.ws
        return {
            "type": kind,
            "token": self._emu.config.verification_token,
            "api_app_id": ws.bot.app_id,
            "team": {"id": ws.team.id, "domain": ws.team.domain},
            "user": {
                "id": user.id,
                "username": user.name,
                "name": user.name,
                "team_id": ws.team.id,
            },
            "is_enterprise_install": False,
            "enterprise": None,
        }

    def _response_url(self, record_id: str, channel: Channel, user: User, original: Any) -> str:
        """A response_url served by ``/_response/{id}`` like a slash command's."""
        record = CommandRecord(record_id, "(interaction)", "", channel.id, user.id, {})
        record.original = original
        self._emu.slash.records[record_id] = record
        return f"{self._emu.base_url}/_response/{record_id}"

    def _new_id(self) -> str:
        return f"int{next(self._ids):04d}{secrets.token_hex(3)}"

    def _message_context(self, channel: Channel, message: Message) -> JSON:
        return {
            "channel": {"id": channel.id, "name": channel.name},
            "message": api_message(message, self._emu.ws),
        }

    # --- what a user does ------------------------------------------------------------
    def shortcut(
        self, callback_id: str, user_ref: Any, channel_ref: Any = None, message_ts: Any = None
    ) -> InteractionRecord:
        """A global shortcut, or a message shortcut when ``message_ts`` is given."""
        if callback_id not in self._emu.config.shortcuts:
            # Slack shows only the shortcuts declared in the app's configuration.
            raise SlackError("shortcut_not_found", status=404)
        if (message_ts is not None) != (callback_id in self._emu.config.message_shortcuts):
            # A message shortcut is only in a message's menu, a global one only in the
            # composer (docs.slack.dev/interactivity/implementing-shortcuts).
            raise SlackError("shortcut_not_found", status=404)
        user = self._user(user_ref)
        record_id = self._new_id()
        action_ts = self._emu.ws.next_ts(self._any_channel(channel_ref))
        if message_ts is None:
            payload = self._base("shortcut", user)
        else:
            channel = self._emu.channel(channel_ref)
            message = self._emu.message(channel, message_ts)
            payload = self._base("message_action", user)
            payload.update(self._message_context(channel, message))
            payload["message_ts"] = message.ts
            payload["response_url"] = self._response_url(record_id, channel, user, None)
        payload.update(
            {
                "callback_id": callback_id,
                "trigger_id": self._emu.views.issue_trigger(user.id),
                "action_ts": action_ts,
            }
        )
        return self._send(record_id, payload)

    def _any_channel(self, ref: Any) -> Channel:
        if ref:
            return self._emu.channel(ref)
        return next(iter(self._emu.ws.channels.values()))

    def _element_context(
        self, user: User, record_id: str, body: JSON
    ) -> tuple[JSON, list[JSON], View | None]:
        """Payload fields for where the element sits (a message or a modal), and its blocks."""
        view_id = body.get("view_id")
        if view_id:
            view = self._emu.views.views.get(str(view_id))
            if view is None or view.state != "open" or view.user != user.id:
                raise SlackError("view_not_found", status=404)
            context: JSON = {
                "container": {"type": "view", "view_id": view.id},
                "view": view.as_json(self._emu),
            }
            return context, list(view.definition.get("blocks") or []), view
        channel = self._emu.channel(body.get("channel"))
        message = self._emu.message(channel, body.get("message_ts"))
        original = ("channel", message.ts) if message.bot_id == self._emu.ws.bot.bot_id else None
        context = {
            "container": {
                "type": "message",
                "message_ts": message.ts,
                "channel_id": channel.id,
                "is_ephemeral": False,
            },
            **self._message_context(channel, message),
            "state": {"values": {}},
            "response_url": self._response_url(record_id, channel, user, original),
        }
        return context, list(message.blocks or []), None

    def action(self, body: JSON) -> InteractionRecord:
        """A click on a button or a choice in a select (``block_actions``)."""
        user = self._user(body.get("user"))
        record_id = self._new_id()
        context, blocks, view = self._element_context(user, record_id, body)
        action_id = str(body.get("action_id", ""))
        found = _find_element(blocks, action_id)
        if found is None:
            raise SlackError("action_not_found", status=404)
        block_id, element = found
        action: JSON = {
            "action_id": action_id,
            "block_id": block_id,
            "type": element.get("type"),
            "action_ts": f"{time.time():.6f}",
        }
        kind = element.get("type")
        if kind == "button":
            action["text"] = element.get("text")
            if "value" in element:
                action["value"] = element["value"]
        elif kind in ("static_select", "overflow", "radio_buttons"):
            action["selected_option"] = _option(element, body.get("value"))
        elif kind == "external_select":
            option = body.get("option")
            if not isinstance(option, dict):
                raise SlackError("invalid_arguments", status=400, detail="option is required")
            action["selected_option"] = option
        else:
            action["value"] = body.get("value")
        payload = self._base("block_actions", user)
        payload.update(context)
        payload["trigger_id"] = self._emu.views.issue_trigger(user.id, view.id if view else None)
        payload["actions"] = [action]
        record = self._send(record_id, payload)
        record.view_id = view.id if view else None
        return record

    def options(self, body: JSON) -> InteractionRecord:
        """An external select asks the app for options (``block_suggestion``)."""
        user = self._user(body.get("user"))
        record_id = self._new_id()
        context, blocks, view = self._element_context(user, record_id, body)
        context.pop("response_url", None)
        action_id = str(body.get("action_id", ""))
        found = _find_element(blocks, action_id)
        selects = ("external_select", "multi_external_select")
        if found is None or found[1].get("type") not in selects:
            raise SlackError("action_not_found", status=404)
        payload = self._base("block_suggestion", user)
        payload.update(context)
        payload.update(
            {"action_id": action_id, "block_id": found[0], "value": str(body.get("value", ""))}
        )
        record = self._send(record_id, payload)
        record.view_id = view.id if view else None
        return record

    def submit(self, view: View, values: JSON) -> InteractionRecord:
        """The user presses the modal's submit button (``view_submission``)."""
        if view.state != "open":
            raise SlackError("view_not_found", status=404)
        view.values = self._state_values(view, values)
        user = self._user(view.user)
        payload = self._base("view_submission", user)
        payload.update(
            {
                "view": view.as_json(self._emu),
                "trigger_id": self._emu.views.issue_trigger(user.id, view.id),
                "response_urls": [],
            }
        )
        record = self._send(self._new_id(), payload)
        record.view_id = view.id
        return record

    def close(self, view: View) -> InteractionRecord | None:
        """The user closes the modal; ``view_closed`` only if it asked (``notify_on_close``)."""
        if view.state != "open":
            raise SlackError("view_not_found", status=404)
        self._emu.views.close(view, everything=True)
        if not view.definition.get("notify_on_close"):
            return None
        payload = self._base("view_closed", self._user(view.user))
        payload.update({"view": view.as_json(self._emu), "is_cleared": False})
        record = self._send(self._new_id(), payload)
        record.view_id = view.id
        return record

    def _state_values(self, view: View, values: JSON) -> JSON:
        """``view.state.values`` from ``{block_id: {action_id: value}}`` typed by the user."""
        state: JSON = {}
        for block in view.definition.get("blocks") or []:
            element = block.get("element") if block.get("type") == "input" else None
            if not isinstance(element, dict):
                continue
            block_id, action_id = str(block.get("block_id", "")), str(element.get("action_id", ""))
            typed = (values.get(block_id) or {}).get(action_id)
            entry: JSON = {"type": element.get("type")}
            if element.get("type") in ("static_select", "radio_buttons"):
                entry["selected_option"] = _option(element, typed) if typed is not None else None
            else:
                entry["value"] = typed
            state.setdefault(block_id, {})[action_id] = entry
        return state

    # --- delivery and answers --------------------------------------------------------
    def _send(self, record_id: str, payload: JSON) -> InteractionRecord:
        emu = self._emu
        if not emu.config.interactivity:
            raise SlackError("interactivity_disabled", status=400)
        record = InteractionRecord(record_id, str(payload["type"]), payload)
        self.records[record_id] = record
        if emu.config.mode == "http":
            emu.http.deliver_interaction(payload, lambda result: self._http_ack(record, result))
        elif emu.socket.open_connections == 0:
            record.errors.append("dispatch_failed")
        else:
            envelope: SocketEnvelope = {
                "envelope_id": new_envelope_id(),
                "type": "interactive",
                "payload": payload,
                "accepts_response_payload": True,
            }
            self._by_envelope[envelope["envelope_id"]] = record
            emu.socket.deliver(envelope)
        return record

    def socket_ack(self, envelope: SocketEnvelope, payload: JSON | None) -> None:
        record = self._by_envelope.pop(envelope["envelope_id"], None)
        if record is not None:
            self._apply_ack(record, payload or {})

    def socket_timeout(self, envelope: SocketEnvelope) -> None:
        record = self._by_envelope.pop(envelope["envelope_id"], None)
        if record is not None and record.ack is None:
            record.errors.append("operation_timeout")

    def _http_ack(self, record: InteractionRecord, result: AckResult) -> None:
        if result.ok:
            self._apply_ack(record, ack_payload_from_http(result.body, result.content_type))
        else:
            record.errors.append(
                "operation_timeout" if result.reason == "http_timeout" else "dispatch_failed"
            )

    def _apply_ack(self, record: InteractionRecord, payload: JSON) -> None:
        record.ack = payload
        record.ack_ms = round((time.monotonic() - record.created) * 1000, 1)
        if record.type == "view_submission" and record.view_id:
            view = self._emu.views.views.get(record.view_id)
            if view is not None:
                try:
                    self._emu.views.apply_submission_ack(view, payload)
                except SlackError as error:
                    record.errors.append(error.error)
