"""Posting comments as readers and watching their copies land, for ``benchmarks/sync.py``.

Every posted comment carries a tag ``bench-NNNNNN`` (its sequence number). The
:class:`CopyWatch` follows both emulators' ``/_control/events`` streams and records, for
each tag, every copy the bot made of it: where it landed and when the emulator created it.
:func:`audit` re-reads every thread through the control APIs afterwards, so that lost,
duplicated, misplaced and out-of-order copies are counted from the emulators' own records,
not from the stream.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import aiohttp

from benchmarks._sync_world import Discussion, get_json, post_json

__all__ = ["Copy", "CopyWatch", "Posted", "Poster", "audit"]

TAG = re.compile(r"bench-(\d{6})")
DISCORD_READERS = ("maria.lopez", "dev_okafor", "hannah.k", "oldtownfrank")
SLACK_READERS = ("ana", "ben", "cara")


@dataclass(frozen=True, slots=True)
class Posted:
    """A comment a reader wrote: ``origin`` is where, ``posted_at`` when the post returned."""

    seq: int
    origin: str  # "discord" | "slack"
    discussion: int
    posted_at: float  # time.time()

    @property
    def target(self) -> str:
        return "slack" if self.origin == "discord" else "discord"


@dataclass(frozen=True, slots=True)
class Copy:
    seq: int
    platform: str
    thread: str
    created_at: float  # the emulator's timestamp of the copy


@dataclass
class Poster:
    """Posts tagged comments through the control APIs and remembers each one."""

    http: aiohttp.ClientSession
    discord_control: str
    slack_control: str
    discussions: list[Discussion]
    posted: dict[int, Posted] = field(default_factory=dict)
    _next: int = 0

    def new_seq(self) -> int:
        self._next += 1
        return self._next

    async def post(self, origin: str, discussion: Discussion, seq: int) -> Posted:
        text = f"Comment bench-{seq:06d} on story {discussion.index + 1}: the figures add up."
        if origin == "discord":
            await post_json(
                self.http,
                f"{self.discord_control}/messages",
                {
                    "channel_id": discussion.discord_thread,
                    "user_id": DISCORD_READERS[seq % len(DISCORD_READERS)],
                    "content": text,
                },
            )
        else:
            await post_json(
                self.http,
                f"{self.slack_control}/messages",
                {
                    "channel": discussion.slack_channel,
                    "user": SLACK_READERS[seq % len(SLACK_READERS)],
                    "text": text,
                    "thread_ts": discussion.slack_thread_ts,
                },
            )
        posted = Posted(seq, origin, discussion.index, time.time())
        self.posted[seq] = posted
        return posted


@dataclass
class CopyWatch:
    """Copies seen on the emulators' event streams, by tag."""

    copies: dict[int, list[Copy]] = field(default_factory=dict)
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    _tasks: list[asyncio.Task[None]] = field(default_factory=list)

    async def start(self, http: aiohttp.ClientSession, discord: str, slack: str) -> None:
        ready = [asyncio.Event(), asyncio.Event()]
        self._tasks = [
            asyncio.create_task(_follow(http, f"{discord}/events", self._discord, ready[0])),
            asyncio.create_task(_follow(http, f"{slack}/events", self._slack, ready[1])),
        ]
        async with asyncio.timeout(10):
            await asyncio.gather(*(r.wait() for r in ready))

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def count(self, seqs: list[int]) -> int:
        return sum(1 for s in seqs if s in self.copies)

    def _add(self, copy: Copy) -> None:
        self.copies.setdefault(copy.seq, []).append(copy)
        self.changed.set()

    def _discord(self, event: str, data: dict[str, Any]) -> None:
        if event != "message_create" or not data.get("webhook_id"):
            return
        match = TAG.search(data.get("content") or "")
        if match:
            created = datetime.fromisoformat(data["timestamp"]).timestamp()
            self._add(Copy(int(match.group(1)), "discord", str(data["channel_id"]), created))

    def _slack(self, event: str, data: dict[str, Any]) -> None:
        message = data.get("message") or {}
        if event != "message_created" or not message.get("bot_id"):
            return
        match = TAG.search(message.get("text") or "")
        if match:
            thread = f"{data['channel']}/{message.get('thread_ts')}"
            self._add(Copy(int(match.group(1)), "slack", thread, float(data["ts"])))

    async def wait_for(self, seqs: list[int], stall_seconds: float) -> bool:
        """Until every seq has a copy (True) or no new copy came for ``stall_seconds``."""
        while self.count(seqs) < len(seqs):
            self.changed.clear()
            try:
                async with asyncio.timeout(stall_seconds):
                    await self.changed.wait()
            except TimeoutError:
                return False
        return True


async def _follow(
    http: aiohttp.ClientSession,
    url: str,
    handle: Callable[[str, dict[str, Any]], None],
    ready: asyncio.Event,
) -> None:
    """Read a Server-Sent Events stream and hand each event to ``handle``."""
    timeout = aiohttp.ClientTimeout(total=None, sock_read=None)
    async with http.get(url, timeout=timeout) as response:
        ready.set()
        event, data = "message", list[str]()
        async for raw in response.content:
            line = raw.decode().rstrip("\r\n")
            if not line:
                if data:
                    handle(event, json.loads("\n".join(data)))
                event, data = "message", []
            elif not line.startswith(":"):
                name, _, value = line.partition(":")
                value = value.removeprefix(" ")
                if name == "event":
                    event = value
                elif name == "data":
                    data.append(value)


async def audit(
    http: aiohttp.ClientSession,
    discord_control: str,
    slack_control: str,
    discussions: list[Discussion],
    posted: dict[int, Posted],
) -> dict[str, int]:
    """Lost, duplicated, misplaced and out-of-order copies, from the threads' listings."""
    found: dict[int, list[tuple[str, int]]] = {}  # seq -> [(platform, discussion)]
    out_of_order = 0
    by_platform = {"discord": 0, "slack": 0}  # where the misordered copies landed
    for d in discussions:
        discord = await get_json(http, f"{discord_control}/channels/{d.discord_thread}/messages")
        slack = await get_json(
            http,
            f"{slack_control}/channels/{d.slack_channel}/messages?thread_ts={d.slack_thread_ts}",
        )
        threads = {
            "discord": [
                m["content"]
                for m in discord["messages"]
                if m.get("webhook_id") and not m["deleted"]
            ],
            "slack": [
                m["text"]
                for m in slack["messages"]
                if m.get("bot_id") and m.get("username") and not m.get("deleted")
            ],
        }
        for platform, texts in threads.items():
            seqs = [int(m.group(1)) for t in texts if (m := TAG.search(t))]
            for seq in seqs:
                found.setdefault(seq, []).append((platform, d.index))
            highest = 0
            for seq in seqs:
                if seq < highest:
                    out_of_order += 1
                    by_platform[platform] += 1
                highest = max(highest, seq)
    lost = duplicated = misplaced = 0
    for seq, comment in posted.items():
        places = found.get(seq, [])
        lost += not places
        duplicated += max(0, len(places) - 1)
        misplaced += sum(1 for p in places if p != (comment.target, comment.discussion))
    strays = sum(1 for seq in found if seq not in posted)
    return {
        "comments": len(posted),
        "copies_found": sum(len(v) for v in found.values()),
        "lost": lost,
        "duplicated": duplicated,
        "wrong_thread": misplaced,
        "out_of_order": out_of_order,
        "out_of_order_landed_on_discord": by_platform["discord"],
        "out_of_order_landed_on_slack": by_platform["slack"],
        "unknown_copies": strays,
    }
