from __future__ import annotations

import pytest

from adapters.discord.platform import DISCORD
from adapters.slack import messages as slack_messages
from adapters.slack.command_text import CommandUsageError, is_mod_command
from adapters.slack.mod_text import ModRequest, Target, parse_mod
from adapters.slack.platform import SLACK
from bot import messages
from bot.domain.model import WEB
from bot.services.moderation import AddWord, RemoveWord, SetBurst, SetFlag, SetReports


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ban <@U0BEN000001|ben>", ModRequest("ban", Target(SLACK, "U0BEN000001"))),
        ("ban <@U0BEN000001>", ModRequest("ban", Target(SLACK, "U0BEN000001"))),
        ("BAN U0BEN000001", ModRequest("ban", Target(SLACK, "U0BEN000001"))),
        ("unban @ben", ModRequest("unban", Target(SLACK, handle="ben"))),
        ("ban discord:4242", ModRequest("ban", Target(DISCORD, "4242"))),
        ("ban DISCORD:1234567890123456", ModRequest("ban", Target(DISCORD, "1234567890123456"))),
        ("ban web:web-0123abcd", ModRequest("ban", Target(WEB, "web-0123abcd"))),
        ("close", ModRequest("close")),
        ("open", ModRequest("open")),
        (
            "close <https://gazette.example/a?x=1&amp;y=2>",
            ModRequest("close", link="https://gazette.example/a?x=1&y=2"),
        ),
        ("login", ModRequest("login")),
    ],
)
def test_mod_requests(text: str, expected: ModRequest) -> None:
    assert parse_mod(text.split()) == expected


@pytest.mark.parametrize(
    "text",
    ["", "ban", "ban a b", "kick @ben", "login now", "close not-a-link", "ban ben",
     # hostile targets: everyone, roles, channels, user groups, links, a page of digits
     "ban <!everyone>", "ban <!here>", "ban <!subteam^S0MODS>", "ban <@&1234>",
     "ban discord:<@&1234>", "ban discord:@everyone", "ban slack:<!channel>",
     "ban discord:" + "9" * 21, "ban https://evil.example/x", "ban web:<script>",
     "unban discord:12ab"],
)  # fmt: skip
def test_anything_else_answers_with_the_usage(text: str) -> None:
    with pytest.raises(CommandUsageError) as caught:
        parse_mod(text.split())
    assert caught.value.user_message == slack_messages.MOD_USAGE


def test_only_mod_is_a_mod_command() -> None:
    assert is_mod_command("mod ban @ben") and is_mod_command("MOD")
    assert not is_mod_command("link") and not is_mod_command("") and not is_mod_command("modern")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("policy", ModRequest("policy")),
        ("ban-word turnip", ModRequest("policy", change=AddWord("banned", "turnip"))),
        (
            "BAN-WORD kill  yourself",
            ModRequest("policy", change=AddWord("banned", "kill yourself")),
        ),
        ("unban-word Turnip", ModRequest("policy", change=RemoveWord("banned", "Turnip"))),
        ("suspect-word re:sp[a4]m", ModRequest("policy", change=AddWord("suspect", "re:sp[a4]m"))),
        (
            "unsuspect-word re:a&amp;b&lt;c",
            ModRequest("policy", change=RemoveWord("suspect", "re:a&b<c")),
        ),
        ("premoderate on", ModRequest("policy", change=SetFlag("premoderate_web", True))),
        ("hold-links OFF", ModRequest("policy", change=SetFlag("hold_links", False))),
        ("reports 5", ModRequest("policy", change=SetReports(5))),
        ("first-web off", ModRequest("policy", change=SetFlag("hold_first_web", False))),
        ("FIRST-WEB On", ModRequest("policy", change=SetFlag("hold_first_web", True))),
        ("burst 3/30", ModRequest("policy", change=SetBurst(3, 30))),
        ("burst OFF", ModRequest("policy", change=SetBurst(0))),
        ("burst 0/60", ModRequest("policy", change=SetBurst(0, 60))),
        ("burst 9999/999999", ModRequest("policy", change=SetBurst(9999, 999999))),
    ],
)
def test_policy_requests(text: str, expected: ModRequest) -> None:
    assert parse_mod(text.split()) == expected


@pytest.mark.parametrize(
    "text",
    [
        "policy now",
        "ban-word",
        "unsuspect-word   ",
        "premoderate",
        "premoderate yes",
        "hold-links on off",
        "reports",
        "reports five",
        "reports -1",
        "reports ３",
        "first-web",
        "first-web maybe",
        "burst",
        "burst 5 / 60",
    ],
)
def test_a_malformed_policy_request_answers_with_the_policy_usage(text: str) -> None:
    with pytest.raises(CommandUsageError) as caught:
        parse_mod(text.split())
    assert caught.value.user_message == slack_messages.POLICY_USAGE


@pytest.mark.parametrize("setting", ["5", "5/0", "10000/60", "5/1000000", "-1/60", "５/60", "on"])
def test_a_burst_out_of_shape_or_range_is_answered_with_its_limits(setting: str) -> None:
    with pytest.raises(CommandUsageError) as caught:
        parse_mod(["burst", setting])
    assert caught.value.user_message == messages.BAD_BURST
