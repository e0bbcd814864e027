"""A store nobody closed must not keep the process alive at exit (aiosqlite's thread)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = """
import asyncio, sys
from storage import open_store

async def main():
    store = open_store(sys.argv[1])
    await store.open()
    print("opened and left open")

asyncio.run(main())
"""


def test_an_unclosed_sqlite_store_does_not_block_exit(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/leak.sqlite3"
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    assert "opened and left open" in done.stdout
