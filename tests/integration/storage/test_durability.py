"""Durability: a writer process killed with SIGKILL mid-burst loses no committed comment."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import sys
from pathlib import Path

import pytest

from storage.sqlite import SqliteStore
from tests.integration.storage.builders import discussion_setup

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.slow
async def test_every_committed_comment_survives_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "durable.sqlite3"
    store = SqliteStore(path)
    await store.open()
    async with store.transaction() as tx:
        thread = (await discussion_setup(tx)).discord_thread
        await tx.commit()
    await store.close()

    writer = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.integration.storage.durability_writer",
        str(path),
        str(thread.id),
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
    )
    assert writer.stdout is not None
    committed: dict[int, int] = {}
    try:
        while len(committed) < 300:
            line = await asyncio.wait_for(writer.stdout.readline(), 30)
            assert line, "the writer stopped early"
            comment_id, n = map(int, line.split())
            committed[comment_id] = n
    finally:
        writer.send_signal(signal.SIGKILL)
        rest, _ = await writer.communicate()
    assert writer.returncode == -signal.SIGKILL
    for line in rest.splitlines():  # committed and printed before the kill landed
        if len(line.split()) == 2:
            comment_id, n = map(int, line.split())
            committed[comment_id] = n

    reopened = SqliteStore(path)
    await reopened.open()
    try:
        async with reopened.transaction() as tx:
            stored = await tx.comments.list_for_discussion(thread.discussion_id)
    finally:
        await reopened.close()
    by_id = {c.id: c for c in stored}
    for comment_id, n in committed.items():
        assert by_id[comment_id].text == f"comment number {n}"
        assert by_id[comment_id].platform_message_id == f"burst-{n}"
    assert len(stored) >= len(committed)

    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
