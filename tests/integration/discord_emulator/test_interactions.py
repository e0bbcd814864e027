"""Slash commands: sync, run through the control API, defer + follow-up, deadlines."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import discord
from discord import app_commands

from .conftest import Runner
from .helpers import Control, make_client


def _brief_bot() -> tuple[discord.Client, app_commands.CommandTree[Any]]:
    client = make_client()
    tree: app_commands.CommandTree[Any] = app_commands.CommandTree(client)
    return client, tree


async def test_slash_command_defer_and_followup(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    guild = discord.Object(int(state["guild_id"]))
    client, tree = _brief_bot()
    handled = asyncio.Event()
    seen_urls: list[str] = []

    @tree.command(name="brief", description="Post a brief of an article", guild=guild)
    @app_commands.describe(url="Address of the article")
    async def brief(interaction: discord.Interaction, url: str) -> None:
        seen_urls.append(url)
        await interaction.response.defer(ephemeral=True, thinking=True)
        await interaction.followup.send(f"Brief queued for {url}")
        handled.set()

    async with running(client):
        synced = await tree.sync(guild=guild)
        assert [c.name for c in synced] == ["brief"]
        assert synced[0].options[0].name == "url"
        registered = await control.get("/commands")
        assert registered["commands"][0]["guild_id"] == state["guild_id"]

        run = await control.post(
            "/commands",
            {
                "name": "brief",
                "options": {"url": "https://example.org/bridge"},
                "channel_id": state["channels"]["news"],
                "user_id": state["reader"],
            },
        )
        await asyncio.wait_for(handled.wait(), 3)

    assert seen_urls == ["https://example.org/bridge"]
    view = await control.get(f"/commands/{run['id']}")
    assert view["acknowledged"] and view["deferred"] and view["ephemeral"]
    assert view["thinking"] is False
    assert view["original"]["content"] == "Brief queued for https://example.org/bridge"
    assert view["original"]["ephemeral"] is True
    kinds = [(r["kind"], r.get("callback_type")) for r in view["responses"]]
    assert kinds == [("initial", 5), ("followup", None)]
    assert view["responses"][0]["ephemeral"] is True
    assert view["responses"][1]["content"] == "Brief queued for https://example.org/bridge"
    assert view["responses"][0]["at_ms"] < 3000
    # Ephemeral messages never show up in the public channel history.
    public = await control.messages(state["channels"]["news"])
    assert all(not m["ephemeral"] for m in public if m["interaction_id"] is None)


async def test_immediate_response_and_second_ack_refused(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    guild = discord.Object(int(state["guild_id"]))
    client, tree = _brief_bot()
    errors: list[int] = []
    done = asyncio.Event()

    @tree.command(name="ping", description="Check the bot", guild=guild)
    async def ping(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("pong")
        with contextlib.suppress(discord.InteractionResponded):
            # discord.py tracks the first answer locally; ask the server directly below.
            await interaction.response.send_message("again")
        try:
            await client.http.request(
                discord.http.Route(
                    "POST",
                    "/interactions/{interaction_id}/{interaction_token}/callback",
                    interaction_id=interaction.id,
                    interaction_token=interaction.token,
                ),
                json={"type": 4, "data": {"content": "again"}},
            )
        except discord.HTTPException as exc:
            errors.append(exc.code)
        message = await interaction.original_response()
        await message.edit(content="pong (edited)")
        done.set()

    async with running(client):
        await tree.sync(guild=guild)
        run = await control.post(
            "/commands",
            {
                "name": "ping",
                "channel_id": state["channels"]["general"],
                "user_id": state["reader"],
            },
        )
        await asyncio.wait_for(done.wait(), 3)

    assert errors == [40060]
    view = await control.get(f"/commands/{run['id']}")
    assert view["original"]["content"] == "pong (edited)"
    assert view["ephemeral"] is False
    public = await control.messages(state["channels"]["general"])
    assert public[-1]["content"] == "pong (edited)"
    assert public[-1]["interaction_id"] == run["id"]


async def test_late_first_response_is_unknown_interaction(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    await control.post("/config", {"interaction_deadline_s": 0.2})
    guild = discord.Object(int(state["guild_id"]))
    client, tree = _brief_bot()
    codes: list[int] = []
    done = asyncio.Event()

    @tree.command(name="slow", description="Too slow", guild=guild)
    async def slow(interaction: discord.Interaction) -> None:
        await asyncio.sleep(0.4)
        try:
            await interaction.response.send_message("too late")
        except discord.NotFound as exc:
            codes.append(exc.code)
        done.set()

    async with running(client):
        await tree.sync(guild=guild)
        run = await control.post(
            "/commands",
            {"name": "slow", "channel_id": state["channels"]["news"], "user_id": state["reader"]},
        )
        await asyncio.wait_for(done.wait(), 3)

    assert codes == [10062]
    view = await control.get(f"/commands/{run['id']}")
    assert view["acknowledged"] is False
    assert view["responses"][0]["kind"] == "error"
    assert view["responses"][0]["code"] == 10062


async def test_unregistered_command_is_refused(control: Control, state: dict[str, Any]) -> None:
    body = {"name": "nope", "channel_id": state["channels"]["news"], "user_id": state["reader"]}
    error = await control.post("/commands", body, expect=404)
    assert "not registered" in error["error"]


async def test_global_command_ephemeral_reply_and_followups(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    client, tree = _brief_bot()
    seen: asyncio.Queue[discord.Message] = asyncio.Queue()
    done = asyncio.Event()

    @client.event
    async def on_message(message: discord.Message) -> None:
        await seen.put(message)

    @tree.command(name="status", description="Relay status")
    async def status(interaction: discord.Interaction, verbose: bool = False) -> None:
        await interaction.response.send_message(f"verbose={verbose}", ephemeral=True)
        extra = await interaction.followup.send("public note", wait=True)
        await extra.edit(content="public note (edited)")
        secret = await interaction.followup.send("just for you", ephemeral=True, wait=True)
        await secret.delete()
        done.set()

    async with running(client):
        synced = await tree.sync()
        assert synced[0].name == "status"
        assert "guild_id" not in (await control.get("/commands"))["commands"][0]
        thread_view = await control.post(
            "/threads", {"channel_id": "news", "user_id": state["reader"], "name": "Q&A"}
        )
        run = await control.post(
            "/commands",
            {
                "name": "status",
                "options": {"verbose": True},
                "channel_id": thread_view["id"],
                "user_id": state["reader"],
            },
        )
        await asyncio.wait_for(done.wait(), 3)
        public = await asyncio.wait_for(seen.get(), 3)  # ephemeral ones never reach the bot
        assert public.content.startswith("public note")  # the cached copy sees the edit
        assert public.interaction_metadata is not None
        assert public.interaction_metadata.user.id == int(state["reader"])

    view = await control.get(f"/commands/{run['id']}")
    assert view["original"]["content"] == "verbose=True" and view["original"]["ephemeral"]
    assert [m["content"] for m in view["followups"]] == ["public note (edited)", "just for you"]
    assert [m["deleted"] for m in view["followups"]] == [False, True]
    kinds = [r["kind"] for r in view["responses"]]
    assert kinds == ["initial", "followup", "edit", "followup", "delete"]
    in_thread = await control.messages(thread_view["id"])
    assert [m["ephemeral"] for m in in_thread] == [True, False, True]


async def test_followup_after_token_expiry_is_refused(
    running: Runner, control: Control, state: dict[str, Any]
) -> None:
    await control.post("/config", {"interaction_token_ttl_s": 0.3})
    guild = discord.Object(int(state["guild_id"]))
    client, tree = _brief_bot()
    codes: list[int] = []
    done = asyncio.Event()

    @tree.command(name="later", description="Answers too late", guild=guild)
    async def later(interaction: discord.Interaction) -> None:
        await interaction.response.defer()
        await asyncio.sleep(0.4)
        try:
            await interaction.followup.send("done")
        except discord.HTTPException as exc:
            codes.append(exc.code)
        done.set()

    async with running(client):
        await tree.sync(guild=guild)
        body = {"name": "later", "channel_id": "news", "user_id": state["reader"]}
        run = await control.post("/commands", body)
        await asyncio.wait_for(done.wait(), 3)
    assert codes == [50027]
    view = await control.get(f"/commands/{run['id']}")
    assert view["deferred"] and view["thinking"]  # the user is left with "is thinking..."
