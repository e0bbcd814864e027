"""Sync: how fast and how faithfully briefbot copies comments between Discord and Slack.

Prints one JSON object. Method (also in the JSON's ``method`` field):

* **World.** Both emulators run in this process with their default, realistic rate limits
  and one extra channel pair per discussion (``bench-01`` … on each side), linked pairwise
  with ``briefbot link``. The bot runs as a separate process (``briefbot run``, temporary
  SQLite database) so that its CPU time is its own. ``/brief`` is run once per Discord
  channel on an invented article (a different URL and title each, served on 127.0.0.1);
  the benchmark waits until every brief and thread exist on both sides, then lets every
  rate-limit bucket fill up again.
* **Ceiling phase.** ``--comments`` comments (2,000) over ``--discussions`` discussions
  (20), half written on Discord and half on Slack, posted as readers through the control
  APIs as fast as they take them (one sequential poster per discussion and side). It ends
  when every copy exists. ``delivered_per_second`` = copies ÷ (last copy − first post).
  ``ceiling_per_second`` is what a perfect, zero-latency relay could do with the same
  arrivals under the emulators' configured limits: a simulation
  (``benchmarks/_sync_ceiling.py``) of the per-thread bucket (Discord: the channel
  webhook's ``webhooks.execute`` window; Slack: ``chat.postMessage`` per channel) and the
  platform-wide one (Discord: the global limit; Slack: the workspace bucket), bursts
  included, longest queue first. ``ratio`` = delivered ÷ ceiling, per platform and overall
  (overall: all copies ÷ the slower platform's finishing time). ``queue_latency_ms`` is
  post → copy during the burst, i.e. mostly waiting for the limits; it is not a goal.
* **Latency phase (under the limits).** One comment every ``--interval`` seconds per
  platform (the two offset by half an interval), each to the next discussion in turn, for
  ``--latency-seconds``. Latency = copy created (the emulator's own timestamp) − the
  control-API post returned. The chat copy is the last copy (the web page reads the store
  the comment is written to first). ``api_calls`` shows the limits were not hit (no 429s).
* **Correctness.** Every thread is re-read through the control APIs at the end: each
  comment must have exactly one copy, in its discussion's thread on the other side, and
  each thread's copies must be in posting order (``lost``, ``duplicated``,
  ``wrong_thread``, ``out_of_order``: all must be 0).
* **CPU.** ``utime + stime`` of the bot process from ``/proc/<pid>/stat`` over the
  ceiling phase, divided by the comments relayed (``cpu_ms_per_relayed_comment``).

Goals (issue 6): overall ``ratio`` ≥ 0.9 and latency p99 ≤ 500 ms. Speed figures live here,
never as timed test assertions.

**Several processes (issue 14).** ``--database-url postgresql://… --processes 1,2,3`` runs
the whole benchmark once per N, each in a fresh world (fresh emulators, a fresh PostgreSQL
schema, the same traffic), with N ``briefbot run`` processes on that schema: the first with
every role, the others ``--roles workers`` (the operator's layout: one process receives,
every process delivers). ``--others-roles all`` gives every process every role instead:
the leases give one of them the Discord gateway and one the Slack Socket Mode connection
(before Slack was leased each opened one, the emulator handed consecutive events to the
connections in turn, and consecutive comments of a thread were stored by different
processes, out of order). CPU is then
summed over the N processes and their children (the brief pools).
``by_processes`` gives, per N: ``ratio`` of the ceiling, latency p50/p99 under the limits,
CPU per relayed comment, 429s per copy (both platforms, ceiling and latency phases), lost /
duplicated / out of order. Goals there: ratio ≥ 0.95 at every N, 429s per copy < 0.1,
0 out of order.

Usage: ``.venv/bin/python benchmarks/sync.py [--quick] [--keep] [--profile FILE]
[--database-url postgresql://… [--processes 1,2,3]]``
(``--quick``: 200 comments, 5 discussions, 15 s latency phase; ``--keep`` keeps the bot's
log and database; ``--profile`` runs the bot under cProfile, main thread only). The whole
run aborts with ``{"error": ...}`` after ``--max-seconds`` (900); the bot is stopped with
SIGTERM and the emulators shut down on every exit path.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import aiohttp
import asyncpg

from benchmarks._sync_ceiling import FixedWindow, Limiter, TokenBucket, ideal_send_times
from benchmarks._sync_traffic import CopyWatch, Posted, Poster, audit
from benchmarks._sync_world import (
    World,
    bot_log_summary,
    get_json,
    run_and_print,
    tree_cpu_seconds,
)

RATIO_GOAL = 0.9
CLUSTER_RATIO_GOAL = 0.95
CLUSTER_429_GOAL = 0.1  # 429s per copy, below
P99_GOAL_MS = 500.0
STALL_SECONDS = 60.0
REFILL_SECONDS = 8.0  # Slack's workspace bucket (30 at 5/s) refills in 6 s

METHOD = (
    "Emulators in-process with default rate limits; bot as a child process "
    "(briefbot run, SQLite). N discussions on N linked channel pairs, /brief on invented "
    "articles. Ceiling phase: comments posted through the control APIs as fast as they "
    "are taken (half per side, one sequential poster per discussion and side), until every "
    "copy exists; ceiling = a zero-latency relay simulated under the configured per-thread "
    "and platform-wide buckets (bursts included) with the same arrivals; ratio = "
    "delivered/ceiling. Latency phase: one comment per interval per platform, round-robin "
    "over discussions; latency = emulator timestamp of the copy - control-API post "
    "returned. Correctness from the control-API listings of every thread. CPU = utime+stime "
    "of the bot process over the ceiling phase / comments."
)


def _cpu(world: World) -> dict[int, float]:
    return tree_cpu_seconds(world.pids)


def _cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds spent between two readings (a process started meanwhile counts whole)."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def _percentiles(values_ms: list[float]) -> dict[str, float | int]:
    if not values_ms:
        return {"count": 0}
    ordered = sorted(values_ms)

    def pick(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))], 1)

    return {
        "count": len(ordered),
        "p50_ms": pick(0.50),
        "p95_ms": pick(0.95),
        "p99_ms": pick(0.99),
        "max_ms": round(ordered[-1], 1),
        "mean_ms": round(statistics.fmean(ordered), 1),
    }


def _limits(world: World) -> dict[str, tuple[Limiter, Limiter, dict[str, Any]]]:
    """Per target platform: (per-thread limiter, platform-wide limiter, description)."""
    assert world.discord is not None and world.slack is not None
    d = world.discord.config.rate_limits
    hook, glob = d.route("webhooks.execute"), d.global_limit
    s = world.slack.config.rate_limits
    return {
        "discord": (
            FixedWindow(hook.limit, hook.per),
            FixedWindow(glob.limit, glob.per),
            {
                "per_thread": f"webhooks.execute {hook.limit}/{hook.per:g}s per channel webhook",
                "platform": f"global {glob.limit}/{glob.per:g}s",
                "enabled": d.enabled,
            },
        ),
        "slack": (
            TokenBucket(s.post_per_channel_per_second, s.post_per_channel_burst),
            TokenBucket(s.post_workspace_per_minute / 60, s.post_workspace_burst),
            {
                "per_thread": f"chat.postMessage {s.post_per_channel_per_second:g}/s per "
                f"channel, burst {s.post_per_channel_burst}",
                "platform": f"workspace {s.post_workspace_per_minute}/min, "
                f"burst {s.post_workspace_burst}",
                "enabled": s.enabled,
            },
        ),
    }


async def _rate_limited(http: aiohttp.ClientSession, world: World) -> dict[str, int]:
    assert world.discord is not None and world.slack is not None
    discord = await get_json(http, f"{world.discord.control_url}/stats")
    slack = await get_json(http, f"{world.slack.control_url}/stats")
    by_route = {f"discord_429s {key}": int(n) for key, n in discord["rate_limited"].items()}
    return {
        **by_route,
        "discord_429s": int(discord["rate_limited_total"]),
        "slack_429s": int(slack["ratelimited_total"]),
        "slack_post_message_calls": int(slack["requests"].get("chat.postMessage", 0)),
        "slack_replies_calls": int(slack["requests"].get("conversations.replies", 0)),
    }


def _delta(after: dict[str, int], before: dict[str, int]) -> dict[str, int]:
    return {key: after[key] - before.get(key, 0) for key in sorted(after)}


async def _ceiling_phase(
    http: aiohttp.ClientSession, world: World, poster: Poster, watch: CopyWatch, comments: int
) -> dict[str, Any]:
    assert world.bot is not None
    per_lane = comments // (2 * len(world.threads))
    lanes = [(origin, d) for d in world.threads for origin in ("discord", "slack")]
    plan = {lane: [poster.new_seq() for _ in range(per_lane)] for lane in range(len(lanes))}
    seqs = sorted(s for lane in plan.values() for s in lane)
    stats_before = await _rate_limited(http, world)
    cpu_before = _cpu(world)
    t0 = time.time()

    async def run_lane(index: int) -> None:
        origin, discussion = lanes[index]
        for seq in plan[index]:
            await poster.post(origin, discussion, seq)

    await asyncio.gather(*(run_lane(i) for i in plan))
    posting_seconds = time.time() - t0
    complete = await watch.wait_for(seqs, STALL_SECONDS)
    cpu_used = _cpu_used(cpu_before, _cpu(world))
    stats = _delta(await _rate_limited(http, world), stats_before)

    result: dict[str, Any] = {
        "comments": len(seqs),
        "complete": complete,
        "posting_seconds": round(posting_seconds, 2),
    }
    ends: dict[str, tuple[float, float, int]] = {}
    limits = _limits(world)
    for target in ("discord", "slack"):
        mine = [poster.posted[s] for s in seqs if poster.posted[s].target == target]
        arrivals = [(p.posted_at - t0, f"{p.discussion}") for p in mine]
        lane_limit, shared, described = limits[target]
        ideal_end = max(ideal_send_times(arrivals, lane_limit, shared), default=0.0)
        landed = [watch.copies[p.seq][0].created_at for p in mine if p.seq in watch.copies]
        actual_end = max(landed, default=t0) - t0
        ends[target] = (actual_end, ideal_end, len(mine))
        result[target] = {
            "copies": len(landed),
            "seconds": round(actual_end, 2),
            "delivered_per_second": round(len(landed) / actual_end, 2) if actual_end else 0,
            "ceiling_seconds": round(ideal_end, 2),
            "ceiling_per_second": round(len(mine) / ideal_end, 2) if ideal_end else None,
            "ratio": round(ideal_end / actual_end, 3) if actual_end else None,
            "limits": described,
        }
    actual = max(e[0] for e in ends.values())
    ideal = max(e[1] for e in ends.values())
    delivered = sum(watch.count([s]) for s in seqs)
    result["overall"] = {
        "copies": delivered,
        "seconds": round(actual, 2),
        "delivered_per_second": round(delivered / actual, 2) if actual else 0,
        "ceiling_per_second": round(len(seqs) / ideal, 2) if ideal else None,
        "ratio": round(ideal / actual, 3) if actual and delivered == len(seqs) else None,
    }
    queue_ms = [
        (watch.copies[s][0].created_at - poster.posted[s].posted_at) * 1000
        for s in seqs
        if s in watch.copies
    ]
    result["queue_latency_ms"] = _percentiles(queue_ms)
    result["api_calls"] = stats
    result["bot_cpu_seconds"] = round(cpu_used, 3)
    result["cpu_ms_per_relayed_comment"] = round(cpu_used * 1000 / max(1, delivered), 3)
    return result


async def _latency_phase(
    http: aiohttp.ClientSession,
    world: World,
    poster: Poster,
    watch: CopyWatch,
    seconds: float,
    interval: float,
) -> dict[str, Any]:
    assert world.bot is not None
    stats_before = await _rate_limited(http, world)
    cpu_before = _cpu(world)
    rounds = max(1, int(seconds / interval))
    mine: dict[str, list[Posted]] = {"discord": [], "slack": []}

    async def run(origin: str, offset: float) -> None:
        start = time.monotonic() + offset
        for i in range(rounds):
            await asyncio.sleep(max(0.0, start + i * interval - time.monotonic()))
            discussion = world.threads[i % len(world.threads)]
            mine[origin].append(await poster.post(origin, discussion, poster.new_seq()))

    await asyncio.gather(run("discord", 0.0), run("slack", interval / 2))
    seqs = [p.seq for posts in mine.values() for p in posts]
    complete = await watch.wait_for(seqs, STALL_SECONDS)
    cpu_used = _cpu_used(cpu_before, _cpu(world))

    def latencies(posts: list[Posted]) -> list[float]:
        return [
            (watch.copies[p.seq][0].created_at - p.posted_at) * 1000
            for p in posts
            if p.seq in watch.copies
        ]

    every = latencies(mine["discord"]) + latencies(mine["slack"])
    return {
        "comments": len(seqs),
        "complete": complete,
        "interval_seconds_per_platform": interval,
        "seconds": seconds,
        **_percentiles(every),
        "discord_to_slack": _percentiles(latencies(mine["discord"])),
        "slack_to_discord": _percentiles(latencies(mine["slack"])),
        "api_calls": _delta(await _rate_limited(http, world), stats_before),
        "cpu_ms_per_relayed_comment": round(cpu_used * 1000 / max(1, len(seqs)), 3),
    }


async def run(
    args: argparse.Namespace,
    workdir: Path,
    processes: int = 1,
    database_url: str | None = None,
) -> dict[str, Any]:
    report: dict[str, Any] = {
        "benchmark": "sync",
        "quick": args.quick,
        "method": METHOD,
        "environment": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "setup": {"discussions": args.discussions, "comments": args.comments},
        "processes": processes,
        "others_roles": args.others_roles if processes > 1 else None,
    }
    started = time.monotonic()
    world = World(
        args.discussions,
        workdir,
        args.profile and args.profile.resolve(),
        database_url=database_url,
        processes=processes,
        other_roles=args.others_roles,
    )
    timeout = aiohttp.ClientTimeout(total=30)
    connector = aiohttp.TCPConnector(limit=200)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as http:
        watch = CopyWatch()
        try:
            async with asyncio.timeout(120):
                await world.start(http)
            assert world.discord is not None and world.slack is not None
            report["setup"]["seconds"] = round(time.monotonic() - started, 2)
            await watch.start(http, world.discord.control_url, world.slack.control_url)
            await asyncio.sleep(REFILL_SECONDS)
            poster = Poster(http, world.discord.control_url, world.slack.control_url, world.threads)
            report["ceiling"] = await _ceiling_phase(http, world, poster, watch, args.comments)
            report["cpu_ms_per_relayed_comment"] = report["ceiling"]["cpu_ms_per_relayed_comment"]
            await asyncio.sleep(REFILL_SECONDS)
            report["latency"] = await _latency_phase(
                http, world, poster, watch, args.latency_seconds, args.interval
            )
            await asyncio.sleep(2.0)  # a late duplicate would show up by now
            report["correctness"] = await audit(
                http,
                world.discord.control_url,
                world.slack.control_url,
                world.threads,
                poster.posted,
            )
        finally:
            await watch.stop()
            report["bot_exit_code"] = await world.stop()
            report["bot_log"] = bot_log_summary(world.log_path)
    report["goals"] = _goals(report)
    report["wall_seconds"] = round(time.monotonic() - started, 1)
    return report


def _goals(report: dict[str, Any]) -> dict[str, Any]:
    ratio = report["ceiling"]["overall"]["ratio"]
    p99 = report["latency"].get("p99_ms")
    c = report["correctness"]
    return {
        "ratio_at_least": RATIO_GOAL,
        "p99_ms_at_most": P99_GOAL_MS,
        "ratio_met": ratio is not None and ratio >= RATIO_GOAL,
        "p99_met": p99 is not None and p99 <= P99_GOAL_MS,
        "no_loss_or_duplicates": c["lost"] == 0 and c["duplicated"] == 0,
    }


def _copies_429s(phase: dict[str, Any]) -> tuple[int, int]:
    calls = phase["api_calls"]
    copies = phase["overall"]["copies"] if "overall" in phase else phase["comments"]
    return copies, int(calls.get("discord_429s", 0)) + int(calls.get("slack_429s", 0))


def _summary(report: dict[str, Any]) -> dict[str, Any]:
    """One N's figures, as issue 14 asks for them."""
    ceiling, latency, correct = report["ceiling"], report["latency"], report["correctness"]
    copies_a, refused_a = _copies_429s(ceiling)
    copies_b, refused_b = _copies_429s(latency)
    per_copy = (refused_a + refused_b) / max(1, copies_a + copies_b)
    ratio = ceiling["overall"]["ratio"]
    figures = {
        "ratio_of_ceiling": ratio,
        "latency_p50_ms": latency.get("p50_ms"),
        "latency_p99_ms": latency.get("p99_ms"),
        "cpu_ms_per_relayed_comment": ceiling["cpu_ms_per_relayed_comment"],
        "cpu_ms_per_relayed_comment_under_limits": latency["cpu_ms_per_relayed_comment"],
        "429s_per_copy": round(per_copy, 4),
        "429s": refused_a + refused_b,
        "lost": correct["lost"],
        "duplicated": correct["duplicated"],
        "wrong_thread": correct["wrong_thread"],
        "out_of_order": correct["out_of_order"],
        "out_of_order_landed_on_discord": correct["out_of_order_landed_on_discord"],
        "out_of_order_landed_on_slack": correct["out_of_order_landed_on_slack"],
        "others_roles": report["others_roles"],
    }
    figures["goals_met"] = {
        "ratio": ratio is not None and ratio >= CLUSTER_RATIO_GOAL,
        "429s_per_copy": per_copy < CLUSTER_429_GOAL,
        "in_order": correct["out_of_order"] == 0,
        "none_lost_or_duplicated": correct["lost"] == 0 and correct["duplicated"] == 0,
    }
    return figures


async def _schema(dsn: str, name: str | None) -> tuple[str, str]:
    """A fresh schema on ``dsn`` (made now); the URL its processes use."""
    schema = name or f"bb_bench_sync_{secrets.token_hex(4)}"
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(f'CREATE SCHEMA "{schema}"')
    finally:
        await conn.close()
    return schema, f"{dsn}{'&' if '?' in dsn else '?'}search_path={schema}"


async def _drop_schema(dsn: str, schema: str) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    finally:
        await conn.close()


async def run_processes(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """The benchmark once per N of ``--processes``, each on a schema of its own."""
    report: dict[str, Any] = {
        "benchmark": "sync",
        "quick": args.quick,
        "method": METHOD + " Per N: N briefbot run processes (every role) on one fresh "
        "PostgreSQL schema, fresh emulators, the same traffic; CPU summed over the N "
        "processes and their children.",
        "database": "postgresql",
        "goals": {
            "ratio_at_least": CLUSTER_RATIO_GOAL,
            "429s_per_copy_below": CLUSTER_429_GOAL,
            "out_of_order": 0,
        },
        "load_average_before": os.getloadavg(),
        "by_processes": {},
        "runs": {},
    }
    for n in args.processes:
        schema, url = await _schema(args.database_url, None)
        print(f"sync: {n} process(es) on schema {schema}", file=sys.stderr, flush=True)
        try:
            one = await run(args, workdir / f"n{n}", processes=n, database_url=url)
        finally:
            if not args.keep:
                await _drop_schema(args.database_url, schema)
        one["schema"] = schema
        one["load_average_after"] = os.getloadavg()
        report["runs"][str(n)] = one
        report["by_processes"][str(n)] = _summary(one)
        print(json.dumps({str(n): report["by_processes"][str(n)]}), file=sys.stderr, flush=True)
    report["load_average_after"] = os.getloadavg()
    return report


def _process_counts(text: str) -> list[int]:
    counts = [int(part) for part in text.split(",") if part.strip()]
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError("--processes takes counts like 1,2,3")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 comments, 5 discussions")
    parser.add_argument("--comments", type=int, default=None)
    parser.add_argument("--discussions", type=int, default=None)
    parser.add_argument("--latency-seconds", type=float, default=None)
    parser.add_argument("--interval", type=float, default=0.5)
    parser.add_argument("--max-seconds", type=float, default=900.0)
    parser.add_argument("--keep", action="store_true", help="keep the work dir (log, db)")
    parser.add_argument(
        "--profile", type=Path, help="run the bot under cProfile and write its stats here"
    )
    parser.add_argument(
        "--database-url",
        help="postgresql://… : run on a fresh schema there (per N) instead of SQLite",
    )
    parser.add_argument(
        "--processes",
        type=_process_counts,
        default=None,
        metavar="N[,N…]",
        help="briefbot run processes, one benchmark per count (PostgreSQL only), e.g. 1,2,3",
    )
    parser.add_argument(
        "--others-roles",
        default="workers",
        help="roles of the second and later processes (default workers; 'all' for every role)",
    )
    args = parser.parse_args(argv)
    if args.others_roles == "all":
        args.others_roles = "gateway,workers,web,feeds"
    if args.database_url and not args.database_url.startswith(("postgresql://", "postgres://")):
        parser.error("--database-url must be a postgresql:// URL")
    if args.processes and not args.database_url:
        parser.error("--processes needs --database-url postgresql://… (one shared database)")
    args.comments = args.comments or (200 if args.quick else 2000)
    args.discussions = args.discussions or (5 if args.quick else 20)
    args.latency_seconds = args.latency_seconds or (15.0 if args.quick else 60.0)

    workdir = Path(tempfile.mkdtemp(prefix="briefbot-sync-"))
    if args.database_url:
        args.processes = args.processes or [1]
        for n in args.processes:
            (workdir / f"n{n}").mkdir(exist_ok=True)
        return run_and_print(
            "sync", lambda w: run_processes(args, w), workdir, args.max_seconds, args.keep
        )
    return run_and_print("sync", lambda w: run(args, w), workdir, args.max_seconds, args.keep)


if __name__ == "__main__":
    raise SystemExit(main())
