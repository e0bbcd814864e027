"""Who may act where, and the audit entry every moderator action leaves."""

from __future__ import annotations

from bot import messages
from bot.domain.moderation import Moderator
from bot.errors import NotAllowedError
from bot.ports.store import Transaction
from bot.services.context import Context

__all__ = ["check_room", "record"]


def check_room(moderator: Moderator, room_id: int) -> None:
    """Raises :class:`NotAllowedError` unless the moderator may act on the room."""
    if not moderator.may_act_in(room_id):
        raise NotAllowedError(messages.NOT_YOUR_ROOM)


async def record(
    ctx: Context,
    tx: Transaction,
    moderator: Moderator,
    action: str,
    room_id: int | None,
    target: str,
    detail: str = "",
) -> None:
    await tx.moderation.audit(
        at=ctx.clock(),
        moderator=moderator.key(),
        moderator_name=moderator.name,
        action=action,
        room_id=room_id,
        target=target,
        detail=detail,
    )
