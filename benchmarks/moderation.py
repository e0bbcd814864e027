"""Moderation benchmark: what judging every comment adds to the relay. Prints JSON.

    .venv/bin/python benchmarks/moderation.py            # 2,000 comments per arm
    .venv/bin/python benchmarks/moderation.py --quick    # 400

Times ``record_comment`` (store the comment, judge it, queue its copy for the linked place:
the relay's whole synchronous path) on a real SQLite store in a temporary directory, with
fake chats, in the same run: with no word list (``none``), with a 5,000-entry list of words
(``words``: 4,000 banned, 1,000 suspect) and with the same list where a tenth of the
entries are ``re:`` patterns (``patterns``). The arms alternate in blocks so that drift of
the machine affects them alike. The goal applies to ``words``. Comments are ordinary sentences
that match nothing, so every one is visible and copied: ``lost`` counts comments not
stored or copies not queued, ``duplicated`` copies queued more than once.
Goal: ``added_p50_ms`` under 1 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import random
import statistics
import string
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._timing import percentile
from bot.briefing.model import Brief
from bot.domain.commands import RecordComment
from bot.domain.model import Author, DeliveryKind, Thread
from bot.domain.moderation import Policy
from bot.errors import NotFoundError
from bot.services.comments import record_comment
from bot.services.context import Context
from bot.services.moderation.judging import compiled_for
from storage.sqlite import SqliteStore
from tests.fakes.chat import FakeChat, FakeFetcher

T0 = datetime(2026, 1, 1, tzinfo=UTC)
WORDS = 5_000
BLOCK = 100
_ARTICLE = (
    "the bridge council repairs will close for eight weeks while crews replace its deck "
    "about vehicles cross each day and detour through station road adds roughly ten minutes "
    "shops on east bank worry lost trade we saw takings fall third last time shut said who "
    "runs bakery near crossing department run free shuttle bus every twenty minutes during "
    "closure cost million state grant awarded year councillors could not wait another winter"
)
VOCABULARY = tuple(_ARTICLE.split())


def word_list(rng: random.Random, *, patterns: bool) -> Policy:
    """5,000 entries no ordinary comment matches: invented words (a tenth as patterns)."""
    entries: list[str] = []
    while len(entries) < WORDS:
        word = "".join(rng.choices(string.ascii_lowercase, k=rng.randint(6, 11))) + "zq"
        pattern = patterns and len(entries) % 10 == 0
        entries.append(f"re:{word[:4]}[a4]{word[5:]}" if pattern else word)
    return Policy(
        banned=tuple(entries[:4000]),
        suspect=tuple(entries[4000:]),
        hold_first_web=False,
        burst_count=0,
    )


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choices(VOCABULARY, k=rng.randint(8, 40))).capitalize() + "."


async def prepare(store: SqliteStore) -> list[Thread]:
    """A Discord channel linked with a Slack one; each arm has its own discussion."""
    threads: list[Thread] = []
    async with store.transaction() as tx:
        discord = await tx.places.ensure(DISCORD, "g", "c", "news")
        slack = await tx.places.ensure(SLACK, "T", "C", "news")
        room = await tx.places.link(discord.id, slack.id)
        for arm in ("none", "words", "patterns"):
            article, _ = await tx.articles.add_or_get(
                f"https://news.example/{arm}", arm, Brief.empty(arm), T0
            )
            discussion, _ = await tx.discussions.get_or_create(article.id, room, T0)
            threads.append(
                await tx.discussions.add_thread(discussion.id, discord.id, f"th-{arm}", "m", T0)
            )
            await tx.discussions.add_thread(discussion.id, slack.id, f"C/{arm}", "m", T0)
        await tx.commit()
    return threads


async def relay(ctx: Context, thread: Thread, n: int, text: str) -> float:
    cmd = RecordComment(
        platform=DISCORD,
        workspace_id="g",
        thread_ref=thread.thread_ref,
        message_id=f"{thread.thread_ref}-{n}",
        author=Author(DISCORD, f"u{n % 50}", "Reader", None),
        text=text,
        created_at=datetime.now(UTC),
    )
    started = time.perf_counter()
    comment = await record_comment(cmd, ctx, thread=None)
    elapsed = time.perf_counter() - started
    assert comment is not None and comment.visible, "a benchmark comment was held or rejected"
    return elapsed * 1000


async def run(per_arm: int) -> dict[str, Any]:
    rng = random.Random(11)
    listed = word_list(rng, patterns=False)
    with_patterns = word_list(rng, patterns=True)
    none = Policy(hold_first_web=False, burst_count=0)
    started = time.perf_counter()
    compiled_for(listed)
    compile_ms = (time.perf_counter() - started) * 1000
    compiled_for(with_patterns)
    with tempfile.TemporaryDirectory() as directory:
        store = SqliteStore(Path(directory) / "bench.sqlite3")
        await store.open()
        try:
            ctx = Context(
                store=store,
                fetcher=FakeFetcher(),
                platforms={
                    DISCORD: FakeChat(DISCORD),
                    SLACK: FakeChat(SLACK),
                },
            )
            plain, words, patterned = await prepare(store)
            arms: dict[str, tuple[Policy, Thread, list[float]]] = {
                "none": (none, plain, []),
                "words": (listed, words, []),
                "patterns": (with_patterns, patterned, []),
            }
            texts = [sentence(rng) for _ in range(per_arm)]
            for warm in range(20):  # first statements, caches: not measured
                for policy, thread, _ in arms.values():
                    ctx.moderation_defaults = policy
                    await relay(ctx, thread, -1 - warm, texts[warm % len(texts)])
            for start in range(0, per_arm, BLOCK):
                for policy, thread, samples in arms.values():
                    ctx.moderation_defaults = policy
                    for n in range(start, min(per_arm, start + BLOCK)):
                        samples.append(await relay(ctx, thread, n, texts[n]))
            async with store.transaction() as tx:
                stored = {
                    arm: len(await tx.comments.list_for_discussion(thread.discussion_id))
                    for arm, (_, thread, _) in arms.items()
                }
                counts = await tx.outbox.counts()
            expected = len(arms) * (per_arm + 20)
            with_kinds = await _copies(store)
        finally:
            await store.close()
    p50 = {arm: statistics.median(s) for arm, (_, _, s) in arms.items()}
    return {
        "benchmark": "moderation",
        "python": platform.python_version(),
        "machine": platform.machine(),
        "comments_per_arm": per_arm,
        "word_list_entries": WORDS,
        "compile_ms": round(compile_ms, 1),
        "relay_ms": {
            arm: {
                "p50": round(p50[arm], 3),
                "p99": round(percentile(s, 0.99), 3),
                "mean": round(statistics.fmean(s), 3),
            }
            for arm, (_, _, s) in arms.items()
        },
        "added_p50_ms": round(p50["words"] - p50["none"], 3),
        "p50_ratio": round(p50["words"] / p50["none"], 3),
        "goal_added_p50_ms": 1.0,
        "goal_met": p50["words"] - p50["none"] < 1.0,
        "added_p50_ms_with_patterns": round(p50["patterns"] - p50["none"], 3),
        "stored": sum(stored.values()),
        "copies_queued": with_kinds["total"],
        "expected": expected,
        "lost": max(0, expected - sum(stored.values()))
        + max(0, expected - with_kinds["distinct_comments"]),
        "duplicated": with_kinds["total"] - with_kinds["distinct_comments"],
        "outbox": counts,
    }


async def _copies(store: SqliteStore) -> dict[str, int]:
    """Copies queued, and for how many distinct comments (one copy each is expected)."""
    async with store.transaction() as tx:
        seen: list[int] = []
        for delivery_id in range(1, 10**9):
            try:
                delivery = await tx.outbox.get(delivery_id)
            except NotFoundError:
                break
            if delivery.kind is DeliveryKind.POST_COMMENT and delivery.comment_id is not None:
                seen.append(delivery.comment_id)
    return {"total": len(seen), "distinct_comments": len(set(seen))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="400 comments per arm")
    parser.add_argument("--comments", type=int, default=None, help="comments per arm")
    args = parser.parse_args()
    per_arm = args.comments or (400 if args.quick else 2_000)
    print(json.dumps(asyncio.run(run(per_arm)), indent=2))


if __name__ == "__main__":
    main()
