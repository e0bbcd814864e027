"""``/feed`` through the real discord.py and slack-bolt against the emulators."""

from __future__ import annotations

from pathlib import Path

from adapters.slack import messages as slack_messages
from adapters.slack.mrkdwn import escape_slack
from bot.services.feeds import USAGE
from tests.eventually import eventually
from tests.integration.adapters.discord_world import discord_world
from tests.integration.adapters.slack_env import slack_env

FEED = "https://ledger.example/feed.xml"


async def test_discord_feed_add_list_pause_resume_remove(tmp_path: Path) -> None:
    async with discord_world(tmp_path) as world:
        await world.start_bot()

        async def feed(sub: str, options: dict[str, object]) -> str:
            answer = await world.control.command("feed", "news", "editor.riverside", {sub: options})
            assert answer["ephemeral"]
            text: str = answer["original"]["content"]
            return text

        added = await feed("add", {"url": FEED})
        assert added.startswith(f"Subscribed to {FEED} as feed #1")
        assert (await feed("add", {"url": FEED})).startswith(
            "This channel or one linked with it already follows"
        )
        assert await feed("add", {"url": "ftp://nowhere"}) == (
            "A feed address starts with http:// or https://."
        )
        assert (await feed("list", {})).startswith(f"#1 {FEED} — active")
        assert (await feed("pause", {"id": 1})).endswith("is paused.")
        assert "paused: " in await feed("list", {})
        assert (await feed("resume", {"id": 1})).endswith("will be checked now.")
        assert await feed("remove", {"id": 7}) == (
            "There is no feed #7 in this channel or the channels linked with it."
        )
        assert (await feed("remove", {"id": 1})).startswith("Feed #1")
        assert (await feed("list", {})).startswith("No feeds here yet")
        # Discord shows /feed to moderators only (members with Manage Messages).
        [group] = [c for c in (await world.control.state())["commands"] if c["name"] == "feed"]
        assert group["default_member_permissions"] == "8192"  # Manage Messages (moderators)


async def test_slack_feed_commands_for_moderators_only(tmp_path: Path) -> None:
    async with slack_env(tmp_path) as env:
        runner = env.new_runner()
        await runner.start()

        async def feed(text: str, who: str = "ana") -> str:
            record = await env.control.finished(
                await env.control.command("/feed", text, "news", who)
            )
            return str(record["answers"][-1]["text"])

        async def refused(text: str) -> str:
            command_id = await env.control.command("/feed", text, "news", "ana")

            async def acked() -> bool:
                return (await env.control.get(f"commands/{command_id}"))["ack"] is not None

            await eventually(acked)
            return str((await env.control.get(f"commands/{command_id}"))["ack"]["text"])

        added = await feed(f"add <{FEED}>")
        assert added.startswith(f"Subscribed to {FEED} as feed #1")
        assert (await feed("list")).startswith(f"#1 {FEED}")
        assert (await feed("pause 1")).endswith("is paused.")
        assert (await feed("resume #1")).endswith("will be checked now.")
        assert await refused("add") == escape_slack(USAGE)
        assert await refused("remove x") == "“x” is not a feed number; /feed list shows them."
        assert await feed(f"add <{FEED}>", who="ben") == slack_messages.NOT_A_MODERATOR
        assert (await feed("remove 1")).startswith("Feed #1")
        assert (await feed("list")).startswith("No feeds here yet")
