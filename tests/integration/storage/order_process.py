"""A separate process for the ordering tests: a writer, or a worker that hangs mid-claim.

    python -m tests.integration.storage.order_process SPEC WORLD write WRITER COUNT
    python -m tests.integration.storage.order_process SPEC WORLD deliver ALIVE_SECONDS

SPEC and WORLD are JSON (see ``order_world.py``). ``write`` stores COUNT comments through
the core and prints one JSON line per comment once it is committed (text, and monotonic
start and end). ``deliver`` runs a Slack delivery worker whose every post hangs: it prints
``{"worker": ...}`` when it starts and ``{"posting": ...}`` once it holds a claim and is
"talking to Slack", then waits to be killed.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import threading
from dataclasses import asdict

from adapters.slack.platform import SLACK
from bot.domain.copies import CommentCopy
from bot.domain.model import Thread
from bot.services.delivery import DeliveryWorker
from tests.integration.storage.order_world import (
    FaultySink,
    World,
    context_for,
    open_store,
    write_comments,
)


def _say(**what: object) -> None:
    print(json.dumps(what), flush=True)


def _end_with_the_parent() -> None:
    """The test that started us holds our stdin: once it is gone, so are we."""
    sys.stdin.read()
    os._exit(3)


class HangingSink(FaultySink):
    async def post_copy(self, thread: Thread, copy: CommentCopy) -> str:
        _say(posting=copy.text)
        await asyncio.Event().wait()
        raise AssertionError("unreachable")


async def main(spec: dict[str, object], world: World, mode: str, args: list[str]) -> None:
    store = open_store(spec)
    await store.open()
    try:
        ctx = context_for(store)
        if mode == "write":
            writer, count = args[0], int(args[1])
            for written in await write_comments(ctx, world, writer, count):
                _say(**asdict(written))
            return
        worker = DeliveryWorker(
            ctx,
            HangingSink(SLACK),
            idle_poll_seconds=0.05,
            lease_seconds=600,
            heartbeat_seconds=0.2,
            alive_seconds=float(args[0]),
        )
        _say(worker=worker.worker_id)
        await worker.run()
    finally:
        await store.close()


if __name__ == "__main__":
    threading.Thread(target=_end_with_the_parent, daemon=True).start()
    spec_json, world_json, mode_arg, *rest = sys.argv[1:]
    asyncio.run(main(json.loads(spec_json), World(**json.loads(world_json)), mode_arg, rest))
