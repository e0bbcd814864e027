"""Messages in one of our threads written before it was recorded (real discord.py).

The brief and its thread are made by the bot, but the thread is recorded only later, as
the delivery worker does when the store or another process is slow. A message in a thread
recorded earlier, written after the early ones, marks the moment the bot has seen them all
(one inbox handles events in arrival order).
"""

from __future__ import annotations

import warnings
from pathlib import Path

from adapters.discord.platform import DISCORD

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # discord.py imports audioop
    import discord  # noqa: F401

from bot.briefing.model import Brief
from bot.domain.events import BriefPosted
from bot.domain.model import Place, Thread
from bot.ports.chat import PostedBrief
from tests.eventually import eventually
from tests.integration.adapters.discord_world import World, discord_world


def brief(slug: str) -> Brief:
    title = f"Library news: {slug}"
    return Brief(title, title, (title,), (), f"https://courier.example/{slug}")


async def news_place(world: World) -> Place:
    guild = (await world.control.state())["guild_id"]
    async with world.store.transaction() as tx:
        place = await tx.places.ensure(DISCORD, guild, str(world.emu.channel_id("news")), "news")
        await tx.commit()
    return place


async def record(world: World, place: Place, posted: PostedBrief, url: str) -> Thread:
    """What the delivery worker does once the thread exists: record, then announce."""
    now = world.ctx.clock()
    async with world.store.transaction() as tx:
        article, _ = await tx.articles.add_or_get(url, url, Brief.empty(url), now)
        discussion, _ = await tx.discussions.get_or_create(article.id, place.room_id, now)
        thread = await tx.discussions.add_thread(
            discussion.id, place.id, posted.thread_ref, posted.message_id, now
        )
        await tx.commit()
    world.ctx.bus.publish(BriefPosted(article.id, discussion.id, place.id, thread.id, 0))
    return thread


async def test_messages_before_the_thread_is_recorded_are_stored_in_order(
    tmp_path: Path,
) -> None:
    async with discord_world(tmp_path) as world:
        runner = await world.start_bot()
        place = await news_place(world)
        known = await record(
            world,
            place,
            await runner.chat.post_brief(place, brief("first")),
            "https://courier.example/first",
        )
        posted = await runner.chat.post_brief(place, brief("early"))
        where = posted.thread_ref

        one = await world.control.say(where, "hannah.k", "First!")
        two = await world.control.say(where, "hannah.k", "Typo here")
        await world.control.edit(where, one, "First! (edited)")
        await world.control.delete(where, two)
        await world.control.say(where, "hannah.k", "Third")
        sentinel = await world.control.say(known.thread_ref, "hannah.k", "sentinel")

        async def seen() -> bool:
            return [c.platform_message_id for c in await world.comments(known)] == [sentinel]

        await eventually(seen)
        # A repair round now (its timer is 30 s) must not lose the thread's messages.
        await runner.client.repair()

        thread = await record(world, place, posted, "https://courier.example/early")

        async def stored() -> bool:
            return len(await world.comments(thread)) == 3

        await eventually(stored)
        comments = await world.comments(thread)
        assert [(c.text, c.deleted) for c in comments] == [
            ("First! (edited)", False),
            ("", True),
            ("Third", False),
        ]
