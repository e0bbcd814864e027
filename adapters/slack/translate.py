"""Pure translation between Slack payloads and briefbot's core commands.

A Slack place is a channel of a workspace (team id); its discussion thread is the thread
under the brief, ``thread_ref = "{channel}/{thread_ts}"``, and a comment's platform id is
the reply's ``ts``. Nothing here does I/O: names behind mentions arrive in ``MentionNames``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from adapters.slack.platform import SLACK
from bot.domain.commands import DeleteComment, EditComment, RecordComment
from bot.domain.model import Author
from bot.formatting import MentionNames

from .neutral import slack_to_markdown
from .payloads import MessageEvent, SlackMessage, SlackUser

__all__ = [
    "COLLECTED_SUBTYPES",
    "Deletion",
    "Edit",
    "Reply",
    "author_from_user",
    "classify",
    "delete_command",
    "edit_command",
    "mentioned_channels",
    "mentioned_users",
    "parent_user",
    "reader_reply",
    "record_command",
    "split_thread_ref",
    "thread_ref",
    "ts_micros",
    "ts_to_datetime",
]

# Message subtypes written by a person. ``thread_broadcast`` is a reply also shown in the
# channel: one message with one ts, so collecting it as a reply stores it exactly once.
COLLECTED_SUBTYPES = frozenset({"thread_broadcast", "file_share", "me_message"})

_USER_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_CHANNEL_MENTION = re.compile(r"<#([CG][A-Z0-9]+)(?:\|[^>]*)?>")


def thread_ref(channel: str, thread_ts: str) -> str:
    return f"{channel}/{thread_ts}"


def split_thread_ref(ref: str) -> tuple[str, str]:
    """``(channel, thread_ts)``; raises ``ValueError`` for anything else."""
    channel, sep, thread_ts = ref.partition("/")
    if not sep or not channel or not thread_ts:
        raise ValueError(f"not a Slack thread reference: {ref!r}")
    return channel, thread_ts


def ts_micros(ts: str) -> int:
    """A ``ts`` as an integer, for ordering (float would lose the last digits)."""
    seconds, _, fraction = ts.partition(".")
    return int(seconds) * 1_000_000 + int((fraction + "000000")[:6])


def ts_to_datetime(ts: str) -> datetime:
    return datetime.fromtimestamp(ts_micros(ts) / 1_000_000, UTC)


@dataclass(frozen=True, slots=True)
class Reply:
    """A reader's reply in a thread."""

    channel: str
    thread_ts: str
    ts: str
    user: str
    text: str


@dataclass(frozen=True, slots=True)
class Edit:
    channel: str
    thread_ts: str
    ts: str
    text: str
    edited_at: datetime


@dataclass(frozen=True, slots=True)
class Deletion:
    channel: str
    thread_ts: str
    ts: str
    deleted_at: datetime


def _by_reader(message: SlackMessage) -> bool:
    """Written by a person: no bot id (our copies carry ours even with a custom name)."""
    subtype = message.get("subtype")
    return (
        "bot_id" not in message
        and bool(message.get("user"))
        and (subtype is None or subtype in COLLECTED_SUBTYPES)
    )


def _thread_of(message: SlackMessage) -> str | None:
    thread_ts = message.get("thread_ts")
    return thread_ts if thread_ts and thread_ts != message["ts"] else None


def reader_reply(message: SlackMessage, channel: str) -> Reply | None:
    """A thread reply written by a person, or ``None`` (bot posts, channel-level messages)."""
    thread_ts = _thread_of(message)
    text = message.get("text", "")
    # A file shared without words has nothing to copy; it stays a Slack-only message.
    if thread_ts is None or not _by_reader(message) or not text.strip():
        return None
    return Reply(channel, thread_ts, message["ts"], message["user"], text)


def classify(event: MessageEvent) -> Reply | Edit | Deletion | None:
    """What a ``message`` event means for briefbot; ``None`` when it is not a reader's reply."""
    subtype = event.get("subtype")
    channel = event["channel"]
    if subtype == "message_changed":
        new = event.get("message")
        if new is None:
            return None
        reply = reader_reply(new, channel)
        if reply is None:
            return None
        edited = new.get("edited", {}).get("ts") or event.get("event_ts") or event["ts"]
        return Edit(channel, reply.thread_ts, reply.ts, reply.text, ts_to_datetime(edited))
    if subtype == "message_deleted":
        old = event.get("previous_message")
        deleted_ts = event.get("deleted_ts")
        if old is None or not deleted_ts:
            return None
        thread_ts = _thread_of(old)
        if thread_ts is None or not _by_reader(old):
            return None
        at = ts_to_datetime(event.get("event_ts") or event["ts"])
        return Deletion(channel, thread_ts, deleted_ts, at)
    return reader_reply(event, channel)


def parent_user(event: MessageEvent) -> str | None:
    """Who wrote the message a thread reply hangs under (``parent_user_id``), for a reply,
    an edited reply (the new message) or a deleted one (the previous message)."""
    subtype = event.get("subtype")
    if subtype == "message_changed":
        message = event.get("message")
    elif subtype == "message_deleted":
        message = event.get("previous_message")
    else:
        message = event
    return None if message is None else message.get("parent_user_id")


def mentioned_users(text: str) -> set[str]:
    return set(_USER_MENTION.findall(text))


def mentioned_channels(text: str) -> set[str]:
    return set(_CHANNEL_MENTION.findall(text))


def author_from_user(user: SlackUser) -> Author:
    """Display name, then real name, then handle; the 72 px avatar."""
    profile = user.get("profile", {})
    name = (
        profile.get("display_name")
        or profile.get("real_name")
        or user.get("real_name")
        or user.get("name")
        or user["id"]
    )
    return Author(SLACK, user["id"], " ".join(name.split()), profile.get("image_72"))


def record_command(
    reply: Reply, workspace_id: str, author: Author, names: MentionNames
) -> RecordComment:
    return RecordComment(
        platform=SLACK,
        workspace_id=workspace_id,
        thread_ref=thread_ref(reply.channel, reply.thread_ts),
        message_id=reply.ts,
        author=author,
        text=slack_to_markdown(reply.text, names),
        created_at=ts_to_datetime(reply.ts),
    )


def edit_command(edit: Edit, workspace_id: str, names: MentionNames) -> EditComment:
    return EditComment(
        platform=SLACK,
        workspace_id=workspace_id,
        thread_ref=thread_ref(edit.channel, edit.thread_ts),
        message_id=edit.ts,
        text=slack_to_markdown(edit.text, names),
        edited_at=edit.edited_at,
    )


def delete_command(deletion: Deletion, workspace_id: str) -> DeleteComment:
    return DeleteComment(
        platform=SLACK,
        workspace_id=workspace_id,
        thread_ref=thread_ref(deletion.channel, deletion.thread_ts),
        message_id=deletion.ts,
        deleted_at=deletion.deleted_at,
    )
