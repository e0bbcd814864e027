"""Readers for ``benchmarks/soak.py``: comments from Discord, Slack and the web, and the records.

:class:`Readers` writes tagged comments (``soak-NNNNNN``) as Discord and Slack users through
the emulators' control APIs and as web readers through the bot's JSON API, one after another
within each origin thread (so the written order of a thread is the order of its tokens),
and now and then edits or deletes one. A web post while the bot is down is refused and not
counted; one cut off mid-answer counts only if the store has it at the end.

:func:`collect` reads what every place shows at the end: the chat threads through the
control APIs (the emulators' own records and timestamps) and the web listing of every
discussion; :class:`WebWatch` polls the web listings meanwhile, to know when each comment
first showed up there.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

import aiohttp

from benchmarks._soak_audit import EDIT_MARK, TOKEN, Landed, Sent, token
from benchmarks._sync_world import BenchError, Discussion, World, get_json, post_json

__all__ = ["Readers", "WebWatch", "collect"]

DISCORD_READERS = ("maria.lopez", "dev_okafor", "hannah.k", "oldtownfrank")
SLACK_READERS = ("ana", "ben", "cara")


@dataclass
class WebWatch:
    """Polls every discussion's web listing; remembers when each token first showed up."""

    http: aiohttp.ClientSession
    world: World
    discussion_ids: dict[int, int] = field(default_factory=dict)  # Discussion.index -> id
    first_seen: dict[int, float] = field(default_factory=dict)  # seq -> time
    store_ids: dict[int, int] = field(default_factory=dict)  # seq -> comment id (first seen)
    seqs_by_id: dict[int, int] = field(default_factory=dict)
    _after: dict[int, int] = field(default_factory=dict)

    async def resolve(self, discussions: list[Discussion]) -> None:
        """Find the web discussion of every briefed article (matched by its URL)."""
        missing = {d.url: d.index for d in discussions if d.index not in self.discussion_ids}
        if not missing:
            return
        listing = await get_json(self.http, f"{self.world.web_url}/api/articles?limit=200")
        for article in listing["articles"]:
            index = missing.get(article["url"])
            if index is None:
                continue
            detail = await get_json(self.http, f"{self.world.web_url}/api/articles/{article['id']}")
            if detail["discussions"]:
                self.discussion_ids[index] = int(detail["discussions"][0]["id"])

    async def poll_once(self) -> None:
        for discussion_id in list(self.discussion_ids.values()):
            while True:
                after = self._after.get(discussion_id, 0)
                url = f"{self.world.web_url}/api/discussions/{discussion_id}/comments"
                page = await get_json(self.http, f"{url}?after={after}&limit=200")
                now = time.time()
                for comment in page["comments"]:
                    match = TOKEN.search(comment.get("text") or "")
                    if match:
                        seq = int(match.group(1))
                        self.first_seen.setdefault(seq, now)
                        self.store_ids.setdefault(seq, int(comment["id"]))
                        self.seqs_by_id[int(comment["id"])] = seq
                if not page["comments"] or page["next_after"] is None:
                    break
                self._after[discussion_id] = int(page["next_after"])

    async def run(self, discussions: list[Discussion], every: float = 1.0) -> None:
        """Poll until cancelled; a bot that is down is simply polled again later."""
        while True:
            try:
                await self.resolve(discussions)
                await self.poll_once()
            except (aiohttp.ClientError, OSError, TimeoutError, BenchError):
                pass
            await asyncio.sleep(every)


@dataclass
class Readers:
    """Writes, edits and deletes tagged comments on the three places."""

    http: aiohttp.ClientSession
    world: World
    web: WebWatch
    rng: random.Random
    edit_share: float = 0.05
    delete_share: float = 0.03
    sent: dict[int, Sent] = field(default_factory=dict)
    uncertain: dict[int, Sent] = field(default_factory=dict)  # web posts cut off mid-answer
    refused: Counter[str] = field(default_factory=Counter)
    _next: int = 0
    _locks: dict[tuple[str, int], asyncio.Lock] = field(default_factory=dict)
    _refs: dict[int, tuple[str, str]] = field(default_factory=dict)  # seq -> (channel, id)
    _later: set[asyncio.Task[None]] = field(default_factory=set)

    async def write(self, origin: str, d: Discussion) -> Sent | None:
        """One comment by a reader in ``d`` on ``origin``, after the previous one there."""
        lock = self._locks.setdefault((origin, d.index), asyncio.Lock())
        async with lock:
            self._next += 1
            seq = self._next
            text = f"Comment {token(seq)} on story {d.index + 1}: the figures add up."
            if origin == "web":
                return await self._write_web(seq, d, text)
            if origin == "discord":
                record = await post_json(
                    self.http,
                    f"{self.world.discord.control_url}/messages",  # type: ignore[union-attr]
                    {
                        "channel_id": d.discord_thread,
                        "user_id": DISCORD_READERS[seq % len(DISCORD_READERS)],
                        "content": text,
                    },
                )
                self._refs[seq] = (d.discord_thread, str(record["id"]))
            else:
                answer = await post_json(
                    self.http,
                    f"{self.world.slack.control_url}/messages",  # type: ignore[union-attr]
                    {
                        "channel": d.slack_channel,
                        "user": SLACK_READERS[seq % len(SLACK_READERS)],
                        "text": text,
                        "thread_ts": d.slack_thread_ts,
                    },
                )
                self._refs[seq] = (d.slack_channel, str(answer["message"]["ts"]))
            sent = self.sent[seq] = Sent(seq, origin, d.index, time.time())
        self._maybe_change_later(sent)
        return sent

    async def _write_web(self, seq: int, d: Discussion, text: str) -> Sent | None:
        discussion_id = self.web.discussion_ids.get(d.index)
        if discussion_id is None:
            self.refused["web_discussion_not_found_yet"] += 1
            return None
        url = f"{self.world.web_url}/api/discussions/{discussion_id}/comments"
        body = {"name": f"Web reader {seq % 7 + 1}", "text": text}
        try:
            async with self.http.post(url, json=body) as response:
                if response.status != 201:
                    self.refused[f"web_{response.status}"] += 1
                    return None
                data = await response.json()
        except aiohttp.ClientConnectorError:
            self.refused["web_bot_down"] += 1
            return None
        except (aiohttp.ClientError, OSError, TimeoutError):
            self.uncertain[seq] = Sent(seq, "web", d.index, time.time())
            return None
        self.web.store_ids[seq] = int(data["id"])
        sent = self.sent[seq] = Sent(seq, "web", d.index, time.time())
        return sent

    def _maybe_change_later(self, sent: Sent) -> None:
        roll = self.rng.random()
        if roll < self.delete_share:
            action = "delete"
        elif roll < self.delete_share + self.edit_share:
            action = "edit"
        else:
            return
        task = asyncio.create_task(self._change(sent, action, self.rng.uniform(1.0, 8.0)))
        self._later.add(task)
        task.add_done_callback(self._later.discard)

    async def _change(self, sent: Sent, action: str, after: float) -> None:
        await asyncio.sleep(after)
        channel, ref = self._refs[sent.seq]
        control = self.world.discord if sent.origin == "discord" else self.world.slack
        assert control is not None
        url = f"{control.control_url}/messages/{channel}/{ref}"
        new_text = f"Comment {token(sent.seq)}: {EDIT_MARK}, the figures do not add up."
        body = {"content": new_text} if sent.origin == "discord" else {"text": new_text}
        method = "PATCH" if action == "edit" else "DELETE"
        async with self.http.request(method, url, json=body if action == "edit" else None) as r:
            if r.status >= 400:
                raise BenchError(f"{method} {url}: {r.status} {await r.text()}")
        if action == "edit":
            sent.edited = True
        else:
            sent.deleted = True

    async def settle(self) -> None:
        """Wait for the edits and deletions still scheduled."""
        await asyncio.gather(*self._later)

    def adopt_uncertain(self) -> int:
        """Web posts cut off mid-answer that the store has after all: they were sent."""
        adopted = 0
        for seq, sent in self.uncertain.items():
            if seq in self.web.store_ids:
                self.sent[seq] = sent
                adopted += 1
        return adopted


def _discord_time(stamp: str) -> float:
    return datetime.fromisoformat(stamp).timestamp()


async def collect(
    http: aiohttp.ClientSession, world: World, discussions: list[Discussion], web: WebWatch
) -> list[Landed]:
    """Every record carrying a token, on every place, in each thread's order."""
    assert world.discord is not None and world.slack is not None
    landed: list[Landed] = []

    def add(text: str, place: str, d: Discussion, at: float, deleted: bool, i: int) -> None:
        match = TOKEN.search(text)
        if match:
            landed.append(Landed(int(match.group(1)), place, d.index, at, deleted, text, i))

    for d in discussions:
        if d.discord_thread:
            data = await get_json(
                http, f"{world.discord.control_url}/channels/{d.discord_thread}/messages"
            )
            for i, m in enumerate(data["messages"]):
                if m.get("webhook_id"):
                    add(
                        m["content"] or "",
                        "discord",
                        d,
                        _discord_time(m["timestamp"]),
                        m["deleted"],
                        i,
                    )
        if d.slack_thread_ts:
            data = await get_json(
                http,
                f"{world.slack.control_url}/channels/{d.slack_channel}/messages"
                f"?thread_ts={d.slack_thread_ts}",
            )
            for i, m in enumerate(data["messages"]):
                if m.get("bot_id") and m["ts"] != d.slack_thread_ts:
                    add(m.get("text") or "", "slack", d, float(m["ts"]), bool(m.get("deleted")), i)
        discussion_id = web.discussion_ids.get(d.index)
        if discussion_id is None:
            continue
        after, i = 0, 0
        while True:
            url = f"{world.web_url}/api/discussions/{discussion_id}/comments"
            page = await get_json(http, f"{url}?after={after}&limit=200")
            for c in page["comments"]:
                seq = web.seqs_by_id.get(int(c["id"]))
                text = c.get("text") or ""
                match = TOKEN.search(text)
                if match:
                    seq = int(match.group(1))
                    web.store_ids.setdefault(seq, int(c["id"]))
                if seq is not None and c["author"]["platform"] != "web":
                    at = web.first_seen.get(seq)
                    landed.append(Landed(seq, "web", d.index, at, bool(c["deleted"]), text, i))
                i += 1
            if not page["comments"] or page["next_after"] is None:
                break
            after = int(page["next_after"])
    return landed
