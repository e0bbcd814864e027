"""Counting for ``benchmarks/soak.py``: what was sent, what landed where, and when.

Pure functions over plain records, so that the counting can be checked with invented
records (tests/unit/test_soak_audit.py) without running the soak.

Definitions (also in the soak's JSON ``method`` field):

* Every comment carries a token ``soak-NNNNNN`` (its sequence number). It is written on one
  of three places (``discord``, ``slack``, ``web``); its **copies expected** are one on each
  of the other two places (a chat copy in the discussion's thread; for a chat comment, the
  comment in the web section's listing). A deleted comment expects no live copy instead.
* **lost**: an expected copy with no record at all. **duplicated**: records beyond the first
  of one comment on one place. **wrong_thread**: a copy in another discussion's thread.
* **out_of_order**: (a) the comments of one origin thread (written one after another) must
  be stored in that order: the web listing (the store's order) is checked per origin
  thread; (b) each chat thread must show its copies in the store's order. Each copy that
  comes after one that should follow it counts once.
* **delay after a fault clears**: for a copy written at ``s`` that landed at ``t``, the
  reference is ``max(s, latest clearing of a fault window that overlaps [s, t] and holds up
  this copy)``; delay = ``t - reference`` (0 when it landed during the fault). A window holds
  up copies *to* its target places and copies *from* its origin places (a dropped socket
  holds up what the bot hears; a bot kill holds up everything).
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["PLACES", "TOKEN", "Landed", "Sent", "Window", "audit", "percentiles", "token"]

PLACES = ("discord", "slack", "web")
TOKEN = re.compile(r"soak-(\d{6})")
EDIT_MARK = "corrected"


def token(seq: int) -> str:
    return f"soak-{seq:06d}"


@dataclass(slots=True)
class Sent:
    """A comment a reader wrote, and what happened to it later at the reader's hand."""

    seq: int
    origin: str  # discord | slack | web
    discussion: int
    sent_at: float  # time.time() when the platform (or the web API) took it
    edited: bool = False
    deleted: bool = False


@dataclass(frozen=True, slots=True)
class Landed:
    """One record on one place carrying a comment's token (a copy, or a tombstone)."""

    seq: int
    place: str
    discussion: int
    at: float | None  # when it appeared there (None: unknown)
    deleted: bool
    text: str
    position: int  # order within its thread's listing


@dataclass(frozen=True, slots=True)
class Window:
    """A fault from ``started`` until the platform answered again at ``cleared``."""

    kind: str
    started: float
    cleared: float
    targets: frozenset[str] = field(default_factory=frozenset)  # copies *to* these wait
    origins: frozenset[str] = field(default_factory=frozenset)  # copies *from* these wait

    def holds_up(self, origin: str, target: str) -> bool:
        return target in self.targets or origin in self.origins


def percentiles(values: Iterable[float]) -> dict[str, float | int]:
    ordered = sorted(values)
    if not ordered:
        return {"count": 0}

    def pick(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))], 2)

    return {
        "count": len(ordered),
        "p50_s": pick(0.50),
        "p99_s": pick(0.99),
        "max_s": round(ordered[-1], 2),
        "mean_s": round(statistics.fmean(ordered), 2),
    }


def _inversions(keys: list[int]) -> int:
    """Elements that come after one with a higher key."""
    late, highest = 0, None
    for key in keys:
        if highest is not None and key < highest:
            late += 1
        highest = key if highest is None else max(highest, key)
    return late


def _order(
    sent: dict[int, Sent], landed: list[Landed], store_ids: dict[int, int]
) -> dict[str, int]:
    lanes: dict[tuple[str, int], list[int]] = defaultdict(list)
    for s in sorted(sent.values(), key=lambda s: s.seq):
        if s.seq in store_ids:
            lanes[(s.origin, s.discussion)].append(store_ids[s.seq])
    stored = sum(_inversions(ids) for ids in lanes.values())
    threads: dict[tuple[str, int], list[Landed]] = defaultdict(list)
    for copy in landed:
        if copy.place != "web":
            threads[(copy.place, copy.discussion)].append(copy)
    copied = 0
    for copies in threads.values():
        seen: set[int] = set()
        keys = []
        for copy in sorted(copies, key=lambda c: c.position):
            if copy.seq in store_ids and copy.seq not in seen:  # a duplicate is counted apart
                seen.add(copy.seq)
                keys.append(store_ids[copy.seq])
        copied += _inversions(keys)
    return {"stored_out_of_written_order": stored, "copies_out_of_stored_order": copied}


def audit(
    sent: dict[int, Sent],
    landed: list[Landed],
    store_ids: dict[int, int],
    windows: list[Window],
    limit_s: float = 60.0,
) -> dict[str, Any]:
    """The soak's verdict from its records (see the module docstring for definitions)."""
    by_key: dict[tuple[int, str], list[Landed]] = defaultdict(list)
    for copy in landed:
        by_key[(copy.seq, copy.place)].append(copy)
    expected = delivered = lost = duplicated = wrong = 0
    deletes = deletes_missed = edits = edits_missed = 0
    after_fault: list[float] = []
    every: list[float] = []
    over_limit: list[int] = []
    lost_by_route: dict[str, int] = defaultdict(int)
    for s in sent.values():
        for target in PLACES:
            if target == s.origin:
                continue
            records = by_key.get((s.seq, target), [])
            duplicated += max(0, len(records) - 1)
            wrong += sum(1 for r in records if r.discussion != s.discussion)
            live = [r for r in records if not r.deleted]
            if s.deleted:
                deletes += 1
                deletes_missed += bool(live)
                continue
            expected += 1
            if not records:
                lost += 1
                lost_by_route[f"{s.origin}->{target}"] += 1
                continue
            delivered += 1
            if s.edited and live:
                edits += 1
                edits_missed += not any(EDIT_MARK in r.text for r in live)
            times = [r.at for r in records if r.at is not None]
            if not times:
                continue
            at = min(times)
            hold = [
                w
                for w in windows
                if w.holds_up(s.origin, target) and w.started <= at and w.cleared >= s.sent_at
            ]
            reference = max([s.sent_at, *(w.cleared for w in hold)])
            delay = max(0.0, at - reference)
            every.append(delay)
            if hold:
                after_fault.append(delay)
            if delay > limit_s:
                over_limit.append(s.seq)
    order = _order(sent, landed, store_ids)
    out_of_order = sum(order.values())
    known = {s for s in sent}
    unknown = sum(1 for copy in landed if copy.seq not in known)
    return {
        "copies_expected": expected,
        "copies_delivered": delivered,
        "lost": lost,
        "lost_by_route": dict(sorted(lost_by_route.items())),
        "duplicated": duplicated,
        "wrong_thread": wrong,
        "out_of_order": out_of_order,
        "out_of_order_detail": order,
        "unknown_copies": unknown,
        "edits_checked": edits,
        "edits_not_applied": edits_missed,
        "deletes_checked": deletes,
        "deletes_not_applied": deletes_missed,
        "delay_after_fault_clears": percentiles(after_fault),
        "delay_all_copies": percentiles(every),
        "delay_limit_s": limit_s,
        "copies_over_limit": len(over_limit),
        "copies_over_limit_first_tokens": [token(s) for s in sorted(over_limit)[:10]],
        "goal_met": lost == 0
        and duplicated == 0
        and wrong == 0
        and out_of_order == 0
        and not over_limit,
    }
