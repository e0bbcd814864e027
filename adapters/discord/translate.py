"""Pure translation of Discord messages into the core's commands.

An :class:`IncomingMessage` is what briefbot needs to know about one Discord message. It is
built from raw JSON here (:func:`incoming_from_payload`, used for gateway edits and for
history fetched after a restart) or from a discord.py ``Message`` in
:mod:`adapters.discord.objects`; either way the same functions below decide whether it is
a reader's comment and turn it into a ``RecordComment`` / ``EditComment`` / ``DeleteComment``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from adapters.discord.payloads import (
    AttachmentPayload,
    MemberPayload,
    MentionedUserPayload,
    MessagePayload,
    MessageUpdatePayload,
    UserPayload,
)
from bot.domain.commands import DeleteComment, EditComment, RecordComment
from bot.domain.model import Author, Platform
from bot.formatting import discord_to_markdown
from bot.formatting.resolve import MentionNames

__all__ = [
    "READER_MESSAGE_TYPES",
    "THREAD_CHANNEL_TYPES",
    "IncomingMessage",
    "avatar_url",
    "comment_text",
    "delete_command",
    "display_name",
    "edit_command",
    "edit_from_payload",
    "incoming_from_payload",
    "is_reader_message",
    "parse_timestamp",
    "record_command",
    "snowflake_time",
]

CDN = "https://cdn.discordapp.com"
DISCORD_EPOCH_MS = 1_420_070_400_000
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


def snowflake_time(snowflake: str | int) -> datetime:
    """When a Discord id was minted."""
    ms = (int(snowflake) >> 22) + DISCORD_EPOCH_MS
    return datetime.fromtimestamp(ms / 1000, UTC)


def parse_timestamp(text: str | None) -> datetime | None:
    """Discord's ISO 8601 timestamps, as aware UTC datetimes."""
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def is_reader_message(message: IncomingMessage, own_user_id: str | None) -> bool:
    """A person's message: not a bot (us included), not a webhook copy, not a system line."""
    return (
        message.webhook_id is None
        and not message.author_is_bot
        and message.author.user_id != own_user_id
        and message.type in READER_MESSAGE_TYPES
    )


def _text(content: str, names: MentionNames, attachments: tuple[tuple[str, str], ...]) -> str:
    text = discord_to_markdown(content, names).strip()
    links = [f"[{name.replace('[', '(').replace(']', ')')}]({url})" for name, url in attachments]
    return "\n".join(part for part in (text, *links) if part)


def comment_text(message: IncomingMessage) -> str:
    """Neutral Markdown with plain-name mentions; attachments become links."""
    return _text(message.content, message.names, message.attachments)


def record_command(message: IncomingMessage) -> RecordComment | None:
    """The comment to record, or ``None`` when the message has nothing to show."""
    text = comment_text(message)
    if not text:
        return None
    return RecordComment(
        platform=Platform.DISCORD,
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
        platform=Platform.DISCORD,
        workspace_id=message.guild_id,
        thread_ref=message.channel_id,
        message_id=message.message_id,
        text=text,
        edited_at=message.edited_at or now,
    )


def delete_command(guild_id: str, channel_id: str, message_id: str, now: datetime) -> DeleteComment:
    return DeleteComment(
        platform=Platform.DISCORD,
        workspace_id=guild_id,
        thread_ref=channel_id,
        message_id=message_id,
        deleted_at=now,
    )


# --- raw JSON -----------------------------------------------------------------------------


def display_name(user: UserPayload, member: MemberPayload | None = None) -> str:
    """Server nickname, else global display name, else username (as Discord shows it)."""
    return (member or {}).get("nick") or user.get("global_name") or user["username"]


def avatar_url(user: UserPayload, member: MemberPayload | None, guild_id: str | None) -> str:
    """The avatar Discord shows in that server (the same URLs discord.py builds)."""
    guild_avatar = (member or {}).get("avatar")
    if guild_avatar and guild_id:
        ext = "gif" if guild_avatar.startswith("a_") else "png"
        return f"{CDN}/guilds/{guild_id}/users/{user['id']}/avatars/{guild_avatar}.{ext}?size=1024"
    if user["avatar"]:
        ext = "gif" if user["avatar"].startswith("a_") else "png"
        return f"{CDN}/avatars/{user['id']}/{user['avatar']}.{ext}?size=1024"
    discriminator = user.get("discriminator") or "0"
    index = (int(user["id"]) >> 22) % 6 if discriminator == "0" else int(discriminator) % 5
    return f"{CDN}/embed/avatars/{index}.png"


def _names(
    mentions: list[MentionedUserPayload], roles: Mapping[str, str], channels: Mapping[str, str]
) -> MentionNames:
    users = {u["id"]: display_name(u, u.get("member")) for u in mentions}
    return MentionNames(users=users, channels=channels, roles=roles)


def _attachments(items: list[AttachmentPayload] | None) -> tuple[tuple[str, str], ...]:
    return tuple((a["filename"], a["url"]) for a in items or ())


def incoming_from_payload(
    payload: MessagePayload,
    *,
    guild_id: str | None = None,
    roles: Mapping[str, str] | None = None,
    channels: Mapping[str, str] | None = None,
) -> IncomingMessage | None:
    """Read a message object; ``None`` outside a server (DMs are never comments).

    ``guild_id`` fills in for REST history, whose messages do not carry it; ``roles`` and
    ``channels`` name the role and channel mentions (the payload only holds their ids).
    """
    guild = payload.get("guild_id") or guild_id
    if guild is None:
        return None
    user = payload["author"]
    member = payload.get("member")
    reference = payload.get("message_reference") or {}
    return IncomingMessage(
        guild_id=guild,
        channel_id=payload["channel_id"],
        message_id=payload["id"],
        author=Author(
            Platform.DISCORD,
            user["id"],
            display_name(user, member),
            avatar_url(user, member, guild),
        ),
        author_is_bot=bool(user.get("bot")),
        webhook_id=payload.get("webhook_id"),
        type=payload["type"],
        content=payload["content"],
        names=_names(payload["mentions"], roles or {}, channels or {}),
        created_at=parse_timestamp(payload["timestamp"]) or snowflake_time(payload["id"]),
        edited_at=parse_timestamp(payload["edited_timestamp"]),
        reply_to=reference.get("message_id") if reference.get("type", 0) == 0 else None,
        attachments=_attachments(payload.get("attachments")),
    )


def edit_from_payload(
    payload: MessageUpdatePayload,
    own_user_id: str | None,
    now: datetime,
    *,
    roles: Mapping[str, str] | None = None,
    channels: Mapping[str, str] | None = None,
) -> EditComment | None:
    """A MESSAGE_UPDATE that changed a reader's text, or ``None``.

    Updates without ``edited_timestamp`` are Discord's own (link previews unfurling,
    a thread being started from the message) and are not edits.
    """
    guild = payload.get("guild_id")
    author = payload.get("author")
    if guild is None or "content" not in payload or not payload.get("edited_timestamp"):
        return None
    if payload.get("webhook_id") or (
        author is not None and (author.get("bot") or author["id"] == own_user_id)
    ):
        return None
    if payload.get("type", 0) not in READER_MESSAGE_TYPES:
        return None
    names = _names(payload.get("mentions", []), roles or {}, channels or {})
    text = _text(payload["content"], names, _attachments(payload.get("attachments")))
    if not text:
        return None
    return EditComment(
        platform=Platform.DISCORD,
        workspace_id=guild,
        thread_ref=payload["channel_id"],
        message_id=payload["id"],
        text=text,
        edited_at=parse_timestamp(payload.get("edited_timestamp")) or now,
    )
