"""Discord JSON → core commands, from recorded payloads (tests/unit/adapters/discord/payloads)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from adapters.discord.parse import (
    edit_from_payload,
    incoming_from_payload,
    parse_timestamp,
    snowflake_time,
    time_snowflake,
)
from adapters.discord.platform import DISCORD
from adapters.discord.translate import (
    comment_text,
    delete_command,
    edit_command,
    is_reader_message,
    record_command,
)

PAYLOADS = Path(__file__).parent / "payloads"
GUILD = "1300000000000000001"
THREAD = "1310000000000000100"
BOT = "1300000000000000010"
NOW = datetime(2026, 2, 11, 12, 0, tzinfo=UTC)
ROLES = {"1300000000000000031": "Moderators"}
CHANNELS = {"1300000000000000040": "town-hall"}


def load(name: str) -> Any:
    return json.loads((PAYLOADS / f"{name}.json").read_text(encoding="utf-8"))


def test_a_readers_reply_becomes_a_comment_with_plain_names() -> None:
    incoming = incoming_from_payload(load("message_create_reply"), roles=ROLES, channels=CHANNELS)
    assert incoming is not None and is_reader_message(incoming, BOT)

    command = record_command(incoming)

    assert command is not None
    assert command.platform == DISCORD
    assert (command.workspace_id, command.thread_ref) == (GUILD, THREAD)
    assert command.message_id == "1310000000000000201"
    assert command.reply_to_message_id == "1310000000000000150"
    assert command.text == (
        "@María López agreed, and @Moderators should ask about the **flood barriers** in #town-hall"
    )
    assert command.created_at == datetime(2026, 2, 11, 9, 15, 2, 123000, tzinfo=UTC)


def test_the_author_is_shown_by_server_nickname_with_their_avatar() -> None:
    incoming = incoming_from_payload(load("message_create_reply"))
    assert incoming is not None
    assert incoming.author.display_name == "Dev (Eastbrook)"
    assert incoming.author.user_id == "1300000000000000011"
    assert incoming.author.avatar_url == (
        "https://cdn.discordapp.com/avatars/1300000000000000011/"
        "5c3f0b9e2a1d4e6f8a7b6c5d4e3f2a1b.png?size=1024"
    )


def test_a_server_avatar_wins_and_animated_avatars_are_gifs() -> None:
    payload = load("message_create_attachment")
    incoming = incoming_from_payload(payload)
    assert incoming is not None
    assert incoming.author.display_name == "hannah.k"  # no nick, no global name
    assert incoming.author.avatar_url == (
        f"https://cdn.discordapp.com/guilds/{GUILD}/users/1300000000000000013/avatars/"
        "0f1e2d3c4b5a69788796a5b4c3d2e1f0.png?size=1024"
    )
    del payload["member"]
    without_member = incoming_from_payload(payload)
    assert without_member is not None
    assert without_member.author.avatar_url is not None
    assert without_member.author.avatar_url.endswith(
        "a_77aa11bb22cc33dd44ee55ff66aa77bb.gif?size=1024"
    )


def test_no_avatar_falls_back_to_discords_default_avatar() -> None:
    incoming = incoming_from_payload(load("message_create_thread_starter"))
    assert incoming is not None
    index = (1300000000000000011 >> 22) % 6
    assert incoming.author.avatar_url == f"https://cdn.discordapp.com/embed/avatars/{index}.png"


def test_an_attachment_only_message_is_kept_as_a_link() -> None:
    incoming = incoming_from_payload(load("message_create_attachment"))
    assert incoming is not None
    assert comment_text(incoming) == (
        "[water(line).jpg](https://cdn.discordapp.com/attachments/1310000000000000100/"
        "1310000000000000900/water_line.jpg)"
    )


@pytest.mark.parametrize("name", ["message_create_webhook", "message_create_thread_starter"])
def test_webhook_copies_and_system_messages_are_not_comments(name: str) -> None:
    incoming = incoming_from_payload(load(name))
    assert incoming is not None
    assert not is_reader_message(incoming, BOT)


def test_our_own_and_other_bots_messages_are_not_comments() -> None:
    [reader, bot] = [incoming_from_payload(p, guild_id=GUILD) for p in load("history")]
    assert reader is not None and bot is not None
    assert is_reader_message(reader, BOT)
    assert not is_reader_message(bot, BOT)
    assert not is_reader_message(reader, reader.author.user_id)


def test_history_messages_take_the_guild_from_the_thread() -> None:
    payload = load("history")[0]
    assert incoming_from_payload(payload) is None  # REST history has no guild_id
    incoming = incoming_from_payload(payload, guild_id=GUILD)
    assert incoming is not None
    assert incoming.edited_at == datetime(2026, 2, 11, 10, 3, tzinfo=UTC)
    edit = edit_command(incoming, NOW)
    assert edit is not None and edit.edited_at == incoming.edited_at
    assert edit.text == "Second, and edited"


def test_a_message_edit_becomes_an_edit_command() -> None:
    command = edit_from_payload(load("message_update_edit"), BOT, NOW)
    assert command is not None
    assert command.message_id == "1310000000000000201"
    assert command.thread_ref == THREAD
    assert command.text == "Edited: the barriers go in before **winter**, says @María López"
    assert command.edited_at == datetime(2026, 2, 11, 9, 20, 45, 500000, tzinfo=UTC)


def test_link_previews_and_webhook_edits_are_not_edits() -> None:
    assert edit_from_payload(load("message_update_unfurl"), BOT, NOW) is None
    hook = load("message_create_webhook") | {"edited_timestamp": "2026-02-11T09:30:00+00:00"}
    assert edit_from_payload(hook, BOT, NOW) is None
    own = load("message_update_edit")
    own["author"]["id"] = BOT
    assert edit_from_payload(own, BOT, NOW) is None


def test_a_deletion_becomes_a_delete_command() -> None:
    command = delete_command(GUILD, THREAD, "1310000000000000201", NOW)
    assert (command.platform, command.workspace_id, command.thread_ref) == (
        DISCORD,
        GUILD,
        THREAD,
    )
    assert command.deleted_at == NOW


def test_empty_messages_record_nothing() -> None:
    payload = load("message_create_thread_starter") | {"type": 0}
    incoming = incoming_from_payload(payload)
    assert incoming is not None
    assert record_command(incoming) is None


def test_timestamps() -> None:
    assert parse_timestamp("2026-02-11T09:15:02Z") == datetime(2026, 2, 11, 9, 15, 2, tzinfo=UTC)
    assert parse_timestamp("2026-02-11T09:15:02") == datetime(2026, 2, 11, 9, 15, 2, tzinfo=UTC)
    assert parse_timestamp("not a time") is None
    assert parse_timestamp(None) is None
    assert snowflake_time(175928847299117063) == datetime(
        2016, 4, 30, 11, 18, 25, 796000, tzinfo=UTC
    )


def test_time_snowflakes_bound_the_ids_minted_at_that_moment() -> None:
    moment = datetime(2026, 2, 11, 9, 15, 2, 123000, tzinfo=UTC)
    bound = time_snowflake(moment)
    assert snowflake_time(bound) == moment
    assert snowflake_time(bound - 1) < moment
