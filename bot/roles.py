"""What one ``briefbot run`` process does: its roles (``--roles gateway,workers,web,feeds``).

- ``gateway``: receives from the chat platforms (Discord's gateway, held by one process
  at a time on PostgreSQL; Slack's Socket Mode or HTTP events);
- ``workers``: delivers the outbox (briefs, copies, deletions) to every platform;
- ``web``: serves the web comment pages and their live streams;
- ``feeds``: polls the newsrooms' feeds (due feeds are claimed from the store, so
  several processes share them) and queues their briefs;

Every role by default, which is one process doing everything.
"""

from __future__ import annotations

from enum import StrEnum

from bot.errors import ConfigError

__all__ = ["ALL_ROLES", "Role", "parse_roles"]


class Role(StrEnum):
    GATEWAY = "gateway"
    WORKERS = "workers"
    WEB = "web"
    FEEDS = "feeds"


ALL_ROLES = frozenset(Role)


def parse_roles(text: str | None) -> frozenset[Role]:
    """``"gateway,web"`` as roles; empty or ``None`` means all. Raises ``ConfigError``
    naming what is unknown."""
    names = [part.strip().lower() for part in (text or "").split(",") if part.strip()]
    if not names:
        return ALL_ROLES
    known = {role.value for role in Role}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ConfigError(
            f"Unknown role {', '.join(unknown)}: choose from "
            f"{', '.join(role.value for role in Role)}."
        )
    return frozenset(Role(name) for name in names)
