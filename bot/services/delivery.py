"""The delivery worker: drains the outbox for one platform, lane by lane, in order.

One worker runs per platform, so a platform that is down or rate-limiting only ever holds
up its own deliveries. Within a platform, lanes (one discussion on one place) run
concurrently, each strictly in order. Every outcome is recorded in the same transaction
that completes the delivery, so a crash at any point neither loses nor duplicates a copy:
a delivery whose worker died is claimed again once that worker's heartbeat stops (or its
lease runs out), and the retry first asks the platform whether the earlier try already
landed. A live worker renews the leases of what it is working on, so its claims never pass
to another worker; every worker has an identity of its own (:mod:`bot.services.identity`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from datetime import timedelta

from bot.domain.copies import CommentCopy, build_copy
from bot.domain.events import BriefPosted, CopyDelivered, DeliveryFailed, DeliveryQueued
from bot.domain.model import Comment, Delivery, DeliveryKind, Mirror, Platform, Thread
from bot.errors import ClaimLostError, DeliveryError, StorageError
from bot.ports.chat import ChatPlatform
from bot.services.backoff import MAX_BACKOFF, backoff_seconds
from bot.services.context import Context
from bot.services.identity import worker_identity
from bot.services.notices import announce_unreachable

__all__ = ["MAX_BACKOFF", "MAX_FAILURES", "DeliveryWorker", "backoff_seconds"]

log = logging.getLogger(__name__)

MAX_FAILURES = 60
"""Real failures before a delivery is given up. Backoff reaches its one-minute cap after
seven, so this is about an hour of a platform failing; rate limits never count."""
RATE_LIMIT_WAIT = 1.0
"""The wait after a 429 that named none (Slack and Discord always name one)."""


def _rate_limited(error: Exception) -> bool:
    """A 429: the platform refused the call, so nothing was posted."""
    return isinstance(error, DeliveryError) and error.status == 429


def _cause(error: DeliveryError) -> str:
    """Why a place is lost, as the platform put it (``not_in_channel``, ``50001``)."""
    return error.reason or str(error.status or "unknown")


class _Skip(Exception):
    """Nothing to do any more (the comment is gone, the copy was never made)."""


@dataclass(frozen=True, slots=True)
class _CopyJob:
    comment: Comment
    thread: Thread
    mirror: Mirror | None
    copy: CommentCopy


@dataclass
class DeliveryWorker:
    ctx: Context
    platform: ChatPlatform
    concurrency: int = 8
    lease_seconds: float = 300.0
    call_timeout: float = 120.0
    idle_poll_seconds: float = 5.0

    name: str | None = None
    """A prefix for the worker's identity (``WORKER_NAME``; the host's name when unset).
    The identity adds the process id and the worker's start time, so two processes that
    share a prefix (two on one host) never share an identity, nor take each other's
    claims."""

    heartbeat_seconds: float = 5.0
    """How often the worker renews its row and the leases of what it is working on."""
    alive_seconds: float = 30.0
    """How long after its last renewal the worker still counts as alive. Once that passes
    (the process was killed, or lost the database for that long), other workers take its
    claims over at once instead of waiting for their leases."""

    def __post_init__(self) -> None:
        self.worker_id = f"{self.platform.platform.value}@{worker_identity(self.name)}"
        self._wake = asyncio.Event()
        self._running: dict[asyncio.Task[None], int] = {}
        self._notices: set[asyncio.Task[int]] = set()

    @property
    def _beat_every(self) -> float:
        # Renew well within both the time others wait on us and our own leases.
        return min(self.heartbeat_seconds, self.alive_seconds / 3, self.lease_seconds / 3)

    @property
    def kind(self) -> Platform:
        return self.platform.platform

    async def run(self) -> None:
        """Deliver until cancelled."""
        await self._beat()
        await self._announce_untold()
        listener = asyncio.create_task(self._listen())
        beating = asyncio.create_task(self._heartbeats())
        try:
            while True:
                claimed = await self._claim()
                for delivery in claimed:
                    task = asyncio.create_task(self._handle(delivery))
                    self._running[task] = delivery.id
                    task.add_done_callback(self._task_done)
                if not claimed or len(self._running) >= self.concurrency:
                    await self._sleep()
        finally:
            listener.cancel()
            beating.cancel()
            for pending in (*self._running, *self._notices):
                pending.cancel()
            await asyncio.gather(
                listener, beating, *self._running, *self._notices, return_exceptions=True
            )
            await self._retire()

    async def _heartbeats(self) -> None:
        while True:
            await asyncio.sleep(self._beat_every)
            await self._beat()

    async def _beat(self) -> None:
        """Say we are alive, and keep the leases of what we are working on."""
        now = self.ctx.clock()
        try:
            async with self.ctx.store.transaction() as tx:
                await tx.outbox.heartbeat(
                    self.worker_id,
                    now,
                    alive_until=now + timedelta(seconds=self.alive_seconds),
                    holding=frozenset(self._running.values()),
                    lease_until=now + timedelta(seconds=self.lease_seconds),
                )
                await tx.commit()
        except StorageError:
            log.exception("%s could not renew its heartbeat; will try again", self.worker_id)

    async def _retire(self) -> None:
        """Stopping: hand back what we hold at once, rather than after our heartbeat ages."""
        try:
            async with self.ctx.store.transaction() as tx:
                released = await tx.outbox.retire(self.worker_id, self.ctx.clock())
                await tx.commit()
        except StorageError:
            log.exception(
                "%s could not hand back its claims; others take them later", self.worker_id
            )
            return
        if released:
            log.info("%s: handed back %d unfinished deliveries", self.worker_id, released)

    def _announce(self, place_id: int, discussion_id: int, cause: str) -> None:
        task = asyncio.create_task(announce_unreachable(self.ctx, place_id, discussion_id, cause))
        self._notices.add(task)
        task.add_done_callback(self._notices.discard)

    async def _announce_untold(self) -> None:
        """Notices that a crash or a restart cut short: the lost places of this platform
        that people were not told about yet are announced again."""
        try:
            async with self.ctx.store.transaction() as tx:
                lost = await tx.places.unreachable()
        except StorageError:
            log.exception("could not read the unreachable places; their notices wait")
            return
        for found in lost:
            if not found.notified and found.place.platform == self.kind:
                self._announce(found.place.id, found.discussion_id, found.cause)

    def _task_done(self, task: asyncio.Task[None]) -> None:
        self._running.pop(task, None)
        self._wake.set()

    async def _listen(self) -> None:
        async with self.ctx.bus.subscribe() as events:
            async for event in events:
                if isinstance(event, DeliveryQueued) and event.platform == self.kind:
                    self._wake.set()

    async def _claim(self) -> list[Delivery]:
        room = self.concurrency - len(self._running)
        if room <= 0:
            return []
        try:
            async with self.ctx.store.transaction() as tx:
                claimed = await tx.outbox.claim(
                    self.worker_id,
                    self.ctx.clock(),
                    self.lease_seconds,
                    limit=room,
                    platforms=frozenset({self.kind}),
                )
                await tx.commit()
        except StorageError:
            log.exception("claiming from the outbox failed; will try again")
            return []
        return claimed

    async def _sleep(self) -> None:
        timeout = self.idle_poll_seconds
        # With every slot taken, a due lane head cannot be claimed anyway: wait for a slot
        # to free (it wakes us), or this loop spins while the running calls are slow.
        if len(self._running) < self.concurrency:
            with contextlib.suppress(StorageError):
                async with self.ctx.store.transaction() as tx:
                    due = await tx.outbox.next_due(frozenset({self.kind}))
                if due is not None:
                    timeout = min(timeout, max(0.0, (due - self.ctx.clock()).total_seconds()))
        self._wake.clear()
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout):
                await self._wake.wait()

    async def _handle(self, delivery: Delivery) -> None:
        try:
            async with asyncio.timeout(self.call_timeout):
                await self._deliver(delivery)
        except _Skip:
            await self._finish(delivery)
        except DeliveryError as error:
            await self._failed(delivery, error, error.retry_after, error.permanent)
        except TimeoutError as error:
            await self._failed(delivery, error, None, False)
        except ClaimLostError:
            log.warning("delivery %s: lost its claim to another worker", delivery.id)
        except Exception as error:
            log.exception("delivery %s (%s) failed unexpectedly", delivery.id, delivery.kind)
            await self._failed(delivery, error, None, False)

    async def _finish(self, delivery: Delivery) -> None:
        async with self.ctx.store.transaction() as tx:
            await tx.outbox.complete(delivery.id, self.worker_id, self.ctx.clock())
            await tx.commit()
        await self._delivered(delivery)

    async def _delivered(self, delivery: Delivery) -> None:
        self.ctx.bus.publish(
            CopyDelivered(
                delivery.id,
                delivery.kind,
                delivery.discussion_id,
                delivery.place_id,
                delivery.comment_id,
            )
        )
        if delivery.failures > 0:
            await self._expedite()

    async def _expedite(self) -> None:
        """A delivery that had failed went through: the platform answers again, so lanes
        sitting out a failure backoff are tried now rather than up to a minute later."""
        try:
            async with self.ctx.store.transaction() as tx:
                woken = await tx.outbox.expedite(frozenset({self.kind}), self.ctx.clock())
                await tx.commit()
        except StorageError:
            log.exception("could not expedite %s deliveries; their backoff will run out", self.kind)
            return
        if woken:
            log.info("%s answers again: %d waiting deliveries are due now", self.kind.value, woken)
            self._wake.set()

    async def _failed(
        self, delivery: Delivery, error: Exception, retry_after: float | None, permanent: bool
    ) -> None:
        message = f"{type(error).__name__}: {error}"[:1000]
        now = self.ctx.clock()
        # Being rate limited is the platform pacing us, not the delivery failing: it never
        # counts as a failure, so it neither grows the backoff nor gives the delivery up.
        paced = _rate_limited(error) and not permanent
        failures = delivery.failures + (0 if paced else 1)
        give_up = permanent or (not paced and failures >= MAX_FAILURES)
        if paced:
            wait = retry_after if retry_after is not None else RATE_LIMIT_WAIT
        else:
            wait = retry_after if retry_after is not None else backoff_seconds(failures)
        lost = give_up and isinstance(error, DeliveryError) and error.unreachable
        newly_lost = False
        try:
            async with self.ctx.store.transaction() as tx:
                if give_up:
                    await tx.outbox.fail(delivery.id, self.worker_id, message, now)
                    if lost:
                        assert isinstance(error, DeliveryError)
                        newly_lost = await tx.places.mark_unreachable(
                            delivery.place_id,
                            _cause(error),
                            delivery.discussion_id,
                            message,
                            now,
                        )
                else:
                    await tx.outbox.retry(
                        delivery.id,
                        self.worker_id,
                        message,
                        now + timedelta(seconds=wait),
                        failure=not paced,
                    )
                await tx.commit()
        except StorageError:
            log.exception("delivery %s: could not record the failure", delivery.id)
            return
        if give_up:
            log.error("delivery %s gave up: %s", delivery.id, message)
            self.ctx.bus.publish(
                DeliveryFailed(
                    delivery.id, delivery.kind, delivery.discussion_id, delivery.place_id, message
                )
            )
            if newly_lost:  # once per place and cause, not once per failed delivery
                assert isinstance(error, DeliveryError)
                self._announce(delivery.place_id, delivery.discussion_id, _cause(error))
        else:
            log.info("delivery %s will be retried in %.0f s: %s", delivery.id, wait, message)

    async def _deliver(self, delivery: Delivery) -> None:
        if delivery.kind is DeliveryKind.POST_BRIEF:
            await self._post_brief(delivery)
        elif delivery.kind is DeliveryKind.POST_COMMENT:
            await self._post_comment(delivery)
        elif delivery.kind is DeliveryKind.EDIT_COMMENT:
            await self._edit_comment(delivery)
        elif delivery.kind is DeliveryKind.DELETE_COMMENT:
            await self._delete_comment(delivery)
        elif delivery.kind is DeliveryKind.REMOVE_ORIGINAL:
            await self._remove_original(delivery)
        else:
            await self._set_thread_open(delivery, delivery.kind is DeliveryKind.OPEN_THREAD)

    async def _post_brief(self, delivery: Delivery) -> None:
        """Post the brief and record its thread at once; then post the invitation.

        Readers answer a brief as soon as they see it, so the thread is recorded before
        the invitation is posted: a rate-limited invitation must not leave their replies
        in a thread nobody knows yet. A retry finds the thread recorded and only posts
        the invitation (looking first whether an earlier try already did).
        """
        async with self.ctx.store.transaction() as tx:
            thread = await tx.discussions.thread_for(delivery.discussion_id, delivery.place_id)
        if thread is None:
            thread = await self._open_thread(delivery)
        elif await self.platform.find_invitation(thread):
            raise _Skip
        await self.platform.post_invitation(thread)
        await self._finish(delivery)

    async def _open_thread(self, delivery: Delivery) -> Thread:
        async with self.ctx.store.transaction() as tx:
            discussion = await tx.discussions.get(delivery.discussion_id)
            article = await tx.articles.get(discussion.article_id)
            place = await tx.places.get(delivery.place_id)
        brief = article.brief
        posted = None
        if delivery.attempts > 1:
            posted = await self.platform.find_brief(place, brief, delivery.created_at)
        if posted is None:
            posted = await self.platform.post_brief(place, brief)
        now = self.ctx.clock()
        async with self.ctx.store.transaction() as tx:
            thread = await tx.discussions.add_thread(
                delivery.discussion_id, place.id, posted.thread_ref, posted.message_id, now
            )
            await tx.commit()
        self.ctx.bus.publish(
            BriefPosted(article.id, delivery.discussion_id, place.id, thread.id, delivery.id)
        )
        return thread

    async def _copy_job(self, delivery: Delivery, *, need_mirror: bool) -> _CopyJob:
        assert delivery.comment_id is not None
        async with self.ctx.store.transaction() as tx:
            comment = await tx.comments.get(delivery.comment_id)
            thread = await tx.discussions.thread_for(delivery.discussion_id, delivery.place_id)
            if thread is None:
                if need_mirror:
                    raise _Skip
                raise DeliveryError(
                    "The brief was never posted on this place, so there is no thread.",
                    platform=self.kind.value,
                    permanent=True,
                )
            mirror = await tx.comments.mirror_for(comment.id, thread.id)
            parent = (
                await tx.comments.get(comment.reply_to_id)
                if comment.reply_to_id is not None
                else None
            )
            discussion = await tx.discussions.get(comment.discussion_id)
        url = self.ctx.comment_url(discussion.article_id, comment.id)
        return _CopyJob(comment, thread, mirror, build_copy(comment, parent, url))

    async def _post_comment(self, delivery: Delivery) -> None:
        """Post the copy, unless moderation took the comment down meanwhile (held, removed:
        a copy queued before that, rate-limited or in backoff, is never posted). A copy
        deleted when the comment was held is posted anew once it is approved."""
        job = await self._copy_job(delivery, need_mirror=False)
        if not job.comment.visible or (job.mirror is not None and not job.mirror.deleted):
            raise _Skip
        message_id = None
        if not delivery.nothing_landed:  # an earlier try may have posted it: look first
            message_id = await self._landed_copy(delivery, job)
        if message_id is None:
            message_id = await self.platform.post_copy(job.thread, job.copy)
        now = self.ctx.clock()
        async with self.ctx.store.transaction() as tx:
            if job.mirror is None:
                await tx.comments.add_mirror(job.comment.id, job.thread.id, message_id, now)
            else:
                await tx.moderation.reuse_mirror(job.mirror.id, message_id, now)
            await tx.outbox.complete(delivery.id, self.worker_id, now)
            await tx.commit()
        await self._delivered(delivery)

    async def _landed_copy(self, delivery: Delivery, job: _CopyJob) -> str | None:
        """The copy an earlier try posted, if any: the first message that reads like it and
        is not already another comment's copy (a reader may write the same words twice)."""
        found = await self.platform.find_copies(job.thread, job.copy, delivery.created_at)
        async with self.ctx.store.transaction() as tx:
            for message_id in found:
                if await tx.comments.find_mirror(job.thread.id, message_id) is None:
                    return message_id
        return None

    async def _edit_comment(self, delivery: Delivery) -> None:
        job = await self._copy_job(delivery, need_mirror=True)
        if job.mirror is None or job.mirror.deleted or not job.comment.visible:
            raise _Skip
        await self.platform.edit_copy(job.thread, job.mirror.platform_message_id, job.copy)
        await self._finish(delivery)

    async def _delete_comment(self, delivery: Delivery) -> None:
        job = await self._copy_job(delivery, need_mirror=True)
        if job.mirror is None or job.mirror.deleted:
            raise _Skip
        await self.platform.delete_copy(job.thread, job.mirror.platform_message_id)
        async with self.ctx.store.transaction() as tx:
            await tx.comments.mark_mirror_deleted(job.mirror.id)
            await tx.outbox.complete(delivery.id, self.worker_id, self.ctx.clock())
            await tx.commit()
        await self._delivered(delivery)

    async def _remove_original(self, delivery: Delivery) -> None:
        """Delete a reader's own message where it was written (removed everywhere)."""
        assert delivery.comment_id is not None
        async with self.ctx.store.transaction() as tx:
            comment = await tx.comments.get(delivery.comment_id)
            thread = await tx.discussions.get_thread(comment.thread_id)
        if thread.place_id != delivery.place_id:
            raise _Skip
        await self.platform.remove_original(thread, comment.platform_message_id)
        await self._finish(delivery)

    async def _set_thread_open(self, delivery: Delivery, open_: bool) -> None:
        """Close (lock) or reopen the discussion's thread on this place."""
        async with self.ctx.store.transaction() as tx:
            thread = await tx.discussions.thread_for(delivery.discussion_id, delivery.place_id)
        if thread is None:
            raise _Skip
        if open_:
            await self.platform.reopen_thread(thread)
        else:
            await self.platform.close_thread(thread)
        await self._finish(delivery)
