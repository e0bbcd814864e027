"""The policy subcommands of ``/briefbot mod`` as Discord registers them, and what each
stands for."""

from __future__ import annotations

from typing import Any

import pytest
from discord import app_commands

from adapters.discord.commands import build_commands
from adapters.discord.mod_policy import POLICY_COMMANDS, change_for
from bot import messages
from bot.errors import ModerationError
from bot.services.moderation import AddWord, RemoveWord, SetBurst, SetFlag, SetReports
from tests.unit.services.harness import harness


@pytest.mark.parametrize(
    ("command", "value", "expected"),
    [
        ("ban-word", "turnip", AddWord("banned", "turnip")),
        ("unban-word", "re:sp[a4]m", RemoveWord("banned", "re:sp[a4]m")),
        ("suspect-word", "kill yourself", AddWord("suspect", "kill yourself")),
        ("unsuspect-word", "bad*", RemoveWord("suspect", "bad*")),
        ("premoderate", "on", SetFlag("premoderate_web", True)),
        ("premoderate", "off", SetFlag("premoderate_web", False)),
        ("hold-links", "on", SetFlag("hold_links", True)),
        ("reports", 4, SetReports(4)),
        ("first-web", "off", SetFlag("hold_first_web", False)),
        ("first-web", "on", SetFlag("hold_first_web", True)),
        ("burst", "3/30", SetBurst(3, 30)),
        ("burst", " Off ", SetBurst(0)),
    ],
)
def test_each_subcommand_stands_for_one_change(command: str, value: Any, expected: Any) -> None:
    assert change_for(command, value) == expected


@pytest.mark.parametrize("setting", ["3", "3/0", "three/30", "10000/30"])
def test_a_malformed_burst_is_one_sentence_with_its_limits(setting: str) -> None:
    with pytest.raises(ModerationError) as refused:
        change_for("burst", setting)
    assert refused.value.user_message == messages.BAD_BURST


def test_anything_else_is_not_a_policy_command() -> None:
    with pytest.raises(ValueError, match="not a policy command"):
        change_for("ban", "x")


async def test_the_mod_group_registers_valid_subcommands_within_discords_limits() -> None:
    async with harness() as h:
        [briefbot] = [c for c in build_commands(h.ctx) if c.name == "briefbot"]
    assert isinstance(briefbot, app_commands.Group)
    group = briefbot.get_command("mod")
    assert isinstance(group, app_commands.Group)
    mod = group.to_dict(None)  # type: ignore[arg-type]  # a subgroup needs no tree
    subcommands = {o["name"]: o for o in mod["options"]}
    assert set(POLICY_COMMANDS) <= set(subcommands)
    assert len(subcommands) <= 25  # Discord's limit per group
    for name, spec in subcommands.items():
        assert 1 <= len(name) <= 32 and name == name.lower()
        assert 1 <= len(spec["description"]) <= 100
    [word] = subcommands["ban-word"]["options"]
    assert (word["type"], word["required"], word["min_length"], word["max_length"]) == (
        3,
        True,
        1,
        200,
    )
    [setting] = subcommands["premoderate"]["options"]
    assert [c["value"] for c in setting["choices"]] == ["on", "off"]
    [count] = subcommands["reports"]["options"]
    assert (count["type"], count["min_value"], count["max_value"]) == (4, 1, 100)
    assert subcommands["policy"].get("options", []) == []
    [first_web] = subcommands["first-web"]["options"]
    assert [c["value"] for c in first_web["choices"]] == ["on", "off"]
    [burst] = subcommands["burst"]["options"]
    assert (burst["type"], burst["required"], burst["max_length"]) == (3, True, len("9999/999999"))
    assert all(1 <= len(o["description"]) <= 100 for o in (first_web, burst))
