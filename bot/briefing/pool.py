"""Briefs built in worker processes, each with a time limit, so no page holds up the loop.

A brief is CPU work in pure Python: in a thread it would still hold the GIL the event loop
needs for relaying comments, and a pathological page could hold it for minutes. Here each
worker is a one-process :class:`~concurrent.futures.ProcessPoolExecutor` (started with
``spawn``, so nothing of the parent's threads or sockets is inherited), and a brief that
runs past its time limit has its worker killed and replaced, which a shared executor could
not do for one task alone. The parent only checks the page's length (constant time);
counting its words and everything after happens in the worker.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from bot.briefing.limits import BriefLimits, TooLongToBriefError, check_size
from bot.briefing.model import Brief
from bot.errors import ArticleError
from bot.ports.fetch import FetchedPage

__all__ = ["ProcessBriefBuilder", "ThreadBriefBuilder"]

log = logging.getLogger(__name__)

_KILL = getattr(signal, "SIGKILL", signal.SIGTERM)


PARENT_CHECK_SECONDS = 0.5


def _watch_parent(parent: int) -> None:
    """A worker's initializer: it exits soon after the bot does, even a killed bot (whose
    pipes its workers hold open too, so they would never see end-of-file)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(0)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def _ready() -> int:
    """Run first in a new worker: load the pipeline and what it loads on first use, and say
    which process it is."""
    from bot.briefing.pipeline import warm_up

    warm_up()
    return os.getpid()


def _build(page: FetchedPage, sentences: int, limits: BriefLimits) -> Brief:
    """The work a worker does (module level, so ``spawn`` can find it by name)."""
    from bot.briefing.pipeline import brief_from_page

    check_size(page, limits)
    return brief_from_page(page, sentences=sentences)


@dataclass(eq=False)
class _Worker:
    executor: ProcessPoolExecutor
    pid: int
    busy: bool = field(default=False)

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, _KILL)
        self.executor.shutdown(wait=False, cancel_futures=True)


class ProcessBriefBuilder:
    """A :class:`~bot.ports.briefing.BriefBuilder` over ``workers`` worker processes.

    Workers start on first use (each is ready before its brief's clock starts); a brief
    waits for a free worker, then has ``limits.seconds``. Past that, the worker is killed,
    the next brief gets a new one, and the caller gets :class:`TooLongToBriefError`. A
    worker that dies under a brief (killed from outside, out of memory) is replaced and the
    brief tried once more.
    """

    def __init__(self, limits: BriefLimits, *, workers: int = 2) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.limits = limits
        self.workers = workers
        self._context = multiprocessing.get_context("spawn")
        self._free = asyncio.Semaphore(workers)
        self._idle: list[_Worker] = []
        self._live: set[_Worker] = set()
        self._closed = False

    def worker_pids(self) -> list[int]:
        """The process ids of the workers started and not yet stopped."""
        return sorted(w.pid for w in self._live)

    async def build(self, page: FetchedPage, *, sentences: int) -> Brief:
        if len(page.text) > self.limits.max_chars:
            raise TooLongToBriefError()
        for attempt in (1, 2):
            try:
                return await self._build_once(page, sentences)
            except BrokenProcessPool:
                log.warning("a brief worker died under a brief (try %d of 2)", attempt)
        raise ArticleError()

    async def _build_once(self, page: FetchedPage, sentences: int) -> Brief:
        async with self._free:
            worker = await self._take()
            keep = True
            try:
                future = worker.executor.submit(_build, page, sentences, self.limits)
                async with asyncio.timeout(self.limits.seconds):
                    return await asyncio.wrap_future(future)
            except TimeoutError:
                keep = False
                log.warning("a brief took over %.1f s; its worker is replaced", self.limits.seconds)
                raise TooLongToBriefError() from None
            except (BrokenProcessPool, asyncio.CancelledError):
                keep = False  # dead, or still busy with a brief nobody waits for
                raise
            finally:
                self._give_back(worker, keep=keep)

    async def _take(self) -> _Worker:
        if self._closed:
            raise ArticleError()
        if self._idle:
            worker = self._idle.pop()
        else:
            executor = ProcessPoolExecutor(
                max_workers=1,
                mp_context=self._context,
                initializer=_watch_parent,
                initargs=(os.getpid(),),
            )
            try:
                pid = await asyncio.wrap_future(executor.submit(_ready))
            except BaseException:
                executor.shutdown(wait=False, cancel_futures=True)
                raise
            worker = _Worker(executor, pid)
            self._live.add(worker)
        worker.busy = True
        return worker

    def _give_back(self, worker: _Worker, *, keep: bool) -> None:
        worker.busy = False
        if keep and not self._closed:
            self._idle.append(worker)
            return
        self._live.discard(worker)
        worker.kill()

    async def close(self) -> None:
        self._closed = True
        workers, self._live, self._idle = list(self._live), set(), []
        for worker in workers:
            if worker.busy:
                worker.kill()
        await asyncio.gather(
            *(
                asyncio.to_thread(w.executor.shutdown, wait=True, cancel_futures=True)
                for w in workers
            )
        )


class ThreadBriefBuilder:
    """Briefs in a thread of this process, size limits only: for one-off use (the command
    line), where there is no loop to keep free and no time limit to enforce."""

    def __init__(self, limits: BriefLimits | None = None) -> None:
        self.limits = limits or BriefLimits()

    async def build(self, page: FetchedPage, *, sentences: int) -> Brief:
        return await asyncio.to_thread(_build, page, sentences, self.limits)

    async def close(self) -> None:
        return None
