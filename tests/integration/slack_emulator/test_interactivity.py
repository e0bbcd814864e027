"""Shortcuts, block actions, options, modals and reactions: one plain slack-bolt program,
run over Socket Mode and over HTTP against the emulator."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from emulators.slack import SlackEmulator
from tests.eventually import eventually

from .conftest import Control, next_item

INTERACTIVE: dict[str, Any] = {
    "interactivity": True,
    "shortcuts": ("take_note", "flag_message"),
    "message_shortcuts": ("flag_message",),
    "bot_scopes": ("chat:write", "channels:history", "reactions:read", "reactions:write"),
    "bot_events": ("message.channels", "reaction_added"),
}

NOTE_MODAL = {
    "type": "modal",
    "callback_id": "note_modal",
    "title": {"type": "plain_text", "text": "Take a note"},
    "submit": {"type": "plain_text", "text": "Save"},
    "blocks": [
        {
            "type": "input",
            "block_id": "note",
            "label": {"type": "plain_text", "text": "Note"},
            "element": {"type": "plain_text_input", "action_id": "text"},
        }
    ],
}

PROMPT_BLOCKS = [
    {"type": "section", "text": {"type": "mrkdwn", "text": "Publish this brief?"}},
    {
        "type": "actions",
        "block_id": "decide",
        "elements": [
            {
                "type": "button",
                "action_id": "approve",
                "text": {"type": "plain_text", "text": "Approve"},
                "value": "brief-7",
            },
            {
                "type": "external_select",
                "action_id": "topic",
                "placeholder": {"type": "plain_text", "text": "Topic"},
            },
        ],
    },
]


class Seen:
    """What the bolt program's listeners received, one queue per kind."""

    def __init__(self) -> None:
        self.queues: dict[str, asyncio.Queue[dict[str, Any]]] = {}

    def put(self, kind: str, body: dict[str, Any]) -> None:
        self.queues.setdefault(kind, asyncio.Queue()).put_nowait(body)

    async def next(self, kind: str) -> dict[str, Any]:
        item: dict[str, Any] = await next_item(self.queues.setdefault(kind, asyncio.Queue()))
        return item


def bolt_program(app: AsyncApp) -> Seen:
    """A small interactive app, written as anyone would with slack-bolt."""
    seen = Seen()

    @app.shortcut("take_note")
    async def take_note(ack: Any, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        await client.views_open(trigger_id=body["trigger_id"], view=NOTE_MODAL)
        seen.put("shortcut", body)

    @app.shortcut("flag_message")
    async def flag(ack: Any, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        await client.reactions_add(
            channel=body["channel"]["id"], timestamp=body["message"]["ts"], name="eyes"
        )
        seen.put("message_shortcut", body)

    @app.view("note_modal")
    async def note(ack: Any, body: dict[str, Any], view: dict[str, Any]) -> None:
        typed = view["state"]["values"]["note"]["text"]["value"]
        if not typed:
            await ack(response_action="errors", errors={"note": "Write something first."})
            return
        await ack()
        seen.put("view", body)

    @app.action("approve")
    async def approve(ack: Any, body: dict[str, Any], respond: Any) -> None:
        await ack()
        seen.put("action", body)
        await respond(replace_original=True, text="Approved by the desk.")

    @app.options("topic")
    async def topics(ack: Any, body: dict[str, Any]) -> None:
        typed = body["value"].lower()
        options = [
            {"text": {"type": "plain_text", "text": name.title()}, "value": name}
            for name in ("harbour", "housing", "schools")
            if name.startswith(typed)
        ]
        await ack(options=options)
        seen.put("options", body)

    @app.event("reaction_added")
    async def reacted(event: dict[str, Any]) -> None:
        seen.put("reaction", event)

    @app.event("message")
    async def message() -> None:
        return None

    return seen


async def run_scenario(
    emu: SlackEmulator, client: AsyncWebClient, control: Control, seen: Seen
) -> None:
    # A global shortcut opens a modal through views.open with its trigger_id.
    started = await control.post("shortcuts", {"callback_id": "take_note", "user": "ana"})
    assert started["ok"], started
    body = await seen.next("shortcut")
    assert body["type"] == "shortcut" and body["user"]["id"] == "U0ANA000001"
    views = (await control.get("views?user=ana"))["views"]
    [opened] = [v for v in views if v["state"] == "open"]
    assert opened["view"]["callback_id"] == "note_modal"

    # Submitting it empty: the app answers with errors and the modal stays open.
    empty = await control.post(f"views/{opened['id']}/submit", {"values": {}})

    async def answered(interaction_id: str) -> dict[str, Any]:
        record: dict[str, Any] = {}

        async def acked() -> bool:
            nonlocal record
            record = await control.get(f"interactions/{interaction_id}")
            return bool(record["acked"] or record["errors"])

        await eventually(acked)
        return record

    refused = await answered(empty["id"])
    assert refused["ack"] == {
        "response_action": "errors",
        "errors": {"note": "Write something first."},
    }
    shown = await control.get(f"views/{opened['id']}")
    assert shown["state"] == "open" and shown["errors"] == {"note": "Write something first."}

    filled = {"values": {"note": {"text": "Ferry story needs a photo"}}}
    await control.post(f"views/{opened['id']}/submit", filled)
    submitted = await seen.next("view")
    assert submitted["type"] == "view_submission"
    assert submitted["view"]["state"]["values"]["note"]["text"] == {
        "type": "plain_text_input",
        "value": "Ferry story needs a photo",
    }
    await eventually(lambda: _view_state(control, opened["id"], "submitted"))

    # A button on the bot's own message: block_actions, then respond() replaces it.
    prompt = await client.chat_postMessage(channel="news", text="Publish?", blocks=PROMPT_BLOCKS)
    click = {"user": "ben", "channel": "news", "message_ts": prompt["ts"], "action_id": "approve"}
    assert (await control.post("actions", click))["ok"]
    action = await seen.next("action")
    assert action["type"] == "block_actions"
    assert action["actions"][0]["value"] == "brief-7"
    assert action["container"]["message_ts"] == prompt["ts"]
    assert action["channel"]["id"] == emu.channel_id("news")

    async def replaced() -> bool:
        messages = (await control.get("channels/news/messages"))["messages"]
        return any(
            m["ts"] == prompt["ts"] and m["text"] == "Approved by the desk." for m in messages
        )

    await eventually(replaced)

    # An external select asks for options; the ack carries them.
    typed = {"user": "ben", "channel": "news", "message_ts": prompt["ts"], "action_id": "topic"}
    asked = await control.post("options", {**typed, "value": "h"})
    suggestion = await seen.next("options")
    assert suggestion["type"] == "block_suggestion" and suggestion["value"] == "h"
    record = await answered(asked["id"])
    assert [o["value"] for o in record["ack"]["options"]] == ["harbour", "housing"]

    # A message shortcut: the app reacts with reactions.add.
    story = await control.post("messages", {"channel": "news", "user": "cara", "text": "Story?"})
    ts = story["message"]["ts"]
    flagged = {"callback_id": "flag_message", "user": "cara", "channel": "news", "message_ts": ts}
    assert (await control.post("shortcuts", flagged))["ok"]
    shortcut = await seen.next("message_shortcut")
    assert shortcut["type"] == "message_action"
    assert shortcut["message"]["text"] == "Story?"
    assert shortcut["response_url"].startswith(emu.base_url)
    reactions = await client.reactions_get(channel="news", timestamp=ts)
    assert reactions["message"]["reactions"] == [
        {"name": "eyes", "users": [emu.bot_user_id], "count": 1}
    ]

    # A person reacts: reaction_added reaches the app.
    await control.post("reactions", {"channel": "news", "ts": ts, "user": "ana", "name": "tada"})
    reaction = await seen.next("reaction")
    assert reaction["reaction"] == "tada" and reaction["user"] == "U0ANA000001"
    assert reaction["item"] == {"type": "message", "channel": emu.channel_id("news"), "ts": ts}


async def _view_state(control: Control, view_id: str, state: str) -> bool:
    return bool((await control.get(f"views/{view_id}"))["state"] == state)


@pytest.mark.parametrize("emulator_settings", [INTERACTIVE])
async def test_bolt_program_over_socket_mode(
    emu: SlackEmulator, app: AsyncApp, client: AsyncWebClient, connect: Any, control: Control
) -> None:
    seen = bolt_program(app)
    await connect()
    await run_scenario(emu, client, control, seen)


@pytest.fixture
async def http_bolt(emu: SlackEmulator, client: AsyncWebClient) -> AsyncIterator[AsyncApp]:
    """A bolt app on its own aiohttp server; the emulator posts interactions to it, signed."""
    app = AsyncApp(client=client, signing_secret=emu.signing_secret)
    runner = web.AppRunner(app.web_app(path="/slack/events"), shutdown_timeout=1.0)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    emu.set_request_url(f"http://{host}:{port}/slack/events")
    yield app
    await runner.cleanup()


@pytest.mark.parametrize("emulator_settings", [{**INTERACTIVE, "mode": "http"}])
async def test_bolt_program_over_http(
    emu: SlackEmulator, http_bolt: AsyncApp, client: AsyncWebClient, control: Control
) -> None:
    seen = bolt_program(http_bolt)
    await run_scenario(emu, client, control, seen)


@pytest.mark.parametrize("emulator_settings", [{"interactivity": False, "shortcuts": ()}])
async def test_interactivity_off_in_the_manifest_means_no_interactions(
    emu: SlackEmulator, control: Control
) -> None:
    refused = await control.post("shortcuts", {"callback_id": "anything", "user": "ana"})
    assert refused["_status"] == 404  # the manifest declares no shortcuts
    prompt = await control.post("messages", {"channel": "news", "user": "ana", "text": "x"})
    click = {"user": "ben", "channel": "news", "message_ts": prompt["message"]["ts"]}
    assert (await control.post("actions", {**click, "action_id": "a"}))["ok"] is False


@pytest.mark.parametrize("emulator_settings", [INTERACTIVE])
async def test_a_trigger_id_opens_one_modal_within_three_seconds(
    emu: SlackEmulator, client: AsyncWebClient
) -> None:
    record = emu.run_command("/brief", "", "news", "ana")
    trigger = record.form["trigger_id"]
    opened = await client.views_open(trigger_id=trigger, view=NOTE_MODAL)
    assert opened["view"]["id"].startswith("V")
    for bad, error in ((trigger, "exchanged_trigger_id"), ("1.2.nope", "invalid_trigger_id")):
        with pytest.raises(SlackApiError) as refused:
            await client.views_open(trigger_id=bad, view=NOTE_MODAL)
        assert refused.value.response["error"] == error
    emu.config.trigger_ttl = 0.0
    late = emu.run_command("/brief", "", "news", "ana").form["trigger_id"]
    with pytest.raises(SlackApiError) as refused:
        await client.views_open(trigger_id=late, view=NOTE_MODAL)
    assert refused.value.response["error"] == "expired_trigger_id"
    updated = await client.views_update(
        view_id=opened["view"]["id"], view={**NOTE_MODAL, "private_metadata": "v2"}
    )
    assert updated["view"]["private_metadata"] == "v2"
    with pytest.raises(SlackApiError) as refused:
        await client.views_update(view_id=opened["view"]["id"], hash="stale", view=NOTE_MODAL)
    assert refused.value.response["error"] == "hash_conflict"
