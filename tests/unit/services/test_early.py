"""Events in one of our threads that is not recorded yet are held, then handled in order."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest

from adapters.slack.platform import SLACK
from bot.briefing.model import Brief
from bot.domain.events import BriefPosted
from bot.domain.model import Place, Thread
from bot.errors import DeliveryError
from bot.services.context import Context
from bot.services.early import EarlyEvents, ThreadKey
from bot.services.inbox import Inbox
from tests.app import plain_context
from tests.eventually import eventually
from tests.fakes.store import FakeStore

KEY: ThreadKey = ("T1", "CNEWS/1700000000.000100")
OTHER: ThreadKey = ("T1", "CNEWS/1700000000.000200")


@dataclass
class Clock:
    now: datetime = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@dataclass
class World:
    ctx: Context
    inbox: Inbox
    early: EarlyEvents
    clock: Clock
    place: Place
    done: list[str] = field(default_factory=list)
    given: list[str] = field(default_factory=list)
    """The thread ref each job was handed: the collectors never look a thread up twice."""
    caught_up: list[str] = field(default_factory=list)
    catch_up_results: list[bool | DeliveryError] = field(default_factory=list)

    def job(self, name: str) -> Callable[[Thread], Awaitable[None]]:
        async def run(thread: Thread) -> None:
            self.done.append(name)
            self.given.append(thread.thread_ref)

        return run

    async def event(self, key: ThreadKey, name: str, *, ours: bool = True) -> None:
        """An event arriving through the inbox, as the collectors submit them."""
        self.inbox.submit(lambda: self.early.handle(key, self.job(name), ours=ours))
        await self.inbox.join()

    async def record(self, key: ThreadKey, *, announce: bool = True) -> Thread:
        """The delivery worker records the thread (and says so, unless another process did)."""
        async with self.ctx.store.transaction() as tx:
            article, _ = await tx.articles.add_or_get(
                f"https://gazette.example/{key[1]}", "A story", Brief.empty("A story"), self.clock()
            )
            discussion, _ = await tx.discussions.get_or_create(
                article.id, self.place.room_id, self.clock()
            )
            thread = await tx.discussions.add_thread(
                discussion.id, self.place.id, key[1], key[1].split("/")[1], self.clock()
            )
            await tx.commit()
        if announce:
            self.ctx.bus.publish(
                BriefPosted(article.id, discussion.id, self.place.id, thread.id, 1)
            )
        return thread

    async def until(self, check: Callable[[], bool]) -> None:
        """Wait for ``check`` to hold: the early events run in background tasks."""

        async def holds() -> bool:
            return check()

        await eventually(holds, every=0.01)


@asynccontextmanager
async def world(
    *,
    recheck_seconds: float = 0.05,
    max_events: int = 1000,
    max_age: timedelta = timedelta(minutes=15),
) -> AsyncIterator[World]:
    store = FakeStore()
    await store.open()
    clock = Clock()
    ctx = plain_context(store, clock=clock)
    async with store.transaction() as tx:
        place = await tx.places.ensure(SLACK, "T1", "CNEWS", "news")
        await tx.commit()
    inbox = Inbox("test")
    box: list[World] = []

    async def catch_up(thread: Thread) -> bool:
        w = box[0]
        w.caught_up.append(thread.thread_ref)
        w.done.append("catch-up")
        result = w.catch_up_results.pop(0) if w.catch_up_results else True
        if isinstance(result, DeliveryError):
            raise result
        return result

    early = EarlyEvents(
        ctx,
        SLACK,
        inbox,
        catch_up,
        max_events=max_events,
        max_age=max_age,
        recheck_seconds=recheck_seconds,
    )
    w = World(ctx, inbox, early, clock, place)
    box.append(w)
    task = asyncio.create_task(early.run())
    await asyncio.sleep(0.05)  # a few turns of the loop: it subscribes to the bus
    try:
        yield w
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await inbox.close()
        await store.close()


async def test_events_wait_for_their_thread_and_run_in_order_once_it_is_recorded() -> None:
    async with world() as w:
        await w.event(KEY, "reply 1")
        await w.event(KEY, "reply 2")
        await w.event(KEY, "edit of reply 1", ours=False)  # held behind the reply it edits
        assert w.done == [] and w.early.held == 3

        await w.record(KEY)
        await w.until(lambda: "catch-up" in w.done)
        await w.inbox.join()
        assert w.done == ["reply 1", "reply 2", "edit of reply 1", "catch-up"]
        assert w.early.held == 0

        await w.event(KEY, "reply 3", ours=False)  # a recorded thread: handled at once
        assert w.done[-1] == "reply 3"
        # Every job was handed its recorded thread, held or not: nobody looks it up again.
        assert w.given == [KEY[1]] * 4


async def test_an_event_in_a_thread_that_is_not_ours_is_not_held() -> None:
    async with world() as w:
        await w.event(OTHER, "someone else's thread", ours=False)
        assert w.early.held == 0 and not w.early.waiting(OTHER)
        await w.record(OTHER)
        await w.until(lambda: bool(w.caught_up))
        assert w.done == ["catch-up"]


async def test_a_thread_recorded_by_another_process_is_found_by_the_recheck() -> None:
    async with world() as w:
        await w.event(KEY, "reply 1")
        await w.record(KEY, announce=False)  # no BriefPosted in this process
        await w.until(lambda: "catch-up" in w.done)
        assert w.done == ["reply 1", "catch-up"]


async def test_a_live_event_after_the_thread_is_recorded_elsewhere_waits_for_the_held() -> None:
    async with world(recheck_seconds=60) as w:
        await w.event(KEY, "reply 1")
        await w.record(KEY, announce=False)
        await w.event(KEY, "reply 2")
        assert w.done == ["reply 1", "catch-up", "reply 2"]


async def test_the_bound_on_count_drops_the_oldest_and_says_so(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async with world(max_events=2) as w:
        await w.event(KEY, "reply 1")
        await w.event(OTHER, "elsewhere")
        await w.event(KEY, "reply 2")
        assert w.early.held == 2
        assert "dropped the oldest event held for slack thread CNEWS/1700000000.000100" in (
            caplog.text
        )
        await w.record(KEY)
        await w.until(lambda: "reply 2" in w.done)
        # The thread lost an event: it is read first, so what was dropped keeps its place.
        assert w.done == ["catch-up", "reply 2"]


async def test_the_bound_on_age_drops_old_events_and_says_so(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    async with world(max_age=timedelta(minutes=15), recheck_seconds=60) as w:
        await w.event(KEY, "old")
        w.clock.now += timedelta(minutes=16)
        await w.event(OTHER, "new")
        assert not w.early.waiting(KEY) and w.early.waiting(OTHER)
        assert "dropped 1 event(s) held for slack thread CNEWS/1700000000.000100" in caplog.text


async def test_a_failed_catch_up_is_tried_again_after_a_growing_backoff() -> None:
    async with world() as w:
        w.catch_up_results.extend([False, False])
        await w.record(KEY)
        await w.until(lambda: len(w.caught_up) == 1)
        await asyncio.sleep(0.2)
        assert len(w.caught_up) == 1  # not before its backoff (1 s on our clock)
        w.clock.now += timedelta(seconds=1)
        await w.until(lambda: len(w.caught_up) == 2)
        w.clock.now += timedelta(seconds=1)
        await asyncio.sleep(0.2)
        assert len(w.caught_up) == 2  # the second failure waits 2 s
        w.clock.now += timedelta(seconds=1)
        await w.until(lambda: len(w.caught_up) == 3)
        w.clock.now += timedelta(minutes=5)
        await asyncio.sleep(0.2)
        assert len(w.caught_up) == 3  # and not again once it worked


async def test_a_rate_limited_catch_up_waits_what_it_is_told_and_is_never_given_up() -> None:
    async with world() as w:
        paced = DeliveryError("ratelimited", platform="slack", status=429, retry_after=30)
        w.catch_up_results.extend([paced] * 80)  # more than MAX_CATCH_UP_TRIES
        await w.record(KEY)
        for n in range(1, 81):
            await w.until(lambda n=n: len(w.caught_up) == n)  # type: ignore[misc]
            w.clock.now += timedelta(seconds=30)
        await w.until(lambda: len(w.caught_up) == 81)  # still tried: 429s count nothing
