"""``briefbot link PLACE PLACE...``: link channels into one room from the shell."""

from __future__ import annotations

import asyncio
import sys
from typing import Annotated

import typer
from rich.console import Console

from bot.config import load_settings
from bot.domain.model import Place, Platform
from bot.errors import BriefbotError

__all__ = ["link", "parse_place"]


class PlaceSyntaxError(BriefbotError):
    pass


def parse_place(text: str) -> tuple[Platform, str, str]:
    """``discord:GUILD/CHANNEL`` or ``slack:TEAM/CHANNEL`` → (platform, workspace, channel)."""
    platform_name, _, rest = text.partition(":")
    workspace, _, channel = rest.partition("/")
    from bot.bootstrap import chat_adapters

    known = {adapter.platform.value: adapter.platform for adapter in chat_adapters()}
    platform = known.get(platform_name.strip().lower())
    if platform is None or not workspace or not channel:
        raise PlaceSyntaxError(
            f"“{text}” is not a channel: write discord:GUILD_ID/CHANNEL_ID or "
            "slack:TEAM_ID/CHANNEL_ID."
        )
    return platform, workspace.strip(), channel.strip()


async def _link(places: list[tuple[Platform, str, str]]) -> list[Place]:
    from bot.bootstrap import open_configured_store

    store = await open_configured_store(load_settings())
    try:
        async with store.transaction() as tx:
            ensured = [await tx.places.ensure(p, w, c, c) for p, w, c in places]
            room = ensured[0].room_id
            for other in ensured[1:]:
                room = await tx.places.link(ensured[0].id, other.id)
            members = await tx.places.in_room(room)
            await tx.commit()
        return members
    finally:
        await store.close()


def link(
    places: Annotated[
        list[str],
        typer.Argument(
            metavar="PLACE", help="Two or more channels: discord:GUILD/CHANNEL slack:TEAM/CHANNEL"
        ),
    ],
) -> None:
    """Link channels so briefs and comments are shared between them."""
    console = Console(stderr=True, soft_wrap=True)
    try:
        parsed = [parse_place(p) for p in places]
        if len(parsed) < 2:
            raise PlaceSyntaxError("Name at least two channels to link.")
        members = asyncio.run(_link(parsed))
    except BriefbotError as error:
        console.print(f"[red]{error.user_message}[/red]", highlight=False)
        sys.exit(2)
    names = ", ".join(f"{m.platform.label} {m.workspace_id}/{m.channel_id}" for m in members)
    Console().print(f"Linked: {names}.", highlight=False)
