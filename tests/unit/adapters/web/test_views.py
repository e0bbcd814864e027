from __future__ import annotations

from datetime import UTC, date, datetime

from adapters.slack.platform import SLACK
from adapters.web.views import (
    article_view,
    comment_json,
    comment_view,
    comment_views,
    format_time,
)
from bot.briefing.model import Brief
from bot.domain.model import Article, Author, Comment
from bot.messages import figures_unsupported

WHEN = datetime(2026, 11, 5, 9, 7, tzinfo=UTC)


def _comment(cid: int, text: str, **kw: object) -> Comment:
    author = kw.pop("author", Author(SLACK, "U1", "Ben <b>"))
    return Comment(cid, 1, 1, f"m{cid}", author, text, WHEN, **kw)  # type: ignore[arg-type]


NOTICE = figures_unsupported("Portuguese")


def test_format_time_is_unambiguous() -> None:
    assert format_time(WHEN) == "5 Nov 2026, 09:07 UTC"


def test_comment_body_is_escaped_markdown() -> None:
    view = comment_view(_comment(1, "<img src=x onerror=alert(1)> **hi**"))
    assert str(view.html) == "&lt;img src=x onerror=alert(1)&gt; <strong>hi</strong>"
    assert view.platform == "slack" and view.platform_label == "Slack"
    assert view.anchor == "c1"


def test_a_tombstone_keeps_no_text() -> None:
    view = comment_view(_comment(2, "", deleted_at=WHEN))
    assert view.deleted and view.text is None and str(view.html) == ""


def test_replies_point_at_their_parent_with_a_plain_excerpt() -> None:
    parent = _comment(1, "A **long** " + "word " * 40)
    child = _comment(2, "yes", reply_to_id=1)
    views = comment_views([parent, child])
    reply = views[1].reply_to
    assert reply is not None and reply.id == 1 and reply.author_name == "Ben <b>"
    assert reply.excerpt.startswith("A long word") and reply.excerpt.endswith("…")
    assert len(reply.excerpt) <= 90


def test_a_reply_to_a_deleted_comment_has_no_excerpt() -> None:
    views = comment_views([_comment(1, "", deleted_at=WHEN), _comment(2, "x", reply_to_id=1)])
    assert views[1].reply_to is not None
    assert views[1].reply_to.deleted and views[1].reply_to.excerpt == ""


def test_article_view_reads_the_brief() -> None:
    brief = {
        "title": "Bridge closes",
        "url": "https://www.gazette.example/a",
        "published": "2026-11-24",
        "text": "word " * 231,
        "summary": ["One.", "Two."],
        "key_figures": [{"value": "9,000", "label": "cars"}],
    }
    view = article_view(Article(7, "https://gazette.example/a", "T", Brief.from_dict(brief), WHEN))
    assert view.title == "Bridge closes" and view.site == "gazette.example"
    assert view.published == date(2026, 11, 24) and view.published_label == "24 Nov 2026"
    assert view.reading_minutes == 2
    assert view.key_figures == (("9,000", "cars"),)
    assert view.summary_method == "extractive"  # stored before the method was recorded
    assert view.notice is None


def test_article_view_carries_the_method_language_and_notice() -> None:
    stored = {"title": "Mercado", "summary": ["Um."], "summary_method": "lead", "language": "pt"}
    stored["notice"] = NOTICE
    view = article_view(Article(7, "https://x.example/a", "T", Brief.from_dict(stored), WHEN))
    assert (view.summary_method, view.language, view.notice) == ("lead", "pt", NOTICE)


def test_a_broken_brief_degrades_to_the_title() -> None:
    # Stored briefs outlive the code that wrote them: reading one in an old shape degrades.
    brief = Brief.restore({"published": 5}, "Stored title")
    view = article_view(Article(7, "https://x.example/a", "Stored title", brief, WHEN))
    assert view.title == "Stored title" and view.summary == () and view.site == "x.example"


def test_comment_json_shape() -> None:
    view = comment_view(_comment(3, "hi", edited_at=WHEN))
    data = comment_json(view, "https://web.example/a/7")
    assert data["url"] == "https://web.example/a/7#c3"
    assert data["author"] == {"name": "Ben <b>", "platform": "slack", "platform_label": "Slack"}
    assert data["edited_at"] == WHEN.isoformat() and data["deleted"] is False
