"""/brief: fetch the article, store it, and queue the brief for every place of the room."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from bot.briefing import Brief, fetch_brief
from bot.domain.commands import PublishBrief
from bot.domain.events import BriefPosted, BriefQueued, DeliveryFailed, DeliveryQueued
from bot.domain.model import (
    WEB,
    Article,
    Delivery,
    DeliveryKind,
    DeliveryStatus,
    Discussion,
    Place,
    Thread,
)
from bot.errors import ArticleError
from bot.ports.store import Transaction
from bot.services.bus import Subscription
from bot.services.context import WEB_CHANNEL, WEB_WORKSPACE, Context
from bot.services.urls import canonical_url, check_article_url

__all__ = [
    "PublishOutcome",
    "PublishStatus",
    "brief_key",
    "enqueue_brief",
    "ensure_web_place",
    "open_web_thread",
    "publish_brief",
]

log = logging.getLogger(__name__)


class PublishStatus(StrEnum):
    POSTED = "posted"
    QUEUED = "queued"
    ALREADY = "already"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class PublishOutcome:
    status: PublishStatus
    article: Article
    discussion: Discussion
    thread: Thread | None = None
    link: str | None = None
    error: str | None = None

    @property
    def title(self) -> str:
        return self.article.title


def copy_key(kind: DeliveryKind, comment_id: int, place_id: int, version: str) -> str:
    """The outbox key of one comment's copy (or its edit or deletion) on one place."""
    return f"{kind.value}:{comment_id}:{place_id}:{version}"


def brief_key(discussion_id: int, place_id: int) -> str:
    """The outbox key of a discussion's brief on one place (at most one, ever)."""
    return f"brief:{discussion_id}:{place_id}"


async def ensure_web_place(tx: Transaction) -> Place:
    """The web comment section is one place, present in every discussion."""
    return await tx.places.ensure(WEB, WEB_WORKSPACE, WEB_CHANNEL, "Web comments")


async def open_web_thread(tx: Transaction, discussion_id: int, now: datetime) -> None:
    """A new discussion's thread on the web page (its id is the discussion's)."""
    web = await ensure_web_place(tx)
    await tx.discussions.add_thread(
        discussion_id, web.id, f"d{discussion_id}", f"d{discussion_id}", now
    )


async def enqueue_brief(
    tx: Transaction, discussion_id: int, target: Place, now: datetime
) -> tuple[Delivery, bool]:
    """Queue the brief's post to ``target``, once per discussion and place."""
    return await tx.outbox.enqueue(
        key=brief_key(discussion_id, target.id),
        kind=DeliveryKind.POST_BRIEF,
        platform=target.platform,
        place_id=target.id,
        discussion_id=discussion_id,
        comment_id=None,
        now=now,
    )


async def _brief_for(ctx: Context, url: str) -> tuple[str, Brief]:
    url = check_article_url(url)
    canonical = canonical_url(url)
    async with ctx.store.transaction() as tx:
        known = await tx.articles.find_by_url(canonical)
    if known is not None:
        return canonical, known.brief
    brief = await fetch_brief(
        url, ctx.fetcher, sentences=ctx.brief_sentences, builder=ctx.brief_builder
    )
    return canonical, brief


async def publish_brief(cmd: PublishBrief, ctx: Context) -> PublishOutcome:
    """Queue the brief for every place of the command's room and wait for its own post.

    Raises :class:`bot.errors.ArticleError` (with a plain ``user_message``) when the
    article cannot be briefed. The caller checks the gate (allow-list, cooldown) first.
    """
    canonical, brief = await _brief_for(ctx, cmd.url)
    if not brief.text.strip():
        raise ArticleError()
    now = ctx.clock()
    async with ctx.bus.subscribe() as events:
        async with ctx.store.transaction() as tx:
            article, _ = await tx.articles.add_or_get(
                canonical, brief.title, replace(brief, url=brief.url or cmd.url), now
            )
            place = await tx.places.ensure(
                cmd.platform, cmd.workspace_id, cmd.channel_id, cmd.channel_name
            )
            discussion, created = await tx.discussions.get_or_create(article.id, place.room_id, now)
            existing = await tx.discussions.thread_for(discussion.id, place.id)
            if existing is not None:
                await tx.commit()
                link = await _link(ctx, existing)
                return PublishOutcome(PublishStatus.ALREADY, article, discussion, existing, link)
            if created:
                await open_web_thread(tx, discussion.id, now)
                targets = await tx.places.in_room(place.room_id)
            else:
                targets = [place]
            own_delivery = None
            for target in targets:
                if target.platform == WEB:
                    continue
                delivery, created_now = await enqueue_brief(tx, discussion.id, target, now)
                if target.id == place.id:
                    own_delivery = delivery.id
                    if not created_now and delivery.status is DeliveryStatus.FAILED:
                        # Asked again after a post that could not be made (the bot was
                        # not invited yet, say): try again rather than answer "queued".
                        await tx.outbox.revive(delivery.id, now)
                        await _requeue_copies(tx, discussion.id, target, now)
            await tx.commit()
        ctx.bus.publish(
            BriefQueued(article.id, discussion.id),
            *(DeliveryQueued(p) for p in {t.platform for t in targets}),
        )
        return await _await_own_post(ctx, events, article, discussion, own_delivery)


async def _requeue_copies(tx: Transaction, discussion_id: int, place: Place, now: datetime) -> None:
    """The discussion's comments, owed again to a place whose brief is tried again.

    While the brief could not be posted there, comments were not queued for it (or their
    copies failed for want of a thread): queued behind the revived brief, in the order
    they were written, they reach the thread once it exists.
    """
    for comment in await tx.comments.list_for_discussion(discussion_id):
        if not comment.visible:  # deleted, or held, rejected or removed by moderation
            continue
        delivery, created = await tx.outbox.enqueue(
            key=copy_key(DeliveryKind.POST_COMMENT, comment.id, place.id, "0"),
            kind=DeliveryKind.POST_COMMENT,
            platform=place.platform,
            place_id=place.id,
            discussion_id=discussion_id,
            comment_id=comment.id,
            now=now,
        )
        if not created and delivery.status is DeliveryStatus.FAILED:
            await tx.outbox.revive(delivery.id, now)


async def _await_own_post(
    ctx: Context,
    events: Subscription,
    article: Article,
    discussion: Discussion,
    delivery_id: int | None,
) -> PublishOutcome:
    if delivery_id is None:
        return PublishOutcome(PublishStatus.QUEUED, article, discussion)
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(ctx.brief_wait_seconds):
            while True:
                event = await events.get()
                if isinstance(event, BriefPosted) and event.delivery_id == delivery_id:
                    async with ctx.store.transaction() as tx:
                        thread = await tx.discussions.get_thread(event.thread_id)
                    link = await _link(ctx, thread)
                    return PublishOutcome(PublishStatus.POSTED, article, discussion, thread, link)
                if isinstance(event, DeliveryFailed) and event.delivery_id == delivery_id:
                    return PublishOutcome(
                        PublishStatus.FAILED, article, discussion, error=event.error
                    )
    return PublishOutcome(PublishStatus.QUEUED, article, discussion)


async def _link(ctx: Context, thread: Thread) -> str | None:
    platform = ctx.platforms.get(thread.platform)
    if platform is None:
        return None
    try:
        return await platform.link(thread)
    except Exception:  # a missing link must not fail the command
        log.warning(
            "no link to %s thread %s", thread.platform.value, thread.thread_ref, exc_info=True
        )
        return None
