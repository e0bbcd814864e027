"""The fake's outbox: same lanes, leases and claims as the SQL one."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.domain.model import Delivery, DeliveryKind, DeliveryStatus, Platform
from bot.errors import ClaimLostError, InvalidDataError, NotFoundError
from storage import validation as v

if TYPE_CHECKING:
    from tests.fakes.store import FakeUnitOfWork

__all__ = ["FakeOutbox"]

_ACTIVE = (DeliveryStatus.PENDING, DeliveryStatus.CLAIMED)


class FakeOutbox:
    def __init__(self, work: FakeUnitOfWork) -> None:
        self._work = work

    async def enqueue(
        self,
        *,
        key: str,
        kind: DeliveryKind,
        platform: Platform,
        place_id: int,
        discussion_id: int,
        comment_id: int | None,
        now: datetime,
    ) -> tuple[Delivery, bool]:
        key = v.ident(key, "delivery key")
        kind = v.delivery_kind(kind)
        platform = v.platform(platform)
        now = v.utc(now, "now")
        place_id = v.ref(place_id, "place id")
        discussion_id = v.ref(discussion_id, "discussion id")
        if kind.needs_comment != (comment_id is not None):
            raise InvalidDataError(
                f"a {kind.value} delivery "
                + ("takes no comment id" if comment_id is not None else "needs a comment id")
            )
        state = self._work.state
        existing = next((d for d in state.deliveries.values() if d.key == key), None)
        if existing is not None:
            return existing, False
        if place_id not in state.places:
            raise NotFoundError(f"place {place_id} does not exist")
        if discussion_id not in state.discussions:
            raise NotFoundError(f"discussion {discussion_id} does not exist")
        if comment_id is not None and v.ref(comment_id, "comment id") not in state.comments:
            raise NotFoundError(f"comment {comment_id} does not exist")
        delivery = Delivery(
            id=state.next_id("deliveries"),
            key=key,
            kind=kind,
            platform=platform,
            place_id=place_id,
            discussion_id=discussion_id,
            comment_id=comment_id,
            lane=f"{discussion_id}:{place_id}",
            status=DeliveryStatus.PENDING,
            attempts=0,
            next_attempt_at=now,
            created_at=now,
        )
        state.deliveries[delivery.id] = delivery
        return delivery, True

    def _heads(self, platforms: frozenset[Platform] | None) -> list[Delivery]:
        heads: dict[str, Delivery] = {}
        for delivery in sorted(self._work.state.deliveries.values(), key=lambda d: d.id):
            if delivery.status in _ACTIVE and delivery.lane not in heads:
                heads[delivery.lane] = delivery
        wanted = None if platforms is None else {v.platform(p) for p in platforms}
        return [d for d in heads.values() if wanted is None or d.platform in wanted]

    def _due_at(self, delivery: Delivery, claimer: str | None = None) -> datetime:
        if delivery.status is DeliveryStatus.PENDING:
            return delivery.next_attempt_at
        assert delivery.claimed_until is not None and delivery.claimed_by is not None
        owner_alive_until = self._work.state.workers.get(delivery.claimed_by)
        if owner_alive_until is not None and delivery.claimed_by != claimer:
            return min(owner_alive_until, delivery.claimed_until)
        return delivery.claimed_until

    async def claim(
        self,
        worker_id: str,
        now: datetime,
        lease_seconds: float,
        limit: int = 10,
        platforms: frozenset[Platform] | None = None,
    ) -> list[Delivery]:
        worker_id = v.ident(worker_id, "worker id")
        now = v.utc(now, "now")
        if not lease_seconds > 0:
            raise InvalidDataError(f"lease_seconds must be positive, not {lease_seconds}")
        limit = v.positive(limit, "limit")
        due = [d for d in self._heads(platforms) if self._due_at(d, worker_id) <= now][:limit]
        claimed = [
            dataclasses.replace(
                d,
                status=DeliveryStatus.CLAIMED,
                claimed_by=worker_id,
                claimed_until=now + timedelta(seconds=lease_seconds),
                attempts=d.attempts + 1,
            )
            for d in due
        ]
        self._work.state.deliveries.update((d.id, d) for d in claimed)
        return claimed

    async def _held(self, delivery_id: int, worker_id: str) -> Delivery:
        worker_id = v.ident(worker_id, "worker id")
        current = await self.get(delivery_id)
        if current.status is not DeliveryStatus.CLAIMED or current.claimed_by != worker_id:
            raise ClaimLostError(
                f"worker {worker_id!r} does not hold delivery {delivery_id} "
                f"(it is {current.status.value}"
                + (f", claimed by {current.claimed_by!r})" if current.claimed_by else ")")
            )
        return current

    def _put(self, delivery: Delivery) -> None:
        self._work.state.deliveries[delivery.id] = delivery

    async def complete(self, delivery_id: int, worker_id: str, now: datetime) -> None:
        v.utc(now, "now")
        held = await self._held(delivery_id, worker_id)
        self._put(dataclasses.replace(held, status=DeliveryStatus.DONE, claimed_until=None))

    async def retry(
        self,
        delivery_id: int,
        worker_id: str,
        error: str,
        next_attempt_at: datetime,
        *,
        failure: bool,
    ) -> None:
        when = v.utc(next_attempt_at, "next_attempt_at")
        held = await self._held(delivery_id, worker_id)
        self._put(
            dataclasses.replace(
                held,
                status=DeliveryStatus.PENDING,
                claimed_by=None,
                claimed_until=None,
                next_attempt_at=when,
                last_error=v.error_text(error),
                failures=held.failures + (1 if failure else 0),
                backing_off=failure,
                refusals=held.refusals + (0 if failure else 1),
            )
        )

    async def expedite(self, platforms: frozenset[Platform], now: datetime) -> int:
        now = v.utc(now, "now")
        wanted = {v.platform(p) for p in platforms}
        waiting = [
            d
            for d in self._work.state.deliveries.values()
            if d.status is DeliveryStatus.PENDING
            and d.backing_off
            and d.next_attempt_at > now
            and d.platform in wanted
        ]
        for delivery in waiting:
            self._put(dataclasses.replace(delivery, next_attempt_at=now, backing_off=False))
        return len(waiting)

    async def heartbeat(
        self,
        worker_id: str,
        now: datetime,
        *,
        alive_until: datetime,
        holding: Collection[int] = (),
        lease_until: datetime | None = None,
    ) -> int:
        worker_id = v.ident(worker_id, "worker id")
        now = v.utc(now, "now")
        alive = v.utc(alive_until, "alive_until")
        if alive <= now:
            raise InvalidDataError("alive_until must be later than now")
        state = self._work.state
        state.workers[worker_id] = alive
        ids = {v.ref(i, "delivery id") for i in holding}
        if not ids:
            return 0
        if lease_until is None:
            raise InvalidDataError("renewing leases needs lease_until")
        until = v.utc(lease_until, "lease_until")
        renewed = [
            d
            for d in state.deliveries.values()
            if d.id in ids and d.status is DeliveryStatus.CLAIMED and d.claimed_by == worker_id
        ]
        for delivery in renewed:
            self._put(dataclasses.replace(delivery, claimed_until=until))
        return len(renewed)

    async def retire(self, worker_id: str, now: datetime) -> int:
        released = await self.release_claims(worker_id, now)
        self._work.state.workers.pop(worker_id, None)
        return released

    async def release_claims(self, worker_id: str, now: datetime) -> int:
        worker_id = v.ident(worker_id, "worker id")
        now = v.utc(now, "now")
        held = [
            d
            for d in self._work.state.deliveries.values()
            if d.status is DeliveryStatus.CLAIMED and d.claimed_by == worker_id
        ]
        for delivery in held:
            self._put(
                dataclasses.replace(
                    delivery,
                    status=DeliveryStatus.PENDING,
                    claimed_by=None,
                    claimed_until=None,
                    next_attempt_at=now,
                )
            )
        return len(held)

    async def fail(self, delivery_id: int, worker_id: str, error: str, now: datetime) -> None:
        v.utc(now, "now")
        held = await self._held(delivery_id, worker_id)
        self._put(
            dataclasses.replace(
                held,
                status=DeliveryStatus.FAILED,
                claimed_until=None,
                last_error=v.error_text(error),
                failures=held.failures + 1,
                backing_off=False,
            )
        )

    async def get(self, delivery_id: int) -> Delivery:
        found = self._work.state.deliveries.get(v.ref(delivery_id, "delivery id"))
        if found is None:
            raise NotFoundError(f"delivery {delivery_id} does not exist")
        return found

    async def find(self, key: str) -> Delivery | None:
        key = v.ident(key, "delivery key")
        return next((d for d in self._work.state.deliveries.values() if d.key == key), None)

    async def revive(self, delivery_id: int, now: datetime) -> Delivery | None:
        now = v.utc(now, "now")
        found = await self.get(delivery_id)
        if found.status is not DeliveryStatus.FAILED:
            return None
        revived = dataclasses.replace(
            found,
            status=DeliveryStatus.PENDING,
            next_attempt_at=now,
            failures=0,
            backing_off=False,
            claimed_by=None,
            claimed_until=None,
        )
        self._put(revived)
        return revived

    async def next_due(self, platforms: frozenset[Platform] | None = None) -> datetime | None:
        return min((self._due_at(d) for d in self._heads(platforms)), default=None)

    async def counts(self) -> dict[str, int]:
        counted = {status.value: 0 for status in DeliveryStatus}
        for delivery in self._work.state.deliveries.values():
            counted[delivery.status.value] += 1
        return counted
