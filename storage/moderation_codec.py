"""How moderators and room policies are written down in every store (JSON text)."""

from __future__ import annotations

import json
from typing import Any

from bot.domain.moderation import Moderator, Policy
from bot.errors import InvalidDataError
from storage import validation as v

__all__ = ["moderator_json", "moderator_value", "policy_json", "policy_value"]


def moderator_json(moderator: Moderator) -> str:
    rooms = None if moderator.rooms is None else sorted(moderator.rooms)
    return json.dumps(
        {
            "platform": v.platform(moderator.platform).value,
            "user_id": v.ident(moderator.user_id, "moderator user id"),
            "name": v.name(moderator.name, "moderator name"),
            "rooms": rooms,
        }
    )


def moderator_value(text: str) -> Moderator:
    data: dict[str, Any] = json.loads(text)
    rooms = data.get("rooms")
    return Moderator(
        platform=v.platform(data["platform"]),
        user_id=data["user_id"],
        name=data["name"],
        rooms=None if rooms is None else frozenset(int(r) for r in rooms),
    )


def policy_json(policy: Policy) -> str:
    for word in (*policy.banned, *policy.suspect):
        if not isinstance(word, str) or not word.strip():
            raise InvalidDataError("a word list entry is empty")
        v.check_encodable(word, "word list entry")
    for count in (policy.burst_count, policy.burst_seconds, policy.reports_to_hold):
        if not isinstance(count, int) or count < 0:
            raise InvalidDataError("policy counts must be whole numbers, 0 or more")
    return json.dumps(
        {
            "banned": list(policy.banned),
            "suspect": list(policy.suspect),
            "hold_links": bool(policy.hold_links),
            "hold_first_web": bool(policy.hold_first_web),
            "premoderate_web": bool(policy.premoderate_web),
            "burst_count": policy.burst_count,
            "burst_seconds": policy.burst_seconds,
            "reports_to_hold": policy.reports_to_hold,
        },
        ensure_ascii=False,
    )


def policy_value(text: str) -> Policy:
    data: dict[str, Any] = json.loads(text)
    defaults = Policy()
    return Policy(
        banned=tuple(data.get("banned", ())),
        suspect=tuple(data.get("suspect", ())),
        hold_links=bool(data.get("hold_links", defaults.hold_links)),
        hold_first_web=bool(data.get("hold_first_web", defaults.hold_first_web)),
        premoderate_web=bool(data.get("premoderate_web", defaults.premoderate_web)),
        burst_count=int(data.get("burst_count", defaults.burst_count)),
        burst_seconds=int(data.get("burst_seconds", defaults.burst_seconds)),
        reports_to_hold=int(data.get("reports_to_hold", defaults.reports_to_hold)),
    )
