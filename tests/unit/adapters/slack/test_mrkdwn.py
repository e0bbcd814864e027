"""Slack mrkdwn <-> neutral Markdown: honest links, no pings, no spoilers in clear."""

from __future__ import annotations

import pytest

from adapters.discord.markdown import discord_to_markdown
from adapters.slack.mrkdwn import markdown_to_slack
from adapters.slack.neutral import slack_to_markdown
from bot.formatting import MentionNames

NAMES = MentionNames(
    users={"U024BE7LH": "Ana Ortiz"},
    channels={"C024BE91L": "news"},
    roles={"S0614TZR7": "editors"},
)


def test_slack_markup_becomes_neutral_markdown() -> None:
    text = "*Bold* and _italic_ and ~struck~ with <https://example.org/a?b=1&amp;c=2|a link>"
    assert slack_to_markdown(text) == (
        "**Bold** and _italic_ and ~~struck~~ with [a link](https://example.org/a?b=1&c=2)"
    )


def test_slack_mentions_become_plain_names() -> None:
    text = "<@U024BE7LH> see <#C024BE91L|news> and <!subteam^S0614TZR7|@editors>, <@UNKNOWN>"
    assert slack_to_markdown(text, NAMES) == "@Ana Ortiz see #news and @editors, @someone"


def test_slack_broadcasts_become_harmless_words() -> None:
    out = slack_to_markdown("<!channel> <!here> <!everyone> hi", NAMES)
    assert out == "@channel @here @everyone hi"
    assert "<!" not in out


def test_slack_entities_are_unescaped_once() -> None:
    assert slack_to_markdown("a &lt;b&gt; &amp;amp;") == "a <b> &amp;"


def test_slack_code_is_left_alone() -> None:
    assert slack_to_markdown("`*not bold*` and *bold*") == "`*not bold*` and **bold**"
    assert slack_to_markdown("see:\n```a &lt; *b*\nc```\nafter") == (
        "see:\n```\na < *b*\nc\n```\nafter"
    )


def test_slack_quotes_stay_quotes() -> None:
    assert slack_to_markdown("&gt; quoted\nnot quoted") == "> quoted\nnot quoted"


def test_text_that_is_literal_in_slack_stays_literal() -> None:
    assert slack_to_markdown("[a](https://b.example) **x** # h") == (
        "\\[a\\](https://b.example) \\*\\*x\\*\\* # h"
    )
    assert slack_to_markdown("# heading?") == "\\# heading?"


@pytest.mark.parametrize("text", ["a*b", "snake_case_name", "C++ 🎉", "it's 5*3"])
def test_ordinary_slack_text_needs_no_backslashes(text: str) -> None:
    assert slack_to_markdown(text) == text
    assert markdown_to_slack(text) == text


def test_ordinary_text_with_entities_reads_as_typed() -> None:
    assert slack_to_markdown("1 &lt; 2 &amp; 3 &gt; 2") == "1 < 2 & 3 > 2"
    assert markdown_to_slack("1 < 2 & 3 > 2") == "1 &lt; 2 &amp; 3 &gt; 2"


def test_markdown_to_slack_converts_and_escapes() -> None:
    md = "**bold** *it* ~~gone~~ [site](https://example.org) 1 < 2 & <!channel>"
    assert markdown_to_slack(md) == (
        "*bold* _it_ ~gone~ <https://example.org|site> 1 &lt; 2 &amp; &lt;!channel&gt;"
    )


def test_markdown_to_slack_keeps_code_verbatim_but_escaped() -> None:
    assert markdown_to_slack("`**x** <y>`") == "`**x** &lt;y&gt;`"
    assert markdown_to_slack("```py\nif a < b: **x**\n```") == "```if a &lt; b: **x**```"


def test_nothing_can_form_a_slack_mention() -> None:
    for md in ["<!channel>", "**<!here>**", "[<!everyone>](https://a.example)", "`<@U1>`"]:
        out = markdown_to_slack(md)
        assert "<!" not in out and "<@" not in out


def test_round_trip_keeps_meaning() -> None:
    md = slack_to_markdown("*Council* votes ~yes~ <https://example.org|minutes>")
    assert markdown_to_slack(md) == "*Council* votes ~yes~ <https://example.org|minutes>"


# Link spoofing (issue 9): a relayed link never shows one address and goes to another.


def test_discord_masked_link_to_another_address_shows_the_real_target() -> None:
    md = discord_to_markdown("[https://good.example](http://evil.example/x)")
    assert markdown_to_slack(md) == "<http://evil.example/x>"


def test_spoofed_link_from_the_web_shows_the_real_target() -> None:
    assert markdown_to_slack("[good.example](http://evil.example/x)") == ("<http://evil.example/x>")


def test_markdown_typed_in_slack_stays_text_coming_back() -> None:
    md = slack_to_markdown("[http://good.example](http://evil.example)")
    assert markdown_to_slack(md) == "[<http://good.example>](<http://evil.example>)"


def test_slack_masked_link_keeps_an_honest_label() -> None:
    md = slack_to_markdown("<https://council.example/minutes|council.example>")
    assert markdown_to_slack(md) == "<https://council.example/minutes|council.example>"


def test_link_labels_cannot_break_out_of_the_link() -> None:
    out = markdown_to_slack("[a > b | c](https://a.example/x|y)")
    assert out == "<https://a.example/x%7Cy|a &gt; b | c>"


# Spoilers: Slack has none, so they never reach it in clear.


def test_spoiler_becomes_a_link_to_the_web_page() -> None:
    out = markdown_to_slack("the end: ||he lives||", "https://web.example/a/1#c7")
    assert out == "the end: <https://web.example/a/1#c7|[spoiler: open on the web]>"
    assert "lives" not in out


def test_spoiler_without_a_web_page_is_hidden() -> None:
    out = markdown_to_slack("||he **lives**||")
    assert out == "[spoiler hidden]"


def test_a_link_inside_a_spoiler_does_not_leak() -> None:
    out = markdown_to_slack("||[the twist](https://spoilers.example/x)||")
    assert "spoilers.example" not in out and "twist" not in out


@pytest.mark.parametrize(
    "text",
    [
        "the end: ||rosebud\n\nwas the sled|| indeed",
        "||\n- rosebud\n- sled\n||",
        "||```py\nrosebud = sled()\n```||",
    ],
)
def test_a_discord_spoiler_over_several_blocks_never_reaches_slack(text: str) -> None:
    out = markdown_to_slack(discord_to_markdown(text), "https://web.example/a/1#c7")
    assert "rosebud" not in out and "sled" not in out
    assert "[spoiler: open on the web]" in out
    hidden = markdown_to_slack(discord_to_markdown(text))
    assert "rosebud" not in hidden and "sled" not in hidden
    assert "[spoiler hidden]" in hidden


# Review of issue 9: IP addresses, look-alike dots and user parts.


@pytest.mark.parametrize(
    "label",
    ["1.2.3.4", "192.168.0.1:8080/login", "[::1]", "good\u2024example", "good\u00b7example"],
)
def test_a_label_reading_as_another_address_shows_the_real_target(label: str) -> None:
    assert markdown_to_slack(f"[{label}](https://evil.example)") == "<https://evil.example>"


@pytest.mark.parametrize(
    ("text", "slack"),
    [
        (
            "[good.example](https://good.example@evil.example)",
            "[good.example](https://good.example@evil.example)",
        ),
        ("<https://good.example@evil.example>", "&lt;https://good.example@evil.example&gt;"),
    ],
)
def test_a_url_with_a_user_part_is_never_a_link(text: str, slack: str) -> None:
    assert markdown_to_slack(text) == slack


@pytest.mark.parametrize(
    ("slack", "neutral"),
    [
        ("<https://good.example@evil.example|x>", "x"),
        ("<https://good.example@evil.example>", "https://good.example@evil.example"),
    ],
)
def test_slack_link_with_a_user_part_comes_in_as_text(slack: str, neutral: str) -> None:
    md = slack_to_markdown(slack)
    assert md == neutral
    assert "<https://" not in markdown_to_slack(md)


def test_honest_labels_stay() -> None:
    md = "[v3.5, e.g. Mr. Smith](https://news.example) [example.com/page](https://www.example.com/page)"
    assert markdown_to_slack(md) == (
        "<https://news.example|v3.5, e.g. Mr. Smith> "
        "<https://www.example.com/page|example.com/page>"
    )
