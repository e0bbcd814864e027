from bot.formatting import (
    MentionNames,
    discord_to_markdown,
    markdown_to_discord,
    markdown_to_html,
    markdown_to_plain,
    markdown_to_slack,
    slack_to_markdown,
    trim,
)

NAMES = MentionNames(
    users={"U024BE7LH": "Ana Ortiz", "80351110224678912": "Ben Okafor"},
    channels={"C024BE91L": "news", "41771983423143937": "general"},
    roles={"41771983423143936": "Moderators", "S0614TZR7": "editors"},
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


def test_discord_mentions_become_plain_names() -> None:
    text = "<@80351110224678912> <@!80351110224678912> <@&41771983423143936> <#41771983423143937>"
    assert discord_to_markdown(text, NAMES) == "@Ben Okafor @Ben Okafor @Moderators #general"


def test_discord_custom_emoji_and_timestamps() -> None:
    assert discord_to_markdown("<:party:123456> at <t:0:R>") == ":party: at 1970-01-01 00:00 UTC"


def test_markdown_to_slack_converts_and_escapes() -> None:
    md = "**bold** *it* ~~gone~~ [site](https://example.org) 1 < 2 & <!channel>"
    assert markdown_to_slack(md) == (
        "*bold* _it_ ~gone~ <https://example.org|site> 1 &lt; 2 &amp; &lt;!channel&gt;"
    )


def test_markdown_to_slack_keeps_code_verbatim_but_escaped() -> None:
    assert markdown_to_slack("`**x** <y>`") == "`**x** &lt;y&gt;`"


def test_markdown_to_discord_defuses_pings() -> None:
    out = markdown_to_discord("@everyone @here <@80351110224678912> <@&1> <#2> @Everyone")
    assert "@everyone" not in out
    assert "@here" not in out
    assert "<@8" not in out and "<@&1" not in out and "<#2" not in out
    assert "@\u200bEveryone" in out


def test_round_trip_slack_to_discord_keeps_meaning() -> None:
    md = slack_to_markdown("*Council* votes ~yes~ <https://example.org|minutes>")
    assert markdown_to_discord(md) == "**Council** votes ~~yes~~ [minutes](https://example.org)"
    assert markdown_to_slack(md) == "*Council* votes ~yes~ <https://example.org|minutes>"


def test_html_is_escaped_and_links_are_safe() -> None:
    out = markdown_to_html("<script>alert(1)</script> [x](javascript:alert(1)) **b**")
    assert "<script>" not in out
    assert "javascript:" in out and 'href="javascript' not in out
    assert "<strong>b</strong>" in out


def test_html_renders_links_quotes_and_code() -> None:
    out = markdown_to_html("> quoted\nsee [the minutes](https://example.org/m) `x<y`")
    assert out.startswith("<blockquote>quoted</blockquote>")
    assert '<a href="https://example.org/m" rel="nofollow ugc noopener"' in out
    assert "<code>x&lt;y</code>" in out


def test_plain_and_trim() -> None:
    assert markdown_to_plain("**Road** [closed](https://x.org) > soon") == "Road closed > soon"
    assert trim("the bridge reopens on monday", 16) == "the bridge…"
    assert trim("short", 16) == "short"
    assert len(trim("x" * 50, 10)) == 10
