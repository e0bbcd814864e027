"""Small pure helpers: lazy name lookups and the catch-up's deletion rule."""

from __future__ import annotations

import pytest

from adapters.discord.catchup import missing_messages
from adapters.discord.chat import DiscordChat
from adapters.discord.markdown import discord_to_markdown
from adapters.discord.objects import GuildLookup
from bot.formatting import MentionNames


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


def test_a_stored_comment_the_history_should_have_shown_was_deleted() -> None:
    stored = ["100", "200", "300", "web-abc"]
    assert missing_messages(stored, {"200"}, low=0, high=1000) == ["100", "300"]


def test_only_the_span_the_history_vouches_for_is_judged() -> None:
    stored = ["100", "200", "300", "400"]
    # older than the oldest message read (history cut short), or newer than the reading
    assert missing_messages(stored, {"200"}, low=150, high=350) == ["300"]


def test_thread_archive_duration_must_be_one_discord_accepts() -> None:
    with pytest.raises(ValueError, match="auto_archive_minutes"):
        DiscordChat(None, auto_archive_minutes=90)  # type: ignore[arg-type]
