"""Linking places into rooms: one-time codes from chat, or an admin's explicit link."""

from __future__ import annotations

import secrets
from datetime import timedelta

from bot.domain.model import Place, Platform
from bot.services.context import Context

__all__ = [
    "CODE_ALPHABET",
    "LINK_CODE_MINUTES",
    "issue_link_code",
    "link_places",
    "redeem_link_code",
]

LINK_CODE_MINUTES = 15
# No look-alike characters (0/O, 1/I/L), so a code survives being read aloud or retyped.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


async def issue_link_code(
    ctx: Context, platform: Platform, workspace_id: str, channel_id: str, channel_name: str
) -> str:
    """A short one-time code that links another channel with this one when redeemed there."""
    now = ctx.clock()
    async with ctx.store.transaction() as tx:
        place = await tx.places.ensure(platform, workspace_id, channel_id, channel_name)
        code = _new_code()
        await tx.places.add_link_code(place.id, code, now + timedelta(minutes=LINK_CODE_MINUTES))
        await tx.commit()
    return code


async def redeem_link_code(
    ctx: Context,
    code: str,
    platform: Platform,
    workspace_id: str,
    channel_id: str,
    channel_name: str,
) -> list[Place] | None:
    """Link the channel where the code is typed with the one that issued it.

    Returns the places of the joined room, or ``None`` when the code is unknown or expired.
    """
    now = ctx.clock()
    async with ctx.store.transaction() as tx:
        issuer = await tx.places.redeem_link_code(code.strip().upper(), now)
        if issuer is None:
            await tx.commit()  # expired codes are cleaned up on the way
            return None
        here = await tx.places.ensure(platform, workspace_id, channel_id, channel_name)
        room_id = await tx.places.link(issuer.id, here.id)
        places = await tx.places.in_room(room_id)
        await tx.commit()
    return places


async def link_places(ctx: Context, a: Place, b: Place) -> list[Place]:
    """Link two known places (the CLI and config-file way)."""
    async with ctx.store.transaction() as tx:
        room_id = await tx.places.link(a.id, b.id)
        places = await tx.places.in_room(room_id)
        await tx.commit()
    return places
