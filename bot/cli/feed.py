"""``briefbot feed add|list|remove|pause|resume``: feed subscriptions from the shell."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Annotated, Any

import typer
from rich.console import Console

from bot.cli.help import PlainHelpCommand, PlainHelpGroup
from bot.cli.link import parse_place
from bot.cli.operator import fail, opened_context
from bot.errors import BriefbotError, NotFoundError
from bot.feeds import messages
from bot.services.feeds import (
    FeedRequest,
    add_feed,
    check_feed_url,
    remove_feed,
    set_feed_paused,
)

__all__ = ["feed"]

feed = typer.Typer(
    name="feed",
    cls=PlainHelpGroup,
    help="Newsroom feeds whose new stories are briefed into channels.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_PLACE = typer.Argument(metavar="PLACE", help="discord:GUILD/CHANNEL or slack:TEAM/CHANNEL")
_ID = typer.Argument(metavar="ID", help="The feed's number (see briefbot feed list)")


def _say(text: str) -> None:
    Console(soft_wrap=True).print(text, markup=False, highlight=False)


async def _add(place_text: str, url: str) -> str:
    platform, workspace, channel = parse_place(place_text)
    async with opened_context() as ctx:
        async with ctx.store.transaction() as tx:
            place = await tx.places.ensure(platform, workspace, channel, channel)
            await tx.commit()
        subscribed, created = await add_feed(ctx, place, url)
    return messages.feed_added(subscribed) if created else messages.feed_already(subscribed)


async def _list() -> str:
    async with opened_context() as ctx, ctx.store.transaction() as tx:
        feeds = await tx.feeds.every()
        places = {f.place_id: await tx.places.get(f.place_id) for f in feeds}
    if not feeds:
        return "No feeds yet: add one with briefbot feed add PLACE URL."
    return "\n".join(
        f"{messages.feed_line(f)} → {places[f.place_id].platform.label}"
        f" {places[f.place_id].workspace_id}/{places[f.place_id].channel_id}"
        for f in feeds
    )


async def _change(request: FeedRequest) -> str:
    assert request.feed_id is not None
    async with opened_context() as ctx:
        try:
            if request.action == "remove":
                return messages.feed_removed(await remove_feed(ctx, request.feed_id))
            paused = request.action == "pause"
            changed = await set_feed_paused(ctx, request.feed_id, paused)
        except NotFoundError:
            raise BriefbotError(f"There is no feed #{request.feed_id}.") from None
    return messages.feed_paused(changed) if paused else messages.feed_resumed(changed)


def _run(work: Coroutine[Any, Any, str]) -> None:
    try:
        _say(asyncio.run(work))
    except BriefbotError as error:
        fail(error)


@feed.command("add", cls=PlainHelpCommand)
def add(
    place: Annotated[str, _PLACE],
    url: Annotated[str, typer.Argument(metavar="URL", help="The feed's address (RSS or Atom)")],
) -> None:
    """Brief every new story of the feed into the channel (its newest one first)."""
    try:
        checked = check_feed_url(url)
    except BriefbotError as error:
        fail(error)
    _run(_add(place, checked))


@feed.command("list", cls=PlainHelpCommand)
def list_() -> None:
    """Every feed, with its channel and whether it is paused (and why)."""
    _run(_list())


@feed.command("remove", cls=PlainHelpCommand)
def remove(feed_id: Annotated[int, _ID]) -> None:
    """Stop briefing the feed; stories already posted stay."""
    _run(_change(FeedRequest("remove", feed_id=feed_id)))


@feed.command("pause", cls=PlainHelpCommand)
def pause(feed_id: Annotated[int, _ID]) -> None:
    """Stop polling the feed until it is resumed."""
    _run(_change(FeedRequest("pause", feed_id=feed_id)))


@feed.command("resume", cls=PlainHelpCommand)
def resume(feed_id: Annotated[int, _ID]) -> None:
    """Poll the feed again now, its failures forgotten."""
    _run(_change(FeedRequest("resume", feed_id=feed_id)))
