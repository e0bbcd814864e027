"""A room's moderation policy: read it, and read a changed one from a form or JSON."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from adapters.web.mod import texts
from bot.domain.moderation import Policy
from bot.errors import InvalidDataError
from bot.services.moderation.policy_edits import (
    MAX_BURST_COUNT,
    MAX_BURST_SECONDS,
    MAX_ENTRIES,
    MAX_ENTRY_CHARS,
    MAX_REPORTS,
)

__all__ = ["MAX_ENTRIES", "policy_from_form", "policy_from_json"]

# The limits are the chat commands' (one set for every surface): a list the web accepts can
# still be edited from Discord or Slack, and the other way round.


def _entries(lines: Any) -> tuple[str, ...]:
    """The entries, blank lines and repeats left out. Too many entries, or one too long, is
    refused with a sentence rather than cut: a pattern cut short means something else, and
    a moderator would believe words banned that were dropped."""
    if isinstance(lines, str):
        lines = lines.splitlines()
    if not isinstance(lines, list) or not all(isinstance(x, str) for x in lines):
        raise InvalidDataError(texts.BAD_WORDS)
    entries = tuple(dict.fromkeys(x.strip() for x in lines if x.strip()))
    if len(entries) > MAX_ENTRIES:
        raise InvalidDataError(texts.TOO_MANY_ENTRIES.format(limit=MAX_ENTRIES, count=len(entries)))
    for entry in entries:
        if len(entry) > MAX_ENTRY_CHARS:
            start = entry[:30]
            raise InvalidDataError(texts.ENTRY_TOO_LONG.format(limit=MAX_ENTRY_CHARS, start=start))
    return entries


def _whole(value: Any, low: int, high: int, refusal: str) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise InvalidDataError(refusal)
    return value


def _reports(value: Any) -> int:
    return _whole(value, 1, MAX_REPORTS, texts.BAD_POLICY)


# The ranges MOD_BURST takes, as in chat's ``/briefbot mod burst``; a count of 0 is off.
def _burst_count(value: Any) -> int:
    return _whole(value, 0, MAX_BURST_COUNT, texts.BAD_BURST)


def _burst_seconds(value: Any) -> int:
    return _whole(value, 1, MAX_BURST_SECONDS, texts.BAD_BURST)


def policy_from_form(fields: Mapping[str, str], current: Policy) -> Policy:
    """The policy form: word lists one per line, tick boxes, reports to hold, the burst
    (fields left out keep their values)."""
    return replace(
        current,
        banned=_entries(fields.get("banned", "")),
        suspect=_entries(fields.get("suspect", "")),
        hold_links="hold_links" in fields,
        hold_first_web="hold_first_web" in fields,
        premoderate_web="premoderate_web" in fields,
        reports_to_hold=_reports(fields.get("reports_to_hold", str(current.reports_to_hold))),
        burst_count=_burst_count(fields.get("burst_count", str(current.burst_count))),
        burst_seconds=_burst_seconds(fields.get("burst_seconds", str(current.burst_seconds))),
    )


def policy_from_json(body: Mapping[str, Any], current: Policy) -> Policy:
    """A JSON object with any of the policy's fields; the others keep their values."""
    changed = replace(current)
    if "banned" in body:
        changed = replace(changed, banned=_entries(body["banned"]))
    if "suspect" in body:
        changed = replace(changed, suspect=_entries(body["suspect"]))
    for flag in ("hold_links", "hold_first_web", "premoderate_web"):
        if flag in body:
            if not isinstance(body[flag], bool):
                raise InvalidDataError(texts.BAD_FLAG)
            changed = replace(changed, **{flag: body[flag]})
    if "reports_to_hold" in body:
        changed = replace(changed, reports_to_hold=_reports(body["reports_to_hold"]))
    if "burst_count" in body:
        changed = replace(changed, burst_count=_burst_count(body["burst_count"]))
    if "burst_seconds" in body:
        changed = replace(changed, burst_seconds=_burst_seconds(body["burst_seconds"]))
    return changed
