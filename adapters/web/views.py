"""Store records turned into what the pages and the API show. Pure functions, no I/O."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from adapters.web import messages as web_messages
from adapters.web.markdown import markdown_to_html
from bot import messages
from bot.briefing.model import Brief, SummaryMethod
from bot.domain.model import Article, Comment, Discussion, Standing
from bot.formatting import markdown_to_plain, trim
from bot.moderation.policy import CLOSED_DISCUSSION

__all__ = [
    "ArticleView",
    "CommentView",
    "DiscussionView",
    "ReplyView",
    "article_view",
    "author_notice",
    "brief_of",
    "comment_json",
    "comment_view",
    "comment_views",
    "discussion_view",
    "for_readers",
    "format_date",
    "format_time",
    "shown_to_readers",
]

_EXCERPT_CHARS = 90
_UNSEEN = frozenset({Standing.HELD, Standing.REJECTED})
DELETED = "This comment was deleted."


def shown_to_readers(comment: Comment) -> bool:
    """Whether the comment has a place on the page at all: held and rejected comments are
    for moderators only (removed and erased ones leave a tombstone)."""
    return comment.standing not in _UNSEEN


def for_readers(comments: Iterable[Comment]) -> list[Comment]:
    return [c for c in comments if shown_to_readers(c)]


def _tombstone(comment: Comment) -> str | None:
    """What readers see instead of the comment's text, if anything."""
    if comment.standing is Standing.REMOVED:
        return messages.REMOVED_BY_MODERATOR
    if comment.standing is Standing.ERASED:
        return messages.ERASED
    if comment.deleted or not shown_to_readers(comment):
        return DELETED
    return None


@dataclass(frozen=True, slots=True)
class ReplyView:
    """What a reply answers: the parent's anchor, author and the start of its text."""

    id: int
    author_name: str
    excerpt: str
    deleted: bool


@dataclass(frozen=True, slots=True)
class CommentView:
    id: int
    discussion_id: int
    author_name: str
    platform: str
    platform_label: str
    text: str | None
    html: Markup
    created_at: datetime
    created_label: str
    edited_at: datetime | None
    deleted: bool
    reply_to: ReplyView | None
    tombstone: str = ""
    """For a deleted, removed or erased comment: the sentence shown in its place."""
    removed: bool = False
    """A moderator removed it: shown as "Removed by a moderator", without its text."""
    erased: bool = False
    """Erased at its author's request: a tombstone that keeps the thread readable."""

    @property
    def anchor(self) -> str:
        return f"c{self.id}"


@dataclass(frozen=True, slots=True)
class DiscussionView:
    id: int
    created_at: datetime
    comments: tuple[CommentView, ...]
    closed: bool = False

    @property
    def comment_count(self) -> int:
        return sum(1 for c in self.comments if not c.deleted)

    @property
    def last_id(self) -> int:
        return max((c.id for c in self.comments), default=0)


@dataclass(frozen=True, slots=True)
class ArticleView:
    id: int
    title: str
    url: str
    site: str
    published: date | None
    published_label: str
    reading_minutes: int
    summary: tuple[str, ...]
    key_figures: tuple[tuple[str, str], ...]
    created_at: datetime
    language: str | None = None
    summary_method: SummaryMethod = "lead"
    notice: str | None = None
    """One sentence on what the brief leaves out (key figures in an unsupported language)."""


def format_time(moment: datetime) -> str:
    """``25 Nov 2026, 06:13 UTC``: unambiguous for readers in any country."""
    return moment.strftime("%d %b %Y, %H:%M %Z").lstrip("0") or moment.isoformat()


def format_date(day: date | None) -> str:
    return day.strftime("%d %b %Y").lstrip("0") if day else ""


def brief_of(article: Article) -> Brief:
    """The article's brief (a stored brief that no longer parses was degraded to its title)."""
    return article.brief


def _site_of(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def article_view(article: Article) -> ArticleView:
    """Title, source, date, reading time, summary and key figures of a briefed article."""
    brief = brief_of(article)
    url = brief.url or article.url
    return ArticleView(
        id=article.id,
        title=brief.title or article.title,
        url=url,
        site=brief.site_name or _site_of(url),
        published=brief.published,
        published_label=format_date(brief.published),
        reading_minutes=brief.reading_minutes,
        summary=brief.summary,
        key_figures=tuple((f.value, f.label) for f in brief.key_figures),
        created_at=article.created_at,
        language=brief.language,
        summary_method=brief.summary_method,
        notice=brief.notice,
    )


def author_notice(comment: Comment) -> str | None:
    """What the author of a just-posted web comment is told when it is not published now."""
    if comment.standing is Standing.HELD:
        return web_messages.HELD
    if comment.standing is Standing.REJECTED:
        closed = comment.rule == CLOSED_DISCUSSION
        return web_messages.CLOSED if closed else web_messages.REJECTED
    return None


def _reply_view(parent: Comment) -> ReplyView:
    gone = _tombstone(parent) is not None
    excerpt = "" if gone else trim(markdown_to_plain(parent.text), _EXCERPT_CHARS)
    return ReplyView(parent.id, "" if gone else parent.author.display_name, excerpt, gone)


def comment_view(comment: Comment, parent: Comment | None = None) -> CommentView:
    """One comment as shown; a tombstone keeps its place and anchor but not its text (nor,
    for a comment moderation hid, its author)."""
    tombstone = _tombstone(comment)
    gone = tombstone is not None
    # Only a comment its author deleted keeps their name. A removed one whose original the
    # bot then deleted on its platform is "deleted" too, and must stay nameless.
    named = not gone or comment.standing is Standing.VISIBLE
    return CommentView(
        id=comment.id,
        discussion_id=comment.discussion_id,
        author_name=comment.author.display_name if named else "",
        platform=comment.author.platform.value,
        platform_label=comment.author.platform.label,
        text=None if gone else comment.text,
        html=Markup("") if gone else Markup(markdown_to_html(comment.text)),  # noqa: S704
        created_at=comment.created_at,
        created_label=format_time(comment.created_at),
        edited_at=comment.edited_at,
        deleted=gone,
        reply_to=_reply_view(parent) if parent is not None else None,
        tombstone=tombstone or "",
        removed=comment.standing is Standing.REMOVED,
        erased=comment.standing is Standing.ERASED,
    )


def comment_views(comments: Iterable[Comment]) -> tuple[CommentView, ...]:
    """A discussion's comments in order, each reply pointing at its parent when known."""
    ordered = list(comments)
    by_id: Mapping[int, Comment] = {c.id: c for c in ordered}
    return tuple(
        comment_view(c, by_id.get(c.reply_to_id) if c.reply_to_id else None) for c in ordered
    )


def discussion_view(discussion: Discussion, comments: Iterable[Comment]) -> DiscussionView:
    """What readers see of a discussion: held and rejected comments are left out entirely."""
    everything = list(comments)
    shown = {c.id for c in everything if shown_to_readers(c)}
    views = tuple(v for v in comment_views(everything) if v.id in shown)
    return DiscussionView(discussion.id, discussion.created_at, views, discussion.closed)


def comment_json(view: CommentView, page_url: str) -> dict[str, Any]:
    """The API's shape of a comment (``text`` is neutral Markdown, ``html`` is safe)."""
    return {
        "id": view.id,
        "discussion_id": view.discussion_id,
        "author": {
            "name": view.author_name,
            "platform": view.platform,
            "platform_label": view.platform_label,
        },
        "text": view.text,
        "html": str(view.html),
        "created_at": view.created_at.isoformat(),
        "edited_at": view.edited_at.isoformat() if view.edited_at else None,
        "deleted": view.deleted,
        "removed": view.removed,
        "erased": view.erased,
        "tombstone": view.tombstone or None,
        "reply_to": view.reply_to.id if view.reply_to else None,
        "url": f"{page_url}#{view.anchor}",
    }
