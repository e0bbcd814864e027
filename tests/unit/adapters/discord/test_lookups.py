"""Small pure helpers: lazy name lookups and the catch-up's deletion rule."""

from __future__ import annotations

import pytest

from adapters.discord.backfill import _missing
from adapters.discord.chat import DiscordChat
from adapters.discord.objects import GuildLookup
from bot.formatting import discord_to_markdown
from bot.formatting.resolve import MentionNames


def test_lookups_prefer_known_names_then_ask_the_cache() -> None:
    asked: list[int] = []

    def find(role_id: int) -> str | None:
        asked.append(role_id)
        return {31: "Moderators"}.get(role_id)

    roles = GuildLookup(find, {"7": "Editors"})
    assert roles.get("7") == "Editors" and asked == []
    assert roles.get("31") == "Moderators" and asked == [31]
    assert roles.get("99") is None and roles.get("not-an-id") is None
    assert list(roles) == ["7"] and len(roles) == 1

    text = discord_to_markdown("<@&31> and <@&99>", MentionNames(roles=roles))
    assert text == "@Moderators and @group"


def test_a_stored_comment_missing_from_a_complete_history_was_deleted() -> None:
    stored = ["100", "200", "300", "web-abc"]
    assert _missing(stored, {"200", "300"}, oldest=200, complete=True) == ["100"]


def test_only_the_span_the_history_covers_is_judged() -> None:
    stored = ["100", "200", "300"]
    assert _missing(stored, {"300"}, oldest=250, complete=False) == []
    assert _missing(stored, {"200"}, oldest=150, complete=False) == ["300"]


def test_thread_archive_duration_must_be_one_discord_accepts() -> None:
    with pytest.raises(ValueError, match="auto_archive_minutes"):
        DiscordChat(None, auto_archive_minutes=90)  # type: ignore[arg-type]
