"""The emulator as a process: ``python -m emulators.slack``, with no Slack library."""

from __future__ import annotations

import asyncio
import sys

import aiohttp


async def test_emulator_does_not_import_slack_libraries() -> None:
    code = (
        "import sys, emulators.slack.__main__;"
        "bad = [m for m in sys.modules if m.startswith(('slack_sdk', 'slack_bolt'))];"
        "print(bad)"
    )
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", code, stdout=asyncio.subprocess.PIPE
    )
    out, _ = await proc.communicate()
    assert out.decode().strip() == "[]"


async def test_module_serves_on_the_given_port() -> None:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "emulators.slack",
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "--no-rate-limits",
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert proc.stdout is not None
        async with asyncio.timeout(10):
            first = (await proc.stdout.readline()).decode()
        base = first.strip().rsplit(" ", 1)[-1]
        assert base.startswith("http://127.0.0.1:")
        async with aiohttp.ClientSession() as session, session.get(f"{base}/_control/state") as r:
            state = await r.json()
        assert state["team"]["name"] == "Riverside Gazette"
    finally:
        proc.terminate()
        await proc.wait()
    assert proc.returncode == 0
