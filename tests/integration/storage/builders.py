"""Small builders for storage tests: unique ids per test, a ready-made discussion."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK
from bot.briefing.model import Brief
from bot.domain.model import Article, Author, Discussion, Place, Thread
from bot.ports.store import NewComment, Transaction

T0 = datetime(2026, 3, 1, 12, 0, 0, 123456, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def ref(prefix: str = "id") -> str:
    return f"{prefix}-{secrets.token_hex(4)}"


@dataclass(frozen=True)
class Setup:
    article: Article
    discord: Place
    slack: Place
    discussion: Discussion
    discord_thread: Thread
    slack_thread: Thread


async def discussion_setup(tx: Transaction) -> Setup:
    """An article briefed in a room of a Discord and a Slack channel, a thread on each."""
    article, _ = await tx.articles.add_or_get(
        f"https://news.example/{ref('a')}", "T", Brief.empty("T"), T0
    )
    discord = await tx.places.ensure(DISCORD, ref("g"), ref("c"), "news")
    slack = await tx.places.ensure(SLACK, ref("T"), ref("C"), "news")
    room_id = await tx.places.link(discord.id, slack.id)
    discussion, _ = await tx.discussions.get_or_create(article.id, room_id, T0)
    d_thread = await tx.discussions.add_thread(discussion.id, discord.id, ref("th"), ref("m"), T0)
    s_thread = await tx.discussions.add_thread(discussion.id, slack.id, ref("C/1"), ref("m"), T0)
    return Setup(article, discord, await tx.places.get(slack.id), discussion, d_thread, s_thread)


def new_comment(
    thread: Thread, message_id: str | None = None, text: str = "hello", **kw: object
) -> NewComment:
    author = Author(DISCORD, "u1", "Ana", "https://cdn.example/a.png")
    return NewComment(
        thread_id=thread.id,
        platform_message_id=message_id or ref("msg"),
        author=author,
        text=text,
        created_at=at(1),
        **kw,  # type: ignore[arg-type]
    )
