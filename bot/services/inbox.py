"""One place's incoming events, handled one at a time in the order they arrived.

Chat libraries hand each event to its own task, so two messages written a moment apart
can be stored in either order, and a catch-up read of history can interleave with live
events. Handling a platform's events through one ``Inbox`` keeps the stored order (and so
the order of the copies on the other platforms) the order readers wrote in. While
``held`` (during start-up catch-up) events queue up; they run once ``release`` is called.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

__all__ = ["Inbox", "Job"]

log = logging.getLogger(__name__)

Job = Callable[[], Awaitable[object]]


class Inbox:
    def __init__(self, name: str, *, held: bool = False) -> None:
        self.name = name
        self._queue: asyncio.Queue[Job] = asyncio.Queue()
        self._open = asyncio.Event()
        if not held:
            self._open.set()
        self._task: asyncio.Task[None] | None = None

    @property
    def held(self) -> bool:
        return not self._open.is_set()

    def hold(self) -> None:
        """Queue events without handling them (until :meth:`release`)."""
        self._open.clear()

    def release(self) -> None:
        self._open.set()

    def submit(self, job: Job) -> None:
        """Handle ``job`` after every job submitted before it. Starts the consumer lazily."""
        self._queue.put_nowait(job)
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._consume(), name=f"inbox-{self.name}")

    async def join(self) -> None:
        """Until every submitted job has been handled (tests, orderly shutdown)."""
        await self._queue.join()

    async def _consume(self) -> None:
        while True:
            job = await self._queue.get()
            try:
                await self._open.wait()
                await job()
            except asyncio.CancelledError:
                raise
            except Exception:  # one bad event must not stop the ones behind it
                log.exception("handling an event from %s failed", self.name)
            finally:
                self._queue.task_done()

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
