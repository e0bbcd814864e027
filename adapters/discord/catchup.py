"""Catching up after a restart: what readers wrote, edited or deleted while the bot was down.

For the newest discussion threads in the store, the recent history of each Discord thread
is read again (raw JSON over discord.py's HTTP layer) and fed through the same core calls
as live events. Recording is idempotent and an edit to the same text changes nothing, so
reading a message twice is harmless. A stored comment whose message is missing from a
history that reaches back past it was deleted meanwhile and is tombstoned.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import cast

import aiohttp
import discord

from adapters.discord.objects import channel_names, role_names
from adapters.discord.parse import incoming_from_payload, time_snowflake
from adapters.discord.payloads import MessagePayload
from adapters.discord.platform import DISCORD
from adapters.discord.translate import (
    IncomingMessage,
    delete_command,
    edit_command,
    is_reader_message,
    record_command,
)
from bot.domain.model import Thread
from bot.errors import BriefbotError
from bot.services.comments import (
    delete_comment,
    edit_comment,
    mark_read_edited,
    record_comment,
)
from bot.services.context import Context

__all__ = ["CatchUp", "catch_up", "catch_up_threads", "missing_messages"]

log = logging.getLogger(__name__)

# How far our clock may run ahead of Discord's without a live message being judged deleted.
CLOCK_MARGIN = timedelta(seconds=5)
PAGE_SIZE = 100


@dataclass
class CatchUp:
    """What a catch-up did, for the log and for tests; ``failed`` may be tried again."""

    threads: int = 0
    messages: int = 0
    deleted: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (guild id, thread id)


async def catch_up(
    ctx: Context,
    client: discord.Client,
    *,
    max_threads: int = 50,
    max_messages: int = 1000,
) -> CatchUp:
    """Re-read up to ``max_messages`` latest messages of the ``max_threads`` newest threads."""
    async with ctx.store.transaction() as tx:
        threads = await tx.discussions.list_threads(DISCORD, limit=max_threads)
    return await _catch_up_all(ctx, client, threads, max_messages)


async def catch_up_threads(
    ctx: Context,
    client: discord.Client,
    refs: Iterable[tuple[str, str]],
    *,
    max_messages: int = 1000,
) -> CatchUp:
    """Re-read the given threads ``(guild id, thread id)`` (whose live events were lost)."""
    threads: list[Thread] = []
    async with ctx.store.transaction() as tx:
        for guild_id, thread_ref in refs:
            thread = await tx.discussions.find_thread(DISCORD, guild_id, thread_ref)
            if thread is not None:
                threads.append(thread)
    return await _catch_up_all(ctx, client, threads, max_messages)


async def _catch_up_all(
    ctx: Context, client: discord.Client, threads: list[Thread], max_messages: int
) -> CatchUp:
    result = CatchUp()
    guilds = {str(g.id) for g in client.guilds}
    for thread in threads:
        if thread.workspace_id not in guilds:
            continue
        try:
            await _catch_up_thread(ctx, client, thread, max_messages, result)
        except (discord.NotFound, discord.Forbidden):
            continue  # the thread was deleted, or we may no longer read it
        except (discord.DiscordException, BriefbotError, aiohttp.ClientError, OSError) as error:
            log.warning("catching up Discord thread %s failed: %s", thread.thread_ref, error)
            result.failed.append((thread.workspace_id, thread.thread_ref))
            continue
        result.threads += 1
    return result


async def _catch_up_thread(
    ctx: Context, client: discord.Client, thread: Thread, limit: int, result: CatchUp
) -> None:
    fetched_at = ctx.clock()
    history = await _history(client, int(thread.thread_ref), limit)
    guild = client.get_guild(int(thread.workspace_id))
    roles = role_names(guild) if guild else None
    channels = channel_names(guild) if guild else None
    own = str(client.user.id) if client.user else None
    for payload in reversed(history):  # oldest first, so replies find their parents
        incoming = incoming_from_payload(
            payload, guild_id=thread.workspace_id, roles=roles, channels=channels
        )
        if incoming is not None and is_reader_message(incoming, own):
            await _replay(ctx, incoming, thread)
            result.messages += 1
    seen = {p["id"] for p in history}
    ids = [int(i) for i in seen]
    # The span of message ids the history vouches for: everything since the thread began
    # when it was read in full, and up to the moment of reading (a message that arrives
    # live meanwhile is newer than that and is not judged).
    low = 0 if len(history) < limit else min(ids, default=0)
    high = max([*ids, time_snowflake(fetched_at - CLOCK_MARGIN)])
    await _tombstone_missing(ctx, thread, seen, low, high, result)


async def _history(client: discord.Client, channel_id: int, limit: int) -> list[MessagePayload]:
    """Up to ``limit`` newest messages, newest first, a page of 100 (Discord's most) at a time."""
    history: list[MessagePayload] = []
    before: int | None = None
    while len(history) < limit:
        want = min(PAGE_SIZE, limit - len(history))
        raw = await client.http.logs_from(channel_id, want, before=before)
        page = cast(list[MessagePayload], raw)  # our TypedDict reads a subset of discord.py's
        history.extend(page)
        if len(page) < want:
            break
        before = min(int(p["id"]) for p in page)
    return history


async def _replay(ctx: Context, incoming: IncomingMessage, thread: Thread) -> None:
    """Record the message; apply its edit unless a newer one was already stored."""
    record = record_command(incoming)
    if record is None:
        return
    comment = await record_comment(record, ctx, thread=thread)
    edit = edit_command(incoming, ctx.clock()) if incoming.edited_at is not None else None
    if edit is None or comment is None:
        return
    if comment.edited_at is None and await mark_read_edited(edit, ctx, thread=thread):
        return  # recorded just now, or earlier, with the edited text: only the mark was missing
    if comment.edited_at is None or edit.edited_at > comment.edited_at:
        await edit_comment(edit, ctx, thread=thread)


async def _tombstone_missing(
    ctx: Context, thread: Thread, seen: set[str], low: int, high: int, result: CatchUp
) -> None:
    async with ctx.store.transaction() as tx:
        comments = await tx.comments.list_for_discussion(thread.discussion_id)
    stored = (c.platform_message_id for c in comments if c.thread_id == thread.id and not c.deleted)
    now = ctx.clock()
    for message_id in missing_messages(stored, seen, low, high):
        command = delete_command(thread.workspace_id, thread.thread_ref, message_id, now)
        await delete_comment(command, ctx, thread=thread)
        result.deleted += 1


def missing_messages(stored: Iterable[str], seen: set[str], low: int, high: int) -> list[str]:
    """Stored message ids within ``[low, high]`` that the history did not show: deleted."""
    return [mid for mid in stored if mid not in seen and mid.isdigit() and low <= int(mid) <= high]
