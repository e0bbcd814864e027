"""chat.* methods: post, update, delete, ephemeral and permalinks."""

from __future__ import annotations

from typing import Any

from ..emulator import Emulator
from ..errors import SlackError
from ..payloads import api_message
from ..request import ApiRequest
from ..state import Channel
from ..validation import MAX_TEXT, block_errors, truncate_text

__all__ = ["CHAT_METHODS"]

JSON = dict[str, Any]


def _blocks(req: ApiRequest) -> list[JSON] | None:
    blocks = req.json("blocks", "invalid_blocks_format")
    if blocks is None:
        return None
    errors = block_errors(blocks)
    if errors:
        raise SlackError(
            "invalid_blocks",
            errors=errors,
            response_metadata={"messages": [f"[ERROR] {e}" for e in errors]},
        )
    return list(blocks)


def _metadata(req: ApiRequest) -> JSON | None:
    metadata = req.json("metadata", "invalid_metadata_format")
    if metadata is None:
        return None
    if (
        not isinstance(metadata, dict)
        or not isinstance(metadata.get("event_type"), str)
        or not isinstance(metadata.get("event_payload"), dict)
    ):
        raise SlackError("invalid_metadata_format")
    return {"event_type": metadata["event_type"], "event_payload": metadata["event_payload"]}


def _identity(emu: Emulator, req: ApiRequest) -> tuple[str | None, dict[str, str] | None]:
    username = req.text("username")
    icon_url = req.text("icon_url")
    icon_emoji = req.text("icon_emoji")
    if not (username or icon_url or icon_emoji):
        return None, None
    if "chat:write.customize" not in emu.config.bot_scopes:
        raise SlackError(
            "missing_scope",
            needed="chat:write.customize",
            provided=",".join(emu.config.bot_scopes),
        )
    icons: dict[str, str] | None = None
    if icon_emoji:
        icons = {"emoji": icon_emoji}
    elif icon_url:
        icons = {"image_36": icon_url, "image_48": icon_url, "image_72": icon_url}
    return username, icons


def _warnings(body: JSON, warnings: list[str]) -> JSON:
    if warnings:
        body["warning"] = ",".join(warnings)
        body["response_metadata"] = {
            "warnings": warnings,
            "messages": [
                "[WARN] Your message was truncated but still posted. "
                "The `text` field accepts up to 40,000 characters."
            ],
        }
    return body


def _may_post(emu: Emulator, channel: Channel) -> None:
    """Slack lets a bot post only where it was invited; ``chat:write.public`` lifts that for
    public channels (docs.slack.dev/reference/methods/chat.postMessage, errors
    ``not_in_channel``, ``is_archived``; docs.slack.dev/reference/scopes/chat.write.public)."""
    if channel.is_archived:
        raise SlackError("is_archived")
    if emu.ws.bot_is_member(channel):
        return
    if not channel.is_private and "chat:write.public" in emu.config.bot_scopes:
        return
    raise SlackError("not_in_channel")


def post_message(emu: Emulator, req: ApiRequest) -> JSON:
    channel = emu.channel(req.text("channel"))
    if channel.is_private and not emu.ws.bot_is_member(channel):
        # A private channel the bot is not in does not exist as far as the bot can tell.
        raise SlackError("channel_not_found")
    _may_post(emu, channel)
    blocks = _blocks(req)
    text = req.text("text", "") or ""
    if not text and not blocks and not req.text("attachments"):
        raise SlackError("no_text")
    text, warnings = truncate_text(text)
    username, icons = _identity(emu, req)
    message = emu.post_as_bot(
        channel,
        text=text,
        blocks=blocks,
        thread_ts=req.text("thread_ts"),
        reply_broadcast=req.flag("reply_broadcast"),
        username=username,
        icons=icons,
        metadata=_metadata(req),
    )
    body = {"channel": channel.id, "ts": message.ts, "message": api_message(message, emu.ws)}
    return _warnings(body, warnings)


def update(emu: Emulator, req: ApiRequest) -> JSON:
    channel = emu.channel(req.text("channel"))
    message = emu.message(channel, req.text("ts"))
    if message.bot_id != emu.ws.bot.bot_id:
        raise SlackError("cant_update_message")
    text = req.params.get("text")
    blocks = _blocks(req)
    if text is not None and not isinstance(text, str):
        raise SlackError("invalid_arguments", detail="text must be a string")
    if not text and not blocks and not req.text("attachments"):
        raise SlackError("no_text")
    if text is not None and len(text) > MAX_TEXT:
        raise SlackError("msg_too_long")
    emu.update(channel, message, text=text, blocks=blocks, editor=emu.ws.bot.user_id)
    view = api_message(message, emu.ws)
    return {"channel": channel.id, "ts": message.ts, "text": message.text, "message": view}


def delete(emu: Emulator, req: ApiRequest) -> JSON:
    """A bot token deletes only the app's own messages; a person's message answers
    ``cant_delete_message`` (https://api.slack.com/methods/chat.delete: "bot users ... can
    only delete messages posted by that bot"). A user token deletes that person's own
    messages, and anyone's only while that person is a workspace admin or owner (the same
    page: "When used with a user token, this method may only delete messages that user
    themselves can delete in Slack"; admins can delete others' messages)."""
    channel = emu.channel(req.text("channel"))
    message = emu.message(channel, req.text("ts"))
    person = emu.user_tokens.get(req.token or "")
    if person is None:
        if message.bot_id != emu.ws.bot.bot_id:
            raise SlackError("cant_delete_message")
    else:
        user = emu.ws.find_user(person)
        admin = user is not None and (user.is_admin or user.is_owner)
        if message.user != person and not admin:
            raise SlackError("cant_delete_message")
    emu.delete(channel, message)
    return {"channel": channel.id, "ts": message.ts}


def get_permalink(emu: Emulator, req: ApiRequest) -> JSON:
    channel = emu.channel(req.text("channel"))
    message = emu.message(channel, req.text("message_ts"))
    link = f"{emu.ws.team.url}archives/{channel.id}/p{message.ts.replace('.', '')}"
    if message.is_reply:
        link += f"?thread_ts={message.thread_ts}&cid={channel.id}"
    return {"channel": channel.id, "permalink": link}


def post_ephemeral(emu: Emulator, req: ApiRequest) -> JSON:
    """Only ``user`` sees it, and only if they are in the channel; the bot must be able to
    post there too (docs.slack.dev/reference/methods/chat.postEphemeral: "The user should
    be in the channel specified by the channel argument"; errors ``user_not_in_channel``,
    ``not_in_channel``, ``is_archived``)."""
    channel = emu.channel(req.text("channel"))
    if channel.is_private and not emu.ws.bot_is_member(channel):
        raise SlackError("channel_not_found")
    _may_post(emu, channel)
    user = emu.ws.find_user(req.text("user") or "")
    if user is None or user.id not in channel.members:
        raise SlackError("user_not_in_channel")
    blocks = _blocks(req)
    text = req.text("text", "") or ""
    if not text and not blocks and not req.text("attachments"):
        raise SlackError("no_text")
    text, warnings = truncate_text(text)
    thread_ts = req.text("thread_ts")
    ephemeral = emu.post_ephemeral(channel, user.id, text, blocks, thread_ts, "chat.postEphemeral")
    return _warnings({"message_ts": ephemeral.ts}, warnings)


CHAT_METHODS = {
    "chat.postMessage": post_message,
    "chat.update": update,
    "chat.delete": delete,
    "chat.getPermalink": get_permalink,
    "chat.postEphemeral": post_ephemeral,
}
