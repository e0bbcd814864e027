"""What a moderator oversees: their rooms (every room for an operator) and one room at a
glance."""

from __future__ import annotations

import pytest

from adapters.slack.platform import SLACK
from bot.domain.moderation import Moderator
from bot.errors import NotAllowedError
from bot.services.moderation import ban, close, moderated_rooms, room_overview
from tests.unit.services.harness import harness
from tests.unit.services.moderation_support import OPERATOR, published, room_of


async def test_an_operator_sees_every_room_and_a_moderator_their_own() -> None:
    async with harness() as h:
        room = await room_of(h, await published(h))
        async with h.store.transaction() as tx:
            alone = await tx.places.ensure(SLACK, "T1", "CSPORTS", "sports")
            await tx.commit()
        every = await moderated_rooms(h.ctx, OPERATOR)
        assert [r.room_id for r in every] == sorted({room, alone.room_id})
        [shared] = [r for r in every if r.room_id == room]
        assert sorted(p.platform.value for p in shared.places) == ["discord", "slack"]
        scoped = Moderator(SLACK, "U1", "Sam", frozenset({alone.room_id}))
        [mine] = await moderated_rooms(h.ctx, scoped)
        assert (mine.room_id, [p.name for p in mine.places]) == (alone.room_id, ["sports"])


async def test_a_room_at_a_glance_and_refused_to_another_rooms_moderator() -> None:
    async with harness() as h:
        discussion = await published(h)
        room = await room_of(h, discussion)
        await ban(h.ctx, room, SLACK, "U9", OPERATOR)
        await close(h.ctx, discussion, OPERATOR)
        overview = await room_overview(h.ctx, room, OPERATOR)
        [(shown, title)] = overview.discussions
        assert shown.id == discussion and shown.closed and title
        assert overview.bans == [(SLACK, "U9")]
        assert overview.policy == h.ctx.moderation_defaults
        with pytest.raises(NotAllowedError):
            await room_overview(h.ctx, room, Moderator(SLACK, "U1", "Sam", frozenset()))
