"""Events in one of our threads that is not recorded yet: held, then handled in order.

Readers answer a brief the moment it appears, and that can be before its thread is in the
store: the delivery worker records it a moment after the platform opened it, or another
process does. Such an event is not dropped. It waits here, per thread and in arrival
order, and is handled once the thread is known: when ``BriefPosted`` says so, or when a
re-check every few seconds finds it (a thread recorded by another process). Then the
thread is read once more (the adapter's catch-up), for replies whose events never came.

An event for a thread that already has events waiting is held behind them too, so an edit
or deletion of a held reply is applied after the reply. Everything runs through the
platform's :class:`~bot.services.inbox.Inbox`, so the stored order is the arrival order.
The wait is bounded in count and age; an event dropped for the bound is logged (and the
catch-up on registration still reads the reply itself from the platform).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.events import BriefPosted
from bot.domain.model import Platform, Thread
from bot.errors import BriefbotError, DeliveryError
from bot.services.backoff import backoff_seconds
from bot.services.context import Context
from bot.services.inbox import Inbox

__all__ = ["CatchUpThread", "EarlyEvents", "ThreadJob", "ThreadKey"]

log = logging.getLogger(__name__)

ThreadKey = tuple[str, str]
"""``(workspace id, thread ref)``: a thread as the platform's events name it."""

ThreadJob = Callable[[Thread], Awaitable[object]]
"""Handles one event in its (recorded) thread, which it is given: nobody looks it up twice."""

CatchUpThread = Callable[[Thread], Awaitable[bool]]
"""Reads a newly recorded thread and records what is missing; ``False`` to try again.

A rate limit is raised as a :class:`~bot.errors.DeliveryError` with status 429: it is
waited out and never counts as a try (as in the outbox)."""

MAX_CATCH_UP_TRIES = 60
"""Real failures before a catch-up is given up: with the outbox's backoff (1, 2, 4 … s,
capped at a minute), about an hour of the platform failing."""


@dataclass(frozen=True, slots=True)
class _Held:
    job: ThreadJob
    at: datetime


class EarlyEvents:
    """Holds one platform's events for threads that are ours but not recorded yet.

    ``handle`` is called from inside ``inbox`` jobs; ``run`` (a background task) listens
    for newly recorded threads and re-checks the held ones every ``recheck_seconds``.
    """

    def __init__(
        self,
        ctx: Context,
        platform: Platform,
        inbox: Inbox,
        catch_up: CatchUpThread,
        *,
        max_events: int = 1000,
        max_age: timedelta = timedelta(minutes=15),
        recheck_seconds: float = 2.0,
    ) -> None:
        self.ctx = ctx
        self.platform = platform
        self.inbox = inbox
        self.catch_up = catch_up
        self.max_events = max_events
        self.max_age = max_age
        self.recheck_seconds = recheck_seconds
        self._held: dict[ThreadKey, deque[_Held]] = {}
        self._count = 0
        self._dropped: set[ThreadKey] = set()  # threads that lost held events to the bound
        # Catch-ups to try again: the thread, real failures so far, and when.
        self._catch_up_due: dict[ThreadKey, tuple[Thread, int, datetime]] = {}
        self._recheck_queued = False  # one re-check at a time waits in the inbox

    @property
    def held(self) -> int:
        """How many events are waiting."""
        return self._count

    def waiting(self, key: ThreadKey) -> bool:
        return key in self._held

    async def handle(self, key: ThreadKey, job: ThreadJob, *, ours: bool) -> None:
        """Run ``job`` now if ``key`` is a recorded thread (after the events held for it);
        hold it if the thread is ``ours`` (or has events held already); else drop it:
        the thread is no discussion."""
        thread = await self._find(key)
        if thread is not None:
            if self.waiting(key):  # recorded by another process: its held events first
                await self._registered(thread)
            await job(thread)
        elif ours or self.waiting(key):
            self._hold(key, job)

    async def run(self) -> None:
        """Until cancelled: handle held events once their thread is recorded."""
        async with asyncio.TaskGroup() as group:
            group.create_task(self._listen())
            group.create_task(self._recheck_forever())

    # --- holding ------------------------------------------------------------------------

    def _hold(self, key: ThreadKey, job: ThreadJob) -> None:
        now = self.ctx.clock()
        self._expire(now)
        dropped = self._drop_oldest() if self._count >= self.max_events else None
        self._held.setdefault(key, deque()).append(_Held(job, now))
        self._count += 1
        if dropped is not None and dropped in self._held:
            self._dropped.add(dropped)  # it lost an event older than those still held
        if len(self._held[key]) == 1:
            log.info("%s thread %s is not recorded yet: holding its events", *self._name(key))

    def _drop_oldest(self) -> ThreadKey:
        key = min(self._held, key=lambda k: self._held[k][0].at)
        self._take_first(key)
        log.warning(
            "dropped the oldest event held for %s thread %s: %d events were waiting already",
            *self._name(key),
            self.max_events,
        )
        return key

    def _expire(self, now: datetime) -> None:
        for key in list(self._held):
            dropped = 0
            while key in self._held and now - self._held[key][0].at > self.max_age:
                self._take_first(key)
                dropped += 1
            if dropped:
                log.warning(
                    "dropped %d event(s) held for %s thread %s: it was not recorded within %s",
                    dropped,
                    *self._name(key),
                    self.max_age,
                )

    def _take_first(self, key: ThreadKey) -> None:
        queue = self._held[key]
        queue.popleft()
        self._count -= 1
        if not queue:
            del self._held[key]
            self._dropped.discard(key)

    def _name(self, key: ThreadKey) -> tuple[str, str]:
        return self.platform.value, key[1]

    # --- replaying ----------------------------------------------------------------------

    async def _replay(self, thread: Thread) -> None:
        key = (thread.workspace_id, thread.thread_ref)
        queue = self._held.pop(key, None)
        self._dropped.discard(key)
        if queue is None:
            return
        self._count -= len(queue)
        log.info(
            "%s thread %s is recorded: handling %d held event(s)", *self._name(key), len(queue)
        )
        for held in queue:
            try:
                await held.job(thread)
            except asyncio.CancelledError:
                raise
            except Exception:  # one bad event must not stop the ones behind it
                log.exception("a held event of %s thread %s failed", *self._name(key))

    async def _registered(self, thread: Thread) -> None:
        """Inside the inbox: the thread is recorded; its held events, then a catch-up.

        When the bound dropped some of its held events, the catch-up comes first: it
        reads the thread in the order readers wrote, so the replies whose events were
        dropped are not stored after the later ones (replaying then changes nothing but
        what happened since the catch-up read).
        """
        key = (thread.workspace_id, thread.thread_ref)
        if key in self._dropped:
            await self._catch_up(thread, 0)
            await self._replay(thread)
        else:
            await self._replay(thread)
            await self._catch_up(thread, 0)

    async def _catch_up(self, thread: Thread, tries: int) -> None:
        key = (thread.workspace_id, thread.thread_ref)
        self._catch_up_due.pop(key, None)
        try:
            done = await self.catch_up(thread)
        except asyncio.CancelledError:
            raise
        except DeliveryError as error:
            if error.status == 429:  # paced, not failed: wait what was asked, count nothing
                wait = error.retry_after if error.retry_after is not None else 1.0
                self._catch_up_due[key] = (thread, tries, self._after(wait))
                return
            log.warning("catching up %s thread %s failed: %s", *self._name(key), error)
            done = error.permanent
        except Exception:
            log.exception("catching up %s thread %s failed", *self._name(key))
            done = False
        if done:
            return
        if tries + 1 < MAX_CATCH_UP_TRIES:
            wait = backoff_seconds(tries + 1)
            self._catch_up_due[key] = (thread, tries + 1, self._after(wait))
        else:
            log.error("gave up catching up %s thread %s", *self._name(key))

    def _after(self, seconds: float) -> datetime:
        return self.ctx.clock() + timedelta(seconds=seconds)

    async def _find(self, key: ThreadKey) -> Thread | None:
        async with self.ctx.store.transaction() as tx:
            return await tx.discussions.find_thread(self.platform, *key)

    # --- noticing that a thread is recorded ---------------------------------------------

    async def _listen(self) -> None:
        async with self.ctx.bus.subscribe() as events:
            async for event in events:
                if isinstance(event, BriefPosted):
                    await self._on_brief_posted(event)

    async def _on_brief_posted(self, event: BriefPosted) -> None:
        try:
            async with self.ctx.store.transaction() as tx:
                thread = await tx.discussions.get_thread(event.thread_id)
        except Exception:  # the re-check finds the thread later if events wait for it
            log.exception("could not look up the new thread %s", event.thread_id)
            return
        if thread.platform == self.platform:
            self.inbox.submit(lambda: self._registered(thread))

    async def _recheck_forever(self) -> None:
        while True:
            await asyncio.sleep(self.recheck_seconds)
            self._expire(self.ctx.clock())
            if (self._held or self._catch_up_due) and not self._recheck_queued:
                self._recheck_queued = True
                self.inbox.submit(self._recheck)

    async def _recheck(self) -> None:
        """Inside the inbox: held threads recorded meanwhile (perhaps by another process),
        and catch-ups to try again."""
        self._recheck_queued = False
        now = self.ctx.clock()
        due = [(t, tries) for t, tries, at in self._catch_up_due.values() if at <= now]
        for key in list(self._held):
            with contextlib.suppress(BriefbotError):  # the store is down: next time
                thread = await self._find(key)
                if thread is not None:
                    await self._registered(thread)
        for thread, tries in due:
            await self._catch_up(thread, tries)
