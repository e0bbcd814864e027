"""Reads the pages and the API share, each in one short unit of work."""

from __future__ import annotations

from dataclasses import dataclass

from adapters.web.views import (
    ArticleView,
    DiscussionView,
    article_view,
    discussion_view,
    for_readers,
    shown_to_readers,
)
from bot.domain.model import Article, Comment, Discussion
from bot.errors import NotFoundError
from bot.ports.store import Store

__all__ = [
    "ArticlePage",
    "ArticleSummary",
    "load_article",
    "load_comment",
    "load_recent",
    "load_target",
]


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    article: ArticleView
    comment_count: int


@dataclass(frozen=True, slots=True)
class ArticlePage:
    article: ArticleView
    discussions: tuple[DiscussionView, ...]

    @property
    def last_id(self) -> int:
        return max((d.last_id for d in self.discussions), default=0)


async def load_recent(
    store: Store, limit: int, before_id: int | None = None
) -> list[ArticleSummary]:
    """Briefed articles, newest first, with how many comments readers can see on each."""
    async with store.transaction() as tx:
        articles = await tx.articles.list_recent(limit=limit, before_id=before_id)
        out = []
        for article in articles:
            count = 0
            for discussion in await tx.discussions.for_article(article.id):
                comments = await tx.comments.list_for_discussion(discussion.id)
                count += sum(1 for c in comments if c.visible)
            out.append(ArticleSummary(article_view(article), count))
    return out


async def load_article(store: Store, article_id: int) -> ArticlePage:
    """The brief and every discussion of it, oldest discussion first. Raises ``NotFoundError``."""
    async with store.transaction() as tx:
        article: Article = await tx.articles.get(article_id)
        discussions = sorted(await tx.discussions.for_article(article.id), key=lambda d: d.id)
        views = [
            discussion_view(d, for_readers(await tx.comments.list_for_discussion(d.id)))
            for d in discussions
        ]
    return ArticlePage(article_view(article), tuple(views))


async def load_comment(
    store: Store, comment_id: int, *, hidden: bool = False
) -> tuple[Comment, Comment | None]:
    """A comment readers may see and the one it replies to (if any). Raises
    ``NotFoundError``, also for a comment held or rejected by moderation unless ``hidden``
    (its view is then a tombstone, for taking a comment off a page that showed it)."""
    async with store.transaction() as tx:
        comment = await tx.comments.get(comment_id)
        if not hidden and not shown_to_readers(comment):
            raise NotFoundError(f"comment {comment_id} is not shown to readers")
        parent = await tx.comments.get(comment.reply_to_id) if comment.reply_to_id else None
    return comment, parent


async def load_target(
    store: Store, discussion_id: int, reply_to: int | None
) -> tuple[Discussion, int | None]:
    """The discussion a new comment goes to, and its reply target if that is one of its
    comments (a vanished or foreign target makes a plain comment). Raises ``NotFoundError``.
    """
    async with store.transaction() as tx:
        discussion = await tx.discussions.get(discussion_id)
        if reply_to is not None:
            try:
                parent = await tx.comments.get(reply_to)
            except NotFoundError:
                return discussion, None
            if parent.discussion_id != discussion_id:
                return discussion, None
    return discussion, reply_to
