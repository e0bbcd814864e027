"""Polling feeds: claim the due ones from the store, fetch, parse, brief what is new.

One poll of one feed:

1. fetch with the feed's ``ETag``/``Last-Modified``; a 304 ends the poll, nothing parsed;
2. parse, choose the item identity (once per feed), look up which items are recorded;
3. pick what to post under the flood limits and brief those items (outside any
   transaction: fetching an article page takes seconds);
4. in ONE unit of work: record every new item as seen, queue the briefs' deliveries, and
   release the feed with its next due time. A crash before the commit leaves nothing
   recorded and nothing queued; the feed's lease runs out and another poll does it all
   again. A poller that lost its lease meanwhile rolls back (another one took over).

Failures back off exponentially with jitter; after ``max_failures`` in a row (or at once
for a refused address or an oversized feed) the feed is paused and its channels told why.
A 429 or 503 with ``Retry-After`` only moves the next poll; it is not a failure.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import timedelta
from urllib.parse import urlsplit

from bot.briefing import Brief
from bot.domain.events import BriefQueued, DeliveryQueued
from bot.domain.model import Platform
from bot.errors import (
    ArticleError,
    BlockedAddressError,
    ClaimLostError,
    FetchError,
    NotFoundError,
    StorageError,
    TooLargeError,
    UnsupportedContentError,
)
from bot.feeds import messages
from bot.feeds.failures import FeedProblem, PauseReason
from bot.feeds.flood import Selection, select_items
from bot.feeds.identity import KeyKind, item_key, key_kind_for
from bot.feeds.model import Feed, FeedItem, ParsedFeed
from bot.feeds.parse import parse_feed
from bot.feeds.schedule import failure_delay, next_poll_delay
from bot.feeds.settings import FeedSettings
from bot.ports.feeds import ChannelNotices, FeedFetcher, FeedPoll, FeedResponse
from bot.services.context import Context
from bot.services.feed_briefs import brief_for_item, queue_item_brief

__all__ = ["FeedPoller", "PollStats"]

log = logging.getLogger(__name__)


@dataclass
class PollStats:
    """What this poller did, for tests, health and benchmarks."""

    counts: Counter[str] = field(default_factory=Counter)

    def add(self, what: str, n: int = 1) -> None:
        self.counts[what] += n


@dataclass
class _Outcome:
    posted: int = 0
    platforms: set[Platform] = field(default_factory=set)
    queued: list[BriefQueued] = field(default_factory=list)


class FeedPoller:
    """Polls the due feeds of the store, as many processes as like sharing them."""

    def __init__(
        self,
        ctx: Context,
        fetcher: FeedFetcher,
        settings: FeedSettings,
        *,
        name: str,
        rng: random.Random | None = None,
    ) -> None:
        self.ctx = ctx
        self.fetcher = fetcher
        self.settings = settings
        self.worker_id = f"{name}/feeds"
        self.stats = PollStats()
        self._rng = rng or random.Random()
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """Look for due feeds now (a feed was added or resumed)."""
        self._wake.set()

    async def run(self) -> None:
        """Poll until cancelled; first take back the feeds a predecessor of the same name
        held when it died."""
        try:
            async with self.ctx.store.transaction() as tx:
                released = await tx.feeds.release(self.worker_id)
                await tx.commit()
            if released:
                log.info("took back %s feed(s) a previous run was polling", released)
        except StorageError:
            log.exception("could not release the feeds of a previous run")
        in_flight: set[asyncio.Task[None]] = set()
        try:
            while True:
                claimed = await self._claim_more(in_flight)
                if claimed and len(in_flight) < self.settings.concurrency:
                    continue  # more may be due
                self._wake.clear()
                woken = asyncio.ensure_future(self._wake.wait())
                try:
                    done, _ = await asyncio.wait(
                        {*in_flight, woken},
                        timeout=self.settings.idle_seconds,
                        return_when=asyncio.FIRST_COMPLETED,
                    )
                finally:
                    woken.cancel()
                    await asyncio.gather(woken, return_exceptions=True)
                in_flight -= done
        finally:
            for task in in_flight:
                task.cancel()
            await asyncio.gather(*in_flight, return_exceptions=True)

    async def _claim_more(self, in_flight: set[asyncio.Task[None]]) -> int:
        """Claim as many due feeds as there are free slots and start polling them: a slow
        feed holds one slot, not the whole batch."""
        free = self.settings.concurrency - len(in_flight)
        if free <= 0:
            return 0
        try:
            feeds = await self._claim(free)
        except Exception:  # the store is down, say: try again after the idle wait
            log.exception("could not claim due feeds")
            return 0
        for feed in feeds:
            in_flight.add(asyncio.create_task(self._poll_safely(feed), name=f"feed-{feed.id}"))
        return len(feeds)

    async def _claim(self, limit: int) -> list[Feed]:
        async with self.ctx.store.transaction() as tx:
            feeds = await tx.feeds.claim(
                self.worker_id, self.ctx.clock(), self.settings.lease_seconds, limit
            )
            await tx.commit()
        return feeds

    async def poll_due(self) -> int:
        """Claim due feeds (up to the concurrency limit), poll them all; returns how many.
        (One batch, for tests and tools; :meth:`run` keeps its slots busy instead.)"""
        feeds = await self._claim(self.settings.concurrency)
        await asyncio.gather(*(self._poll_safely(feed) for feed in feeds))
        return len(feeds)

    async def _poll_safely(self, feed: Feed) -> None:
        try:
            await self.poll(feed)
        except (ClaimLostError, NotFoundError):
            log.info("feed %s was taken over or removed during its poll", feed.id)
        except Exception:  # one feed's bug must not stop the others; its lease runs out
            log.exception("polling feed %s failed", feed.id)

    async def poll(self, feed: Feed) -> None:
        """Poll one claimed feed (see the module docstring)."""
        try:
            async with self._host_slot(feed.url):
                response = await self.fetcher.fetch_feed(
                    feed.url, etag=feed.etag, last_modified=feed.last_modified
                )
            self.stats.add("fetched")
            if response.status == 304:
                self.stats.add("not_modified")
                await self._finish(feed, self._success(feed, response))
                return
            self.stats.add("parsed")
            parsed = await asyncio.to_thread(parse_feed, response.body, response.url)
        except FeedProblem as problem:
            if problem.reason is PauseReason.NOT_A_FEED and not feed.primed:
                # Never a feed (a moderator gave a page's address): say so now, not after
                # max_failures polls. A feed that worked once gets the usual retries.
                problem = FeedProblem(PauseReason.NOT_A_FEED, permanent=True)
            await self._failed(feed, problem)
            return
        await self._new_items(feed, response, parsed)

    def _host_slot(self, url: str) -> asyncio.Semaphore:
        """At most ``per_host`` fetches of one host at once, from this process."""
        host = (urlsplit(url).hostname or "").lower()
        slot = self._hosts.get(host)
        if slot is None:
            slot = self._hosts[host] = asyncio.Semaphore(self.settings.per_host)
        return slot

    def _interval(self, feed: Feed) -> float:
        return max(feed.interval_seconds, self.settings.min_interval_seconds)

    def _success(
        self,
        feed: Feed,
        response: FeedResponse,
        *,
        title: str | None = None,
        kind: str | None = None,
    ) -> FeedPoll:
        delay = next_poll_delay(
            self._interval(feed), jitter=self.settings.jitter, uniform=self._rng.uniform
        )
        return FeedPoll(
            next_due=self.ctx.clock() + timedelta(seconds=delay),
            failures=0,
            etag=response.etag or feed.etag,
            last_modified=response.last_modified or feed.last_modified,
            title=title,
            key_kind=kind,
            primed=feed.primed or kind is not None,
        )

    async def _finish(self, feed: Feed, poll: FeedPoll) -> Feed:
        async with self.ctx.store.transaction() as tx:
            done = await tx.feeds.finish(feed.id, self.worker_id, poll)
            await tx.commit()
        return done

    async def _new_items(self, feed: Feed, response: FeedResponse, parsed: ParsedFeed) -> None:
        stored = KeyKind(feed.key_kind) if feed.key_kind else None
        kind = key_kind_for(parsed.items, stored)
        if stored is not None and kind is not stored:
            log.info("feed %s: items now told apart by %s, not %s", feed.id, kind, stored)
        keys = [k for k in (item_key(item, kind) for item in parsed.items) if k is not None]
        async with self.ctx.store.transaction() as tx:
            seen = await tx.feeds.seen(feed.id, keys)
            place = await tx.places.get(feed.place_id)
        chosen = select_items(
            parsed.items,
            kind,
            seen,
            first_poll=not feed.primed,
            limits=self.settings.limits,
            now=self.ctx.clock(),
        )
        briefs, retry_later = await self._briefs(feed, parsed, chosen)
        now = self.ctx.clock()
        outcome = _Outcome()
        async with self.ctx.store.transaction() as tx:
            for key in chosen.seen:
                if key not in retry_later:
                    await tx.feeds.mark_seen(feed.id, key, now)
            for brief in briefs:
                article_id, discussion_id, platforms = await queue_item_brief(tx, place, brief, now)
                outcome.posted += 1
                outcome.platforms |= platforms
                outcome.queued.append(BriefQueued(article_id, discussion_id))
            poll = self._success(feed, response, title=parsed.title, kind=kind.value)
            if retry_later:
                # A story to brief again: the next poll must read the feed, not get a 304.
                poll = replace(poll, etag=None, last_modified=None)
            done = await tx.feeds.finish(feed.id, self.worker_id, poll)
            await tx.commit()
        self.stats.add("briefs_queued", outcome.posted)
        if outcome.queued:
            self.ctx.bus.publish(
                *outcome.queued, *(DeliveryQueued(p) for p in sorted(outcome.platforms))
            )
        if chosen.held_back:
            await self._tell(done, messages.feed_held_back(done, chosen.held_back))

    async def _briefs(
        self, feed: Feed, parsed: ParsedFeed, chosen: Selection
    ) -> tuple[list[Brief], set[str]]:
        """Briefs of the chosen items; items refused for good are skipped (and recorded),
        items that failed for now are left unrecorded, to be tried on a later poll."""
        briefs: list[Brief] = []
        retry_later: set[str] = set()
        for key, item in chosen.post:
            try:
                briefs.append(await self._brief(feed, parsed, item))
            except BlockedAddressError:
                self.stats.add("items_refused")
                log.warning("feed %s: item %s points at a refused address", feed.id, key)
            except ArticleError as error:
                if _for_good(error):
                    self.stats.add("items_skipped")
                    log.info("feed %s: item %s cannot be briefed: %s", feed.id, key, error)
                else:
                    retry_later.add(key)
                    log.info("feed %s: item %s not briefed yet: %s", feed.id, key, error)
        return briefs, retry_later

    async def _brief(self, feed: Feed, parsed: ParsedFeed, item: FeedItem) -> Brief:
        return await brief_for_item(
            item,
            feed,
            parsed.title,
            self.ctx.fetcher,
            sentences=self.ctx.brief_sentences,
            builder=self.ctx.brief_builder,
        )

    async def _failed(self, feed: Feed, problem: FeedProblem) -> None:
        now = self.ctx.clock()
        interval = self._interval(feed)
        if problem.paced:
            self.stats.add("paced")
            delay = next_poll_delay(
                interval, retry_after=problem.retry_after, uniform=self._rng.uniform
            )
            await self._finish(
                feed,
                FeedPoll(
                    next_due=now + timedelta(seconds=delay),
                    failures=feed.failures,
                    etag=feed.etag,
                    last_modified=feed.last_modified,
                    primed=feed.primed,
                ),
            )
            return
        self.stats.add("failed")
        failures = feed.failures + 1
        pause = problem.permanent or failures >= self.settings.max_failures
        delay = failure_delay(
            failures,
            interval,
            cap_seconds=self.settings.backoff_cap_seconds,
            retry_after=problem.retry_after,
            uniform=self._rng.uniform,
        )
        notice = messages.pause_notice(feed, problem.reason) if pause else None
        done = await self._finish(
            feed,
            FeedPoll(
                next_due=now + timedelta(seconds=delay),
                failures=failures,
                etag=feed.etag,
                last_modified=feed.last_modified,
                primed=feed.primed,
                paused_reason=notice,
            ),
        )
        log.info("feed %s failed (%s), %s in a row", feed.id, problem.reason.value, failures)
        if notice is not None:
            self.stats.add("paused")
            await self._tell(done, notice)

    async def _tell(self, feed: Feed, text: str) -> None:
        """Post ``text`` into every chat channel of the feed's room (best effort)."""
        try:
            async with self.ctx.store.transaction() as tx:
                place = await tx.places.get(feed.place_id)
                places = await tx.places.in_room(place.room_id)
        except StorageError:
            log.exception("could not read the places of feed %s", feed.id)
            return
        for target in places:
            chat: object = self.ctx.platforms.get(target.platform)
            if not isinstance(chat, ChannelNotices):
                continue
            try:
                await chat.post_channel_notice(target, text)
                self.stats.add("notices")
            except Exception:
                log.warning("could not tell %s about feed %s", target.name, feed.id, exc_info=True)


def _for_good(error: ArticleError) -> bool:
    """Whether briefing the item again later cannot help: not an article, or refused.
    A fetch that timed out or could not reach the site is tried again on a later poll."""
    if isinstance(error, TooLargeError | UnsupportedContentError):
        return True
    return not isinstance(error, FetchError)
