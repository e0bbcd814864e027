"""Seed a real store with one briefed article discussed on Discord, Slack and the web."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK
from bot.briefing.model import Brief
from bot.domain.model import Author
from bot.ports.store import NewComment, Store
from bot.services.briefs import ensure_web_place

NOW = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)

BRIEF = {
    "title": "Mill Street bridge to close for repairs",
    "url": "https://gazette.example/news/mill-street-bridge",
    "site_name": "Riverside Gazette",
    "published": "2026-11-24",
    "text": "word " * 500,
    "summary": [
        "The Mill Street bridge will close for eight weeks.",
        "About 9,000 vehicles cross it each day.",
        "The repairs will cost $2.4 million.",
    ],
    "key_figures": [
        {"value": "9,000", "label": "vehicles a day", "sentence": ""},
        {"value": "$2.4 million", "label": "cost of the repairs", "sentence": ""},
    ],
}


@dataclass(frozen=True)
class Seeded:
    article_id: int
    discussion_id: int
    discord_comment: int
    slack_comment: int
    deleted_comment: int
    edited_comment: int


def _ref() -> str:
    return secrets.token_hex(4)


async def seed(store: Store, *, url: str | None = None) -> Seeded:
    """Article, a room of Discord + Slack, a discussion with threads on all three places."""
    url = url or f"https://gazette.example/news/{_ref()}"
    async with store.transaction() as tx:
        article, _ = await tx.articles.add_or_get(
            url, str(BRIEF["title"]), Brief.from_dict(BRIEF), NOW
        )
        discord = await tx.places.ensure(DISCORD, f"g{_ref()}", "c1", "news")
        slack = await tx.places.ensure(SLACK, f"T{_ref()}", "C1", "news")
        room = await tx.places.link(discord.id, slack.id)
        web = await ensure_web_place(tx)
        discussion, _ = await tx.discussions.get_or_create(article.id, room, NOW)
        d_thread = await tx.discussions.add_thread(discussion.id, discord.id, _ref(), "m1", NOW)
        s_thread = await tx.discussions.add_thread(discussion.id, slack.id, _ref(), "1.0", NOW)
        ref = f"d{discussion.id}"
        await tx.discussions.add_thread(discussion.id, web.id, ref, ref, NOW)

        async def add(thread_id: int, author: Author, text: str, minutes: int, reply: int | None):
            new = NewComment(
                thread_id, _ref(), author, text, NOW + timedelta(minutes=minutes), reply
            )
            comment, _ = await tx.comments.add(new)
            return comment

        ana = Author(DISCORD, "u1", "Ana")
        ben = Author(SLACK, "U2", "Ben")
        first = await add(d_thread.id, ana, "The detour is **awful**.", 1, None)
        second = await add(s_thread.id, ben, "<script>alert('x')</script> agreed", 2, first.id)
        gone = await add(d_thread.id, ana, "secret regret", 3, None)
        await tx.comments.delete(gone.id, NOW + timedelta(minutes=4))
        changed = await add(s_thread.id, ben, "first version", 5, None)
        await tx.comments.edit(changed.id, "second version", NOW + timedelta(minutes=6))
        await tx.commit()
    return Seeded(article.id, discussion.id, first.id, second.id, gone.id, changed.id)
