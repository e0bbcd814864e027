"""Catching up (after a restart, or on a newly recorded thread): collect the replies
written while briefbot was away or whose events never came."""

from __future__ import annotations

import logging
from datetime import datetime

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.platform import SLACK
from bot.domain.model import Thread
from bot.services.context import Context

from .collector import CommentCollector
from .errors import TRANSIENT, api_error_code
from .payloads import SlackMessage
from .translate import split_thread_ref, ts_micros

__all__ = ["catch_up_thread", "catch_up_threads"]

log = logging.getLogger(__name__)

MAX_PAGES = 50


async def catch_up_thread(
    client: AsyncWebClient, collector: CommentCollector, thread: Thread
) -> int:
    """Read one thread's replies and record those that are missing; how many were read."""
    channel, thread_ts = split_thread_ref(thread.thread_ref)
    # The whole thread, not only what came after the newest stored reply: a reply that
    # was in flight when the bot died can be older than one that was stored. Recording is
    # idempotent, so replies read twice are stored once.
    oldest = thread_ts
    recorded = 0
    cursor: str | None = None
    for _ in range(MAX_PAGES):
        response = await client.conversations_replies(
            channel=channel, ts=thread_ts, oldest=oldest, inclusive=False, limit=200, cursor=cursor
        )
        messages: list[SlackMessage] = response.get("messages") or []
        for message in messages:
            if message["ts"] != thread_ts and ts_micros(message["ts"]) > ts_micros(oldest):
                comment = await collector.on_history(message, thread)
                recorded += comment is not None
        cursor = (response.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            break
    return recorded


async def catch_up_threads(
    ctx: Context,
    client: AsyncWebClient,
    collector: CommentCollector,
    workspace_id: str,
    *,
    since: datetime,
    limit: int = 1000,
) -> int:
    """Read every known thread of this workspace opened after ``since`` and record the
    replies that are missing. Returns how many reader replies were read and handed to
    the core (which stores each platform message once, however often it is read). One
    thread failing never stops the others.
    """
    async with ctx.store.transaction() as tx:
        threads = await tx.discussions.list_threads(SLACK, limit)
    recorded = 0
    for thread in threads:
        if thread.workspace_id != workspace_id or thread.created_at < since:
            continue
        try:
            recorded += await catch_up_thread(client, collector, thread)
        except SlackApiError as error:
            log.warning("catch-up %s: %s", thread.thread_ref, api_error_code(error) or "error")
        except TRANSIENT as error:
            log.warning("catch-up %s: %s", thread.thread_ref, type(error).__name__)
    return recorded
