"""A worker whose every slot waits on a slow platform waits too: it does not spin."""

from __future__ import annotations

import asyncio
import time

from adapters.discord.platform import DISCORD
from bot.domain.commands import PublishBrief
from bot.domain.copies import CommentCopy
from bot.domain.model import Thread
from bot.services.briefs import publish_brief
from bot.services.comments import record_comment
from bot.services.delivery import DeliveryWorker
from tests.eventually import eventually
from tests.unit.services.harness import ARTICLE_URL, harness

WATCH_SECONDS = 1.0


async def test_a_worker_with_every_slot_on_a_slow_call_uses_no_cpu_meanwhile() -> None:
    async with harness() as h:
        slots = DeliveryWorker(h.ctx, h.slack).concurrency
        threads = []
        for n in range(slots + 2):  # more lanes with work than the worker has slots
            url = f"{ARTICLE_URL}-{n}"
            h.fetcher.pages[url] = h.fetcher.pages[ARTICLE_URL].replace("Mill Street", f"Quay {n}")
            outcome = await publish_brief(
                PublishBrief(url, DISCORD, "G1", "C-news", "news", "u1"), h.ctx
            )
            await h.settle()
            threads.append(await h.thread(DISCORD, outcome.discussion.id))
        release = asyncio.Event()
        started: list[str] = []
        post_copy = h.slack.post_copy

        async def slow_post_copy(thread: Thread, copy: CommentCopy) -> str:
            started.append(copy.text)
            await release.wait()  # Slack taking its time (or a pacer holding the call)
            return await post_copy(thread, copy)

        h.slack.post_copy = slow_post_copy  # type: ignore[method-assign]
        for n, thread in enumerate(threads):
            await record_comment(h.reader(thread, f"m{n}", f"comment {n}"), h.ctx)

        async def all_slots_taken() -> bool:
            return len(started) >= slots

        await eventually(all_slots_taken)
        cpu = time.process_time()
        await asyncio.sleep(WATCH_SECONDS)
        spent = time.process_time() - cpu
        release.set()
        await h.settle()
        assert len(h.slack.messages) == len(threads)
        assert spent < WATCH_SECONDS * 0.2, f"{spent:.2f} s of CPU while waiting"
