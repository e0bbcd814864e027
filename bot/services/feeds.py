"""Feed subscriptions: what ``/feed``, ``briefbot feed`` and the web list ask of the core.

A subscription belongs to a channel and, through linking, to every linked channel: the
feeds of a channel are the feeds of its room, and a moderator in any channel of the room
may remove, pause or resume them. Every answer is one plain sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from bot.domain.model import Place, Platform
from bot.errors import BriefbotError, NotFoundError
from bot.feeds import messages
from bot.feeds.failures import PauseReason
from bot.feeds.model import Feed
from bot.services.context import Context
from bot.services.urls import MAX_ARTICLE_URL_CHARS

__all__ = [
    "ACTIONS",
    "FeedRequest",
    "FeedUsageError",
    "add_feed",
    "feeds_of_place",
    "parse_feed_command",
    "remove_feed",
    "run_feed_command",
    "set_feed_paused",
]

ACTIONS = ("add", "list", "remove", "pause", "resume")
USAGE = "Use /feed add <url>, /feed list, /feed remove <id>, /feed pause <id> or /feed resume <id>."


class FeedUsageError(BriefbotError):
    """What was typed after ``/feed`` is not usable; ``user_message`` says how to write it."""


@dataclass(frozen=True, slots=True)
class FeedRequest:
    action: str
    url: str | None = None
    feed_id: int | None = None


def parse_feed_command(text: str) -> FeedRequest:
    """``add <url>``, ``list``, ``remove|pause|resume <id>`` (``#3`` works too); Slack's
    escaped links (``<https://…>``) are unwrapped."""
    words = text.split()
    if not words or words[0].lower() not in ACTIONS:
        raise FeedUsageError(USAGE)
    action = words[0].lower()
    if action == "list":
        return FeedRequest(action)
    if len(words) != 2:
        raise FeedUsageError(USAGE)
    if action == "add":
        return FeedRequest(action, url=check_feed_url(words[1]))
    ident = words[1].lstrip("#")
    if not ident.isdigit() or int(ident) <= 0:
        raise FeedUsageError(f"“{words[1]}” is not a feed number; /feed list shows them.")
    return FeedRequest(action, feed_id=int(ident))


def check_feed_url(url: str) -> str:
    """The URL as typed (Slack's ``<…|…>`` unwrapped), or a plain-sentence refusal."""
    url = url.strip()
    if url.startswith("<") and url.endswith(">"):
        url = url[1:-1].split("|", 1)[0]
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (a port out of range raises here)
    except ValueError:
        raise FeedUsageError("That is not a valid feed address.") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FeedUsageError("A feed address starts with http:// or https://.")
    if len(url) > MAX_ARTICLE_URL_CHARS:
        raise FeedUsageError("That feed address is too long.")
    # One spelling per feed, so adding it again as "HTTPS://Ledger.example/…" or with a
    # "#fragment" finds the same subscription: scheme and host are case-blind, and a
    # fragment never reaches the server.
    host = parts.netloc.rpartition("@")[2]
    netloc = parts.netloc[: len(parts.netloc) - len(host)] + host.lower()
    return urlunsplit((parts.scheme.lower(), netloc, parts.path, parts.query, ""))


async def add_feed(ctx: Context, place: Place, url: str) -> tuple[Feed, bool]:
    """Subscribe ``place``; polled within moments (its first poll posts only the newest
    story). Returns ``(feed, created)``."""
    async with ctx.store.transaction() as tx:
        # A room follows a feed once: a linked channel adding it again would poll it twice
        # and be told of every flood twice, for the same briefs.
        for feed in await tx.feeds.in_room(place.room_id):
            if feed.url == url:
                return feed, False
        feed, created = await tx.feeds.add(place.id, url, ctx.feed_interval_seconds, ctx.clock())
        await tx.commit()
    return feed, created


async def feeds_of_place(ctx: Context, place: Place) -> list[Feed]:
    async with ctx.store.transaction() as tx:
        return await tx.feeds.in_room(place.room_id)


async def _in_room(ctx: Context, place: Place, feed_id: int) -> Feed | None:
    async with ctx.store.transaction() as tx:
        try:
            feed = await tx.feeds.get(feed_id)
            owner = await tx.places.get(feed.place_id)
        except NotFoundError:
            return None
    return feed if owner.room_id == place.room_id else None


async def remove_feed(ctx: Context, feed_id: int) -> Feed:
    """Raises ``NotFoundError``."""
    async with ctx.store.transaction() as tx:
        feed = await tx.feeds.get(feed_id)
        await tx.feeds.remove(feed_id)
        await tx.commit()
    return feed


async def set_feed_paused(ctx: Context, feed_id: int, paused: bool) -> Feed:
    """A moderator's pause or resume; a resumed feed is due at once, failures forgotten.
    Raises ``NotFoundError``."""
    async with ctx.store.transaction() as tx:
        feed = await tx.feeds.get(feed_id)
        reason = messages.pause_notice(feed, PauseReason.BY_MODERATOR) if paused else None
        feed = await tx.feeds.set_paused(feed_id, reason, ctx.clock())
        await tx.commit()
    return feed


async def run_feed_command(
    ctx: Context,
    request: FeedRequest,
    platform: Platform,
    workspace_id: str,
    channel_id: str,
    channel_name: str,
) -> str:
    """Carry out a moderator's ``/feed`` in that channel; the answer is one sentence (a
    list is one line per feed)."""
    async with ctx.store.transaction() as tx:
        # A known channel keeps its name (Slack sends "privategroup" for private ones).
        place = await tx.places.find(platform, workspace_id, channel_id)
        if place is None:
            place = await tx.places.ensure(platform, workspace_id, channel_id, channel_name)
        await tx.commit()
    if request.action == "add":
        assert request.url is not None
        feed, created = await add_feed(ctx, place, request.url)
        return messages.feed_added(feed) if created else messages.feed_already(feed)
    if request.action == "list":
        feeds = await feeds_of_place(ctx, place)
        return "\n".join(messages.feed_line(f) for f in feeds) if feeds else messages.no_feeds()
    assert request.feed_id is not None
    if await _in_room(ctx, place, request.feed_id) is None:
        return messages.feed_not_here(request.feed_id)
    if request.action == "remove":
        return messages.feed_removed(await remove_feed(ctx, request.feed_id))
    paused = request.action == "pause"
    feed = await set_feed_paused(ctx, request.feed_id, paused)
    return messages.feed_paused(feed) if paused else messages.feed_resumed(feed)
