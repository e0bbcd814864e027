"""The shared event bus between two processes on one PostgreSQL: publish-to-arrival latency.

``python benchmarks/bus.py [--database-url postgresql://…] [--events 300] [--every 0.01]``

This process publishes ``--events`` events, one every ``--every`` seconds; a child process
(another ``PostgresBus`` on its own connections, as another ``briefbot run`` would be)
notes when each arrives. Both read the same clock (Linux's CLOCK_MONOTONIC is system-wide).
Prints p50/p99/max latency, how many arrived, and the machine's load average. A fresh
schema is made and dropped.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import sys
import time
from pathlib import Path

import asyncpg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._timing import percentile
from bot.domain.events import CommentPosted
from storage.postgres import PostgresStore
from storage.postgres.bus import PostgresBus

DEFAULT_DSN = "postgresql://postgres@127.0.0.1:5432/test"


async def listen(dsn: str, schema: str, events: int, within: float) -> None:
    """The child: report when each event arrived, as JSON on stdout."""
    bus = PostgresBus(dsn, schema=schema)
    await bus.start()
    arrived: dict[int, float] = {}
    try:
        async with bus.subscribe(maxsize=events + 10) as sub:
            print("ready", flush=True)
            try:
                async with asyncio.timeout(within):
                    while len(arrived) < events:
                        event = await sub.get()
                        if isinstance(event, CommentPosted):
                            arrived[event.comment_id] = time.monotonic()
            except TimeoutError:
                pass
    finally:
        await bus.close()
    print(json.dumps(arrived), flush=True)


async def publish(args: argparse.Namespace) -> None:
    schema = f"bb_bench_bus_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(args.database_url)
    await admin.execute(f"CREATE SCHEMA {schema}")
    bus = PostgresBus(args.database_url, schema=schema)
    child = None
    try:
        store = PostgresStore(args.database_url, schema=schema)  # migrates: bus_events (0008)
        await store.open()
        await store.close()
        await bus.start()
        within = args.events * args.every + 10
        child = await asyncio.create_subprocess_exec(
            sys.executable,
            __file__,
            "--listen",
            schema,
            "--database-url",
            args.database_url,
            "--events",
            str(args.events),
            "--within",
            str(within),
            stdout=asyncio.subprocess.PIPE,
        )
        assert child.stdout is not None
        assert (await child.stdout.readline()).strip() == b"ready"
        sent: dict[int, float] = {}
        for n in range(args.events):
            sent[n] = time.monotonic()
            bus.publish(CommentPosted(n, 1))
            await asyncio.sleep(args.every)
        arrived = {int(k): v for k, v in json.loads(await child.stdout.readline()).items()}
        await child.wait()
    finally:
        await bus.close()
        await admin.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        await admin.close()
    latencies = [(arrived[n] - sent[n]) * 1000 for n in sent if n in arrived]
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"shared bus, two processes: {len(latencies)}/{args.events} arrived; latency p50 "
        f"{percentile(latencies, 0.5):.1f} ms, p99 {percentile(latencies, 0.99):.1f} ms, "
        f"max {max(latencies):.1f} ms (one event every {args.every * 1000:.0f} ms; "
        f"load average {load} on {os.cpu_count()} CPUs)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--database-url", default=DEFAULT_DSN)
    parser.add_argument("--events", type=int, default=300)
    parser.add_argument("--every", type=float, default=0.01)
    parser.add_argument("--listen", metavar="SCHEMA", help=argparse.SUPPRESS)
    parser.add_argument("--within", type=float, default=60.0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.listen:
        asyncio.run(listen(args.database_url, args.listen, args.events, args.within))
    else:
        asyncio.run(publish(args))


if __name__ == "__main__":
    main()
