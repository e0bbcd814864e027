"""Discord content <-> neutral Markdown: mentions in, honest links and no pings out."""

from __future__ import annotations

import pytest

from adapters.discord.markdown import discord_to_markdown, markdown_to_discord
from adapters.slack.neutral import slack_to_markdown
from bot.formatting import MentionNames, markdown_to_plain

NAMES = MentionNames(
    users={"80351110224678912": "Ben Okafor"},
    channels={"41771983423143937": "general"},
    roles={"41771983423143936": "Moderators"},
)


def test_discord_mentions_become_plain_names() -> None:
    text = "<@80351110224678912> <@!80351110224678912> <@&41771983423143936> <#41771983423143937>"
    assert discord_to_markdown(text, NAMES) == "@Ben Okafor @Ben Okafor @Moderators #general"


def test_discord_custom_emoji_and_timestamps() -> None:
    assert discord_to_markdown("<:party:123456> at <t:0:R>") == ":party: at 1970-01-01 00:00 UTC"


def test_mentions_inside_code_are_left_alone() -> None:
    assert discord_to_markdown("`<@80351110224678912>`", NAMES) == "`<@80351110224678912>`"


def test_discord_markup_is_already_neutral() -> None:
    text = "**b** __u__ *i* ~~s~~ ||spoiler|| `a*b` [minutes](https://council.example/m)"
    assert discord_to_markdown(text) == text
    assert markdown_to_discord(text) == text


def test_discord_quotes_the_rest_with_three_marks() -> None:
    assert discord_to_markdown(">>> one\ntwo") == "> one\n> two"


def test_markdown_to_discord_defuses_pings() -> None:
    out = markdown_to_discord("@everyone @here <@80351110224678912> <@&1> <#2> @Everyone")
    assert "@everyone" not in out
    assert "@here" not in out
    assert "<@8" not in out and "<@&1" not in out and "<#2" not in out
    assert "@\u200bEveryone" in out


@pytest.mark.parametrize(
    "text", ["**@everyone**", "[@here](https://a.example)", "> @everyone", "||@here||"]
)
def test_pings_are_defused_inside_markup_too(text: str) -> None:
    out = markdown_to_discord(text)
    assert "@everyone" not in out and "@here" not in out


def test_code_is_untouched() -> None:
    text = "`**x** <y> a_b_c`\n```py\nif a < b and c*d:\n    pass\n```"
    assert markdown_to_discord(text) == text


@pytest.mark.parametrize("text", ["a*b", "snake_case_name", "1 < 2 & 3 > 2", "C++ 🎉"])
def test_ordinary_text_reads_as_typed(text: str) -> None:
    assert markdown_to_discord(text) == text


def test_round_trip_slack_to_discord_keeps_meaning() -> None:
    md = slack_to_markdown("*Council* votes ~yes~ <https://example.org|minutes>")
    assert markdown_to_discord(md) == "**Council** votes ~~yes~~ [minutes](https://example.org)"


# Link spoofing (issue 9): a relayed link never shows one address and goes to another.


def test_slack_masked_link_to_another_address_shows_the_real_target() -> None:
    md = slack_to_markdown("<http://evil.example|http://good.example>")
    assert markdown_to_discord(md) == "http://evil.example"


def test_markdown_typed_in_slack_is_not_a_link_on_discord() -> None:
    md = slack_to_markdown("[http://good.example](http://evil.example)")
    assert markdown_to_discord(md) == "\\[http://good.example\\](http://evil.example)"
    # As Slack really sends it, with both addresses auto-linked:
    md = slack_to_markdown("[<http://good.example>](<http://evil.example>)")
    assert markdown_to_discord(md) == "\\[<http://good.example>\\](<http://evil.example>)"


def test_spoofed_link_from_the_web_shows_the_real_target() -> None:
    out = markdown_to_discord("see [https://good.example](http://evil.example/x)")
    assert out == "see http://evil.example/x"


def test_spoofed_link_typed_on_discord_is_made_honest_on_the_way_in() -> None:
    assert discord_to_markdown("[good.example](http://evil.example/x)") == "http://evil.example/x"


def test_spoilers_stay_spoilers() -> None:
    assert markdown_to_discord("the end: ||he lives||") == "the end: ||he lives||"


# A Discord spoiler may run over lines and blocks; the neutral form keeps each line hidden.
SPANNING_SPOILERS = [
    "the end: ||rosebud\n\nwas the sled|| indeed",
    "||\n- rosebud\n- sled\n||",
    "||```py\nrosebud = sled()\n```||",
]


@pytest.mark.parametrize("text", SPANNING_SPOILERS)
def test_a_spoiler_over_several_blocks_stays_hidden(text: str) -> None:
    neutral = discord_to_markdown(text)
    preview = markdown_to_plain(neutral)
    assert "rosebud" not in preview and "sled" not in preview
    assert "[spoiler]" in preview
    # Back on Discord every hidden word is still between spoiler bars.
    out = markdown_to_discord(neutral)
    for line in out.split("\n"):
        if "rosebud" in line or "sled" in line:
            assert "||" in line, out


def test_a_spoiler_over_paragraphs_becomes_one_spoiler_per_line() -> None:
    assert discord_to_markdown("||x\n\ny||") == "||x||\n\n||y||"


def test_a_spoiler_around_a_list_keeps_the_markers_outside() -> None:
    assert discord_to_markdown("||- a\n- b\n> c||") == "||\\- a||\n- ||b||\n> ||c||"


def test_an_unclosed_spoiler_is_shown_as_typed() -> None:
    assert markdown_to_plain(discord_to_markdown("a || b\n\nc")) == "a || b c"


def test_bars_inside_code_open_no_spoiler() -> None:
    neutral = discord_to_markdown("`||a`\n\nb||")
    assert markdown_to_plain(neutral) == "||a b||"


# Review of issue 9: IP addresses, look-alike dots and user parts.

DECEPTIVE_LABELS = [
    "1.2.3.4",
    "192.168.0.1:8080/login",
    "[::1]",
    "good\u2024example",
    "good\u00b7example",
]


@pytest.mark.parametrize("label", DECEPTIVE_LABELS)
def test_a_label_reading_as_another_address_shows_the_real_target(label: str) -> None:
    md = f"[{label}](https://evil.example)"
    assert markdown_to_discord(md) == "https://evil.example"
    assert discord_to_markdown(md) == "https://evil.example"


@pytest.mark.parametrize(
    "text",
    [
        "[good.example](https://good.example@evil.example)",
        "see https://good.example@evil.example now",
        "<https://good.example@evil.example>",
    ],
)
def test_a_url_with_a_user_part_is_never_a_link(text: str) -> None:
    out = markdown_to_discord(text)
    # Shown as typed, but "https\:" so the Discord client does not link it either.
    assert "https\\://good.example@evil.example" in out
    assert "](" not in out.replace("\\](", "")
    assert discord_to_markdown(out).replace("\\", "") == text


def test_slack_link_with_a_user_part_is_plain_text_on_discord() -> None:
    md = slack_to_markdown("<https://good.example@evil.example|x>")
    assert markdown_to_discord(md) == "x"


def test_honest_labels_stay() -> None:
    md = "[v3.5, e.g. Mr. Smith](https://news.example) [example.com/page](https://www.example.com/page)"
    assert markdown_to_discord(md) == md
