"""Two real processes posting to one channel of the Slack emulator (its limits on), pacing
through PostgreSQL: refusals are rare and the channel's rate is used to its ceiling.

The runs are those of ``benchmarks/pacing.py`` (which also measures the per-process pacer
for contrast); the rate is raised from Slack's 1 per second to keep the test short, with
the pacer set to match.
"""

from __future__ import annotations

import pytest

from benchmarks.pacing import drop_schema, fresh_pacing_schema, run_mode

pytestmark = pytest.mark.slow


async def test_two_processes_share_one_channels_pace(postgres_dsn: str) -> None:
    schema = await fresh_pacing_schema(postgres_dsn)
    try:
        run = await run_mode("shared", 2, 60, 10.0, postgres_dsn, schema)
    finally:
        await drop_schema(postgres_dsn, schema)
    assert run.posts == 120
    assert run.refused <= run.calls / 100, run.line()
    assert run.per_second >= 0.9 * run.rate, run.line()
    assert run.per_second <= run.ceiling * 1.05, run.line()
