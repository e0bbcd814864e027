"""How converters learn the names behind mention ids (filled in by each adapter)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.domain.text import clean_name

__all__ = ["MentionNames", "NoNames"]


@dataclass(frozen=True, slots=True)
class MentionNames:
    """Known names for user, channel and role/group ids; unknown ids fall back politely."""

    users: Mapping[str, str] = field(default_factory=dict)
    channels: Mapping[str, str] = field(default_factory=dict)
    roles: Mapping[str, str] = field(default_factory=dict)

    # Names pass through clean_name: a mention must not reorder the comment around it.
    def user(self, user_id: str, fallback: str | None = None) -> str:
        return clean_name(self.users.get(user_id) or fallback or "") or "someone"

    def channel(self, channel_id: str, fallback: str | None = None) -> str:
        return clean_name(self.channels.get(channel_id) or fallback or "") or "channel"

    def role(self, role_id: str, fallback: str | None = None) -> str:
        return clean_name(self.roles.get(role_id) or fallback or "") or "group"


NoNames = MentionNames()
