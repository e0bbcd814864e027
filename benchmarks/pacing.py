"""Slack pacing across processes: N processes posting to one channel of the Slack emulator.

``python benchmarks/pacing.py [--processes 2] [--posts 100] [--rate 10] [--database-url …]``

Each of ``--processes`` child processes posts ``--posts`` messages to the same channel
through briefbot's ``PacedWebClient`` (four calls in flight, as delivery slots make them),
once with each process pacing itself (``local``: the in-process pacer) and once with the
pacer shared through PostgreSQL (``shared``). A 429 is retried after its ``Retry-After``, as
the outbox would. The emulator allows ``--rate`` posts per second in the channel, bursts of
4 (Slack: 1 per second, "short bursts"; a faster rate keeps the run short) and the pacer is
set to the same rate; the workspace limit is raised out of the way. Prints, per mode,
posts/s (and as a share of the channel's rate), calls made and 429s per 100 calls, and the
machine's load average.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve()
sys.path.insert(0, str(_HERE.parents[1]))

DEFAULT_DSN = "postgresql://postgres@127.0.0.1:5432/test"
CHANNEL = "C0NEWS00001"
EMULATOR_BURST = 4
IN_FLIGHT = 4


@dataclass(frozen=True)
class Run:
    mode: str
    processes: int
    posts: int
    calls: int
    refused: int
    seconds: float
    rate: float

    @property
    def per_second(self) -> float:
        return self.posts / self.seconds

    @property
    def ceiling(self) -> float:
        """The most the channel allows over the run: its rate plus one burst."""
        return self.rate + EMULATOR_BURST / self.seconds

    def line(self) -> str:
        return (
            f"{self.mode:>6}  {self.processes} processes  {self.posts} posts in "
            f"{self.seconds:.1f} s = {self.per_second:.2f}/s ({self.per_second / self.rate:.2f} "
            f"of the rate, {self.per_second / self.ceiling:.2f} of rate+burst)  "
            f"{self.calls} calls, {self.refused} refused "
            f"({100 * self.refused / max(1, self.calls):.1f} per 100 calls)"
        )


async def post(spec: dict[str, Any]) -> None:
    """The child: post ``spec["posts"]`` messages, then print what happened as JSON."""
    from slack_sdk.errors import SlackApiError

    from adapters.slack.paced_client import PacedWebClient
    from adapters.slack.pacing import PacedOutError, SlackPacer, scope_of
    from bot.ports.pacing import CallPacer, Pace
    from bot.services.pacing import InProcessPacer
    from storage.postgres.pacing import PostgresPacer

    rate = float(spec["rate"])
    inner: CallPacer = (
        PostgresPacer(spec["dsn"], schema=spec["schema"])
        if spec["mode"] == "shared"
        else InProcessPacer()
    )
    pacer = SlackPacer(
        inner,
        scope=scope_of(spec["token"]),
        per_channel=Pace(rate, EMULATOR_BURST - 1),
        per_workspace=Pace(1000.0, 100),
    )
    client = PacedWebClient(token=spec["token"], base_url=spec["api_url"], pacer=pacer)
    todo = list(range(int(spec["posts"])))
    refused = paced_out = 0

    async def slot() -> None:
        nonlocal refused, paced_out
        while todo:
            n = todo.pop()
            while True:
                try:
                    await client.chat_postMessage(
                        channel=spec["channel"], text=f"{spec['name']}: harbour notice {n}"
                    )
                    break
                except SlackApiError as error:
                    if error.response.status_code != 429:
                        raise
                    refused += 1  # the pacer now holds the channel for the Retry-After
                except PacedOutError as error:
                    paced_out += 1
                    await asyncio.sleep(error.retry_after)

    await asyncio.sleep(max(0.0, float(spec["start_at"]) - time.monotonic()))
    started = time.monotonic()
    await asyncio.gather(*(slot() for _ in range(IN_FLIGHT)))
    ended = time.monotonic()
    await inner.close()
    print(json.dumps({"start": started, "end": ended, "refused": refused, "paced_out": paced_out}))


async def run_mode(
    mode: str, processes: int, posts: int, rate: float, dsn: str, schema: str | None
) -> Run:
    """One run of ``processes`` children against a fresh emulator (needs ``schema``
    migrated for ``shared``)."""
    from emulators.slack import RateLimitSettings, SlackEmulator

    limits = RateLimitSettings(
        post_per_channel_per_second=rate,
        post_per_channel_burst=EMULATOR_BURST,
        post_workspace_per_minute=60_000,
        post_workspace_burst=1000,
    )
    async with SlackEmulator(rate_limits=limits) as emu:
        start_at = time.monotonic() + 3.0 + processes
        children = []
        for i in range(processes):
            spec = {
                "mode": mode,
                "name": f"p{i}",
                "dsn": dsn,
                "schema": schema,
                "token": emu.bot_token,
                "api_url": emu.api_url,
                "channel": CHANNEL,
                "posts": posts,
                "rate": rate,
                "start_at": start_at,
            }
            children.append(
                await asyncio.create_subprocess_exec(
                    sys.executable,
                    str(_HERE),
                    "--child",
                    json.dumps(spec),
                    stdout=asyncio.subprocess.PIPE,
                    env={**os.environ, "PYTHONPATH": str(_HERE.parents[1])},
                )
            )
        reports = []
        for child in children:
            out, _ = await child.communicate()
            if child.returncode != 0:
                raise RuntimeError(f"a {mode} poster failed ({child.returncode})")
            reports.append(json.loads(out.decode().strip().splitlines()[-1]))
        stats = emu.emulator.stats
        seconds = max(r["end"] for r in reports) - min(r["start"] for r in reports)
        return Run(
            mode,
            processes,
            posts * processes,
            stats.requests["chat.postMessage"],
            stats.ratelimited["chat.postMessage"],
            seconds,
            rate,
        )


async def fresh_pacing_schema(dsn: str) -> str:
    """A new schema with briefbot's tables (``pacing`` among them)."""
    import asyncpg

    from storage.postgres import PostgresStore

    schema = f"bb_bench_{secrets.token_hex(6)}"
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(f"CREATE SCHEMA {schema}")
    finally:
        await conn.close()
    store = PostgresStore(dsn, schema=schema, max_size=2)
    await store.open()
    await store.close()
    return schema


async def drop_schema(dsn: str, schema: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    finally:
        await conn.close()


async def main(args: argparse.Namespace) -> None:
    schema = await fresh_pacing_schema(args.database_url)
    try:
        for mode in ("local", "shared"):
            run = await run_mode(
                mode, args.processes, args.posts, args.rate, args.database_url, schema
            )
            print(run.line(), flush=True)
    finally:
        await drop_schema(args.database_url, schema)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        asyncio.run(post(json.loads(sys.argv[2])))
        sys.exit(0)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--posts", type=int, default=100, help="posts per process")
    parser.add_argument("--rate", type=float, default=10.0, help="channel posts per second")
    parser.add_argument("--database-url", default=DEFAULT_DSN)
    asyncio.run(main(parser.parse_args()))
