"""Reading Discord's raw JSON (gateway events, REST history) into the adapter's types.

Pure functions over the TypedDicts of :mod:`adapters.discord.payloads`; names and avatars
are worked out the way Discord shows them (and with the URLs discord.py builds), so a
comment reads the same whether it arrived live or was fetched after a restart.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from adapters.discord.payloads import (
    AttachmentPayload,
    MemberPayload,
    MentionedUserPayload,
    MessagePayload,
    MessageUpdatePayload,
    UserPayload,
)
from adapters.discord.platform import DISCORD
from adapters.discord.translate import READER_MESSAGE_TYPES, IncomingMessage, neutral_text
from bot.domain.commands import EditComment
from bot.domain.model import Author
from bot.formatting import MentionNames

__all__ = [
    "avatar_url",
    "display_name",
    "edit_from_payload",
    "incoming_from_payload",
    "parse_timestamp",
    "snowflake_time",
    "time_snowflake",
]

CDN = "https://cdn.discordapp.com"
DISCORD_EPOCH_MS = 1_420_070_400_000


def snowflake_time(snowflake: str | int) -> datetime:
    """When a Discord id was minted."""
    ms = (int(snowflake) >> 22) + DISCORD_EPOCH_MS
    return datetime.fromtimestamp(ms / 1000, UTC)


def time_snowflake(moment: datetime) -> int:
    """The smallest Discord id minted at ``moment``: every older message has a smaller id."""
    ms = int(moment.timestamp() * 1000) - DISCORD_EPOCH_MS
    return max(0, ms) << 22


def parse_timestamp(text: str | None) -> datetime | None:
    """Discord's ISO 8601 timestamps, as aware UTC datetimes."""
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


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
            DISCORD,
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
    text = neutral_text(payload["content"], names, _attachments(payload.get("attachments")))
    if not text:
        return None
    return EditComment(
        platform=DISCORD,
        workspace_id=guild,
        thread_ref=payload["channel_id"],
        message_id=payload["id"],
        text=text,
        edited_at=parse_timestamp(payload.get("edited_timestamp")) or now,
    )
