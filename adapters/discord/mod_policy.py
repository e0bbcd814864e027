"""``/briefbot mod policy`` and the commands that change the channel's policy.

``policy`` shows the rules of the channel's linked group; ``ban-word``, ``unban-word``,
``suspect-word`` and ``unsuspect-word`` take one entry (a word, words in a row, ``bad*`` or
``re:<pattern>``); ``premoderate``, ``hold-links`` and ``first-web`` take ``on`` or ``off``;
``reports`` takes how many readers' reports hold a comment; ``burst`` takes ``COUNT/SECONDS``
(``5/60``) or ``off``, in the same words as on Slack. They are subcommands of the ``mod`` group
(Discord allows 25 per group, names of 1–32 lower-case characters), for the same members
as the other ``mod`` commands, and every answer is ephemeral: a banned word is said only
to the moderator who typed it. Each change goes through the core's ``set_policy``
(audited, the moderator's room checked, an invalid pattern refused in one sentence).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Literal

import discord
from discord import app_commands

from adapters.discord import messages as discord_messages
from adapters.discord.moderators import home_room
from bot.domain.moderation import Moderator
from bot.services.context import Context
from bot.services.moderation import (
    AddWord,
    PolicyChange,
    RemoveWord,
    SetFlag,
    SetReports,
    change_policy,
    describe_policy,
    parse_burst,
    policy_answer,
    room_policy,
)
from bot.services.moderation.policy_edits import MAX_ENTRY_CHARS, MAX_REPORTS

# The longest burst setting: "9999/999999" (MAX_BURST_COUNT/MAX_BURST_SECONDS).
_BURST_CHARS = 11

__all__ = ["POLICY_COMMANDS", "add_policy_commands", "change_for"]

Work = Callable[[Moderator], Awaitable[str]]
Moderate = Callable[[discord.Interaction, Work], Awaitable[None]]
Entry = app_commands.Range[str, 1, MAX_ENTRY_CHARS]
OnOff = Literal["on", "off"]

POLICY_COMMANDS = (
    "policy",
    "ban-word",
    "unban-word",
    "suspect-word",
    "unsuspect-word",
    "premoderate",
    "hold-links",
    "first-web",
    "reports",
    "burst",
)


def change_for(command: str, value: str | int) -> PolicyChange:
    """The policy change a subcommand and its option stand for (pure, for tests)."""
    if command in ("ban-word", "unban-word", "suspect-word", "unsuspect-word"):
        kind = RemoveWord if command.startswith("un") else AddWord
        words: Literal["banned", "suspect"] = "suspect" if "suspect" in command else "banned"
        return kind(words, str(value))
    if command == "premoderate":
        return SetFlag("premoderate_web", value == "on")
    if command == "hold-links":
        return SetFlag("hold_links", value == "on")
    if command == "first-web":
        return SetFlag("hold_first_web", value == "on")
    if command == "burst":
        return parse_burst(str(value))  # ModerationError: one sentence to the moderator
    if command == "reports":
        return SetReports(int(value))
    raise ValueError(f"not a policy command: {command!r}")


def add_policy_commands(ctx: Context, group: app_commands.Group, moderate: Moderate) -> None:
    """Add the policy subcommands to ``group`` (``/briefbot mod``); ``moderate`` defers,
    checks the member and answers with the work's sentence."""

    def showing() -> Work:
        async def work(moderator: Moderator) -> str:
            room = home_room(moderator)
            if room is None:
                return discord_messages.NOT_SHARED
            policy = await room_policy(ctx, room, moderator)
            return discord.utils.escape_markdown(describe_policy(policy))

        return work

    def changing(command: str, value: str | int) -> Work:
        async def work(moderator: Moderator) -> str:
            change = change_for(command, value)  # a malformed burst: ModerationError
            room = home_room(moderator)
            if room is None:
                return discord_messages.NOT_SHARED
            edit = await change_policy(ctx, room, change, moderator)
            return discord.utils.escape_markdown(policy_answer(change, edit.changed))

        return work

    @group.command(name="policy", description="Show this channel's moderation rules (to you)")
    async def policy(interaction: discord.Interaction) -> None:
        await moderate(interaction, showing())

    @group.command(name="ban-word", description="Reject comments with this word or re:pattern")
    @app_commands.describe(word="A word, words in a row, bad* or re:pattern")
    async def ban_word(interaction: discord.Interaction, word: Entry) -> None:
        await moderate(interaction, changing("ban-word", word))

    @group.command(name="unban-word", description="Stop rejecting comments with this entry")
    @app_commands.describe(word="The entry as it is listed")
    async def unban_word(interaction: discord.Interaction, word: Entry) -> None:
        await moderate(interaction, changing("unban-word", word))

    @group.command(name="suspect-word", description="Hold comments with this word for review")
    @app_commands.describe(word="A word, words in a row, bad* or re:pattern")
    async def suspect_word(interaction: discord.Interaction, word: Entry) -> None:
        await moderate(interaction, changing("suspect-word", word))

    @group.command(name="unsuspect-word", description="Stop holding comments with this entry")
    @app_commands.describe(word="The entry as it is listed")
    async def unsuspect_word(interaction: discord.Interaction, word: Entry) -> None:
        await moderate(interaction, changing("unsuspect-word", word))

    @group.command(name="premoderate", description="Hold every web comment for review")
    @app_commands.describe(setting="on or off")
    async def premoderate(interaction: discord.Interaction, setting: OnOff) -> None:
        await moderate(interaction, changing("premoderate", setting))

    @group.command(name="hold-links", description="Hold comments with links for review")
    @app_commands.describe(setting="on or off")
    async def hold_links(interaction: discord.Interaction, setting: OnOff) -> None:
        await moderate(interaction, changing("hold-links", setting))

    @group.command(name="first-web", description="Hold a web commenter's first comment")
    @app_commands.describe(setting="on or off")
    async def first_web(interaction: discord.Interaction, setting: OnOff) -> None:
        await moderate(interaction, changing("first-web", setting))

    @group.command(name="reports", description="How many readers' reports hold a comment")
    @app_commands.describe(count="From 1 to 100")
    async def reports(
        interaction: discord.Interaction, count: app_commands.Range[int, 1, MAX_REPORTS]
    ) -> None:
        await moderate(interaction, changing("reports", count))

    @group.command(name="burst", description="Hold comments past COUNT within SECONDS, or off")
    @app_commands.describe(setting="COUNT/SECONDS like 5/60 (0 to 9999 within 1 to 999999), or off")
    async def burst(
        interaction: discord.Interaction, setting: app_commands.Range[str, 1, _BURST_CHARS]
    ) -> None:
        await moderate(interaction, changing("burst", setting))
