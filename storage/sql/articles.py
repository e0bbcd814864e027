"""Articles and their briefs, by canonical URL."""

from __future__ import annotations

from datetime import datetime

from bot.briefing.model import Brief
from bot.domain.model import Article
from bot.errors import InvalidDataError, NotFoundError
from storage import validation as v
from storage.sql import rows
from storage.sql.db import Db

__all__ = ["SqlArticles"]

_SELECT = f"SELECT {rows.ARTICLE_COLUMNS} FROM articles"


class SqlArticles:
    """``ArticleRepository`` over SQL."""

    def __init__(self, db: Db) -> None:
        self._db = db
        self._d = db.dialect

    async def add_or_get(
        self, url: str, title: str, brief: Brief, now: datetime
    ) -> tuple[Article, bool]:
        url = v.url(url, "article URL")
        values = (
            url,
            v.title(title),
            self._d.encode_json(v.brief_json(brief.to_dict())),
            self._d.encode_time(v.utc(now, "now")),
        )
        row = await self._db.fetch_one(
            "INSERT INTO articles (url, title, brief, created_at) VALUES (?, ?, ?, ?) "
            f"ON CONFLICT DO NOTHING RETURNING {rows.ARTICLE_COLUMNS}",
            *values,
        )
        if row is not None:
            return rows.article(row, self._d), True
        existing = await self.find_by_url(url)
        if existing is None:  # pragma: no cover - only if a unique rule other than url broke
            raise InvalidDataError(f"article {url!r} could not be stored")
        return existing, False

    async def get(self, article_id: int) -> Article:
        row = await self._db.fetch_one(f"{_SELECT} WHERE id = ?", v.ref(article_id, "article id"))
        if row is None:
            raise NotFoundError(f"article {article_id} does not exist")
        return rows.article(row, self._d)

    async def find_by_url(self, url: str) -> Article | None:
        row = await self._db.fetch_one(f"{_SELECT} WHERE url = ?", v.url(url, "article URL"))
        return None if row is None else rows.article(row, self._d)

    async def list_recent(self, limit: int = 50, before_id: int | None = None) -> list[Article]:
        limit = v.positive(limit, "limit")
        if before_id is None:
            found = await self._db.fetch_all(f"{_SELECT} ORDER BY id DESC LIMIT ?", limit)
        else:
            found = await self._db.fetch_all(
                f"{_SELECT} WHERE id < ? ORDER BY id DESC LIMIT ?",
                v.ref(before_id, "before_id"),
                limit,
            )
        return [rows.article(row, self._d) for row in found]
