"""Briefs and comment copies as Discord sees them: embeds, webhook names, 2000 characters."""

from __future__ import annotations

from adapters.discord.embed import brief_embed, thread_name
from adapters.discord.platform import DISCORD
from adapters.discord.render import discord_message
from adapters.slack.platform import SLACK
from bot.briefing.model import KeyFigure
from bot.domain.copies import CommentCopy, build_copy
from bot.messages import figures_unsupported
from tests.unit.domain.samples import comment, make_brief


def embed_total(embed: dict[str, object]) -> int:
    fields = embed.get("fields", [])
    assert isinstance(fields, list)
    footer = embed.get("footer", {})
    assert isinstance(footer, dict)
    return (
        len(str(embed.get("title", "")))
        + len(str(embed.get("description", "")))
        + sum(len(f["name"]) + len(f["value"]) for f in fields)
        + len(footer.get("text", ""))
    )


def test_embed_has_title_link_summary_figures_and_byline() -> None:
    embed = brief_embed(make_brief())
    assert embed["url"] == "https://gazette.example/bridge"
    assert embed["title"] == "Council approves \\*new\\* bridge for Mill Street"
    assert "7-2 to fund" in embed["description"]
    assert [f["name"] for f in embed["fields"]] == ["$4.5m", "7-2"]
    assert embed["footer"]["text"] == "Riverside Gazette · 3 March 2026 · 2 min read"


def test_embed_defuses_mentions_from_article_text() -> None:
    embed = brief_embed(make_brief())
    assert "@everyone" not in embed["description"]


def test_embed_stays_within_limits_for_huge_briefs() -> None:
    huge = make_brief(
        title="T" * 1000,
        summary=tuple("S" * 3000 for _ in range(3)),
        key_figures=tuple(KeyFigure("9" * 500, "L" * 3000, "s") for _ in range(30)),
        site_name="N" * 3000,
    )
    embed = brief_embed(huge)
    assert len(embed["title"]) <= 256
    assert len(embed["description"]) <= 4096
    assert all(len(f["name"]) <= 256 and len(f["value"]) <= 1024 for f in embed["fields"])
    assert len(embed["fields"]) <= 25
    assert embed_total(embed) <= 6000


def test_thread_name_is_short_and_never_empty() -> None:
    assert thread_name(make_brief(title="x " * 200)).endswith("…")
    assert len(thread_name(make_brief(title="x " * 200))) <= 100
    assert thread_name(make_brief(title="   ")) == "Discussion"


def test_copy_names_the_origin_platform() -> None:
    copy = build_copy(comment("**hi**"))
    assert discord_message(copy).username == "Ana (Slack)"
    assert discord_message(copy).content == "**hi**"


def test_discord_username_never_contains_forbidden_words() -> None:
    copy = build_copy(comment("hi", name="Discord Dan and Clyde"))
    assert discord_message(copy).username == "Disc-ord Dan and Cl-yde (Slack)"


def test_copy_keeps_reply_context() -> None:
    parent = comment("The **bridge** plan is too expensive for a town our size", name="Ben", id=1)
    reply = comment("I disagree", id=2, reply_to_id=1, platform=DISCORD)
    content = discord_message(build_copy(reply, parent)).content
    assert (
        content
        == "> Replying to Ben: The bridge plan is too expensive for a town our size\nI disagree"
    )


def test_reply_quote_is_shown_literally_and_cannot_ping() -> None:
    parent = comment("\\*stars\\* @everyone", name="Ben", id=1)
    reply = comment("ok", id=2, reply_to_id=1)
    content = discord_message(build_copy(reply, parent)).content
    assert content.startswith("> Replying to Ben: \\*stars\\* @\u200beveryone\n")


def test_long_copies_are_trimmed_with_a_link_to_the_full_comment() -> None:
    copy = build_copy(comment("word " * 2000), full_url="https://web.example/a/1#c1")
    content = discord_message(copy).content
    assert len(content) <= 2000
    assert content.endswith("… [full comment](https://web.example/a/1#c1)")


def test_trimming_never_cuts_a_spoiler_or_code_open() -> None:
    text = "||" + "secret " * 400 + "||\n```\n" + "code\n" * 200 + "```"
    copy = build_copy(comment(text), full_url="https://web.example/a/1#c1")
    content = discord_message(copy).content
    assert len(content) <= 2000
    assert "secret" not in content and "```" not in content
    assert content.startswith("\\[spoiler\\] code")


def test_a_copy_cannot_ping_even_before_allowed_mentions() -> None:
    copy = CommentCopy("Discord Fan", SLACK, None, "@everyone look <@123456789012345678>")
    message = discord_message(copy)
    assert "@everyone" not in message.content
    assert "<@1" not in message.content
    assert "discord" not in message.username.lower()
    assert message.username.endswith("(Slack)")


def test_a_notice_follows_the_summary() -> None:
    notice = figures_unsupported("Portuguese")
    embed = brief_embed(make_brief(key_figures=(), notice=notice))
    assert str(embed["description"]).endswith(notice)
    assert "fields" not in embed
