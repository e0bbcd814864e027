"""Threads archive themselves after ``auto_archive_duration`` minutes without activity.

channel.mdx, "Thread Metadata Object": ``auto_archive_duration`` is how long "the thread
will stop showing in the channel list after ... minutes of inactivity"; threads.mdx: the
thread is then archived and a THREAD_UPDATE is sent. ``Settings.time_scale`` speeds the
clock up so tests need not wait an hour (``time_scale=3600``: one emulated hour per second).
"""

from __future__ import annotations

import asyncio
import contextlib
import time

from .context import EmulatorContext
from .state import Channel, iso_now

__all__ = ["archive_idle_threads", "run_archiver"]

SWEEP_S = 0.05  # how often the emulator looks for idle threads (wall-clock seconds)


def _idle_for(thread: Channel, now: float) -> float:
    return now - thread.last_activity


async def archive_idle_threads(ctx: EmulatorContext) -> int:
    """Archive every open thread idle for its auto_archive_duration; returns how many."""
    from .actions import dispatch_thread  # actions imports the gateway; avoid a cycle

    scale = max(ctx.settings.time_scale, 1e-9)
    now = time.monotonic()
    archived = 0
    for thread in list(ctx.state.channels.values()):
        if not thread.is_thread or thread.archived:
            continue
        if _idle_for(thread, now) * scale >= thread.auto_archive_duration * 60:
            thread.archived = True
            thread.archive_timestamp = iso_now()
            await dispatch_thread(ctx, "THREAD_UPDATE", thread)
            archived += 1
    return archived


async def run_archiver(ctx: EmulatorContext) -> None:
    """Sweep for idle threads until cancelled."""
    while True:
        await asyncio.sleep(SWEEP_S)
        with contextlib.suppress(Exception):  # never let one bad sweep stop archiving
            await archive_idle_threads(ctx)
