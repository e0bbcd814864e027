"""Telling people, in one sentence, that a place of their discussion is lost to briefbot.

When a delivery fails because the place itself cannot be posted in any more (the channel
was deleted or archived, the bot removed, a permission withdrawn), the log is not enough:
the people who can fix it must hear of it. The delivery worker records the place as
unreachable once per cause (``PlaceRepository.mark_unreachable``, shown on ``/healthz``)
and then calls :func:`announce_unreachable`, which posts the sentence into the threads of
the discussion's other places, where its readers and moderators are, and then records that
people were told. A notice that a crash or a restart interrupted is not lost: the worker
of the lost place's platform sends the ones not recorded as told when it starts.
"""

from __future__ import annotations

import asyncio
import logging

from bot import messages
from bot.domain.model import Thread
from bot.errors import DeliveryError, StorageError
from bot.ports.chat import ChatPlatform
from bot.services.backoff import backoff_seconds
from bot.services.context import Context

__all__ = ["MAX_NOTICE_FAILURES", "announce_unreachable"]

log = logging.getLogger(__name__)

MAX_NOTICE_FAILURES = 5
"""Real failures before a notice to one thread is abandoned (rate limits do not count)."""


async def announce_unreachable(ctx: Context, place_id: int, discussion_id: int, cause: str) -> int:
    """Post the notice into every other thread of the discussion; returns how many got it.

    Once every thread got it (or a thread gave up after its retries), the place is
    recorded as told for ``cause``.
    """
    try:
        async with ctx.store.transaction() as tx:
            place = await tx.places.get(place_id)
            threads = await tx.discussions.threads(discussion_id)
    except StorageError:
        log.exception("could not read place %s to announce that it is unreachable", place_id)
        return 0
    text = messages.place_unreachable(place.platform.label, place.name)
    told = 0
    for thread in threads:
        chat = ctx.platforms.get(thread.platform)
        if thread.place_id != place_id and chat is not None and await _post(chat, thread, text):
            told += 1
    try:
        async with ctx.store.transaction() as tx:
            await tx.places.mark_notified(place_id, cause)
            await tx.commit()
    except StorageError:  # told, but not recorded: a restart may tell once more
        log.exception("could not record that people were told about place %s", place_id)
    return told


async def _post(chat: ChatPlatform, thread: Thread, text: str) -> bool:
    failures = 0
    while True:
        try:
            await chat.post_notice(thread, text)
            return True
        except DeliveryError as error:
            if error.status == 429 and not error.permanent:  # paced, not failed: wait
                await asyncio.sleep(error.retry_after if error.retry_after is not None else 1)
                continue
            failures += 1
            if error.permanent or failures >= MAX_NOTICE_FAILURES:
                log.warning("could not post a notice in %s: %s", thread.thread_ref, error)
                return False
            await asyncio.sleep(backoff_seconds(failures))
