"""Who a message really pings, following Discord's ``allowed_mentions`` rules.

Defaults when ``allowed_mentions`` is omitted: regular messages parse users, roles and
everyone; webhook and interaction messages parse users only. A reply pings the replied
user when ``allowed_mentions`` is omitted, otherwise only with ``replied_user: true``.
Every member may mention @everyone and every role here (the seeded @everyone role has
MENTION_EVERYONE), so permissions never reduce the result.
"""

from __future__ import annotations

import re
from typing import Any

from .state import Guild, Pings

__all__ = ["DEFAULT_PARSE", "WEBHOOK_PARSE", "compute_pings"]

DEFAULT_PARSE = frozenset({"users", "roles", "everyone"})
WEBHOOK_PARSE = frozenset({"users"})

_USER = re.compile(r"<@!?(\d{1,20})>")
_ROLE = re.compile(r"<@&(\d{1,20})>")


def compute_pings(
    guild: Guild,
    content: str,
    allowed_mentions: dict[str, Any] | None,
    *,
    default_parse: frozenset[str],
    replied_user_id: int | None = None,
) -> Pings:
    if allowed_mentions is None:
        parse = set(default_parse)
        listed_users: set[int] = set()
        listed_roles: set[int] = set()
        ping_replied = True
    else:
        parse = set(allowed_mentions.get("parse") or [])
        listed_users = {int(u) for u in allowed_mentions.get("users") or []}
        listed_roles = {int(r) for r in allowed_mentions.get("roles") or []}
        ping_replied = bool(allowed_mentions.get("replied_user", False))

    users: list[int] = []
    for match in _USER.finditer(content):
        uid = int(match.group(1))
        if uid in guild.members and ("users" in parse or uid in listed_users) and uid not in users:
            users.append(uid)
    if ping_replied and replied_user_id is not None and replied_user_id not in users:
        users.append(replied_user_id)

    roles: list[int] = []
    for match in _ROLE.finditer(content):
        rid = int(match.group(1))
        allowed = "roles" in parse or rid in listed_roles
        if allowed and rid in guild.roles and rid != guild.id and rid not in roles:
            roles.append(rid)

    everyone_allowed = "everyone" in parse
    return Pings(
        users=users,
        roles=roles,
        everyone=everyone_allowed and "@everyone" in content,
        here=everyone_allowed and "@here" in content,
    )
