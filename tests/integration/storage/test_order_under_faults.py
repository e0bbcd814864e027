"""Order, loss and duplicates with faults in combination, on real SQLite and PostgreSQL.

Several "processes" store comments into one discussion at once: separate stores (each its
own connection pool or SQLite connection) in this process, plus real subprocesses running
the same store code. Delivery workers (one per store) relay every copy to a sink that
records the order copies arrive in and refuses some tries: rate limits (429), errors
before anything was posted (503) and errors after the copy landed (502). One test kills a
worker process with SIGKILL while it holds the lane's head.

Checked every time: 0 lost, 0 duplicated, 0 out of order (against the store's order, and
against real time: a comment stored before another began is copied before it), and every
position in the discussion taken in id order.
"""

from __future__ import annotations

import asyncio
import json
import signal
import sqlite3
import sys
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from datetime import datetime
from pathlib import Path
from typing import Any

import asyncpg
import pytest

from adapters.slack.platform import SLACK
from bot.ports.store import Store
from bot.services.delivery import DeliveryWorker
from storage.postgres.db import numbered
from storage.sqlite.db import decode_time
from tests.eventually import eventually
from tests.integration.storage.conftest import fresh_schema
from tests.integration.storage.order_world import (
    Audit,
    FaultySink,
    World,
    Written,
    audit,
    context_for,
    every,
    make_world,
    open_store,
    write_comments,
)

ROOT = Path(__file__).resolve().parents[3]

pytestmark = pytest.mark.slow

Spec = dict[str, Any]


@pytest.fixture(params=["sqlite", "postgres"])
async def spec(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Spec]:
    if request.param == "sqlite":
        yield {"engine": "sqlite", "path": str(tmp_path / "order.sqlite3")}
        return
    dsn = request.getfixturevalue("postgres_dsn")
    async with fresh_schema(dsn) as schema:
        yield {"engine": "postgres", "dsn": dsn, "schema": schema}


async def query(spec: Spec, sql: str, *args: object) -> list[tuple[Any, ...]]:
    """Raw rows, past the store's API (positions and worker rows are not part of it)."""
    if spec["engine"] == "sqlite":
        with sqlite3.connect(spec["path"]) as conn:
            found = conn.execute(sql, args).fetchall()
        conn.close()
        return found
    conn = await asyncpg.connect(spec["dsn"], server_settings={"search_path": spec["schema"]})
    try:
        return [tuple(row) for row in await conn.fetch(numbered(sql), *args)]
    finally:
        await conn.close()


def as_time(spec: Spec, value: Any) -> datetime:
    return decode_time(value) if spec["engine"] == "sqlite" else value  # type: ignore[no-any-return]


async def stores(stack: AsyncExitStack, spec: Spec, n: int) -> list[Store]:
    opened: list[Store] = []
    for _ in range(n):  # one after the other: the first applies the migrations
        store = open_store(spec)
        await store.open()
        stack.push_async_callback(store.close)
        opened.append(store)
    return opened


async def subprocess(spec: Spec, world: World, *args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.integration.storage.order_process",
        json.dumps(spec),
        json.dumps(world.as_json()),
        *args,
        cwd=ROOT,
        stdin=asyncio.subprocess.PIPE,  # closed when this process ends: the child ends too
        stdout=asyncio.subprocess.PIPE,
    )


async def lines(process: asyncio.subprocess.Process) -> list[dict[str, Any]]:
    assert process.stdout is not None
    out = await asyncio.wait_for(process.stdout.read(), 120)  # until it ends
    assert await process.wait() == 0
    return [json.loads(line) for line in out.decode().splitlines()]


async def next_line(process: asyncio.subprocess.Process) -> dict[str, Any]:
    assert process.stdout is not None
    line = await asyncio.wait_for(process.stdout.readline(), 60)
    assert line, "the subprocess ended early"
    return json.loads(line)  # type: ignore[no-any-return]


def start_workers(stack: AsyncExitStack, opened: list[Store], sink: FaultySink) -> None:
    for store in opened:
        worker = DeliveryWorker(context_for(store), sink, idle_poll_seconds=0.05)
        task = asyncio.create_task(worker.run())
        stack.push_async_callback(_stop, task)


async def _stop(task: asyncio.Task[None]) -> None:
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


async def settle(spec: Spec, sink: FaultySink, world: World, total: int) -> None:
    async def all_copied() -> bool:
        if len(sink.copies(world.slack_ref)) < total:
            return False
        [(unfinished,)] = await query(
            spec, "SELECT COUNT(*) FROM deliveries WHERE status IN ('pending', 'claimed')"
        )
        return bool(unfinished == 0)

    await eventually(all_copied, 120, every=0.1)


async def checked(
    spec: Spec, store: Store, world: World, written: list[Written], sink: FaultySink
) -> Audit:
    """The audit of this run, after the invariants of the store itself."""
    async with store.transaction() as tx:
        stored = [c.text for c in await tx.comments.list_for_discussion(world.discussion_id)]
        counts = await tx.outbox.counts()
    assert counts["failed"] == 0
    positions = await query(
        spec,
        "SELECT id, seq FROM comments WHERE discussion_id = ? ORDER BY id",
        world.discussion_id,
    )
    seqs = [seq for _, seq in positions]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)  # ids follow positions
    lanes = await query(
        spec, "SELECT seq FROM deliveries WHERE discussion_id = ? ORDER BY id", world.discussion_id
    )
    assert [s for (s,) in lanes] == sorted(s for (s,) in lanes)
    result = audit(written, stored, sink.copies(world.slack_ref))
    print(f"\n{spec['engine']}: {result} faults={dict(sink.faults)} tries={sink.tries}")
    return result


WRITERS_PER_STORE = 3
PER_WRITER = 30
SUBPROCESS_WRITERS = 2


async def test_many_writers_in_many_processes_keep_order_through_429s_and_5xxs(
    spec: Spec,
) -> None:
    async with AsyncExitStack() as stack:
        opened = await stores(stack, spec, 3)
        world = await make_world(opened[0])
        sink = FaultySink(SLACK, plan=every(5, 13, 17))
        start_workers(stack, opened, sink)
        children = [
            await subprocess(spec, world, "write", f"p{n}", str(PER_WRITER))
            for n in range(SUBPROCESS_WRITERS)
        ]
        here = asyncio.gather(
            *(
                write_comments(context_for(store), world, f"s{k}w{w}", PER_WRITER)
                for k, store in enumerate(opened)
                for w in range(WRITERS_PER_STORE)
            )
        )
        there = asyncio.gather(*(lines(child) for child in children))
        written = [w for batch in await here for w in batch]
        written += [Written(**line) for batch in await there for line in batch]
        total = len(opened) * WRITERS_PER_STORE * PER_WRITER + SUBPROCESS_WRITERS * PER_WRITER
        assert len(written) == total
        await settle(spec, sink, world, total)
        result = await checked(spec, opened[0], world, written, sink)
    assert result.copies == total and result.clean, result
    # The faults really happened, interleaved with the copies that went through.
    assert sink.faults["429"] > 0 and sink.faults["503"] > 0 and sink.faults["502-landed"] > 0


async def test_a_worker_killed_mid_claim_loses_it_only_once_its_heartbeat_is_stale(
    spec: Spec,
) -> None:
    alive_seconds = 1.5
    async with AsyncExitStack() as stack:
        opened = await stores(stack, spec, 2)
        world = await make_world(opened[0])
        early = await write_comments(context_for(opened[0]), world, "early", 5)
        doomed = await subprocess(spec, world, "deliver", str(alive_seconds))
        stack.callback(lambda: doomed.returncode is None and doomed.kill())
        dead_worker = (await next_line(doomed))["worker"]
        held = (await next_line(doomed))["posting"]
        assert held == early[0].text  # it holds the lane's head, "talking to Slack"
        sink = FaultySink(SLACK, plan=every(4, 11, 15))
        start_workers(stack, opened, sink)
        child = await subprocess(spec, world, "write", "p0", "20")
        writers = asyncio.gather(
            *(write_comments(context_for(s), world, f"s{k}", 20) for k, s in enumerate(opened))
        )
        # Alive (it renews its heartbeat) past its 1.5 s window: nobody takes its claim.
        await asyncio.sleep(alive_seconds + 1.5)
        assert sink.copies(world.slack_ref) == []
        assert await query(spec, "SELECT claimed_by FROM deliveries WHERE status = 'claimed'") == [
            (dead_worker,)
        ]

        doomed.send_signal(signal.SIGKILL)
        killed_at = time.monotonic()
        await doomed.wait()
        [(alive_until,)] = await query(
            spec, "SELECT alive_until FROM workers WHERE name = ?", dead_worker
        )
        written = early + [w for batch in await writers for w in batch]
        written += [Written(**line) for line in await lines(child)]
        total = len(written)
        await settle(spec, sink, world, total)
        taken_over = time.monotonic() - killed_at
        result = await checked(spec, opened[0], world, written, sink)
        [(attempts, claimed_by)] = await query(
            spec,
            "SELECT d.attempts, d.claimed_by FROM deliveries AS d JOIN comments AS c"
            " ON c.id = d.comment_id WHERE c.text = ?",
            held,
        )
    first_text, first_at = sink.posted_at[0]
    assert first_text == held  # the taken-over head went first
    assert first_at >= as_time(spec, alive_until)  # only once the dead worker was stale
    assert attempts >= 2 and claimed_by != dead_worker
    assert result.copies == total == 5 + 3 * 20 and result.clean, result
    print(f"{spec['engine']}: everything copied {taken_over:.2f} s after the SIGKILL")
