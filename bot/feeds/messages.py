"""What people are told about feeds: one plain sentence each."""

from __future__ import annotations

from bot.feeds.failures import PauseReason
from bot.feeds.model import Feed

__all__ = [
    "feed_added",
    "feed_already",
    "feed_held_back",
    "feed_line",
    "feed_not_here",
    "feed_paused",
    "feed_removed",
    "feed_resumed",
    "no_feeds",
    "pause_notice",
]

_WHY = {
    PauseReason.NOT_FOUND: "its address answers “not found”",
    PauseReason.NOT_A_FEED: "what its address returns is not an RSS or Atom feed",
    PauseReason.REFUSED: "the site refuses it, or its address is one briefbot may not fetch",
    PauseReason.TOO_LARGE: "it is larger than the size limit",
    PauseReason.TIMING_OUT: "the site keeps timing out",
    PauseReason.UNREACHABLE: "the site cannot be reached",
    PauseReason.BY_MODERATOR: "a moderator paused it",
}


def pause_notice(feed: Feed, reason: PauseReason) -> str:
    return (
        f"The feed {feed.name} (#{feed.id}) is paused because {_WHY[reason]};"
        f" a moderator can resume it with /feed resume {feed.id}."
    )


def feed_held_back(feed: Feed, count: int) -> str:
    stories = "story was" if count == 1 else "stories were"
    return (
        f"{count} more new {stories} not posted from the feed {feed.name}, to avoid a flood;"
        f" they are on {feed.url}."
    )


def feed_added(feed: Feed) -> str:
    minutes = max(1, round(feed.interval_seconds / 60))
    return (
        f"Subscribed to {feed.url} as feed #{feed.id}: its newest story is briefed here soon,"
        f" then every new one (checked every {minutes} minutes)."
    )


def feed_already(feed: Feed) -> str:
    return f"This channel or one linked with it already follows {feed.url} (feed #{feed.id})."


def feed_removed(feed: Feed) -> str:
    return f"Feed #{feed.id} ({feed.name}) is removed; its stories already posted stay."


def feed_paused(feed: Feed) -> str:
    return f"Feed #{feed.id} ({feed.name}) is paused."


def feed_resumed(feed: Feed) -> str:
    return f"Feed #{feed.id} ({feed.name}) is resumed and will be checked now."


def feed_not_here(feed_id: int) -> str:
    return f"There is no feed #{feed_id} in this channel or the channels linked with it."


def no_feeds() -> str:
    return "No feeds here yet: a moderator can add one with /feed add <url>."


def feed_line(feed: Feed) -> str:
    state = f"paused: {feed.paused_reason}" if feed.paused_reason else "active"
    name = f"{feed.title} ({feed.url})" if feed.title else feed.url
    return f"#{feed.id} {name} — {state}"
