"""Pure translation of Discord messages into the core's commands.

An :class:`IncomingMessage` is what briefbot needs to know about one Discord message. It is
read from raw JSON in :mod:`adapters.discord.parse` (gateway edits, history fetched after a
restart) or from a discord.py ``Message`` in :mod:`adapters.discord.objects`; either way the
functions below decide whether it is a reader's comment and turn it into a
``RecordComment`` / ``EditComment`` / ``DeleteComment``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from adapters.discord.markdown import discord_to_markdown
from adapters.discord.platform import DISCORD
from bot.domain.commands import DeleteComment, EditComment, RecordComment
from bot.domain.model import Author
from bot.formatting import MentionNames

__all__ = [
    "READER_MESSAGE_TYPES",
    "THREAD_CHANNEL_TYPES",
    "IncomingMessage",
    "comment_text",
    "delete_command",
    "edit_command",
    "is_reader_message",
    "neutral_text",
    "record_command",
]

# DEFAULT (0) and REPLY (19); every other type is a system message (pins, joins, thread
# starters, slash-command replies...).
READER_MESSAGE_TYPES = frozenset({0, 19})
# ANNOUNCEMENT_THREAD, PUBLIC_THREAD, PRIVATE_THREAD
THREAD_CHANNEL_TYPES = frozenset({10, 11, 12})


@dataclass(frozen=True, slots=True)
class IncomingMessage:
    """One Discord message as briefbot sees it; ``content`` is still Discord Markdown."""

    guild_id: str
    channel_id: str
    message_id: str
    author: Author
    author_is_bot: bool
    webhook_id: str | None
    type: int
    content: str
    names: MentionNames
    created_at: datetime
    edited_at: datetime | None = None
    reply_to: str | None = None
    attachments: tuple[tuple[str, str], ...] = ()  # (filename, url)


def is_reader_message(message: IncomingMessage, own_user_id: str | None) -> bool:
    """A person's message: not a bot (us included), not a webhook copy, not a system line."""
    return (
        message.webhook_id is None
        and not message.author_is_bot
        and message.author.user_id != own_user_id
        and message.type in READER_MESSAGE_TYPES
    )


def neutral_text(
    content: str, names: MentionNames, attachments: tuple[tuple[str, str], ...]
) -> str:
    """Discord content as neutral Markdown with plain-name mentions; attachments as links."""
    text = discord_to_markdown(content, names).strip()
    links = [f"[{name.replace('[', '(').replace(']', ')')}]({url})" for name, url in attachments]
    return "\n".join(part for part in (text, *links) if part)


def comment_text(message: IncomingMessage) -> str:
    """Neutral Markdown with plain-name mentions; attachments become links."""
    return neutral_text(message.content, message.names, message.attachments)


def record_command(message: IncomingMessage) -> RecordComment | None:
    """The comment to record, or ``None`` when the message has nothing to show."""
    text = comment_text(message)
    if not text:
        return None
    return RecordComment(
        platform=DISCORD,
        workspace_id=message.guild_id,
        thread_ref=message.channel_id,
        message_id=message.message_id,
        author=message.author,
        text=text,
        created_at=message.created_at,
        reply_to_message_id=message.reply_to,
    )


def edit_command(message: IncomingMessage, now: datetime) -> EditComment | None:
    text = comment_text(message)
    if not text:
        return None
    return EditComment(
        platform=DISCORD,
        workspace_id=message.guild_id,
        thread_ref=message.channel_id,
        message_id=message.message_id,
        text=text,
        edited_at=message.edited_at or now,
    )


def delete_command(guild_id: str, channel_id: str, message_id: str, now: datetime) -> DeleteComment:
    return DeleteComment(
        platform=DISCORD,
        workspace_id=guild_id,
        thread_ref=channel_id,
        message_id=message_id,
        deleted_at=now,
    )
