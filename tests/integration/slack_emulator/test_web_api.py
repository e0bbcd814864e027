"""slack_sdk's AsyncWebClient against the emulator's Web API."""

from __future__ import annotations

import time
from typing import Any

import aiohttp
import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from emulators.slack import SlackEmulator

from .conftest import Control


async def test_auth_test_identifies_the_bot(emu: SlackEmulator, client: AsyncWebClient) -> None:
    auth = await client.auth_test()
    assert auth["user_id"] == emu.bot_user_id
    assert auth["bot_id"] == emu.bot_id
    assert auth["team_id"] == emu.team_id
    assert auth["team"] == "Riverside Gazette"
    assert "chat:write.customize" in auth.headers["x-oauth-scopes"]


async def test_relay_in_thread_with_identity_override_update_delete(
    emu: SlackEmulator, client: AsyncWebClient, control: Control
) -> None:
    brief = await client.chat_postMessage(
        channel="#news",
        text="Council approves budget",
        blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": "*Council* approves"}}],
        metadata={"event_type": "brief_posted", "event_payload": {"brief_id": "b1"}},
    )
    news = brief["channel"]
    assert news == emu.channel_id("news")
    relayed = await client.chat_postMessage(
        channel=news,
        thread_ts=brief["ts"],
        text="I disagree",
        username="Ana (Discord)",
        icon_url="https://cdn.example/ana.png",
    )
    assert relayed["message"]["username"] == "Ana (Discord)"
    assert relayed["message"]["subtype"] == "bot_message"
    assert relayed["message"]["bot_id"] == emu.bot_id
    assert relayed["message"]["thread_ts"] == brief["ts"]

    await client.chat_update(channel=news, ts=relayed["ts"], text="I disagree (edited)")
    thread = await client.conversations_replies(
        channel=news, ts=brief["ts"], include_all_metadata=True
    )
    parent, reply = thread["messages"]
    assert parent["reply_count"] == 1
    assert parent["metadata"] == {
        "event_type": "brief_posted",
        "event_payload": {"brief_id": "b1"},
    }
    assert reply["text"] == "I disagree (edited)"
    assert reply["edited"]["user"] == emu.bot_user_id
    assert reply["icons"]["image_48"] == "https://cdn.example/ana.png"
    plain = await client.conversations_replies(channel=news, ts=brief["ts"])
    assert "metadata" not in plain["messages"][0]

    await client.chat_delete(channel=news, ts=relayed["ts"])
    thread = await client.conversations_replies(channel=news, ts=brief["ts"])
    assert len(thread["messages"]) == 1
    listing = await control.get(f"channels/{news}/messages")
    [shown] = listing["messages"]
    assert shown["replies"][0]["deleted"] is True
    assert shown["replies"][0]["username"] == "Ana (Discord)"

    link = await client.chat_getPermalink(channel=news, message_ts=brief["ts"])
    assert link["permalink"].endswith(f"/archives/{news}/p{brief['ts'].replace('.', '')}")


async def test_replies_pagination_and_history(emu: SlackEmulator, client: AsyncWebClient) -> None:
    parent = await client.chat_postMessage(channel="general", text="parent")
    for n in range(5):
        await client.chat_postMessage(channel="general", text=f"r{n}", thread_ts=parent["ts"])
    texts: list[str] = []
    cursor = None
    pages = 0
    while True:
        page = await client.conversations_replies(
            channel=parent["channel"], ts=parent["ts"], limit=2, cursor=cursor
        )
        texts += [m["text"] for m in page["messages"]]
        pages += 1
        cursor = page["response_metadata"]["next_cursor"]
        if not page["has_more"]:
            break
    assert texts == ["parent", "r0", "r1", "r2", "r3", "r4"]
    assert pages == 3
    history = await client.conversations_history(channel=parent["channel"])
    assert [m["text"] for m in history["messages"]] == ["parent"]
    assert history["messages"][0]["reply_count"] == 5


@pytest.mark.parametrize(
    ("blocks", "fragment"),
    [
        ([{"type": "divider"}] * 51, "/blocks"),
        ([{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}], "/blocks/0/text"),
        ([{"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}], "/blocks/0"),
        ([{"type": "carousel"}], "/blocks/0/type"),
        (
            [{"type": "section", "fields": [{"type": "mrkdwn", "text": "f"}] * 11}],
            "/blocks/0/fields",
        ),
    ],
)
async def test_invalid_blocks(
    client: AsyncWebClient, blocks: list[dict[str, Any]], fragment: str
) -> None:
    with pytest.raises(SlackApiError) as raised:
        await client.chat_postMessage(channel="news", text="t", blocks=blocks)
    assert raised.value.response["error"] == "invalid_blocks"
    assert fragment in raised.value.response["errors"][0]


async def test_long_text_is_truncated_with_a_warning(
    emu: SlackEmulator, client: AsyncWebClient
) -> None:
    posted = await client.chat_postMessage(channel="news", text="a" * 40_001)
    assert posted["response_metadata"]["warnings"] == ["message_truncated"]
    assert len(emu.messages("news")[-1].text) == 40_000
    with pytest.raises(SlackApiError) as raised:
        await client.chat_update(channel="news", ts=posted["ts"], text="b" * 40_001)
    assert raised.value.response["error"] == "msg_too_long"


async def test_error_codes(emu: SlackEmulator, client: AsyncWebClient) -> None:
    user_msg = emu.post_as_user("news", "ana", "mine")

    async def error_of(call: Any) -> str:
        with pytest.raises(SlackApiError) as raised:
            await call
        assert raised.value.response.status_code == 200
        return str(raised.value.response["error"])

    with pytest.warns(UserWarning, match="text"):
        assert await error_of(client.chat_postMessage(channel="news")) == "no_text"
    assert await error_of(client.chat_postMessage(channel="C404", text="x")) == "channel_not_found"
    assert await error_of(client.chat_update(channel="news", ts="1.000001", text="x")) == (
        "message_not_found"
    )
    assert await error_of(client.chat_update(channel="news", ts=user_msg.ts, text="x")) == (
        "cant_update_message"
    )
    assert await error_of(client.chat_delete(channel="news", ts=user_msg.ts)) == (
        "cant_delete_message"
    )
    assert await error_of(client.conversations_replies(channel="news", ts="1.000001")) == (
        "thread_not_found"
    )
    bad = AsyncWebClient(token="xoxb-wrong", base_url=emu.api_url)
    assert await error_of(bad.auth_test()) == "invalid_auth"
    anonymous = AsyncWebClient(base_url=emu.api_url)
    assert await error_of(anonymous.auth_test()) == "not_authed"
    assert await error_of(client.apps_connections_open(app_token="xapp-nope")) == "invalid_auth"


async def test_identity_override_needs_the_customize_scope() -> None:
    async with SlackEmulator(bot_scopes=("chat:write",)) as emu:
        client = AsyncWebClient(token=emu.bot_token, base_url=emu.api_url)
        with pytest.raises(SlackApiError) as raised:
            await client.chat_postMessage(channel="news", text="x", username="Ana (Discord)")
        assert raised.value.response["error"] == "missing_scope"
        assert raised.value.response["needed"] == "chat:write.customize"


async def test_burst_is_rate_limited_and_the_retry_handler_delivers_all_in_order(
    emu: SlackEmulator, client: AsyncWebClient, control: Control
) -> None:
    await control.post(
        "ratelimits",
        {"enabled": True, "post_per_channel_per_second": 5, "post_per_channel_burst": 5},
    )
    async with aiohttp.ClientSession() as session:
        statuses = []
        for _ in range(6):
            async with session.post(
                f"{emu.api_url}chat.postMessage",
                json={"channel": "general", "text": "raw"},
                headers={"Authorization": f"Bearer {emu.bot_token}"},
            ) as resp:
                statuses.append((resp.status, resp.headers.get("Retry-After")))
                body = await resp.json()
        assert statuses[-1] == (429, "1")
        assert body == {"ok": False, "error": "ratelimited"}

    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=3))
    started = time.monotonic()
    for n in range(15):
        await client.chat_postMessage(channel="news", text=f"comment {n}")
    assert time.monotonic() - started < 20  # recovered, did not hang (not a speed check)
    assert [m.text for m in emu.messages("news")] == [f"comment {n}" for n in range(15)]
    stats = await control.get("stats")
    assert stats["ratelimited"]["chat.postMessage"] >= 2


async def test_faults_make_a_method_fail(
    emu: SlackEmulator, client: AsyncWebClient, control: Control
) -> None:
    await control.post("faults", {"method": "chat.update", "error": "edit_window_closed"})
    await control.post("faults", {"method": "chat.postMessage", "status": 503, "count": 1})
    with pytest.raises(SlackApiError) as raised:
        await client.chat_postMessage(channel="news", text="x")
    assert raised.value.response.status_code == 503
    posted = await client.chat_postMessage(channel="news", text="x")
    with pytest.raises(SlackApiError) as raised:
        await client.chat_update(channel="news", ts=posted["ts"], text="y")
    assert raised.value.response["error"] == "edit_window_closed"
    await client.chat_update(channel="news", ts=posted["ts"], text="y")
    assert (await control.get("faults"))["faults"] == []


async def test_directory_methods(emu: SlackEmulator, client: AsyncWebClient) -> None:
    info = await client.conversations_info(channel=emu.channel_id("news"))
    assert info["channel"]["name"] == "news"
    listed = await client.conversations_list()
    member_of = {c["name"]: c["is_member"] for c in listed["channels"]}
    assert member_of == {"news": True, "general": True, "random": False}
    ana = await client.users_info(user="U0ANA000001")
    assert ana["user"]["profile"]["display_name"] == "Ana"
    assert ana["user"]["profile"]["image_72"].startswith("https://")
    members = await client.users_list()
    assert len(members["members"]) == 4
    team_emu = SlackEmulator(bot_scopes=(*emu.config.bot_scopes, "team:read"))
    async with team_emu:
        team_client = AsyncWebClient(token=team_emu.bot_token, base_url=team_emu.api_url)
        team = await team_client.team_info()
    assert team["team"]["id"] == emu.team_id
    bot = await client.bots_info(bot=emu.bot_id)
    assert bot["bot"]["user_id"] == emu.bot_user_id
    groups = await client.usergroups_list(include_users=True)
    assert groups["usergroups"][0]["users"] == ["U0ANA000001", "U0CARA00001"]
    eph = await client.chat_postEphemeral(channel="news", user="U0ANA000001", text="psst")
    assert eph["message_ts"]


async def test_form_bodies_query_strings_and_token_parameter(emu: SlackEmulator) -> None:
    api = emu.api_url
    async with aiohttp.ClientSession() as session:
        form = {
            "token": emu.bot_token,
            "channel": "news",
            "text": "from a form",
            "blocks": '[{"type": "divider"}]',
        }
        async with session.post(f"{api}chat.postMessage", data=form) as resp:
            posted = await resp.json()
        assert posted["ok"] is True
        assert posted["message"]["blocks"] == [{"type": "divider"}]
        form["blocks"] = "[not json"
        async with session.post(f"{api}chat.postMessage", data=form) as resp:
            assert (await resp.json())["error"] == "invalid_blocks_format"
        query = {"token": emu.bot_token, "channel": posted["channel"], "ts": posted["ts"]}
        async with session.get(f"{api}conversations.replies", params=query) as resp:
            replies = await resp.json()
        assert [m["text"] for m in replies["messages"]] == ["from a form"]
        async with session.post(f"{api}nope.method", data={"token": emu.bot_token}) as resp:
            assert (await resp.json())["error"] == "unknown_method"


async def test_history_window(emu: SlackEmulator, client: AsyncWebClient) -> None:
    stamps = [
        (await client.chat_postMessage(channel="general", text=f"m{n}"))["ts"] for n in range(4)
    ]
    window = await client.conversations_history(
        channel="general", oldest=stamps[1], latest=stamps[3]
    )
    assert [m["text"] for m in window["messages"]] == ["m2"]
    inclusive = await client.conversations_history(
        channel="general", oldest=stamps[1], latest=stamps[3], inclusive=True
    )
    assert [m["text"] for m in inclusive["messages"]] == ["m3", "m2", "m1"]
    paged = await client.conversations_history(channel="general", limit=3)
    assert paged["has_more"] is True
    rest = await client.conversations_history(
        channel="general", limit=3, cursor=paged["response_metadata"]["next_cursor"]
    )
    assert [m["text"] for m in rest["messages"]] == ["m0"]


async def test_ephemeral_messages_are_listed(
    emu: SlackEmulator, client: AsyncWebClient, control: Control
) -> None:
    await client.chat_postEphemeral(channel="news", user="U0BEN000001", text="only Ben")
    listed = await control.get("ephemeral?user=U0BEN000001")
    [item] = listed["ephemeral"]
    assert item["text"] == "only Ben"
    assert item["channel"] == emu.channel_id("news")
    assert (await control.get("ephemeral?user=U0ANA000001"))["ephemeral"] == []


async def test_injected_429_is_retried_by_the_sdk(
    emu: SlackEmulator, client: AsyncWebClient, control: Control
) -> None:
    await control.post("faults", {"method": "conversations.info", "status": 429, "count": 1})
    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=1))
    info = await client.conversations_info(channel="news")
    assert info["channel"]["id"] == emu.channel_id("news")
    assert (await control.get("stats"))["ratelimited"] == {"conversations.info": 1}
