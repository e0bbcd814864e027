"""``briefbot --help`` and every subcommand's help: names and sentences, no type labels."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from bot.cli import app

# typer's own labels: "<bool>", "<list[str]>", "<int range>", "<path>", and click's "TEXT"...
TYPE_LABEL = re.compile(r"<[a-z][a-z_\[\], ]*>|\b(?:BOOLEAN|TEXT|INTEGER|PATH|RANGE)\b")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], ["brief", "run", "link", "sandbox", "erase", "export", "moderators", "--help"]),
        (["brief"], ["SOURCE", "--json", "--jsonl", "--sentences", "1<=x<=10", "--allow"]),
        (["run"], ["--help"]),
        (["link"], ["PLACE", "discord:GUILD/CHANNEL"]),
        (["sandbox"], ["--port", "--data-dir", "--verbose", "[default: 8080]"]),
        (["moderators"], ["invite"]),
        (["moderators", "invite"], ["--name", "NAME"]),
        (["erase"], ["PERSON", "--yes", "--name"]),
        (["export"], ["DISCUSSION_ID", "--format", "--output", "--name"]),
    ],
)
def test_help_shows_no_type_labels(args: list[str], expected: list[str]) -> None:
    result = CliRunner().invoke(app, [*args, "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert TYPE_LABEL.findall(result.output) == [], result.output
    for word in expected:
        assert word in result.output
    usage = next(line for line in result.output.splitlines() if "Usage:" in line)
    assert "{" not in usage, usage  # PERSON, not typer's {PERSON}
    assert "x>=1" not in result.output


def test_each_command_is_one_line_in_the_main_help_at_80_columns() -> None:
    result = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    box = result.output.split("Commands")[1].splitlines()[1:]
    names = ["brief", "run", "link", "sandbox", "erase", "export", "moderators", "feed"]
    rows = [line.strip("│ ").split()[0] for line in box if line.startswith("│")]
    assert rows == names, result.output  # a wrapped description would add a row
