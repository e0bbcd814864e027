"""Briefs as Block Kit and copies as mrkdwn messages, within Slack's limits."""

from __future__ import annotations

from adapters.discord.platform import DISCORD
from adapters.slack.blocks import SLACK_LIMITS, brief_blocks, brief_fallback_text
from adapters.slack.render import slack_message
from bot.briefing.model import KeyFigure
from bot.domain.copies import build_copy
from bot.messages import figures_unsupported
from tests.unit.domain.samples import comment, make_brief


def test_blocks_have_header_summary_figures_context_and_button() -> None:
    blocks = brief_blocks(make_brief())
    kinds = [b["type"] for b in blocks]
    assert kinds == ["header", "section", "section", "section", "context", "actions"]
    assert blocks[0]["text"]["text"].startswith("Council approves")
    assert blocks[3]["fields"][0]["text"] == "*$4.5m*\ncost of the new bridge"
    assert blocks[-1]["elements"][0]["url"] == "https://gazette.example/bridge"


def test_blocks_escape_article_text() -> None:
    blocks = brief_blocks(make_brief(summary=("Rates <!channel> rise & fall.",)))
    assert blocks[1]["text"]["text"] == "Rates &lt;!channel&gt; rise &amp; fall."
    assert brief_fallback_text(make_brief(title="A <b>")) == "Brief: A &lt;b&gt;"


def test_blocks_stay_within_limits_for_huge_briefs() -> None:
    huge = make_brief(
        title="T" * 1000,
        summary=tuple("S" * 3000 for _ in range(3)),
        key_figures=tuple(KeyFigure("9" * 500, "L" * 3000, "s") for _ in range(30)),
    )
    blocks = brief_blocks(huge)
    assert len(blocks) <= SLACK_LIMITS["blocks"]
    assert len(blocks[0]["text"]["text"]) <= 150
    assert len(blocks[1]["text"]["text"]) <= 3000
    fields = next(b for b in blocks if "fields" in b)["fields"]
    assert len(fields) <= 10 and all(len(f["text"]) <= 2000 for f in fields)


def test_copy_names_the_origin_platform() -> None:
    message = slack_message(build_copy(comment("**hi**", platform=DISCORD)))
    assert message.username == "Ana (Discord)"
    assert message.text == "*hi*"


def test_copy_keeps_reply_context() -> None:
    parent = comment("The **bridge** plan is <too> expensive", name="Ben", id=1)
    reply = comment("I disagree", id=2, reply_to_id=1, platform=DISCORD)
    text = slack_message(build_copy(reply, parent)).text
    assert text == "> Replying to Ben: The bridge plan is &lt;too&gt; expensive\nI disagree"


def test_long_copies_are_trimmed_with_a_link_to_the_full_comment() -> None:
    copy = build_copy(comment("word " * 2000), full_url="https://web.example/a/1#c1")
    text = slack_message(copy).text
    assert len(text) <= 4000 and text.endswith("… <https://web.example/a/1#c1|full comment>")


def test_copy_spoilers_link_to_the_comment_on_the_web() -> None:
    copy = build_copy(comment("it ends ||badly||"), full_url="https://web.example/a/1#c1")
    assert slack_message(copy).text == (
        "it ends <https://web.example/a/1#c1|[spoiler: open on the web]>"
    )


def test_copies_cannot_ping() -> None:
    copy = build_copy(comment("@everyone <!channel> @here"))
    assert "<!channel>" not in slack_message(copy).text


def test_a_notice_is_shown_as_context_after_the_summary() -> None:
    notice = figures_unsupported("Portuguese")
    blocks = brief_blocks(make_brief(key_figures=(), notice=notice, language="pt"))
    assert {"type": "plain_text", "text": notice} in blocks[2]["elements"]
