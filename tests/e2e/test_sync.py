"""One discussion everywhere: the real bot between the Discord and Slack emulators and the web.

Each test runs the whole product in-process (the sandbox's stack: both emulators, briefbot
built by the production composition root, SQLite, the web server) and acts only through
the emulators' control APIs and the web JSON API, the way readers would.
"""

from __future__ import annotations

import asyncio
import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # discord.py imports audioop
    import discord  # noqa: F401

from tests.e2e.stack import Stack, running_stack
from tests.eventually import eventually

pytestmark = pytest.mark.slow

MARIA = "maria.lopez"  # Discord: María López
ANA = "U0ANA000001"  # Slack: ana


async def copies_settle(stack: Stack, thread: str, ts: str, discord: int, slack: int) -> None:
    async def done() -> bool:
        return (
            len(await stack.discord_copies(thread)) == discord
            and len(await stack.slack_copies(ts)) == slack
        )

    await eventually(done)


async def test_a_comment_from_each_place_reaches_the_other_two(tmp_path: Path) -> None:
    async with running_stack(tmp_path) as stack:
        brief = await stack.brief_from_discord()
        thread, ts = brief["discord_thread"], brief["slack_ts"]
        assert "Posted the brief" in brief["reply"]["original"]["content"]

        await stack.discord_say(thread, MARIA, "The **new studio** is great news")
        await stack.stored(1)
        await stack.slack_say(ts, ANA, "Agreed, _finally_ open on Sundays")
        await stack.stored(2)
        discussion_id = await stack.discussion_id()
        await stack.call(
            "POST",
            f"{stack.sandbox.web_url}/api/discussions/{discussion_id}/comments",
            {"name": "Cara Web", "text": "Reading from the website"},
        )
        await copies_settle(stack, thread, ts, discord=2, slack=2)

        slack_copies = await stack.slack_copies(ts)
        assert [(m["username"], m["text"]) for m in slack_copies] == [
            ("María López (Discord)", "The *new studio* is great news"),
            ("Cara Web (Web)", "Reading from the website"),
        ]
        discord_copies = await stack.discord_copies(thread)
        assert [(m["username"], m["content"]) for m in discord_copies] == [
            ("Ana (Slack)", "Agreed, _finally_ open on Sundays"),
            ("Cara Web (Web)", "Reading from the website"),
        ]
        assert discord_copies[0]["avatar_url"]  # the Slack reader's own picture

        web = await stack.web_comments()
        assert [(c["author"]["platform"], c["text"]) for c in web] == [
            ("discord", "The **new studio** is great news"),
            ("slack", "Agreed, _finally_ open on Sundays"),
            ("web", "Reading from the website"),
        ]


async def test_edits_and_deletions_follow_to_every_copy(tmp_path: Path) -> None:
    async with running_stack(tmp_path) as stack:
        brief = await stack.brief_from_discord()
        thread, ts = brief["discord_thread"], brief["slack_ts"]
        said = await stack.discord_say(thread, MARIA, "Opening day was packed")
        reply = await stack.slack_say(ts, ANA, "We queued for an hour")
        await copies_settle(stack, thread, ts, discord=1, slack=1)

        await stack.call(
            "PATCH",
            f"{stack.discord_control}/messages/{thread}/{said['id']}",
            {"content": "Opening day was packed, 600 people!"},
        )
        news = stack.info["slack"]["channels"]["news"]
        await stack.call("DELETE", f"{stack.slack_control}/messages/{news}/{reply['ts']}")

        async def followed() -> bool:
            [slack_copy] = await stack.slack_copies(ts)
            [discord_copy] = await stack.discord_copies(thread)
            return bool(
                slack_copy["text"] == "Opening day was packed, 600 people!"
                and slack_copy["edited"]
                and discord_copy["deleted"]
            )

        await eventually(followed)
        # Written a moment apart on two platforms, the two may be stored in either order.
        web = {c["author"]["platform"]: c for c in await stack.web_comments()}
        edited, deleted = web["discord"], web["slack"]
        assert edited["text"] == "Opening day was packed, 600 people!" and edited["edited_at"]
        assert deleted["deleted"] and not deleted["text"]


async def test_broadcast_mentions_ping_nobody_and_copies_are_never_relayed_back(
    tmp_path: Path,
) -> None:
    async with running_stack(tmp_path) as stack:
        brief = await stack.brief_from_discord()
        thread, ts = brief["discord_thread"], brief["slack_ts"]
        await stack.discord_say(thread, MARIA, "@everyone @here come to the library")
        await stack.slack_say(ts, ANA, "<!channel> <!here> <!everyone> hello all")
        await copies_settle(stack, thread, ts, discord=1, slack=1)

        [slack_copy] = await stack.slack_copies(ts)
        assert slack_copy["pings"] == []
        [discord_copy] = await stack.discord_copies(thread)
        pings = discord_copy["pings"]
        assert pings["everyone"] is False and pings["here"] is False
        assert pings["users"] == [] and pings["roles"] == []

        # Give an echo every chance to happen, then count: two comments, one copy each.
        await asyncio.sleep(1.5)
        assert len(await stack.discord_copies(thread)) == 1
        assert len(await stack.slack_copies(ts)) == 1
        assert len(await stack.web_comments()) == 2


async def test_slack_rate_limiting_delays_only_slack(tmp_path: Path) -> None:
    async with running_stack(tmp_path) as stack:
        brief = await stack.brief_from_discord()
        thread, ts = brief["discord_thread"], brief["slack_ts"]
        # Slack answers 429 to every chat.postMessage until the faults are cleared.
        await stack.call(
            "POST",
            f"{stack.slack_control}/faults",
            {"method": "chat.postMessage", "status": 429, "retry_after": 1, "count": 10_000},
        )
        discussion_id = await stack.discussion_id()
        await stack.call(
            "POST",
            f"{stack.sandbox.web_url}/api/discussions/{discussion_id}/comments",
            {"name": "Dee", "text": "Posted while Slack is limiting us"},
        )
        # Discord gets its copy while Slack is still refusing...
        [copy] = await eventually(lambda: stack.discord_copies(thread))
        assert copy["content"] == "Posted while Slack is limiting us"
        assert await stack.slack_copies(ts) == []
        stats = await stack.call("GET", f"{stack.slack_control}/stats")
        assert stats["ratelimited_total"] >= 1  # Slack really was asked, and refused
        # ...and Slack gets it once the limit lifts: retried, not dropped.
        await stack.call("DELETE", f"{stack.slack_control}/faults")
        [late] = await eventually(lambda: stack.slack_copies(ts))
        assert late["text"] == "Posted while Slack is limiting us"
