"""A feed item's brief: made from the feed's full text or the article page, then queued.

Queued exactly like ``/brief`` queues one (one discussion per room, the web comment
section opened, a delivery per chat place), inside the caller's unit of work, so the
item's "seen" record and its deliveries commit together.
"""

from __future__ import annotations

import asyncio
import html
from dataclasses import replace
from datetime import datetime
from urllib.parse import urlsplit

from bot.briefing import Brief
from bot.briefing.pipeline import brief_from_html, fetch_brief
from bot.domain.model import WEB, Place, Platform
from bot.errors import ArticleError, BlockedAddressError, NotAnArticleError
from bot.feeds.model import Feed, FeedItem
from bot.ports.briefing import BriefBuilder
from bot.ports.fetch import FetchedPage, LinkChecker, PageFetcher
from bot.ports.store import Transaction
from bot.services.briefs import enqueue_brief, open_web_thread
from bot.services.urls import canonical_url, check_article_url

__all__ = ["brief_for_item", "queue_item_brief"]


async def brief_for_item(
    item: FeedItem,
    feed: Feed,
    feed_title: str | None,
    fetcher: PageFetcher,
    *,
    sentences: int,
    builder: BriefBuilder | None = None,
) -> Brief:
    """The item's brief, naming the feed it came from.

    The feed's full text (``content:encoded``) when it has enough; else the article page
    through ``fetcher``, whose address policy refuses an item that points at a private
    address. The link is readers' way to the story, so it obeys that policy even when
    the page is never fetched (``javascript:``, ``data:`` and private addresses are
    refused with :class:`~bot.errors.BlockedAddressError`). Raises
    :class:`~bot.errors.ArticleError` (with a plain ``user_message``).
    """
    if not item.link:
        raise NotAnArticleError("The feed item has no link.")
    url = check_article_url(item.link)
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise BlockedAddressError("Only http:// and https:// links can be briefed.")
    brief: Brief | None = None
    if item.content_html:
        if isinstance(fetcher, LinkChecker):
            await fetcher.check_link(url)
        page = (
            f"<html><head><title>{html.escape(item.title or '')}</title></head>"
            f"<body><article><h1>{html.escape(item.title or '')}</h1>"
            f"{item.content_html}</article></body></html>"
        )
        try:
            if builder is not None:  # worker processes, with the size and time limits
                full_text = FetchedPage(url=url, content_type="text/html", text=page)
                brief = await builder.build(full_text, sentences=sentences)
            else:
                brief = await asyncio.to_thread(brief_from_html, page, url, sentences=sentences)
        except NotAnArticleError:
            brief = None  # too short a text in the feed: the page has the article
    if brief is None:
        brief = await fetch_brief(url, fetcher, sentences=sentences, builder=builder)
    if not brief.text.strip():
        raise ArticleError()
    published = brief.published or (item.published.date() if item.published else None)
    return replace(
        brief,
        title=item.title or brief.title,
        url=url,
        site_name=feed_title or feed.title or feed.url,
        published=published,
    )


async def queue_item_brief(
    tx: Transaction, place: Place, brief: Brief, now: datetime
) -> tuple[int, int, set[Platform]]:
    """Queue the brief for every place of ``place``'s room; returns the article and
    discussion ids and the platforms owed a delivery. A story already briefed in the room
    (by ``/brief`` or another feed) is not posted again: deliveries are keyed per
    discussion and place."""
    assert brief.url is not None
    article, _ = await tx.articles.add_or_get(canonical_url(brief.url), brief.title, brief, now)
    discussion, created = await tx.discussions.get_or_create(article.id, place.room_id, now)
    if created:
        await open_web_thread(tx, discussion.id, now)
    platforms: set[Platform] = set()
    for target in await tx.places.in_room(place.room_id):
        if target.platform == WEB:
            continue
        _, queued = await enqueue_brief(tx, discussion.id, target, now)
        if queued:
            platforms.add(target.platform)
    return article.id, discussion.id, platforms
