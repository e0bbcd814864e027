"""What a moderator oversees: the rooms they may act on, and one room at a glance (its
places, policy, recent discussions and bans)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.model import WEB, Discussion, Place, Platform
from bot.domain.moderation import Moderator, Policy
from bot.services.context import Context
from bot.services.moderation.audit import check_room

__all__ = ["RoomOverview", "RoomPlaces", "moderated_rooms", "room_overview"]

DISCUSSIONS_SHOWN = 20


@dataclass(frozen=True, slots=True)
class RoomPlaces:
    """A linked discussion group and the places in it (none for a room since merged)."""

    room_id: int
    places: list[Place]


@dataclass(frozen=True, slots=True)
class RoomOverview:
    room_id: int
    places: list[Place]
    policy: Policy
    discussions: list[tuple[Discussion, str]]
    """The room's latest discussions, newest first, each with its article's title."""
    bans: list[tuple[Platform, str]]


async def moderated_rooms(ctx: Context, moderator: Moderator) -> list[RoomPlaces]:
    """Every room with a chat place, for an operator (``rooms is None``); else the
    moderator's own rooms. Ascending room id.

    The web comment section is one place present in every discussion, kept in a room of its
    own that no discussion belongs to, so that room is left out."""
    async with ctx.store.transaction() as tx:
        if moderator.rooms is None:
            grouped: dict[int, list[Place]] = {}
            for place in await tx.places.every():
                grouped.setdefault(place.room_id, []).append(place)
            return [
                RoomPlaces(room, places)
                for room, places in sorted(grouped.items())
                if any(p.platform != WEB for p in places)
            ]
        return [RoomPlaces(room, await tx.places.in_room(room)) for room in sorted(moderator.rooms)]


async def room_overview(ctx: Context, room_id: int, moderator: Moderator) -> RoomOverview:
    """One room at a glance. Raises ``NotAllowedError`` for another moderator's room."""
    check_room(moderator, room_id)
    async with ctx.store.transaction() as tx:
        policy = await tx.moderation.policy_for(room_id) or ctx.moderation_defaults
        discussions = []
        for discussion in await tx.discussions.in_room(room_id, DISCUSSIONS_SHOWN):
            article = await tx.articles.get(discussion.article_id)
            discussions.append((discussion, article.title))
        return RoomOverview(
            room_id,
            await tx.places.in_room(room_id),
            policy,
            discussions,
            await tx.moderation.bans(room_id),
        )
