"""``/briefbot link`` and ``/feed`` follow one rule per platform, through the real discord.py
and slack-bolt against the emulators: a plain member is refused both in one sentence, a
moderator (or, on Discord, a member who manages the channel) may do both."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from adapters.discord import messages as discord_messages
from adapters.slack import messages as slack_messages
from tests.integration.adapters.discord_world import World, discord_world
from tests.integration.adapters.slack_env import slack_env

MANAGE_CHANNELS = 1 << 4
EDITOR, DEV, HANNAH = "editor.riverside", "dev_okafor", "hannah.k"


async def _role(world: World, name: str, permissions: int, member: str) -> str:
    role = await world.control.call("POST", "/roles", {"name": name, "permissions": permissions})
    await world.control.call("PATCH", f"/members/{member}", {"roles": [role["id"]]})
    return str(role["id"])


async def _show_commands_to(world: World, *roles: str) -> None:
    """A server admin shows the two commands to ``roles`` (Server Settings → Integrations):
    Discord offers them by default to Manage Messages only, so the run-time rule decides."""
    allow = {"permissions": [{"id": role, "permission": True} for role in roles]}
    for command in ("briefbot", "feed"):
        await world.control.call("PUT", f"/command-permissions/{command}", allow)


async def _discord_both(world: World, user: str) -> tuple[str, str]:
    link = await world.control.command("briefbot", "news", user, {"link": {}})
    url = f"https://ledger.example/{user}.xml"
    feed = await world.control.command("feed", "news", user, {"add": {"url": url}})
    texts: list[Any] = [link["original"]["content"], feed["original"]["content"]]
    assert link["ephemeral"] and feed["ephemeral"]
    return str(texts[0]), str(texts[1])


async def test_discord_link_and_feed_refuse_a_plain_member_alike(tmp_path: Path) -> None:
    async with discord_world(tmp_path) as world:
        await world.start_bot()
        await _show_commands_to(world, await _role(world, "Readers", 0, HANNAH))

        link, feed = await _discord_both(world, HANNAH)

        assert link == feed == discord_messages.NOT_ALLOWED_TO_SET_UP
        assert (await world.control.command("feed", "news", EDITOR, {"list": {}}))["original"][
            "content"
        ].startswith("No feeds here yet")


async def test_discord_link_and_feed_accept_a_moderator_and_a_channel_manager(
    tmp_path: Path,
) -> None:
    async with discord_world(tmp_path) as world:
        helpers = await _role(world, "Helpers", 0, HANNAH)
        desk = await _role(world, "Desk", MANAGE_CHANNELS, DEV)
        await world.start_bot(mod_roles=frozenset({helpers}))
        await _show_commands_to(world, helpers, desk)

        for user in (EDITOR, DEV, HANNAH):  # Manage Messages, Manage Channels, MOD_ROLES
            link, feed = await _discord_both(world, user)
            assert link.startswith("Link code: "), (user, link)
            assert feed.startswith("Subscribed to https://ledger.example/"), (user, feed)


async def _slack_answer(env: Any, command: str, text: str, channel: str, user: str) -> str:
    record = await env.control.finished(await env.control.command(command, text, channel, user))
    return str(record["answers"][-1]["text"])


async def test_slack_link_and_feed_follow_the_moderator_rule(tmp_path: Path) -> None:
    async with slack_env(tmp_path) as env:
        runner = env.new_runner(mod_roles=frozenset({"S0EDITORS01"}))
        await runner.start()
        feed = "https://ledger.example/feed.xml"

        # Ben is a plain member: refused both, in the same sentence.
        for command, text in (("/briefbot", "link"), ("/feed", f"add <{feed}>")):
            answer = await _slack_answer(env, command, text, "news", "ben")
            assert answer == slack_messages.NOT_A_MODERATOR, (command, answer)

        # Ana owns the workspace; Cara is in the moderator user group: both may do both.
        issued = await _slack_answer(env, "/briefbot", "link", "news", "ana")
        assert issued.startswith("Link code: ")
        code = issued.removeprefix("Link code: ").split(".")[0]
        joined = await _slack_answer(env, "/briefbot", f"link {code}", "general", "cara")
        assert joined.startswith("Linked. Briefs and comments are now shared between: ")
        added = await _slack_answer(env, "/feed", f"add <{feed}>", "news", "cara")
        assert added.startswith(f"Subscribed to {feed} as feed #1")
        refused = await _slack_answer(env, "/feed", "remove 1", "general", "ben")
        assert refused == slack_messages.NOT_A_MODERATOR
        assert (await _slack_answer(env, "/feed", "list", "general", "ana")).startswith("#1 ")
