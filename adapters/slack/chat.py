"""``SlackChat``: the :class:`bot.ports.chat.ChatPlatform` port over Slack's Web API.

A brief is a Block Kit message whose first thread reply is the invitation (posted as a
step of its own, once the thread is recorded); the brief's ``ts`` is the discussion thread.
Copies of comments go into that thread under the author's name and avatar, tagged with
message metadata so that a retry after an interrupted try can recognise what already landed.
The client given here must not retry rate-limited calls itself: the durable outbox
retries, so no worker waits on one channel.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.platform import CAN_REMOVE_ORIGINALS, SLACK
from bot.briefing.model import Brief
from bot.domain.copies import CommentCopy
from bot.domain.model import Place, Thread
from bot.errors import DeliveryError
from bot.messages import DISCUSSION_CLOSED, DISCUSSION_REOPENED, INVITATION
from bot.ports.chat import PostedBrief

from .blocks import brief_blocks, brief_fallback_text
from .errors import TRANSIENT, api_error_code, delivery_error, is_channel_refusal
from .mrkdwn import escape_slack
from .payloads import SlackMessage
from .render import slack_message
from .translate import split_thread_ref, thread_ref

__all__ = [
    "BRIEF_EVENT",
    "COPY_EVENT",
    "INVITATION_EVENT",
    "NOTICE_EVENT",
    "SlackChat",
    "copy_payload",
]

log = logging.getLogger(__name__)

BRIEF_EVENT = "briefbot_brief"
INVITATION_EVENT = "briefbot_invitation"
COPY_EVENT = "briefbot_copy"
NOTICE_EVENT = "briefbot_notice"
# Slack's clock and ours may differ a little; look back a bit further than asked.
CLOCK_SKEW = timedelta(minutes=2)
MAX_PAGES = 10
CHANNEL_ID = re.compile(r"[CG][A-Z0-9]{6,}")


def copy_payload(copy: CommentCopy) -> dict[str, str]:
    """What identifies a copy in its message metadata (a digest, not the text itself)."""
    digest = hashlib.sha256(
        "\x00".join((copy.text, copy.reply_quote or "", copy.full_url or "")).encode()
    ).hexdigest()[:32]
    return {"origin": copy.origin.value, "author": copy.author_name, "digest": digest}


def _oldest(since: datetime) -> str:
    return f"{(since - CLOCK_SKEW).timestamp():.6f}"


class SlackChat:
    """Posts briefs and copies into one Slack workspace through ``client``."""

    platform = SLACK
    can_remove_originals = CAN_REMOVE_ORIGINALS

    def __init__(
        self,
        client: AsyncWebClient,
        *,
        bot_id: str | None = None,
        admin_client: AsyncWebClient | None = None,
    ) -> None:
        """``admin_client`` holds a workspace admin's user token (``SLACK_ADMIN_USER_TOKEN``):
        with it, a person's own message can be deleted ("Remove everywhere", erasure)."""
        self.client = client
        self.bot_id = bot_id
        self.admin_client = admin_client
        self.can_remove_originals = CAN_REMOVE_ORIGINALS or admin_client is not None

    @asynccontextmanager
    async def _calling(self, what: str, channel: str | None = None) -> AsyncIterator[None]:
        try:
            yield
        except TRANSIENT as error:
            label = channel
            if channel and isinstance(error, SlackApiError) and is_channel_refusal(error):
                label = await self._channel_name(channel)
            raise delivery_error(error, what, channel=label) from error

    async def _channel_name(self, channel: str) -> str:
        """The channel's name for a refusal's sentence, else ``channel`` as given."""
        if not CHANNEL_ID.fullmatch(channel):
            return channel
        try:
            response = await self.client.conversations_info(channel=channel)
        except TRANSIENT:
            return channel
        return str(response["channel"].get("name") or channel)

    async def _own_bot_id(self) -> str:
        if self.bot_id is None:
            async with self._calling("identify the app"):
                auth = await self.client.auth_test()
            self.bot_id = str(auth["bot_id"])
        return self.bot_id

    async def _post(self, what: str, label: str | None = None, **params: Any) -> tuple[str, str]:
        """``chat.postMessage``; ``label`` names the channel in a refusal (else its id)."""
        async with self._calling(what, label or str(params.get("channel", ""))):
            response = await self.client.chat_postMessage(
                unfurl_links=False, unfurl_media=False, **params
            )
        return str(response["channel"]), str(response["ts"])

    async def _post_invitation(self, channel: str, thread_ts: str) -> None:
        await self._post(
            "post the invitation",
            channel=channel,
            thread_ts=thread_ts,
            text=escape_slack(INVITATION),
            metadata={"event_type": INVITATION_EVENT, "event_payload": {}},
        )

    async def post_brief(self, place: Place, brief: Brief) -> PostedBrief:
        """Post the brief's blocks into the channel; its ``ts`` is the discussion thread."""
        channel, ts = await self._post(
            "post the brief",
            place.name,
            channel=place.channel_id,
            blocks=brief_blocks(brief),
            text=brief_fallback_text(brief),
            metadata={"event_type": BRIEF_EVENT, "event_payload": {"url": brief.url or ""}},
        )
        return PostedBrief(message_id=ts, thread_ref=thread_ref(channel, ts))

    async def post_invitation(self, thread: Thread) -> None:
        """Post the invitation as a reply under the brief, tagged so a retry can find it."""
        channel, thread_ts = split_thread_ref(thread.thread_ref)
        await self._post_invitation(channel, thread_ts)

    async def find_invitation(self, thread: Thread) -> bool:
        """Whether our tagged invitation is already among the thread's replies."""
        channel, thread_ts = split_thread_ref(thread.thread_ref)
        bot_id = await self._own_bot_id()
        async for message in self._pages(
            "look for the invitation", "conversations.replies", channel=channel, ts=thread_ts
        ):
            if _is_reply(message) and _our_tag(message, bot_id, INVITATION_EVENT) is not None:
                return True
        return False

    async def _pages(self, what: str, method: str, **params: Any) -> AsyncIterator[SlackMessage]:
        cursor: str | None = None
        for _ in range(MAX_PAGES):
            async with self._calling(what, str(params.get("channel", ""))):
                response = await self.client.api_call(
                    method,
                    http_verb="GET",
                    params={**params, "include_all_metadata": True, "cursor": cursor},
                )
            for message in response.get("messages") or []:
                yield message
            cursor = (response.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return

    async def find_brief(self, place: Place, brief: Brief, since: datetime) -> PostedBrief | None:
        """Our brief for this article posted since ``since``."""
        bot_id = await self._own_bot_id()
        fallback = brief_fallback_text(brief)
        async for message in self._pages(
            "look for an earlier brief",
            "conversations.history",
            channel=place.channel_id,
            oldest=_oldest(since),
            limit=200,
        ):
            if message.get("bot_id") != bot_id or _is_reply(message):
                continue
            payload = _our_tag(message, bot_id, BRIEF_EVENT)
            untagged = "metadata" not in message and message.get("text") == fallback
            if untagged or (payload is not None and payload.get("url") == (brief.url or "")):
                return PostedBrief(message["ts"], thread_ref(place.channel_id, message["ts"]))
        return None

    async def post_copy(self, thread: Thread, copy: CommentCopy) -> str:
        """Post the copy as ``"Name (Platform)"`` with their avatar; it pings nobody."""
        channel, thread_ts = split_thread_ref(thread.thread_ref)
        message = slack_message(copy)
        _, ts = await self._post(
            "post a comment copy",
            channel=channel,
            thread_ts=thread_ts,
            username=message.username,
            icon_url=message.icon_url,
            text=message.text,
            metadata={"event_type": COPY_EVENT, "event_payload": copy_payload(copy)},
        )
        return ts

    async def find_copies(self, thread: Thread, copy: CommentCopy, since: datetime) -> list[str]:
        """The ts of our copies like this one since ``since``, oldest first: those tagged
        with its metadata, then untagged ones with the same name and text."""
        channel, thread_ts = split_thread_ref(thread.thread_ref)
        bot_id = await self._own_bot_id()
        wanted = copy_payload(copy)
        message = slack_message(copy)
        tagged: list[str] = []
        fallback: list[str] = []
        async for found in self._pages(
            "look for an earlier copy",
            "conversations.replies",
            channel=channel,
            ts=thread_ts,
            oldest=_oldest(since),
        ):
            if found["ts"] == thread_ts or found.get("bot_id") != bot_id:
                continue
            if "metadata" in found:
                if _our_tag(found, bot_id, COPY_EVENT) == wanted:
                    tagged.append(found["ts"])
            elif found.get("username") == message.username and found.get("text") == message.text:
                fallback.append(found["ts"])
        return tagged + fallback

    async def edit_copy(self, thread: Thread, message_id: str, copy: CommentCopy) -> None:
        """Replace the copy's text; a copy that is gone needs no edit."""
        channel, _ = split_thread_ref(thread.thread_ref)
        try:
            async with self._calling("edit a comment copy", channel):
                await self.client.chat_update(
                    channel=channel, ts=message_id, text=slack_message(copy).text
                )
        except DeliveryError as error:
            if _gone(error):
                log.info("copy %s in %s is gone; nothing to edit", message_id, channel)
                return
            raise

    async def delete_copy(self, thread: Thread, message_id: str) -> None:
        """Delete our copy; ``message_not_found`` means it is already gone, which is done."""
        channel, _ = split_thread_ref(thread.thread_ref)
        try:
            async with self._calling("delete a comment copy", channel):
                await self.client.chat_delete(channel=channel, ts=message_id)
        except DeliveryError as error:
            if not _gone(error):
                raise

    async def post_notice(self, thread: Thread, text: str) -> None:
        """Post ``text`` into the thread as the app itself (bolt drops its own messages)."""
        channel, thread_ts = split_thread_ref(thread.thread_ref)
        await self._post(
            "post a notice",
            channel=channel,
            thread_ts=thread_ts,
            text=escape_slack(text),
            metadata={"event_type": NOTICE_EVENT, "event_payload": {}},
        )

    async def post_channel_notice(self, place: Place, text: str) -> None:
        """Post ``text`` into the channel itself (a feed's notice) as the app."""
        await self._post(
            "post a notice",
            place.name,
            channel=place.channel_id,
            text=escape_slack(text),
            metadata={"event_type": NOTICE_EVENT, "event_payload": {}},
        )

    async def remove_original(self, thread: Thread, message_id: str) -> None:
        """Delete a person's own message with the admin's user token; already gone counts
        as done. Without that token it is never called (``can_remove_originals`` is false):
        a bot token cannot delete a person's message, an admin's user token can
        (https://api.slack.com/methods/chat.delete)."""
        if self.admin_client is None:
            raise DeliveryError(
                "Slack does not let briefbot delete a person's message.",
                platform=SLACK.value,
                permanent=True,
            )
        channel, _ = split_thread_ref(thread.thread_ref)
        try:
            async with self._calling("delete a person's message as an admin", channel):
                await self.admin_client.chat_delete(channel=channel, ts=message_id)
        except DeliveryError as error:
            if not _gone(error):
                raise

    async def close_thread(self, thread: Thread) -> None:
        """Slack threads cannot be locked: say in the thread that it is closed."""
        await self.post_notice(thread, DISCUSSION_CLOSED)

    async def reopen_thread(self, thread: Thread) -> None:
        await self.post_notice(thread, DISCUSSION_REOPENED)

    async def link(self, thread: Thread) -> str | None:
        """The permalink of the brief the thread hangs under (``None`` if Slack says no)."""
        channel, _ = split_thread_ref(thread.thread_ref)
        try:
            response = await self.client.chat_getPermalink(
                channel=channel, message_ts=thread.message_id
            )
        except TRANSIENT as error:
            log.warning("no permalink for %s: %s", thread.thread_ref, type(error).__name__)
            return None
        permalink = response.get("permalink")
        return str(permalink) if permalink else None


def _is_reply(message: SlackMessage) -> bool:
    return message.get("thread_ts", message["ts"]) != message["ts"]


def _our_tag(message: SlackMessage, bot_id: str, event_type: str) -> dict[str, Any] | None:
    """The metadata payload of our message tagged ``event_type``, else ``None``."""
    metadata = message.get("metadata")
    if message.get("bot_id") != bot_id or metadata is None:
        return None
    return metadata["event_payload"] if metadata["event_type"] == event_type else None


def _gone(error: DeliveryError) -> bool:
    cause = error.__cause__
    return isinstance(cause, SlackApiError) and api_error_code(cause) == "message_not_found"
