"""Feeds end to end: the sandbox's newsroom feed, the real bot, both emulators.

A story published in the newsroom reaches Discord #news and Slack #news once each, with
its thread, untouched by hand; polls that find nothing new are 304s and parse nothing; a
feed that starts failing is paused with a notice in both channels; an item that points at
a private address is refused.
"""

from __future__ import annotations

import asyncio
import warnings
from pathlib import Path
from typing import Any

import aiohttp
import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import discord  # noqa: F401

from adapters.sandbox import Sandbox
from tests.e2e.test_sandbox import _no_platform_env, call, running_sandbox  # noqa: F401
from tests.eventually import eventually

pytestmark = pytest.mark.slow


async def _briefs(sandbox: Sandbox, http: aiohttp.ClientSession) -> dict[str, list[Any]]:
    """The brief messages in each #news, with their threads."""
    assert sandbox.info is not None
    d, s = sandbox.info["discord"], sandbox.info["slack"]
    discord_msgs = (await call(http, "GET", f"{d['control_url']}/channels/news/messages"))[
        "messages"
    ]
    slack_msgs = (await call(http, "GET", f"{s['control_url']}/channels/news/messages"))["messages"]
    return {
        "discord": [m for m in discord_msgs if m["embeds"]],
        "slack": [
            m
            for m in slack_msgs
            if m.get("blocks") and m.get("metadata", {}).get("event_type") != "briefbot_notice"
        ],
        "discord_text": [m["content"] for m in discord_msgs if not m["embeds"]],
        "slack_text": [m.get("text", "") for m in slack_msgs if not m.get("blocks")],
    }


async def _primed(sandbox: Sandbox) -> None:
    """Wait for the subscription's first poll (it records what is there, posting nothing
    of an empty feed), so every story published afterwards is new."""
    app = sandbox.app
    assert app is not None

    async def done() -> bool:
        async with app.store.transaction() as tx:
            return all(feed.primed for feed in await tx.feeds.every())

    await eventually(done, 20)


async def _publish(sandbox: Sandbox, http: aiohttp.ClientSession) -> str:
    data = await call(http, "POST", f"{sandbox.web_url}/sandbox/newsroom/publish", {})
    return str(data["title"])


async def test_a_published_story_appears_once_in_both_channels_with_its_thread(
    tmp_path: Path,
) -> None:
    async with running_sandbox(tmp_path / "data") as (sandbox, http):
        room, app = sandbox.newsroom, sandbox.app
        assert room is not None and app is not None and app.feeds is not None
        await _primed(sandbox)
        first = await _publish(sandbox, http)
        second = await _publish(sandbox, http)

        async def both_posted() -> Any:
            found = await _briefs(sandbox, http)
            titles_d = [m["embeds"][0]["title"] for m in found["discord"]]
            titles_s = [m["blocks"][0]["text"]["text"] for m in found["slack"]]
            if {first, second} <= set(titles_d) & set(titles_s):
                return found, titles_d, titles_s
            return None

        found, titles_d, titles_s = await eventually(both_posted, 30)
        assert all(m["thread_id"] for m in found["discord"])
        # Wait for a few more polls: nothing is posted twice, and nothing new is parsed.
        parsed = app.feeds.stats.counts["parsed"]
        for _ in range(3):
            app.feeds.wake()
            await asyncio.sleep(0.3)
            async with app.store.transaction() as tx:
                (feed,) = await tx.feeds.every()
                await tx.feeds.set_paused(feed.id, None, app.ctx.clock())  # due now
                await tx.commit()
        await asyncio.sleep(1.5)
        found, titles_d, titles_s = await eventually(both_posted, 10)
        assert sorted(titles_d) == sorted(set(titles_d)) and len(titles_d) >= 1
        assert titles_d.count(second) == 1 and titles_s.count(second) == 1
        assert titles_d.count(first) == 1 and titles_s.count(first) == 1
        assert room.not_modified >= 1
        assert app.feeds.stats.counts["parsed"] == parsed  # the 304s were not parsed
        async with http.get(f"{sandbox.web_url}/feeds") as response:
            assert "Millbrook Ledger" in await response.text()


async def test_a_private_address_item_is_refused_and_a_failing_feed_is_paused(
    tmp_path: Path,
) -> None:
    async with running_sandbox(tmp_path / "data") as (sandbox, http):
        room, app = sandbox.newsroom, sandbox.app
        assert room is not None and app is not None and app.feeds is not None
        await _primed(sandbox)
        story = await _publish(sandbox, http)

        async def posted() -> Any:
            found = await _briefs(sandbox, http)
            return found if found["discord"] and found["slack"] else None

        await eventually(posted, 30)
        room.publish(link="http://10.11.12.13/internal/budget")
        assert room.on_publish is not None
        await room.on_publish()

        async def refused() -> bool:
            return app.feeds is not None and app.feeds.stats.counts["items_refused"] == 1

        await eventually(refused, 20)
        room.status = 410  # the newsroom took its feed down for good
        room.publish()
        await room.on_publish()

        async def told() -> Any:
            found = await _briefs(sandbox, http)
            notice_d = [t for t in found["discord_text"] if "is paused because" in t]
            notice_s = [t for t in found["slack_text"] if "is paused because" in t]
            return (found, notice_d, notice_s) if notice_d and notice_s else None

        found, notice_d, notice_s = await eventually(told, 30)
        assert len(found["discord"]) == 1 and len(found["slack"]) == 1  # only the first story
        assert found["discord"][0]["embeds"][0]["title"] == story
        assert notice_d[0].startswith("The feed Millbrook Ledger")
        assert "not found" in notice_d[0] and len(notice_d) == 1 and len(notice_s) == 1
