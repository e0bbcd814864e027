"""Briefs in worker processes: size and time limits, and a loop that keeps relaying."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.briefing.limits import BriefLimits, TooLongToBriefError
from bot.briefing.model import Brief
from bot.briefing.pipeline import brief_from_page
from bot.briefing.pool import ProcessBriefBuilder
from bot.messages import BRIEF_TOO_LONG
from bot.ports.fetch import FetchedPage
from tests.eventually import eventually
from tests.integration.briefing.long_pages import one_sentence_of_figures, very_long_article
from tests.unit.briefing.stories import LIBRARY_TITLE, library_html

LIMIT_SECONDS = 4.0
# The worker is ready before a brief's clock starts; what is left is the parent's own
# bookkeeping and handing the page over, slower on a loaded machine.
SLACK_SECONDS = 3.0
TICK_SECONDS = 0.01
ROOT = Path(__file__).resolve().parents[3]


def _library() -> FetchedPage:
    return FetchedPage("https://news.example/library", "text/html", library_html())


@pytest.fixture
async def builder() -> AsyncIterator[ProcessBriefBuilder]:
    pool = ProcessBriefBuilder(BriefLimits(seconds=LIMIT_SECONDS), workers=1)
    try:
        # Start the worker, so that the tests time briefs, not a Python starting up.
        await pool.build(_library(), sentences=2)
        yield pool
    finally:
        await pool.close()


class Ticker:
    """What a relay loop feels: how late each of its short sleeps wakes up."""

    def __init__(self) -> None:
        self.delays: list[float] = []
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            before = loop.time()
            await asyncio.sleep(TICK_SECONDS)
            self.delays.append(loop.time() - before - TICK_SECONDS)

    async def __aenter__(self) -> Ticker:
        self._task = asyncio.create_task(self._run())
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)

    def p99(self) -> float:
        ordered = sorted(self.delays)
        return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


async def _brief_or_refusal(
    pool: ProcessBriefBuilder, page: FetchedPage
) -> tuple[Brief | TooLongToBriefError, float]:
    started = time.monotonic()
    try:
        result: Brief | TooLongToBriefError = await pool.build(page, sentences=3)
    except TooLongToBriefError as error:
        result = error
    return result, time.monotonic() - started


async def test_a_brief_from_the_pool_is_the_brief_of_the_page(
    builder: ProcessBriefBuilder,
) -> None:
    page = _library()
    brief = await builder.build(page, sentences=2)
    assert brief.title == LIBRARY_TITLE
    assert brief == brief_from_page(page, sentences=2)


async def test_a_ten_thousand_word_sentence_ends_in_time_and_the_loop_keeps_ticking(
    builder: ProcessBriefBuilder,
) -> None:
    async with Ticker() as ticker:
        result, seconds = await _brief_or_refusal(builder, one_sentence_of_figures(10_000))
    assert seconds < LIMIT_SECONDS + SLACK_SECONDS
    if isinstance(result, TooLongToBriefError):
        assert result.user_message == BRIEF_TOO_LONG
    else:
        assert result.key_figures is not None
    assert len(ticker.delays) > 10
    assert ticker.p99() < 0.2, f"p99 tick delay {ticker.p99() * 1000:.0f} ms"


async def test_a_million_word_article_is_refused_at_once_and_the_loop_keeps_ticking(
    builder: ProcessBriefBuilder,
) -> None:
    async with Ticker() as ticker:
        result, seconds = await _brief_or_refusal(builder, very_long_article(1_000_000))
        await asyncio.sleep(0.2)  # a few ticks even when the refusal is instant
    assert isinstance(result, TooLongToBriefError)
    assert result.user_message == BRIEF_TOO_LONG
    assert seconds < LIMIT_SECONDS + SLACK_SECONDS
    assert ticker.p99() < 0.2, f"p99 tick delay {ticker.p99() * 1000:.0f} ms"


async def test_too_many_words_are_refused_in_the_worker_before_parsing() -> None:
    page = very_long_article(60_000)
    pool = ProcessBriefBuilder(
        BriefLimits(max_chars=len(page.text), max_words=50_000, seconds=LIMIT_SECONDS), workers=1
    )
    try:
        with pytest.raises(TooLongToBriefError):
            await pool.build(page, sentences=3)
        assert len(pool.worker_pids()) == 1  # a refusal is no reason to replace the worker
    finally:
        await pool.close()


async def test_a_brief_past_its_time_has_its_worker_killed_and_replaced() -> None:
    pool = ProcessBriefBuilder(BriefLimits(seconds=0.5), workers=1)
    try:
        slow = one_sentence_of_figures(100_000)  # about 2 s of work on one core
        # Warm up with a page that is quick, so that the half second is all the slow one's.
        await pool.build(_library(), sentences=2)
        (first,) = pool.worker_pids()
        with pytest.raises(TooLongToBriefError) as refusal:
            await pool.build(slow, sentences=3)
        assert refusal.value.user_message == BRIEF_TOO_LONG
        assert pool.worker_pids() == []
        await _gone(first)
        brief = await pool.build(_library(), sentences=2)
        assert brief.title == LIBRARY_TITLE
        (second,) = pool.worker_pids()
        assert second != first
    finally:
        await pool.close()


async def test_the_pool_survives_a_worker_killed_from_outside(
    builder: ProcessBriefBuilder,
) -> None:
    (victim,) = builder.worker_pids()
    os.kill(victim, signal.SIGKILL)
    await _gone(victim)
    brief = await builder.build(_library(), sentences=2)
    assert brief.title == LIBRARY_TITLE
    assert victim not in builder.worker_pids()


async def test_closing_stops_every_worker(builder: ProcessBriefBuilder) -> None:
    pids = builder.worker_pids()
    await builder.close()
    for pid in pids:
        await _gone(pid)
    assert builder.worker_pids() == []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A killed child not yet reaped by the executor is a zombie: dead for our purposes.
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


async def _gone(pid: int) -> None:
    async def dead() -> bool:
        return not _alive(pid)

    await eventually(dead)


async def test_workers_exit_when_the_bot_is_killed(tmp_path: Path) -> None:
    """A killed bot's workers must not linger (holding its pipes open, among others)."""
    script = (
        "import asyncio, sys\n"
        "from bot.briefing.limits import BriefLimits\n"
        "from bot.briefing.pool import ProcessBriefBuilder\n"
        "from bot.ports.fetch import FetchedPage\n"
        "async def main():\n"
        "    pool = ProcessBriefBuilder(BriefLimits(), workers=1)\n"
        f"    page = FetchedPage('https://news.example/l', 'text/html', {library_html()!r})\n"
        "    await pool.build(page, sentences=1)\n"
        "    print(*pool.worker_pids(), flush=True)\n"
        "    await asyncio.sleep(60)\n"
        "asyncio.run(main())\n"
    )
    bot = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        script,
        stdout=asyncio.subprocess.PIPE,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert bot.stdout is not None
        line = await asyncio.wait_for(bot.stdout.readline(), 60)
        (worker,) = (int(pid) for pid in line.split())
        assert _alive(worker)
    finally:
        bot.kill()
        await bot.wait()
    await _gone(worker)
