"""``briefbot run`` without credentials and ``briefbot link`` on a real SQLite file."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def cli(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SLACK_"))}
    clean.update(env)
    clean["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-c", "from bot.cli import main; main()", *args],
        cwd=tmp_path,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_run_without_credentials_names_what_to_set(tmp_path: Path) -> None:
    result = cli(["run"], tmp_path)
    assert result.returncode == 2
    assert "set DISCORD_TOKEN, or SLACK_BOT_TOKEN" in result.stderr
    assert "Traceback" not in result.stderr


def test_run_with_half_a_slack_configuration_says_what_is_missing(tmp_path: Path) -> None:
    result = cli(["run"], tmp_path, SLACK_BOT_TOKEN="xoxb-1-2-3")
    assert result.returncode == 2
    assert "SLACK_APP_TOKEN" in result.stderr and "Traceback" not in result.stderr


def test_link_joins_channels_into_one_room(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/link.sqlite3"
    result = cli(["link", "discord:G1/C1", "slack:T1/C2"], tmp_path, DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    assert "Linked: Discord G1/C1, Slack T1/C2." in result.stdout
    again = cli(["link", "slack:T1/C2", "discord:G1/C3"], tmp_path, DATABASE_URL=url)
    assert "Discord G1/C1, Slack T1/C2, Discord G1/C3" in again.stdout


@pytest.mark.parametrize("bad", ["telegram:1/2", "discord:only-guild", "slack:/C1"])
def test_link_refuses_what_is_not_a_channel(tmp_path: Path, bad: str) -> None:
    result = cli(["link", bad, "slack:T1/C2"], tmp_path)
    assert result.returncode == 2
    assert "is not a channel" in result.stderr and "Traceback" not in result.stderr
