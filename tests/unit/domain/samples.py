"""Sample briefs and comments for rendering tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from adapters.slack.platform import SLACK
from bot.briefing.model import Brief, KeyFigure
from bot.domain.model import Author, Comment, Platform

NOW = datetime(2026, 11, 1, tzinfo=UTC)


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


def comment(text: str, *, platform: Platform = SLACK, name: str = "Ana", **kw: object) -> Comment:
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
