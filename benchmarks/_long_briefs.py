"""Pathological briefs: how long a /brief takes to answer, and what the relay loop feels.

Two invented pages: one sentence of 10,000 words full of figures (the key-figure
labeller's worst case), and an article of 1,000,000 words. Each is briefed the way
``briefbot run`` briefs (``ProcessBriefBuilder`` under the default ``BriefLimits``) while
a ticker coroutine on the same event loop sleeps ``TICK_SECONDS`` over and over; how late
each tick wakes is what relaying a comment would wait. ``thread_before`` runs the same
10,000-word sentence the old way (``asyncio.to_thread``, no limit) for comparison.
"""

from __future__ import annotations

import asyncio
import time
from itertools import cycle, islice
from typing import Any

from benchmarks._timing import percentile
from bot.briefing.limits import BriefLimits
from bot.briefing.pipeline import brief_from_page
from bot.briefing.pool import ProcessBriefBuilder
from bot.errors import ArticleError
from bot.ports.fetch import FetchedPage

__all__ = ["measure_long_briefs"]

TICK_SECONDS = 0.005

_FIGURES = "the harbour board counted {n} moorings and {m}% more berths on {k} piers at £{n}.{k}m"
_PROSE = (
    "<p>Volunteers from the Esk Valley rowing club cleared litter from the towpath on "
    "Saturday. They filled forty sacks before the rain came, and the council has promised "
    "more bins near the boathouse before the summer regatta.</p>\n"
)
_SMALL = FetchedPage(
    "https://news.example/small",
    "text/plain",
    "Towpath clean-up draws a crowd\n\n"
    "Volunteers from the Esk Valley rowing club cleared litter from the towpath on Saturday. "
    "They filled forty sacks before the rain came. The council has promised six more bins "
    "near the boathouse before the summer regatta, at a cost of about £2,400. Club captain "
    "Rosa Imrie said the towpath had never looked so tidy, and that the club would do it "
    "again in September with the primary school's eco group.",
)


def one_sentence(words: int) -> FetchedPage:
    pattern = _FIGURES.split()
    out = [
        word.format(n=1000 + i % 9000, m=i % 97, k=i % 13 + 1)
        for i, word in enumerate(islice(cycle(pattern), words))
    ]
    text = "Harbour figures\n\n" + " ".join(out).capitalize() + "."
    return FetchedPage("https://news.example/one-sentence", "text/plain", text)


def long_article(words: int) -> FetchedPage:
    per = len(_PROSE.split())
    body = _PROSE * (words // per + 1)
    html = f"<html><head><title>Towpath</title></head><body><article>{body}</article></body></html>"
    return FetchedPage("https://news.example/long", "text/html", html)


async def _ticking(work: Any) -> dict[str, Any]:
    loop = asyncio.get_running_loop()
    delays: list[float] = []

    async def ticker() -> None:
        while True:
            before = loop.time()
            await asyncio.sleep(TICK_SECONDS)
            delays.append(loop.time() - before - TICK_SECONDS)

    task = asyncio.create_task(ticker())
    await asyncio.sleep(0.1)  # the ticker's own baseline first
    started = time.perf_counter()
    try:
        await work
        outcome = "brief"
    except ArticleError as error:
        outcome = f"refused: {error.user_message}"
    answered = time.perf_counter() - started
    await asyncio.sleep(0.1)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    return {
        "outcome": outcome,
        "seconds_to_answer": round(answered, 3),
        "relay_tick_delay_ms": {
            "ticks": len(delays),
            "p50": round(percentile(delays, 0.5) * 1000, 2),
            "p99": round(percentile(delays, 0.99) * 1000, 2),
            "max": round(max(delays) * 1000, 2),
        },
    }


async def _measure(with_thread: bool) -> dict[str, Any]:
    limits = BriefLimits()
    pool = ProcessBriefBuilder(limits, workers=2)
    try:
        await pool.build(_SMALL, sentences=3)  # a worker ready, as after the first /brief
        cases = {
            "sentence_10k_words": one_sentence(10_000),
            "article_1m_words": long_article(1_000_000),
        }
        report: dict[str, Any] = {
            "limits": {
                "max_chars": limits.max_chars,
                "max_words": limits.max_words,
                "seconds": limits.seconds,
            },
            "tick_seconds": TICK_SECONDS,
        }
        for name, page in cases.items():
            report[name] = await _ticking(pool.build(page, sentences=3))
            report[name]["chars"] = len(page.text)
        if with_thread:
            page = cases["sentence_10k_words"]
            report["thread_before"] = {
                "sentence_10k_words": await _ticking(
                    asyncio.to_thread(brief_from_page, page, sentences=3)
                )
            }
        return report
    finally:
        await pool.close()


def measure_long_briefs(*, with_thread: bool = True) -> dict[str, Any]:
    """The figures above, as one JSON-ready dict."""
    return asyncio.run(_measure(with_thread))
