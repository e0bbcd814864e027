"""Soak: mixed traffic from Discord, Slack and the web through faults and SIGKILLs.

Prints one JSON object. Not part of ``make test``. Method (also in the JSON's ``method``):

* **World** (``benchmarks/_sync_world.py``): both emulators in this process with their
  default, realistic rate limits, so they outlive the bot; ``briefbot run`` as a child
  process (SQLite file in a temporary directory, or ``--database-url``). ``--discussions``
  linked Discord channel / Slack channel pairs, each briefed before the traffic starts, plus
  one spare pair per Slack rate-limit window, briefed during it.
* **Traffic** (``benchmarks/_soak_traffic.py``): ``--rate`` comments per second in all,
  from Discord users (40 %), Slack users (40 %) and web readers through ``POST
  /api/discussions/{id}/comments`` (20 %), into random discussions, plus a burst of
  ``--burst`` comments into one discussion every ``--burst-every`` seconds. Within one
  origin thread comments are written one after another. 5 % of chat comments are edited
  and 3 % deleted 1-8 s later.
* **Faults** (``benchmarks/_soak_faults.py``): a SIGKILL of the bot every ``--kill-every``
  seconds (restarted after ``--down`` seconds); in the gaps between kills, alternately
  (1) a Slack 429 window (per-channel limit at one post per 30 s, 15 s with ``--quick``)
  with a new brief and Slack replies in its thread while its invitation is refused, then
  ≥ 30 rate-limited tries per Slack lane followed by one 500 on ``chat.postMessage``; and
  (2) a Discord global-limit 429 window, 502s on Discord's webhook execute and 503s on
  Slack, then both sockets dropped (every other time with Discord's session invalidated).
  Nothing crosses a kill, so each restart is measured on its own. ``--quick``: 180 s, one
  kill at 110 s, one gap of each kind.
* **End**: at ``--duration`` the traffic stops, every fault is cleared and the soak waits
  up to ``--drain`` seconds for every copy, then re-reads every thread (the emulators'
  records) and every web listing. Counting: ``benchmarks/_soak_audit.py``.

Goal (``ok``): 0 lost, 0 duplicated, 0 in a wrong thread, 0 out of order, and every copy
delivered within 60 s of the reference (the later of its writing and the clearing of the
faults that held it up). A goal miss is reported in the JSON with exit code 0; harness
errors print ``{"error": ...}`` and exit 1. The run is bounded by ``--max-seconds``.

Usage: ``.venv/bin/python benchmarks/soak.py [--quick] [--duration 1800] [--kill-every 180]
[--database-url postgresql://…] [--keep]``
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import contextlib

import aiohttp

from benchmarks._soak_audit import Landed, audit
from benchmarks._soak_faults import Faults
from benchmarks._soak_traffic import Readers, WebWatch, collect
from benchmarks._sync_world import (
    BenchError,
    Discussion,
    World,
    bot_log_summary,
    get_json,
    run_and_print,
)

DELAY_LIMIT_S = 60.0
ORIGINS = (("discord", 0.4), ("slack", 0.4), ("web", 0.2))
SLACK_LANES_EXTRA = 1  # the brief posted during the cycle adds a lane
KILL_CLEARANCE = 40.0  # seconds after a kill (the restart included) kept free of other faults

METHOD = (
    "Emulators in-process with default limits, briefbot run as a child process that is "
    "SIGKILLed and restarted. Comments from Discord, Slack and the web API carry a token; "
    "copies are found by token in the emulators' thread records and the web listings. "
    "lost = expected copy absent after the drain; duplicated = records beyond the first; "
    "out_of_order = stored order differs from written order within an origin thread, or "
    "a chat thread shows copies out of stored order; delay = copy landed - max(written, "
    "clearing of the faults that overlapped its wait and hold up its route)."
)


@dataclass(frozen=True, slots=True)
class Step:
    at: float  # seconds after the traffic starts
    length: float  # how long it may take (for moving it out of a kill's way)
    action: str
    args: dict[str, Any]


def plan(duration: float, kill_every: float, quick: bool, lanes: int) -> list[Step]:
    """Kills every ``kill_every`` s; in the gaps between them, alternately the Slack menu
    (a 429 window with a brief, then many 429s and a 500) and the Discord one (global 429s,
    5xx on both, dropped sockets). Nothing crosses a kill, so each restart is measured alone.
    """
    many = 30 * (lanes + SLACK_LANES_EXTRA) + 30  # ≥ 30 rate-limited tries per Slack lane
    slow, patience = (35.0, 15.0) if quick else (60.0, 30.0)
    slack_menu: list[tuple[float, float, str, dict[str, Any]]] = [
        (0, slow, "slack_slow", {"seconds": slow, "retry_after": patience}),
        (slow + 2, 60, "slack_429s_then_5xx", {"count": many, "deadline": 60}),
    ]
    window, deadline = (20.0, 25.0) if quick else (45.0, 40.0)
    discord_menu: list[tuple[float, float, str, dict[str, Any]]] = [
        (0, window, "discord_global", {"seconds": window, "per": window / 3}),
        (2, deadline, "server_errors", {"discord": 6, "slack": 3, "deadline": deadline}),
        (deadline + 2, 1, "disconnects", {}),
    ]
    kills = [k * kill_every for k in range(1, int(duration // kill_every) + 1)]
    kills = [k for k in kills if k < duration]
    steps = [Step(k, KILL_CLEARANCE, "kill", {}) for k in kills]
    starts = [5.0 if quick else 20.0, *(k + KILL_CLEARANCE for k in kills)]
    gaps = zip(starts, [*kills, duration], strict=True)
    for n, (begin, end) in enumerate(gaps):
        menu = slack_menu if n % 2 == 0 else discord_menu
        for offset, length, action, args in menu:
            if action == "disconnects":
                args = {"invalidate": n % 4 == 3}
            if begin + offset + length <= (end if end == duration else end - 5):
                steps.append(Step(begin + offset, length, action, dict(args)))
    return sorted(steps, key=lambda s: s.at)


async def _brief_mid_run(
    http: aiohttp.ClientSession, world: World, readers: Readers, d: Discussion
) -> dict[str, Any]:
    """/brief in a spare pair; Slack replies as soon as the Slack brief exists."""
    interaction = await world.brief(http, d)
    info: dict[str, Any] = {"discussion": d.index + 1}
    try:
        info["slack_replies_written"] = await _open_mid_run(http, world, readers, d, info)
    except TimeoutError:  # reported, not fatal: the other faults still run
        info["error"] = "the brief did not open a thread on both sides within 90 s"
        info["seen"] = {"discord_thread": d.discord_thread, "slack_ts": d.slack_thread_ts}
        assert world.discord is not None
        record = await get_json(http, f"{world.discord.control_url}/commands/{interaction}")
        info["discord_answer"] = [r.get("content") for r in record["responses"]]
        return info
    world.threads.append(d)
    return info


async def _open_mid_run(
    http: aiohttp.ClientSession,
    world: World,
    readers: Readers,
    d: Discussion,
    info: dict[str, Any],
) -> int:
    assert world.discord is not None and world.slack is not None
    started = time.time()
    replies = 0
    async with asyncio.timeout(90):
        while not (d.slack_thread_ts and d.discord_thread):
            if not d.slack_thread_ts:
                listing = await get_json(
                    http, f"{world.slack.control_url}/channels/{d.slack_channel}/messages"
                )
                for message in listing["messages"]:
                    if message.get("bot_id") and message.get("blocks"):
                        d.slack_thread_ts = message["ts"]
                        info["slack_brief_after_s"] = round(time.time() - started, 2)
                        info["invitation_there"] = bool(message.get("replies"))
                        for _ in range(2):  # while its invitation is (likely) refused
                            await readers.write("slack", d)
                            replies += 1
            if not d.discord_thread:
                channel = await get_json(
                    http, f"{world.discord.control_url}/channels/{d.discord_channel}"
                )
                if channel["threads"]:
                    d.discord_thread = str(channel["threads"][0]["id"])
            await asyncio.sleep(0.2)
    return replies


async def _run_step(
    step: Step,
    faults: Faults,
    http: aiohttp.ClientSession,
    world: World,
    readers: Readers,
    down: float,
    notes: list[dict[str, Any]],
) -> None:
    if step.action == "kill":
        await faults.kill(down)
    elif step.action == "slack_slow":
        jobs = [faults.slack_slow(**step.args)]
        if world.spare:
            d = world.spare.pop(0)

            async def brief_later() -> None:
                await asyncio.sleep(3.0)
                notes.append(await _brief_mid_run(http, world, readers, d))

            jobs.append(brief_later())
        await asyncio.gather(*jobs)
    else:
        await getattr(faults, step.action)(**step.args)


async def _traffic(
    readers: Readers, world: World, args: argparse.Namespace, rng: random.Random
) -> list[asyncio.Task[Any]]:
    tasks: list[asyncio.Task[Any]] = []
    begin = time.monotonic()
    next_burst = args.burst_every
    origins = [o for o, _ in ORIGINS]
    weights = [w for _, w in ORIGINS]
    while (elapsed := time.monotonic() - begin) < args.duration:
        d = rng.choice(world.threads)
        count = 1
        if elapsed >= next_burst:
            count, next_burst = args.burst, next_burst + args.burst_every
        for _ in range(count):
            origin = rng.choices(origins, weights)[0]
            tasks.append(asyncio.create_task(readers.write(origin, d)))
        await asyncio.sleep(rng.expovariate(args.rate))
        if len(tasks) > 200:  # keep the list short; surface harness errors early
            done = [t for t in tasks if t.done()]
            for t in done:
                t.result()
            tasks = [t for t in tasks if not t.done()]
    return tasks


async def _drain(
    http: aiohttp.ClientSession,
    world: World,
    readers: Readers,
    web: WebWatch,
    faults: Faults,
    seconds: float,
) -> tuple[list[Landed], float]:
    """Wait (bounded) until every expected copy exists; the final records."""
    began = time.monotonic()
    while True:
        with contextlib.suppress(aiohttp.ClientError, OSError, TimeoutError, BenchError):
            await web.poll_once()
        landed = await collect(http, world, world.threads, web)
        verdict = audit(readers.sent, landed, web.store_ids, faults.windows)
        waited = time.monotonic() - began
        if verdict["lost"] == 0 or waited > seconds:
            break
        await asyncio.sleep(3.0)
    await asyncio.sleep(5.0)  # a late duplicate would show up by now
    await web.poll_once()
    return await collect(http, world, world.threads, web), round(waited, 1)


async def _emulator_stats(http: aiohttp.ClientSession, world: World) -> dict[str, Any]:
    assert world.discord is not None and world.slack is not None
    d = await get_json(http, f"{world.discord.control_url}/stats")
    s = await get_json(http, f"{world.slack.control_url}/stats")
    statuses = {str(k): int(v) for k, v in d["statuses"].items()}
    return {
        "discord_429s": int(d["rate_limited_total"]),
        "discord_429s_by_bucket": d["rate_limited"],
        "discord_5xx": sum(n for code, n in statuses.items() if code.startswith("5")),
        "discord_statuses": statuses,
        "discord_gateway": d["gateway"],
        "slack_429s": int(s["ratelimited_total"]),
        "slack_429s_by_method": s["ratelimited"],
        "slack_errors_by_method (injected 5xx + API errors)": s["errors"],
        "slack_post_message_calls": int(s["requests"].get("chat.postMessage", 0)),
        "slack_socket": s["socket"],
    }


async def run(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    rng = random.Random(args.seed)
    steps = plan(args.duration, args.kill_every, args.quick, args.discussions)
    report: dict[str, Any] = {
        "benchmark": "soak",
        "method": METHOD,
        "parameters": {
            "quick": args.quick,
            "duration_s": args.duration,
            "kill_every_s": args.kill_every,
            "down_s": args.down,
            "rate_per_s": args.rate,
            "burst": args.burst,
            "burst_every_s": args.burst_every,
            "discussions": args.discussions,
            "drain_max_s": args.drain,
            "database": "postgresql" if args.database_url else "sqlite",
            "seed": args.seed,
            "origins": dict(ORIGINS),
        },
        "environment": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_at_start": [round(x, 2) for x in os.getloadavg()],
        },
        "schedule": [{"at_s": round(s.at, 1), "fault": s.action} for s in steps],
    }
    world = World(
        args.discussions,
        workdir,
        spares=sum(1 for s in steps if s.action == "slack_slow"),
        database_url=args.database_url,
        extra_env={"WEB_COMMENTS_PER_MINUTE": "600", "WORKER_NAME": "soak"},
    )
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(timeout=timeout) as http:
        watcher: asyncio.Task[None] | None = None
        try:
            async with asyncio.timeout(180):
                await world.start(http)
            web = WebWatch(http, world)
            async with asyncio.timeout(30):
                while len(web.discussion_ids) < len(world.threads):
                    await web.resolve(world.threads)
                    await asyncio.sleep(0.5)
            faults = Faults(http, world)
            await faults.prepare()
            readers = Readers(http, world, web, rng)
            await asyncio.sleep(8.0)  # let the rate-limit buckets fill up again
            watcher = asyncio.create_task(web.run(world.threads))
            notes: list[dict[str, Any]] = []
            begin, wall_begin = time.monotonic(), time.time()

            async def at(step: Step) -> None:
                await asyncio.sleep(max(0.0, begin + step.at - time.monotonic()))
                await _run_step(step, faults, http, world, readers, args.down, notes)

            scheduled = [asyncio.create_task(at(s)) for s in steps]
            writes = await _traffic(readers, world, args, rng)
            for result in await asyncio.gather(*writes, *scheduled, return_exceptions=True):
                if isinstance(result, BaseException):
                    raise result
            await readers.settle()
            await faults.clear_all()
            landed, drained = await _drain(http, world, readers, web, faults, args.drain)
            adopted = readers.adopt_uncertain()
            verdict = audit(readers.sent, landed, web.store_ids, faults.windows, DELAY_LIMIT_S)
            sent = readers.sent.values()
            report["comments_sent"] = {
                "total": len(readers.sent),
                **{o: sum(1 for s in sent if s.origin == o) for o, _ in ORIGINS},
                "edited": sum(1 for s in sent if s.edited),
                "deleted": sum(1 for s in sent if s.deleted),
                "web_posts_cut_off_but_stored": adopted,
                "not_sent": dict(readers.refused),
            }
            report.update(verdict)
            report["drain_s"] = drained
            report["faults"] = {
                "injected": dict(faults.injected),
                "kills": faults.injected["sigkill"],
                "restart_s": faults.restart_seconds,
                "windows": [
                    {
                        "kind": w.kind,
                        "at_s": round(w.started - wall_begin, 1),
                        "cleared_after_s": round(w.cleared - w.started, 1),
                    }
                    for w in faults.windows
                ],
                "briefs_during_slack_429s": notes,
            }
            report["emulators"] = await _emulator_stats(http, world)
        finally:
            if watcher is not None:
                watcher.cancel()
            report["bot_exit_code"] = await world.stop()
            report["bot_log"] = bot_log_summary(world.log_path)
    report["environment"]["load_at_end"] = [round(x, 2) for x in os.getloadavg()]
    report["ok"] = bool(report.get("goal_met"))
    return report


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="~3 minutes, faults compressed")
    parser.add_argument("--duration", type=float, help="seconds of traffic (1800; quick 180)")
    parser.add_argument("--kill-every", type=float, help="seconds between SIGKILLs (180; 110)")
    parser.add_argument("--down", type=float, default=5.0, help="seconds the bot stays dead")
    parser.add_argument("--rate", type=float, default=2.0, help="comments per second in all")
    parser.add_argument("--burst", type=int, default=12, help="comments in one burst")
    parser.add_argument("--burst-every", type=float, help="seconds between bursts (90; 45)")
    parser.add_argument("--discussions", type=int, help="briefed before traffic (6; quick 3)")
    parser.add_argument("--drain", type=float, default=180.0, help="max seconds to wait at end")
    parser.add_argument("--database-url", help="e.g. postgresql://postgres@127.0.0.1/test")
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--max-seconds", type=float, help="abort after (duration + 900)")
    parser.add_argument("--keep", action="store_true", help="keep the work dir (log, db)")
    args = parser.parse_args(argv)
    args.duration = args.duration or (180.0 if args.quick else 1800.0)
    args.kill_every = args.kill_every or (110.0 if args.quick else 180.0)
    args.burst_every = args.burst_every or (45.0 if args.quick else 90.0)
    args.discussions = args.discussions or (3 if args.quick else 6)
    args.max_seconds = args.max_seconds or args.duration + 900.0
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="briefbot-soak-"))
    return run_and_print("soak", lambda w: run(args, w), workdir, args.max_seconds, args.keep)


if __name__ == "__main__":
    raise SystemExit(main())
