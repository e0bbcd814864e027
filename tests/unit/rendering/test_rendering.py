from datetime import UTC, date, datetime

from bot.briefing.model import Brief, KeyFigure
from bot.domain.model import Author, Comment, Platform
from bot.rendering import (
    brief_blocks,
    brief_embed,
    brief_fallback_text,
    build_copy,
    discord_message,
    slack_message,
    thread_name,
)
from bot.rendering.slack_blocks import SLACK_LIMITS


def make_brief(**overrides: object) -> Brief:
    values: dict[str, object] = {
        "title": "Council approves *new* bridge for Mill Street",
        "text": "word " * 460,
        "summary": (
            "The council voted 7-2 to fund a new bridge.",
            "Work starts in June 2027 @everyone.",
            "The crossing will cost $4.5m.",
        ),
        "key_figures": (
            KeyFigure("$4.5m", "cost of the new bridge", "The crossing will cost $4.5m."),
            KeyFigure("7-2", "council vote", "The council voted 7-2 to fund a new bridge."),
        ),
        "url": "https://gazette.example/bridge",
        "site_name": "Riverside Gazette",
        "published": date(2026, 3, 3),
    }
    values.update(overrides)
    return Brief(**values)  # type: ignore[arg-type]


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


NOW = datetime(2026, 11, 1, tzinfo=UTC)


def comment(
    text: str, *, platform: Platform = Platform.SLACK, name: str = "Ana", **kw: object
) -> Comment:
    author = Author(platform, "U1", name, "https://avatars.example/ana.png")
    return Comment(
        id=kw.get("id", 1),  # type: ignore[arg-type]
        discussion_id=1,
        thread_id=1,
        platform_message_id="1.0",
        author=author,
        text=text,
        created_at=NOW,
        reply_to_id=kw.get("reply_to_id"),  # type: ignore[arg-type]
        deleted_at=kw.get("deleted_at"),  # type: ignore[arg-type]
    )


def test_copy_names_the_origin_platform() -> None:
    copy = build_copy(comment("**hi**"))
    assert copy.display_name == "Ana (Slack)"
    assert discord_message(copy).username == "Ana (Slack)"
    assert slack_message(copy).text == "*hi*"


def test_discord_username_never_contains_forbidden_words() -> None:
    copy = build_copy(comment("hi", name="Discord Dan and Clyde"))
    assert discord_message(copy).username == "Disc-ord Dan and Cl-yde (Slack)"


def test_copy_keeps_reply_context() -> None:
    parent = comment("The **bridge** plan is too expensive for a town our size", name="Ben", id=1)
    reply = comment("I disagree", id=2, reply_to_id=1, platform=Platform.DISCORD)
    copy = build_copy(reply, parent)
    assert discord_message(copy).content.startswith("> Replying to Ben: The bridge plan")
    assert slack_message(copy).text.endswith("\nI disagree")


def test_reply_to_deleted_comment() -> None:
    reply = comment("me too", reply_to_id=9)
    assert build_copy(reply, None).reply_quote == "Replying to a deleted comment"


def test_long_copies_are_trimmed_with_a_link_to_the_full_comment() -> None:
    copy = build_copy(comment("word " * 2000), full_url="https://web.example/a/1#c1")
    content = discord_message(copy).content
    assert len(content) <= 2000
    assert content.endswith("[full comment](https://web.example/a/1#c1)")
    text = slack_message(copy).text
    assert len(text) <= 4000 and text.endswith("<https://web.example/a/1#c1|full comment>")


def test_copies_cannot_ping() -> None:
    copy = build_copy(comment("@everyone <!channel> @here"))
    assert "@everyone" not in discord_message(copy).content
    assert "<!channel>" not in slack_message(copy).text
