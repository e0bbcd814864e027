"""What moderation needs from Slack, checked with plain slack-bolt / slack_sdk programs:
message shortcuts from briefbot's manifest (Socket Mode and signed HTTP), roles in
``users.info``, ``usergroups.users.list``, ``chat.postEphemeral`` membership rules, the
bot's inability to delete a person's message, and reaction events gated by their scope."""

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
from emulators.slack.config import DEFAULT_BOT_SCOPES, DEFAULT_MANIFEST
from tests.eventually import eventually

from .conftest import Control, next_item

REMOVE = "briefbot_remove_everywhere"


def moderation_program(app: AsyncApp) -> asyncio.Queue[dict[str, Any]]:
    """A message shortcut that checks the user's role, tries to delete the message and
    answers the user privately: what anyone would write with bolt."""
    outcomes: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    @app.shortcut(REMOVE)
    async def remove(ack: Any, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        user = (await client.users_info(user=body["user"]["id"]))["user"]
        channel = body["channel"]["id"]
        try:
            await client.chat_delete(channel=channel, ts=body["message"]["ts"])
            error = None
        except SlackApiError as failure:
            error = failure.response["error"]
        await client.chat_postEphemeral(
            channel=channel, user=user["id"], text=f"admin={user['is_admin']} error={error}"
        )
        await outcomes.put({"body": body, "error": error, "admin": user["is_admin"]})

    return outcomes


async def _shortcut_scenario(emu: SlackEmulator, outcomes: asyncio.Queue[Any]) -> None:
    comment = emu.post_as_user("news", "ben", "a rude comment")
    emu.shortcut(REMOVE, "ana", "news", comment.ts)
    outcome = await next_item(outcomes)
    body = outcome["body"]
    assert body["type"] == "message_action" and body["callback_id"] == REMOVE
    assert body["message"]["ts"] == comment.ts and body["message"]["user"] == "U0BEN000001"
    assert body["trigger_id"] and body["response_url"].startswith(emu.base_url)
    assert outcome["admin"] is True  # Ana is the workspace's primary owner
    assert outcome["error"] == "cant_delete_message"  # a bot cannot delete a person's words
    assert not emu.messages("news")[-1].deleted
    ephemeral = [e for e in emu.workspace.ephemerals if e.user == "U0ANA000001"]
    assert [e.text for e in ephemeral] == ["admin=True error=cant_delete_message"]


async def test_message_shortcut_over_socket_mode(
    emu: SlackEmulator, app: AsyncApp, connect: Any
) -> None:
    outcomes = moderation_program(app)
    await connect()
    await _shortcut_scenario(emu, outcomes)


@pytest.fixture
async def http_bolt(emu: SlackEmulator, client: AsyncWebClient) -> AsyncIterator[AsyncApp]:
    app = AsyncApp(client=client, signing_secret=emu.signing_secret)
    runner = web.AppRunner(app.web_app(path="/slack/events"), shutdown_timeout=1.0)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    emu.set_request_url(f"http://{host}:{port}/slack/events")
    yield app
    await runner.cleanup()


@pytest.mark.parametrize("emulator_settings", [{"mode": "http"}])
async def test_message_shortcut_over_signed_http(emu: SlackEmulator, http_bolt: AsyncApp) -> None:
    outcomes = moderation_program(http_bolt)
    await _shortcut_scenario(emu, outcomes)


async def test_bot_deletes_only_its_own_messages(
    emu: SlackEmulator, client: AsyncWebClient
) -> None:
    person = emu.post_as_user("news", "ben", "mine")
    with pytest.raises(SlackApiError) as refused:
        await client.chat_delete(channel="news", ts=person.ts)
    assert refused.value.response["error"] == "cant_delete_message"
    own = await client.chat_postMessage(channel="news", text="the bot's")
    assert (await client.chat_delete(channel="news", ts=own["ts"]))["ok"]


async def test_message_shortcuts_are_only_in_a_messages_menu(
    emu: SlackEmulator, control: Control
) -> None:
    refused = await control.post("shortcuts", {"callback_id": REMOVE, "user": "ana"})
    assert refused["_status"] == 404


async def test_roles_in_users_info_and_changed_through_the_control_api(
    client: AsyncWebClient, control: Control
) -> None:
    ana = (await client.users_info(user="U0ANA000001"))["user"]
    assert (ana["is_admin"], ana["is_owner"], ana["is_primary_owner"]) == (True, True, True)
    ben = (await client.users_info(user="U0BEN000001"))["user"]
    assert (ben["is_admin"], ben["is_owner"]) == (False, False)
    changed = await control.call("PATCH", "users/ben", {"is_owner": True})
    assert changed["user"]["is_owner"] and changed["user"]["is_admin"]
    ben = (await client.users_info(user="U0BEN000001"))["user"]
    assert (ben["is_admin"], ben["is_owner"]) == (True, True)
    assert (await control.call("PATCH", "users/nobody", {"is_admin": True}))["_status"] == 404


async def test_usergroups_users_list(emu: SlackEmulator, client: AsyncWebClient) -> None:
    listed = await client.usergroups_users_list(usergroup="S0EDITORS01")
    assert listed["users"] == ["U0ANA000001", "U0CARA00001"]
    with pytest.raises(SlackApiError) as unknown:
        await client.usergroups_users_list(usergroup="S0NOPE00001")
    assert unknown.value.response["error"] == "no_such_subteam"


@pytest.mark.parametrize("emulator_settings", [{"bot_scopes": ("chat:write", "users:read")}])
async def test_usergroups_users_list_needs_usergroups_read(client: AsyncWebClient) -> None:
    with pytest.raises(SlackApiError) as refused:
        await client.usergroups_users_list(usergroup="S0EDITORS01")
    assert refused.value.response["error"] == "missing_scope"
    assert refused.value.response["needed"] == "usergroups:read"


async def test_ephemeral_needs_the_user_and_the_bot_in_the_channel(
    emu: SlackEmulator, client: AsyncWebClient, control: Control
) -> None:
    left = await control.call("DELETE", "channels/news/members/ben")
    assert left["removed"] is True
    with pytest.raises(SlackApiError) as absent_user:
        await client.chat_postEphemeral(channel="news", user="U0BEN000001", text="psst")
    assert absent_user.value.response["error"] == "user_not_in_channel"
    with pytest.raises(SlackApiError) as absent_bot:
        await client.chat_postEphemeral(channel="random", user="U0ANA000001", text="psst")
    assert absent_bot.value.response["error"] == "not_in_channel"
    joined = await control.post("channels/news/members", {"user": "ben"})
    assert joined["added"] is True
    assert (await client.chat_postEphemeral(channel="news", user="U0BEN000001", text="hi"))["ok"]
    seen = await control.get("ephemeral?user=U0BEN000001")
    assert [e["text"] for e in seen["ephemeral"]] == ["hi"]


def reaction_listener(app: AsyncApp) -> asyncio.Queue[dict[str, Any]]:
    seen: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    @app.event("reaction_added")
    async def added(event: dict[str, Any]) -> None:
        await seen.put(event)

    @app.event("message")
    async def message() -> None:
        return None

    return seen


async def test_a_person_reacting_reaches_the_app(
    emu: SlackEmulator, app: AsyncApp, connect: Any, control: Control
) -> None:
    seen = reaction_listener(app)
    await connect()
    comment = emu.post_as_user("news", "ben", "hmm")
    emu.react("news", comment.ts, "cara", "triangular_flag_on_post")
    event = await next_item(seen)
    assert event["reaction"] == "triangular_flag_on_post" and event["user"] == "U0CARA00001"
    assert event["item"] == {"type": "message", "channel": emu.channel_id("news"), "ts": comment.ts}
    assert event["item_user"] == "U0BEN000001"
    again = {"channel": "news", "ts": comment.ts, "user": "cara", "name": "triangular_flag_on_post"}
    assert (await control.post("reactions", again))["error"] == "already_reacted"


@pytest.mark.parametrize(
    "emulator_settings",
    [{"bot_events": (*DEFAULT_MANIFEST.bot_events, "reaction_removed")}],
)
async def test_taking_a_reaction_back_is_reaction_removed(
    emu: SlackEmulator, app: AsyncApp, connect: Any
) -> None:
    # docs.slack.dev/reference/events/reaction_removed: the same shape as reaction_added.
    removed: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    @app.event("reaction_removed")
    async def taken_back(event: dict[str, Any]) -> None:
        await removed.put(event)

    seen = reaction_listener(app)
    await connect()
    comment = emu.post_as_user("news", "ben", "hmm")
    emu.react("news", comment.ts, "cara", "triangular_flag_on_post")
    assert (await next_item(seen))["type"] == "reaction_added"
    emu.react("news", comment.ts, "cara", "triangular_flag_on_post", remove=True)
    event = await next_item(removed)
    assert (event["type"], event["reaction"], event["user"]) == (
        "reaction_removed",
        "triangular_flag_on_post",
        "U0CARA00001",
    )
    assert event["item"] == {"type": "message", "channel": emu.channel_id("news"), "ts": comment.ts}


@pytest.mark.parametrize(
    "emulator_settings",
    [{"bot_scopes": tuple(s for s in DEFAULT_BOT_SCOPES if s != "reactions:read")}],
)
async def test_reaction_events_need_reactions_read(
    emu: SlackEmulator, app: AsyncApp, connect: Any, control: Control
) -> None:
    seen = reaction_listener(app)
    await connect()
    comment = emu.post_as_user("news", "ben", "hmm")
    emu.react("news", comment.ts, "cara", "triangular_flag_on_post")

    async def counted() -> bool:
        stats = await control.get("stats")
        return bool(stats["events_unsubscribed"].get("reaction_added") == 1)

    await eventually(counted)
    assert seen.empty()


async def test_a_user_token_deletes_others_messages_only_while_its_person_is_an_admin(
    emu: SlackEmulator, client: AsyncWebClient, control: Control
) -> None:
    """https://api.slack.com/methods/chat.delete: a user token deletes what that person
    could delete in Slack; admins may delete others' messages."""
    ana = AsyncWebClient(
        token=(await control.post("users/ana/token"))["token"], base_url=emu.api_url
    )
    ben = AsyncWebClient(
        token=(await control.post("users/ben/token"))["token"], base_url=emu.api_url
    )
    assert (await control.post("users/nobody/token"))["_status"] == 404
    bens = emu.post_as_user("news", "ben", "ben's words")
    cara = emu.post_as_user("news", "cara", "cara's words")

    with pytest.raises(SlackApiError) as refused:
        await client.chat_delete(channel="news", ts=bens.ts)  # the bot token still cannot
    assert refused.value.response["error"] == "cant_delete_message"
    with pytest.raises(SlackApiError) as refused:
        await ben.chat_delete(channel="news", ts=cara.ts)  # a member, someone else's
    assert refused.value.response["error"] == "cant_delete_message"
    assert (await ben.chat_delete(channel="news", ts=bens.ts))["ok"]  # their own
    assert (await ana.chat_delete(channel="news", ts=cara.ts))["ok"]  # an admin, anyone's
    assert bens.deleted and cara.deleted

    again = emu.post_as_user("news", "cara", "again")
    await control.call(
        "PATCH", "users/ana", {"is_admin": False, "is_owner": False, "is_primary_owner": False}
    )
    with pytest.raises(SlackApiError) as refused:
        await ana.chat_delete(channel="news", ts=again.ts)  # demoted: read at each call
    assert refused.value.response["error"] == "cant_delete_message"
    with pytest.raises(SlackApiError) as refused:
        await ana.chat_postMessage(channel="news", text="as ana")
    assert refused.value.response["error"] == "not_allowed_token_type"
