"""Replies under one of our briefs written before its thread was recorded (real slack-bolt).

The brief is posted by the bot, but the thread is recorded only later, as the delivery
worker does when the invitation or the store is slow. A reply in a thread recorded
earlier, written after the early ones, marks the moment the bot has seen them all (one
inbox handles events in arrival order).
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from adapters.slack.platform import SLACK
from bot.briefing.model import Brief
from bot.domain.events import BriefPosted
from bot.domain.model import Place, Thread
from bot.ports.chat import PostedBrief
from tests.eventually import eventually

from .slack_env import SlackEnv, slack_env


def brief(slug: str) -> Brief:
    title = f"Harbour ferry news: {slug}"
    return Brief(title, title, (title,), (), f"https://courier.example/{slug}")


async def news_place(env: SlackEnv) -> Place:
    async with env.store.transaction() as tx:
        place = await tx.places.ensure(SLACK, env.emu.team_id, env.news, "news")
        await tx.commit()
    return place


async def record(env: SlackEnv, place: Place, posted: PostedBrief, url: str) -> Thread:
    """What the delivery worker does once the brief is posted: record, then announce."""
    now = env.ctx.clock()
    async with env.store.transaction() as tx:
        article, _ = await tx.articles.add_or_get(url, url, Brief.empty(url), now)
        discussion, _ = await tx.discussions.get_or_create(article.id, place.room_id, now)
        thread = await tx.discussions.add_thread(
            discussion.id, place.id, posted.thread_ref, posted.message_id, now
        )
        await tx.commit()
    env.ctx.bus.publish(BriefPosted(article.id, discussion.id, place.id, thread.id, 0))
    return thread


async def texts(env: SlackEnv, thread: Thread) -> list[tuple[str, bool]]:
    return [(c.text, c.deleted) for c in await env.comments(thread)]


async def seen_up_to_here(env: SlackEnv, known: Thread) -> None:
    """A reply in a recorded thread, stored: every event before it was handled."""
    await env.control.reply(env.news, "ana", "sentinel", known.message_id)

    async def stored() -> bool:
        return any(c.text == "sentinel" for c in await env.comments(known))

    await eventually(stored)


async def test_replies_before_the_thread_is_recorded_are_stored_in_order(
    tmp_path: Path,
) -> None:
    async with slack_env(tmp_path) as env:
        runner = env.new_runner()
        await runner.start()
        place = await news_place(env)
        first = await runner.chat.post_brief(place, brief("first"))
        known = await record(env, place, first, "https://courier.example/first")
        posted = await runner.chat.post_brief(place, brief("early"))
        ts = posted.message_id

        one = await env.control.reply(env.news, "ana", "First!", ts)
        two = await env.control.reply(env.news, "ana", "Typo here", ts)
        await env.control.call("PATCH", f"messages/{env.news}/{one}", {"text": "First! (edited)"})
        await env.control.call("DELETE", f"messages/{env.news}/{two}")
        await env.control.reply(env.news, "ana", "Third", ts)
        await seen_up_to_here(env, known)

        thread = await record(env, place, posted, "https://courier.example/early")

        async def all_stored() -> bool:
            return len(await env.comments(thread)) == 3

        await eventually(all_stored)
        assert await texts(env, thread) == [
            ("First! (edited)", False),
            ("", True),
            ("Third", False),
        ]


async def test_replies_the_holding_area_had_no_room_for_are_read_from_the_thread(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    async with slack_env(tmp_path) as env:
        runner = env.new_runner()
        runner.collector.early.max_events = 2
        await runner.start()
        place = await news_place(env)
        first = await runner.chat.post_brief(place, brief("first"))
        known = await record(env, place, first, "https://courier.example/first")
        posted = await runner.chat.post_brief(place, brief("burst"))

        written = [f"reply {n}" for n in range(1, 6)]
        for text in written:
            await env.control.reply(env.news, "ana", text, posted.message_id)
        await seen_up_to_here(env, known)
        assert "dropped the oldest event held for slack thread" in caplog.text

        thread = await record(env, place, posted, "https://courier.example/burst")

        async def all_stored() -> bool:
            return len(await env.comments(thread)) == len(written)

        await eventually(all_stored)
        assert await texts(env, thread) == [(text, False) for text in written]
