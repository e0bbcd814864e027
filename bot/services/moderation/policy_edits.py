"""One change to a room's policy at a time, as moderators make them from chat.

``/briefbot mod ban-word …``, ``first-web on``, ``burst 5/60`` and the like each become one
:data:`PolicyChange`; the change is
applied to the room's current policy and saved through :func:`set_policy`, which checks the
moderator's rooms, compiles the word lists (an invalid ``re:`` pattern is refused) and writes
the audit entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Final, Literal

from bot import messages
from bot.domain.moderation import Moderator, Policy
from bot.errors import ModerationError
from bot.moderation.normalise import normalise
from bot.services.context import Context
from bot.services.moderation.rooms import room_policy, set_policy

__all__ = [
    "MAX_BURST_COUNT",
    "MAX_BURST_SECONDS",
    "MAX_ENTRIES",
    "MAX_ENTRY_CHARS",
    "MAX_REPORTS",
    "AddWord",
    "Flag",
    "PolicyChange",
    "PolicyEdit",
    "RemoveWord",
    "SetBurst",
    "SetFlag",
    "SetReports",
    "WordList",
    "apply_change",
    "change_policy",
    "check_entry",
    "describe_policy",
    "parse_burst",
    "policy_answer",
]

MAX_ENTRIES: Final = 10_000
MAX_ENTRY_CHARS: Final = 200
MAX_REPORTS: Final = 100
# The ranges MOD_BURST takes (COUNT/SECONDS, up to 4 and 6 digits); a count of 0 is off.
MAX_BURST_COUNT: Final = 9_999
MAX_BURST_SECONDS: Final = 999_999
_PATTERN_PREFIX: Final = "re:"
_BURST = re.compile(r"(\d{1,4})/(\d{1,6})", re.ASCII)

WordList = Literal["banned", "suspect"]
Flag = Literal["premoderate_web", "hold_links", "hold_first_web"]


@dataclass(frozen=True, slots=True)
class AddWord:
    words: WordList
    entry: str


@dataclass(frozen=True, slots=True)
class RemoveWord:
    words: WordList
    entry: str


@dataclass(frozen=True, slots=True)
class SetFlag:
    flag: Flag
    on: bool


@dataclass(frozen=True, slots=True)
class SetReports:
    count: int


@dataclass(frozen=True, slots=True)
class SetBurst:
    """Hold an author's comment once they wrote ``count`` within ``seconds`` (a count of 0
    turns the rule off; ``seconds`` ``None`` keeps the window as it is)."""

    count: int
    seconds: int | None = None


PolicyChange = AddWord | RemoveWord | SetFlag | SetReports | SetBurst


@dataclass(frozen=True, slots=True)
class PolicyEdit:
    """The room's policy after the change; ``changed`` is ``False`` when it was already so
    (nothing saved, nothing audited)."""

    policy: Policy
    changed: bool


def check_entry(raw: str) -> str:
    """The entry as it will be stored (trimmed). Raises :class:`ModerationError` with one
    sentence for an empty, overlong or letterless entry (a pattern is checked when the
    policy compiles)."""
    entry = raw.strip()
    if not entry or len(entry) > MAX_ENTRY_CHARS:
        raise ModerationError(messages.BAD_WORD_ENTRY)
    if entry.startswith(_PATTERN_PREFIX):
        if not entry.removeprefix(_PATTERN_PREFIX).strip():
            raise ModerationError(messages.BAD_WORD_ENTRY)
    elif not normalise(entry.strip("*")):
        raise ModerationError(messages.BAD_WORD_ENTRY)
    return entry


def parse_burst(raw: str) -> SetBurst:
    """``off`` or ``COUNT/SECONDS`` (``5/60``; ``0/60`` is off too) as a change. Raises
    :class:`ModerationError` with one sentence for anything else or out of range."""
    text = raw.strip().lower()
    if text == "off":
        return SetBurst(0)
    match = _BURST.fullmatch(text)
    if match is None:
        raise ModerationError(messages.BAD_BURST)
    change = SetBurst(int(match.group(1)), int(match.group(2)))
    _check_burst(change)
    return change


def _check_burst(change: SetBurst) -> None:
    if not 0 <= change.count <= MAX_BURST_COUNT:
        raise ModerationError(messages.BAD_BURST)
    if change.count > 0 and change.seconds is None:  # only "off" keeps the window
        raise ModerationError(messages.BAD_BURST)
    if change.seconds is not None and not 1 <= change.seconds <= MAX_BURST_SECONDS:
        raise ModerationError(messages.BAD_BURST)


def _same(a: str, b: str) -> bool:
    """Plain entries are matched without regard to case; patterns exactly."""
    if a.startswith(_PATTERN_PREFIX) or b.startswith(_PATTERN_PREFIX):
        return a == b
    return a.casefold() == b.casefold()


def _with_words(policy: Policy, words: WordList, entries: tuple[str, ...]) -> Policy:
    if words == "banned":
        return replace(policy, banned=entries)
    return replace(policy, suspect=entries)


def apply_change(policy: Policy, change: PolicyChange) -> Policy:
    """``policy`` with ``change`` made (equal to ``policy`` when it changes nothing)."""
    if isinstance(change, AddWord | RemoveWord):
        entry = check_entry(change.entry)
        current: tuple[str, ...] = getattr(policy, change.words)
        present = any(_same(entry, e) for e in current)
        if isinstance(change, AddWord):
            if present:
                return policy
            if len(current) >= MAX_ENTRIES:
                raise ModerationError(messages.TOO_MANY_ENTRIES)
            return _with_words(policy, change.words, (*current, entry))
        return _with_words(policy, change.words, tuple(e for e in current if not _same(entry, e)))
    if isinstance(change, SetFlag):
        if change.flag == "premoderate_web":
            return replace(policy, premoderate_web=change.on)
        if change.flag == "hold_first_web":
            return replace(policy, hold_first_web=change.on)
        return replace(policy, hold_links=change.on)
    if isinstance(change, SetBurst):
        _check_burst(change)
        seconds = policy.burst_seconds if change.seconds is None else change.seconds
        return replace(policy, burst_count=change.count, burst_seconds=seconds)
    if not 1 <= change.count <= MAX_REPORTS:
        raise ModerationError(messages.BAD_REPORTS)
    return replace(policy, reports_to_hold=change.count)


async def change_policy(
    ctx: Context, room_id: int, change: PolicyChange, moderator: Moderator
) -> PolicyEdit:
    """Apply ``change`` to the room's policy and save it (audited).

    Raises ``NotAllowedError`` for another room, ``ModerationError`` for a bad entry or an
    invalid pattern (one sentence each)."""
    current = await room_policy(ctx, room_id, moderator)
    changed = apply_change(current, change)
    if changed == current:
        return PolicyEdit(current, changed=False)
    await set_policy(ctx, room_id, changed, moderator)
    return PolicyEdit(changed, changed=True)


def describe_policy(policy: Policy) -> str:
    """The policy in a few lines, for the moderator who asked."""
    return "\n".join(
        messages.policy_lines(
            policy.banned,
            policy.suspect,
            hold_links=policy.hold_links,
            premoderate_web=policy.premoderate_web,
            hold_first_web=policy.hold_first_web,
            reports_to_hold=policy.reports_to_hold,
            burst_count=policy.burst_count,
            burst_seconds=policy.burst_seconds,
        )
    )


def policy_answer(change: PolicyChange, changed: bool) -> str:
    """The one sentence a moderator is told after ``change`` (said to them alone: it may
    name a banned word)."""
    if isinstance(change, AddWord):
        entry = change.entry.strip()
        if changed:
            return messages.word_added(change.words, entry)
        return messages.word_unchanged(change.words, entry)
    if isinstance(change, RemoveWord):
        entry = change.entry.strip()
        if changed:
            return messages.word_removed(change.words, entry)
        return messages.word_not_listed(change.words, entry)
    if isinstance(change, SetFlag):
        return messages.policy_switched(change.flag, change.on)
    if isinstance(change, SetBurst):
        return messages.policy_burst_set(change.count, change.seconds, changed=changed)
    return messages.policy_reports_set(change.count)
