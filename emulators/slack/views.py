"""Modals: trigger ids, the view stack of each user, and ``views.open/push/update``.

Facts (docs.slack.dev/surfaces/modals, /reference/methods/views.open, views.push):
a ``trigger_id`` comes with an interaction, opens a modal within 3 seconds and only once;
``views.push`` needs a trigger from an interaction *inside* an open modal and a stack holds
at most 3 views; ``views.update`` takes ``view_id`` or ``external_id`` and an optional
``hash`` that must match (``hash_conflict``); a modal has at most 100 blocks and a title
of at most 24 characters.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import SlackError
from .request import ApiRequest
from .validation import block_errors

if TYPE_CHECKING:
    from .emulator import Emulator

__all__ = ["VIEW_METHODS", "Trigger", "View", "Views", "new_trigger_id"]

JSON = dict[str, Any]
MAX_STACK = 3
MAX_MODAL_BLOCKS = 100
MAX_TITLE = 24


def new_trigger_id() -> str:
    """Shaped like Slack's: ``<seconds>.<number>.<hex>``."""
    return f"{int(time.time())}.{secrets.randbelow(10**12)}.{secrets.token_hex(16)}"


@dataclass
class Trigger:
    user: str
    issued: float = field(default_factory=time.monotonic)
    # The modal the interaction happened in (``views.push`` needs one).
    view_id: str | None = None
    used: bool = False


@dataclass
class View:
    """One modal as the app defined it, plus what the user typed into it."""

    id: str
    user: str
    definition: JSON
    hash: str
    root_view_id: str
    previous_view_id: str | None = None
    state: str = "open"  # open | closed | submitted
    values: JSON = field(default_factory=dict)
    errors: JSON = field(default_factory=dict)

    def as_json(self, emu: Emulator) -> JSON:
        """The view object Slack returns and sends in view payloads."""
        d = self.definition
        return {
            "id": self.id,
            "team_id": emu.ws.team.id,
            "type": d.get("type", "modal"),
            "blocks": d.get("blocks", []),
            "private_metadata": d.get("private_metadata", ""),
            "callback_id": d.get("callback_id", ""),
            "state": {"values": self.values},
            "hash": self.hash,
            "title": d.get("title"),
            "clear_on_close": bool(d.get("clear_on_close")),
            "notify_on_close": bool(d.get("notify_on_close")),
            "close": d.get("close"),
            "submit": d.get("submit"),
            "previous_view_id": self.previous_view_id,
            "root_view_id": self.root_view_id,
            "app_id": emu.ws.bot.app_id,
            "external_id": d.get("external_id", ""),
            "app_installed_team_id": emu.ws.team.id,
            "bot_id": emu.ws.bot.bot_id,
        }

    def inspect(self, emu: Emulator) -> JSON:
        """The control API's view: the view object, its user, state and errors shown."""
        return {
            "id": self.id,
            "user": self.user,
            "state": self.state,
            "errors": self.errors,
            "view": self.as_json(emu),
        }


def _check_definition(view: Any) -> JSON:
    if not isinstance(view, dict):
        raise SlackError("invalid_arguments", detail="view must be an object")
    problems: list[str] = []
    if view.get("type") != "modal":
        problems.append("must be modal [json-pointer:/view/type]")
    title = view.get("title")
    text = title.get("text") if isinstance(title, dict) else None
    if not isinstance(text, str) or not text or len(text) > MAX_TITLE:
        problems.append(f"must be 1 to {MAX_TITLE} characters [json-pointer:/view/title/text]")
    problems.extend(block_errors(view.get("blocks", []), MAX_MODAL_BLOCKS))
    if problems:
        raise SlackError(
            "invalid_arguments",
            response_metadata={"messages": [f"[ERROR] {p}" for p in problems]},
        )
    return view


class Views:
    """Trigger ids handed out with interactions, and every modal opened."""

    def __init__(self, emu: Emulator) -> None:
        self._emu = emu
        self.triggers: dict[str, Trigger] = {}
        self.views: dict[str, View] = {}
        self.stacks: dict[str, list[str]] = {}

    def clear(self) -> None:
        self.triggers.clear()
        self.views.clear()
        self.stacks.clear()

    def issue_trigger(self, user: str, view_id: str | None = None) -> str:
        trigger_id = new_trigger_id()
        self.triggers[trigger_id] = Trigger(user=user, view_id=view_id)
        return trigger_id

    def register_trigger(self, trigger_id: str, user: str) -> None:
        self.triggers[trigger_id] = Trigger(user=user)

    def _use_trigger(self, req: ApiRequest) -> Trigger:
        trigger = self.triggers.get(req.require("trigger_id"))
        if trigger is None:
            raise SlackError("invalid_trigger_id")
        if trigger.used:
            raise SlackError("exchanged_trigger_id")
        if time.monotonic() - trigger.issued > self._emu.config.trigger_ttl:
            raise SlackError("expired_trigger_id")
        trigger.used = True
        return trigger

    def _new(self, user: str, definition: JSON, root: str | None, previous: str | None) -> View:
        view_id = "V" + secrets.token_hex(5).upper()
        view = View(
            id=view_id,
            user=user,
            definition=definition,
            hash=f"{int(time.time())}.{secrets.token_hex(4)}",
            root_view_id=root or view_id,
            previous_view_id=previous,
        )
        self.views[view_id] = view
        return view

    def top(self, user: str) -> View | None:
        stack = self.stacks.get(user) or []
        return self.views[stack[-1]] if stack else None

    # --- Web API ---------------------------------------------------------------------
    def open(self, req: ApiRequest) -> JSON:
        definition = _check_definition(req.json("view", "invalid_arguments"))
        trigger = self._use_trigger(req)
        for old in self.stacks.get(trigger.user, []):
            self.views[old].state = "closed"
        view = self._new(trigger.user, definition, None, None)
        self.stacks[trigger.user] = [view.id]
        return {"view": view.as_json(self._emu)}

    def push(self, req: ApiRequest) -> JSON:
        definition = _check_definition(req.json("view", "invalid_arguments"))
        trigger = self._use_trigger(req)
        return {"view": self.push_view(trigger.user, definition, trigger.view_id)}

    def push_view(self, user: str, definition: JSON, from_view: str | None) -> JSON:
        stack = self.stacks.get(user) or []
        if from_view is None or from_view not in stack:
            # A push needs a trigger from an interaction inside the open modal.
            raise SlackError("invalid_trigger_id")
        if len(stack) >= MAX_STACK:
            raise SlackError("push_limit_reached")
        view = self._new(user, definition, stack[0], stack[-1])
        stack.append(view.id)
        return view.as_json(self._emu)

    def update(self, req: ApiRequest) -> JSON:
        definition = _check_definition(req.json("view", "invalid_arguments"))
        view = self._find(req.text("view_id"), req.text("external_id"))
        wanted_hash = req.text("hash")
        if wanted_hash is not None and wanted_hash != view.hash:
            raise SlackError("hash_conflict")
        return {"view": self.replace(view, definition)}

    def replace(self, view: View, definition: JSON) -> JSON:
        view.definition = definition
        view.hash = f"{int(time.time())}.{secrets.token_hex(4)}"
        view.errors = {}
        return view.as_json(self._emu)

    def _find(self, view_id: str | None, external_id: str | None) -> View:
        for view in self.views.values():
            if view.state != "open":
                continue
            if (view_id and view.id == view_id) or (
                external_id and view.definition.get("external_id") == external_id
            ):
                return view
        raise SlackError("not_found")

    # --- what the user does -------------------------------------------------------------
    def close(self, view: View, *, everything: bool = False) -> None:
        """Close ``view`` (and the views above it), or the whole stack."""
        stack = self.stacks.get(view.user) or []
        keep = [] if everything or view.id not in stack else stack[: stack.index(view.id)]
        for gone in stack[len(keep) :]:
            self.views[gone].state = "closed"
        self.stacks[view.user] = keep

    def apply_submission_ack(self, view: View, ack: JSON) -> None:
        """What the app's answer to ``view_submission`` does (``response_action``)."""
        action = ack.get("response_action")
        if action == "errors":
            errors = ack.get("errors")
            view.errors = dict(errors) if isinstance(errors, dict) else {}
            return
        if action == "update" and isinstance(ack.get("view"), dict):
            self.replace(view, _check_definition(ack["view"]))
            return
        if action == "push" and isinstance(ack.get("view"), dict):
            self.push_view(view.user, _check_definition(ack["view"]), view.id)
            return
        view.state = "submitted"
        self.close(view, everything=action == "clear")
        view.state = "submitted"


def _views_open(emu: Emulator, req: ApiRequest) -> JSON:
    return emu.views.open(req)


def _views_push(emu: Emulator, req: ApiRequest) -> JSON:
    return emu.views.push(req)


def _views_update(emu: Emulator, req: ApiRequest) -> JSON:
    return emu.views.update(req)


VIEW_METHODS = {
    "views.open": _views_open,
    "views.push": _views_push,
    "views.update": _views_update,
}
