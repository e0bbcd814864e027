"""The rules shared by REST and the control API: post, edit, delete, threads.

Each action validates like Discord, updates the model, dispatches gateway events and
publishes to the control event stream.
"""

from __future__ import annotations

import time
from typing import Any, Literal

from .context import EmulatorContext
from .errors import DiscordError, field_error, form_error
from .gateway import Intents
from .mentions import DEFAULT_PARSE, WEBHOOK_PARSE, compute_pings
from .payloads import channel_payload, message_payload
from .state import JSON, Channel, ChannelType, Message, iso_now
from .validation import validate_message, validate_thread_request

__all__ = [
    "AuthorKind",
    "create_thread",
    "delete_message",
    "edit_message",
    "message_view",
    "modify_channel",
    "post_message",
]

AuthorKind = Literal["bot", "user", "webhook", "interaction"]

NONCE_WINDOW = 100  # recent messages searched for a repeated nonce
EPHEMERAL = 1 << 6
LOADING = 1 << 7


def _normalise_embeds(embeds: Any) -> list[JSON]:
    """As Discord stores them: ``type`` rich, fields with ``inline``, empty keys dropped."""
    result: list[JSON] = []
    for embed in embeds or []:
        stored: JSON = {"type": "rich", **{k: v for k, v in embed.items() if v is not None}}
        if "fields" in stored:
            stored["fields"] = [{"inline": False, **f} for f in stored["fields"]]
        result.append(stored)
    return result


def _content_visible_without_intent(ctx: EmulatorContext, message: Message) -> bool:
    bot_id = ctx.state.bot_user_id
    return message.author_id == bot_id or bot_id in message.pings.users


async def dispatch_message(ctx: EmulatorContext, event: str, message: Message) -> None:
    if message.ephemeral:
        return  # ephemeral messages are never dispatched to the app
    await ctx.hub.dispatch(
        event,
        message_payload(ctx.state, message, gateway=True),
        intent=Intents.GUILD_MESSAGES,
        content_gated=not _content_visible_without_intent(ctx, message),
    )
    ctx.bus.publish(event.lower(), message_view(ctx, message))


async def dispatch_thread(ctx: EmulatorContext, event: str, thread: Channel, **extra: Any) -> None:
    await ctx.hub.dispatch(event, {**channel_payload(thread), **extra}, intent=Intents.GUILDS)
    ctx.bus.publish(event.lower(), channel_view(ctx, thread))


async def _ensure_sendable(ctx: EmulatorContext, channel: Channel, kind: AuthorKind) -> None:
    if kind == "bot" and not channel.bot_can_send:
        raise DiscordError.missing_permissions()
    if channel.is_thread:
        # Only members with MANAGE_THREADS (the bot here) may post in a locked, open thread;
        # nobody can revive a locked, archived one by posting.
        if channel.locked and (channel.archived or kind not in ("bot", "interaction")):
            raise DiscordError.thread_locked()
        if channel.archived:
            # message.mdx / webhook.mdx: "Sending a message to an archived (not locked)
            # thread unarchives it"; execute with thread_id "will automatically be unarchived".
            channel.archived = False
            channel.archive_timestamp = iso_now()
            channel.last_activity = time.monotonic()
            await dispatch_thread(ctx, "THREAD_UPDATE", channel)


def _same_nonce(
    ctx: EmulatorContext, channel: Channel, author_id: int, body: dict[str, Any]
) -> Message | None:
    """With ``enforce_nonce`` Discord returns the earlier message for a repeated nonce."""
    nonce = body.get("nonce")
    if nonce is None or not body.get("enforce_nonce"):
        return None
    recent = ctx.state.channel_messages.get(channel.id, [])[-NONCE_WINDOW:]
    for message_id in reversed(recent):
        message = ctx.state.messages[message_id]
        if message.author_id == author_id and message.nonce == nonce and not message.deleted:
            return message
    return None


async def post_message(
    ctx: EmulatorContext,
    channel: Channel,
    author_id: int,
    body: dict[str, Any],
    *,
    kind: AuthorKind,
    webhook_id: int | None = None,
    interaction_id: int | None = None,
    message_type: int = 0,
    extra_flags: int = 0,
) -> Message:
    """Validate and store a new message, then dispatch MESSAGE_CREATE."""
    validate_message(body, creating=not (extra_flags & LOADING))
    state = ctx.state
    reference: JSON | None = None
    replied_user: int | None = None
    ref_in = body.get("message_reference")
    if isinstance(ref_in, dict) and ref_in.get("message_id"):
        target = state.messages.get(int(ref_in["message_id"]))
        if target is None or target.deleted or target.channel_id != channel.id:
            if ref_in.get("fail_if_not_exists", True):
                raise form_error(
                    {"message_reference": field_error("REPLIES_UNKNOWN_MESSAGE", "Unknown message")}
                )
        else:
            reference = {
                "type": 0,
                "message_id": str(target.id),
                "channel_id": str(channel.id),
                "guild_id": str(channel.guild_id),
            }
            replied_user = target.author_id if target.webhook_id is None else None
            message_type = 19 if message_type == 0 else message_type
    duplicate = _same_nonce(ctx, channel, author_id, body)
    if duplicate is not None:
        return duplicate
    if not (kind == "interaction" and int(body.get("flags") or 0) & EPHEMERAL):
        # An ephemeral answer is shown to one person and never joins the thread.
        await _ensure_sendable(ctx, channel, kind)
    content = str(body.get("content") or "")
    parse = WEBHOOK_PARSE if kind in ("webhook", "interaction") else DEFAULT_PARSE
    guild = state.guilds[channel.guild_id]
    pings = compute_pings(
        guild,
        content,
        body.get("allowed_mentions"),
        default_parse=parse,
        replied_user_id=replied_user,
    )
    flags = int(body.get("flags") or 0) | extra_flags
    message = Message(
        id=state.ids.next(),
        channel_id=channel.id,
        guild_id=channel.guild_id,
        author_id=author_id,
        content=content,
        type=message_type,
        embeds=_normalise_embeds(body.get("embeds")),
        attachments=list(body.get("attachments_stored") or []),
        components=list(body.get("components") or []),
        webhook_id=webhook_id,
        username=body.get("username"),
        avatar_url=body.get("avatar_url"),
        flags=flags,
        tts=bool(body.get("tts", False)),
        nonce=body.get("nonce"),
        reference=reference,
        pings=pings,
        application_id=state.application_id if kind == "interaction" else None,
        interaction_id=interaction_id,
    )
    state.add_message(message)
    if not message.ephemeral:
        channel.last_message_id = message.id
        if channel.is_thread:
            channel.last_activity = time.monotonic()
            channel.message_count += 1
            channel.total_message_sent += 1
            if kind in ("bot", "user"):
                channel.member_ids.add(author_id)
    await dispatch_message(ctx, "MESSAGE_CREATE", message)
    return message


def _refuse_if_archived(ctx: EmulatorContext, message: Message) -> None:
    """400 50083 "Thread is archived": an archived thread's messages can't be changed.

    Editing there is refused (discord-api-docs PR #2855); deleting was seen refused with the
    same code. Whoever may unarchive the thread (PATCH ``archived: false``, or posting into
    it) must do that first.
    """
    if message.ephemeral:
        return  # an ephemeral interaction answer lives outside the channel's history
    channel = ctx.state.channels.get(message.channel_id)
    if channel is not None and channel.is_thread and channel.archived:
        raise DiscordError(400, 50083, "Thread is archived")


async def edit_message(ctx: EmulatorContext, message: Message, body: dict[str, Any]) -> Message:
    """Apply content/embeds/flags/allowed_mentions changes, then MESSAGE_UPDATE."""
    _refuse_if_archived(ctx, message)
    validate_message(body, creating=False)
    content = str(body.get("content") or "") if "content" in body else message.content
    embeds = _normalise_embeds(body.get("embeds")) if "embeds" in body else message.embeds
    attachments = message.attachments
    if "attachments" in body or "attachments_stored" in body:
        # ``attachments`` lists the existing ones to keep; uploads arrive as new files.
        keep_ids = {str(a.get("id")) for a in body.get("attachments") or []}
        kept = [a for a in message.attachments if a["id"] in keep_ids]
        attachments = kept + list(body.get("attachments_stored") or [])
    if not content and not embeds and not attachments:
        raise DiscordError.empty_message()
    message.content, message.embeds, message.attachments = content, embeds, attachments
    if "components" in body:
        message.components = list(body.get("components") or [])
    if body.get("flags") is not None:
        keep = message.flags & (EPHEMERAL | LOADING)
        message.flags = int(body["flags"]) | keep
    guild = ctx.state.guilds[message.guild_id]
    kind_parse = WEBHOOK_PARSE if message.webhook_id is not None else DEFAULT_PARSE
    message.pings = compute_pings(
        guild, message.content, body.get("allowed_mentions"), default_parse=kind_parse
    )
    message.flags &= ~LOADING
    message.edited_timestamp = iso_now()
    await dispatch_message(ctx, "MESSAGE_UPDATE", message)
    return message


async def delete_message(ctx: EmulatorContext, message: Message) -> None:
    """Keep a tombstone for the control API; MESSAGE_DELETE to the bot."""
    _refuse_if_archived(ctx, message)
    message.deleted = True
    if message.ephemeral:
        return
    thread = ctx.state.channels.get(message.channel_id)
    if thread is not None and thread.is_thread:
        thread.message_count = max(0, thread.message_count - 1)
    await ctx.hub.dispatch(
        "MESSAGE_DELETE",
        {
            "id": str(message.id),
            "channel_id": str(message.channel_id),
            "guild_id": str(message.guild_id),
        },
        intent=Intents.GUILD_MESSAGES,
    )
    ctx.bus.publish("message_delete", message_view(ctx, message))


async def create_thread(
    ctx: EmulatorContext,
    parent: Channel,
    body: dict[str, Any],
    *,
    owner_id: int,
    message: Message | None = None,
) -> Channel:
    """Start a thread from ``message`` (thread id == message id) or a standalone one."""
    if parent.is_thread:
        raise DiscordError(400, 50024, "Cannot execute action on this channel type")
    name, duration, slowmode = validate_thread_request(body)
    state = ctx.state
    if message is not None:
        if message.thread_id is not None:
            raise DiscordError.thread_already_created()
        thread_id = message.id
        thread_type = ChannelType.PUBLIC_THREAD
    else:
        thread_id = state.ids.next()
        thread_type = int(body.get("type") or ChannelType.PRIVATE_THREAD)
        if thread_type not in (ChannelType.PUBLIC_THREAD, ChannelType.PRIVATE_THREAD):
            raise form_error({"type": field_error("BASE_TYPE_CHOICES", "Value must be 11 or 12.")})
    now = iso_now()
    thread = Channel(
        id=thread_id,
        type=thread_type,
        name=name,
        guild_id=parent.guild_id,
        parent_id=parent.id,
        owner_id=owner_id,
        rate_limit_per_user=slowmode,
        auto_archive_duration=duration,
        archive_timestamp=now,
        created_at=now,
        member_ids={owner_id},
    )
    state.channels[thread.id] = thread
    await dispatch_thread(ctx, "THREAD_CREATE", thread, newly_created=True)
    if message is not None:
        message.thread_id = thread.id
        await dispatch_message(ctx, "MESSAGE_UPDATE", message)
    return thread


async def modify_channel(ctx: EmulatorContext, channel: Channel, body: dict[str, Any]) -> Channel:
    """PATCH /channels/{id}: name/topic; for threads archived/locked/auto_archive too."""
    if "name" in body:
        name = body["name"]
        if not isinstance(name, str) or not 1 <= len(name) <= 100:
            raise form_error(
                {
                    "name": field_error(
                        "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."
                    )
                }
            )
        channel.name = name
    if channel.is_thread:
        if "auto_archive_duration" in body:
            duration = body["auto_archive_duration"]
            if duration not in (60, 1440, 4320, 10080):
                raise form_error(
                    {
                        "auto_archive_duration": field_error(
                            "BASE_TYPE_CHOICES", "Value must be one of {60, 1440, 4320, 10080}."
                        )
                    }
                )
            channel.auto_archive_duration = int(duration)
        if "locked" in body and body["locked"] is not None:
            channel.locked = bool(body["locked"])
        if "archived" in body and body["archived"] is not None:
            archived = bool(body["archived"])
            if archived != channel.archived:
                channel.archived = archived
                channel.archive_timestamp = iso_now()
                channel.last_activity = time.monotonic()
        event = "THREAD_UPDATE"
    else:
        if "topic" in body:
            channel.topic = body["topic"]
        event = "CHANNEL_UPDATE"
    if "rate_limit_per_user" in body and body["rate_limit_per_user"] is not None:
        channel.rate_limit_per_user = int(body["rate_limit_per_user"])
    if channel.is_thread:
        await dispatch_thread(ctx, event, channel)
    else:
        await ctx.hub.dispatch(event, channel_payload(channel), intent=Intents.GUILDS)
    return channel


# -- control-API views -------------------------------------------------------------------------


def message_view(ctx: EmulatorContext, message: Message) -> JSON:
    """The control API's record of a message (includes tombstones and real pings)."""
    state = ctx.state
    if message.webhook_id is not None and message.application_id is None:
        hook = state.webhooks.get(message.webhook_id)
        author: JSON = {
            "id": str(message.webhook_id),
            "username": message.username or (hook.name if hook else None),
            "display_name": message.username or (hook.name if hook else None),
            "bot": True,
        }
    else:
        user = state.users[message.author_id]
        author = {
            "id": str(user.id),
            "username": user.username,
            "display_name": user.display_name,
            "bot": user.bot,
        }
    return {
        "id": str(message.id),
        "channel_id": str(message.channel_id),
        "guild_id": str(message.guild_id),
        "type": message.type,
        "author": author,
        "webhook_id": str(message.webhook_id) if message.webhook_id is not None else None,
        "username": message.username,
        "avatar_url": message.avatar_url,
        "content": message.content,
        "embeds": message.embeds,
        "components": message.components,
        "attachments": message.attachments,
        "flags": message.flags,
        "ephemeral": message.ephemeral,
        "timestamp": message.timestamp,
        "edited_timestamp": message.edited_timestamp,
        "deleted": message.deleted,
        "thread_id": str(message.thread_id) if message.thread_id is not None else None,
        "reply_to": message.reference["message_id"] if message.reference else None,
        "interaction_id": str(message.interaction_id) if message.interaction_id else None,
        "pings": message.pings.to_dict(),
    }


def channel_view(ctx: EmulatorContext, channel: Channel) -> JSON:
    threads = [
        channel_view(ctx, c) for c in ctx.state.channels.values() if c.parent_id == channel.id
    ]
    view: JSON = {
        "id": str(channel.id),
        "name": channel.name,
        "type": channel.type,
        "guild_id": str(channel.guild_id),
        "parent_id": str(channel.parent_id) if channel.parent_id else None,
        "is_thread": channel.is_thread,
        "archived": channel.archived,
        "locked": channel.locked,
        "auto_archive_duration": channel.auto_archive_duration,
        "message_count": len(
            [m for m in ctx.state.messages_in(channel.id) if not m.deleted and not m.ephemeral]
        ),
        "bot_can_send": channel.bot_can_send,
    }
    if not channel.is_thread:
        view["threads"] = threads
    return view
