from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, cast

import pytest

from adapters.slack.payloads import MessageEvent, SlackUser
from adapters.slack.platform import SLACK
from adapters.slack.translate import (
    Deletion,
    Edit,
    Reply,
    author_from_user,
    classify,
    delete_command,
    edit_command,
    mentioned_channels,
    mentioned_users,
    parent_user,
    record_command,
    split_thread_ref,
    thread_ref,
    ts_micros,
    ts_to_datetime,
)
from bot.domain.model import Author
from bot.formatting import MentionNames

from .conftest import load

TEAM = "T0LOCAL0001"


def event(name: str) -> MessageEvent:
    return cast(MessageEvent, load(name)["event"])


def test_thread_ref_round_trip() -> None:
    ref = thread_ref("C0NEWS00001", "1772600000.000100")
    assert ref == "C0NEWS00001/1772600000.000100"
    assert split_thread_ref(ref) == ("C0NEWS00001", "1772600000.000100")
    with pytest.raises(ValueError):
        split_thread_ref("1772600000.000100")


def test_ts_keeps_microseconds() -> None:
    assert ts_micros("1772600012.000200") == 1_772_600_012_000_200
    assert ts_micros("1772600012.0002") == 1_772_600_012_000_200
    assert ts_micros("1772600012.000200") > ts_micros("1772600012.000199")
    assert ts_to_datetime("1772600012.5") == datetime(2026, 3, 4, 4, 53, 32, 500000, tzinfo=UTC)


def test_the_author_of_the_parent_comes_with_replies_edits_and_deletions() -> None:
    for name in ("thread_reply", "message_changed", "message_deleted"):
        assert parent_user(event(name)) == "U0BRIEFBOT1", name
    assert parent_user(event("channel_message")) is None


def test_reader_reply_is_collected() -> None:
    reply = classify(event("thread_reply"))
    assert isinstance(reply, Reply)
    assert (reply.channel, reply.thread_ts, reply.ts, reply.user) == (
        "C0NEWS00001",
        "1772600000.000100",
        "1772600012.000200",
        "U0ANA000001",
    )


@pytest.mark.parametrize(
    "name",
    [
        "channel_message",  # channel level, not in a thread
        "bot_copy",  # our copy: custom username, our bot id
        "bot_invitation",  # our own bot user
        "channel_join",  # a system subtype
        "message_changed_parent",  # the brief's reply count changed
        "message_deleted_copy",  # one of our copies removed
    ],
)
def test_not_collected(name: str) -> None:
    assert classify(event(name)) is None


def test_thread_broadcast_is_one_reply() -> None:
    reply = classify(event("thread_broadcast"))
    assert isinstance(reply, Reply)
    assert reply.ts == "1772600300.000500"
    assert reply.thread_ts == "1772600000.000100"


def test_edit_of_a_reply() -> None:
    edit = classify(event("message_changed"))
    assert isinstance(edit, Edit)
    assert edit.ts == "1772600012.000200"
    assert edit.edited_at == ts_to_datetime("1772600500.000000")
    cmd = edit_command(edit, TEAM, MentionNames())
    assert cmd.thread_ref == "C0NEWS00001/1772600000.000100"
    assert cmd.message_id == "1772600012.000200"
    assert cmd.text == "The detour adds ~~twenty~~ ten minutes for me"


def test_deletion_of_a_reply() -> None:
    deletion = classify(event("message_deleted"))
    assert isinstance(deletion, Deletion)
    cmd = delete_command(deletion, TEAM)
    assert cmd.platform == SLACK
    assert (cmd.workspace_id, cmd.message_id) == (TEAM, "1772600012.000200")
    assert cmd.deleted_at == ts_to_datetime("1772600600.000900")


def test_record_command_converts_text_and_mentions() -> None:
    raw = event("thread_reply")
    reply = classify(raw)
    assert isinstance(reply, Reply)
    assert mentioned_users(reply.text) == {"U0BEN000001"}
    assert mentioned_channels(reply.text) == {"C0NEWS00001"}
    author = Author(SLACK, "U0ANA000001", "Ana", None)
    names = MentionNames(users={"U0BEN000001": "Ben O."}, channels={"C0NEWS00001": "news"})
    cmd = record_command(reply, TEAM, author, names)
    assert cmd.thread_ref == "C0NEWS00001/1772600000.000100"
    assert cmd.message_id == "1772600012.000200"
    assert cmd.created_at == ts_to_datetime("1772600012.000200")
    assert cmd.text == (
        "The detour adds **ten minutes** for me & @Ben O. <3 see #news and "
        "[the map](https://example.org/map)"
    )
    assert "<@" not in cmd.text


def test_everyone_mention_becomes_plain_text() -> None:
    raw: dict[str, Any] = dict(event("thread_reply"))
    raw["text"] = "<!channel> look at this"
    reply = classify(cast(MessageEvent, raw))
    assert isinstance(reply, Reply)
    cmd = record_command(reply, TEAM, Author(SLACK, "U1", "Ana"), MentionNames())
    assert cmd.text == "@channel look at this"


def test_author_prefers_display_then_real_name() -> None:
    user = cast(SlackUser, load("users_info")["user"])
    author = author_from_user(user)
    assert author == Author(
        SLACK, "U0BEN000001", "Ben Okafor", "https://avatars.example.org/ben_72.png"
    )
    named = cast(SlackUser, {**user, "profile": {"display_name": "  Ben  O. "}})
    assert author_from_user(named).display_name == "Ben O."
    bare = cast(SlackUser, {"id": "U9", "name": "handle"})
    assert author_from_user(bare) == Author(SLACK, "U9", "handle", None)


def test_a_file_without_words_is_not_a_comment() -> None:
    raw: dict[str, Any] = {**event("thread_reply"), "subtype": "file_share", "text": ""}
    assert classify(cast(MessageEvent, raw)) is None
    raw["text"] = "Photo of the new timetable"
    assert isinstance(classify(cast(MessageEvent, raw)), Reply)
