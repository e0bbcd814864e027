"""A discussion written into by many "processes" at once, and a sink that records order.

Shared by ``test_order_under_faults.py`` and the subprocesses it starts
(``order_process.py``). A *spec* names the database so another process can open it:
``{"engine": "postgres", "dsn": ..., "schema": ...}`` or ``{"engine": "sqlite", "path": ...}``.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK
from bot.briefing.model import Brief
from bot.domain.commands import RecordComment
from bot.domain.copies import CommentCopy
from bot.domain.model import Author, Thread
from bot.errors import DeliveryError
from bot.ports.store import Store
from bot.services.comments import record_comment
from bot.services.context import Context
from storage.postgres import PostgresStore
from storage.sqlite import SqliteStore
from tests.fakes.chat import FakeChat, FakeFetcher

__all__ = [
    "Audit",
    "FaultySink",
    "World",
    "Written",
    "audit",
    "context_for",
    "every",
    "make_world",
    "open_store",
    "write_comments",
]

Spec = dict[str, Any]


def open_store(spec: Spec) -> Store:
    """A store on the spec's database (not opened yet); each is its own connection pool."""
    if spec["engine"] == "postgres":
        return PostgresStore(spec["dsn"], schema=spec["schema"], min_size=1, max_size=4)
    return SqliteStore(spec["path"])


def context_for(store: Store) -> Context:
    """What the core needs to store comments and deliver them (no web, open policy)."""
    return Context(store=store, fetcher=FakeFetcher())


@dataclass(frozen=True)
class World:
    """A Discord thread readers write in, and its Slack twin the copies go to."""

    discussion_id: int
    workspace_id: str
    discord_ref: str
    slack_ref: str

    def as_json(self) -> dict[str, object]:
        return {
            "discussion_id": self.discussion_id,
            "workspace_id": self.workspace_id,
            "discord_ref": self.discord_ref,
            "slack_ref": self.slack_ref,
        }


async def make_world(store: Store) -> World:
    now = datetime.now(UTC)
    async with store.transaction() as tx:
        article, _ = await tx.articles.add_or_get(
            "https://gazette.example/news/ferry-timetable",
            "Ferry timetable changes",
            Brief.empty("Ferry timetable changes"),
            now,
        )
        discord = await tx.places.ensure(DISCORD, "G-order", "C-ferry", "ferry")
        slack = await tx.places.ensure(SLACK, "T-order", "C-FERRY", "ferry")
        room_id = await tx.places.link(discord.id, slack.id)
        discussion, _ = await tx.discussions.get_or_create(article.id, room_id, now)
        await tx.discussions.add_thread(discussion.id, discord.id, "C-ferry/1", "m-1", now)
        await tx.discussions.add_thread(discussion.id, slack.id, "C-FERRY/1", "m-2", now)
        await tx.commit()
    return World(discussion.id, "G-order", "C-ferry/1", "C-FERRY/1")


@dataclass(frozen=True)
class Written:
    """One stored comment: its text, and when storing it began and returned (monotonic
    clock, the same for every process on the host)."""

    text: str
    started: float
    committed: float


def comment_text(writer: str, n: int) -> str:
    return f"Ferry note {writer}/{n}: the 7:40 sailing moves to 7:55"


async def write_comments(ctx: Context, world: World, writer: str, count: int) -> list[Written]:
    """``count`` comments from one reader, one after the other, through the core."""
    author = Author(DISCORD, f"reader-{writer}", f"Reader {writer}", None)
    written: list[Written] = []
    for n in range(count):
        text = comment_text(writer, n)
        started = time.monotonic()
        stored = await record_comment(
            RecordComment(
                platform=DISCORD,
                workspace_id=world.workspace_id,
                thread_ref=world.discord_ref,
                message_id=f"{writer}-{n}",
                author=author,
                text=text,
                created_at=datetime.now(UTC),
            ),
            ctx,
        )
        assert stored is not None and stored.visible
        written.append(Written(text, started, time.monotonic()))
    return written


Fault = str | None
"""``"429"`` (refused, nothing posted), ``"503"`` (failed, nothing posted),
``"502-landed"`` (posted, but the answer was an error), or ``None``."""


def every(n429: int, n503: int, n502: int) -> Callable[[int], Fault]:
    """A plan: the k-th post (from 1) is refused when k is a multiple of ``n429``, and so on."""

    def plan(k: int) -> Fault:
        if k % n502 == 0:
            return "502-landed"
        if k % n503 == 0:
            return "503"
        if k % n429 == 0:
            return "429"
        return None

    return plan


@dataclass
class FaultySink(FakeChat):
    """Slack as the copies see it: records each copy in posting order and fails some tries
    as ``plan`` says. ``posted_at`` is the wall-clock time of each copy, in order."""

    plan: Callable[[int], Fault] = field(default=lambda k: None)
    tries: int = 0
    faults: Counter[str] = field(default_factory=Counter)
    posted_at: list[tuple[str, datetime]] = field(default_factory=list)

    async def post_copy(self, thread: Thread, copy: CommentCopy) -> str:
        self.tries += 1
        fault = self.plan(self.tries)
        await asyncio.sleep(0)  # let other lanes and writers interleave
        if fault is not None:
            self.faults[fault] += 1
        if fault == "429":
            raise DeliveryError("ratelimited", platform="slack", status=429, retry_after=0.01)
        if fault == "503":
            raise DeliveryError("unavailable", platform="slack", status=503, retry_after=0.02)
        message_id = await super().post_copy(thread, copy)
        self.posted_at.append((copy.text, datetime.now(UTC)))
        if fault == "502-landed":
            raise DeliveryError("bad gateway", platform="slack", status=502, retry_after=0.02)
        return message_id

    def copies(self, thread_ref: str) -> list[str]:
        return [m.text for m in self.thread_messages(thread_ref)]


@dataclass(frozen=True)
class Audit:
    copies: int
    lost: int
    duplicated: int
    out_of_order: int
    """Copies that arrived after the copy of a comment stored later (store order)."""
    happened_before: int
    """Pairs where comment A was stored before B began, but B's copy came first."""
    unknown: int

    @property
    def clean(self) -> bool:
        faults = (self.lost, self.duplicated, self.out_of_order, self.happened_before)
        return faults == (0, 0, 0, 0) and not self.unknown


def audit(written: list[Written], stored: list[str], copies: list[str]) -> Audit:
    """Compare what the writers stored, the store's order, and the sink's order."""
    wanted = {w.text for w in written}
    seen = Counter(copies)
    first: list[str] = []
    for text in copies:
        if text not in first:
            first.append(text)
    position = {text: k for k, text in enumerate(stored)}
    out_of_order, highest = 0, -1
    for text in first:
        k = position.get(text, -1)
        if k < highest:
            out_of_order += 1
        highest = max(highest, k)
    arrived = {text: k for k, text in enumerate(first)}
    happened_before = sum(
        1
        for a in written
        for b in written
        if a.committed < b.started
        and a.text in arrived
        and b.text in arrived
        and arrived[b.text] < arrived[a.text]
    )
    return Audit(
        copies=len(copies),
        lost=len(wanted - set(copies)),
        duplicated=sum(n - 1 for n in seen.values() if n > 1),
        out_of_order=out_of_order,
        happened_before=happened_before,
        unknown=len(set(copies) - wanted),
    )
