"""``briefbot run`` with real credentials (the emulators'): its output concerns the user only.

discord.py warns about voice libraries a text bot never needs, and slack-bolt warns that a
token "will be unused" when it finds SLACK_BOT_TOKEN in the environment next to the client
briefbot gives it. Neither says anything a newsroom can act on.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from adapters.sandbox.network import free_port
from emulators.discord import DiscordEmulator, RateLimitConfig
from emulators.slack import RateLimitSettings, SlackEmulator

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
NOISE = ("PyNaCl", "davey", "voice will NOT be supported", "will be unused", "Traceback")


async def test_run_prints_nothing_about_voice_or_unused_tokens(tmp_path: Path) -> None:
    async with (
        DiscordEmulator(
            rate_limits=RateLimitConfig.disabled(), allow_privileged_intents=True
        ) as discord_emu,
        SlackEmulator(rate_limits=RateLimitSettings(enabled=False)) as slack_emu,
    ):
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DISCORD_", "SLACK_", "WEB_", "BRIEF_", "FETCH_"))
        }
        env.update(
            PYTHONPATH=str(ROOT),
            DATABASE_URL=f"sqlite:///{tmp_path}/run.sqlite3",
            DISCORD_TOKEN=discord_emu.bot_token,
            DISCORD_API_BASE=discord_emu.api_base,
            DISCORD_GATEWAY_URL=discord_emu.gateway_url,
            SLACK_BOT_TOKEN=slack_emu.bot_token,
            SLACK_APP_TOKEN=slack_emu.app_token,
            SLACK_API_URL=slack_emu.api_url,
            WEB_PORT=str(free_port("127.0.0.1")),
        )
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            "from bot.cli import main; main()",
            "run",
            env=env,
            cwd=tmp_path,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        assert process.stderr is not None and process.stdout is not None
        lines: list[str] = []
        try:
            async with asyncio.timeout(60):
                # Both platforms are connected once the Slack session is up and Discord ready.
                while not any("briefbot is running on Discord, Slack" in x for x in lines):
                    line = (await process.stderr.readline()).decode()
                    assert line, "briefbot run exited:\n" + "".join(lines)
                    lines.append(line)
        finally:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
            out, err = await asyncio.wait_for(process.communicate(), 30)
        output = "".join(lines) + err.decode() + out.decode()
        assert "briefbot is running on Discord, Slack." in output
        for noise in NOISE:
            assert noise not in output, output
