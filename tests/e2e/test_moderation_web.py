"""Moderating a web comment through the whole product: held everywhere, then approved.

The sandbox's stack (both emulators, briefbot from the production composition root, SQLite,
the web server). Readers act through the emulators' control APIs and the web JSON API; the
moderator signs in with a one-time link and approves in the web queue over HTTP, with its
own cookie jar, as a browser would.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import aiohttp
import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # discord.py imports audioop
    import discord  # noqa: F401

from tests.e2e.stack import Stack, running_stack
from tests.eventually import eventually

pytestmark = pytest.mark.slow

MARIA = "maria.lopez"  # Discord: María López
ANA = "U0ANA000001"  # Slack: ana
HELD_TEXT = "My very first comment on this site"


async def _everywhere(stack: Stack, thread: str, ts: str) -> list[str]:
    discord = [m["content"] for m in await stack.discord_copies(thread)]
    slack = [m["text"] for m in await stack.slack_copies(ts)]
    web = [c["text"] or "" for c in await stack.web_comments()]
    return [*discord, *slack, *web]


async def test_a_held_web_comment_appears_nowhere_until_approved_then_everywhere(
    tmp_path: Path,
) -> None:
    async with running_stack(tmp_path) as stack:
        brief = await stack.brief_from_discord()
        thread, ts = brief["discord_thread"], brief["slack_ts"]
        discussion = await stack.discussion_id()
        web = stack.sandbox.web_url

        jar = aiohttp.CookieJar(unsafe=True)  # the sandbox serves on an IP address
        moderator = aiohttp.ClientSession(cookie_jar=jar)
        try:
            csrf = await stack.sign_in(moderator)
            room = await _room_of(stack, discussion)
            async with moderator.post(
                f"{web}/mod/rooms/{room}/policy",
                data={"csrf_token": csrf, "premoderate_web": "1", "reports_to_hold": "3"},
            ) as saved:
                assert "The policy was saved." in await saved.text()

            posted = await stack.call(
                "POST",
                f"{web}/api/discussions/{discussion}/comments",
                {"name": "Newbie", "text": HELD_TEXT},
            )
            assert posted["held"] is True
            assert posted["message"] == "Your comment is waiting for a moderator."
            await _nowhere_yet(stack, thread, ts)

            async with moderator.get(f"{web}/mod") as queue:
                html = await queue.text()
                assert HELD_TEXT in html and "pre-moderation" in html
            approve = f"{web}/mod/c/{posted['id']}/approve"
            async with moderator.post(approve, data={"csrf_token": csrf}) as done:
                assert done.status == 200
                assert "Approved" in await done.text()
        finally:
            await moderator.close()

        async def everywhere() -> bool:
            discord = [m["content"] for m in await stack.discord_copies(thread)]
            slack = [m["text"] for m in await stack.slack_copies(ts)]
            web_texts = [c["text"] or "" for c in await stack.web_comments()]
            return all(any(HELD_TEXT in t for t in place) for place in (discord, slack, web_texts))

        await eventually(everywhere)


async def _room_of(stack: Stack, discussion: int) -> int:
    assert stack.sandbox.app is not None
    async with stack.sandbox.app.store.transaction() as tx:
        return (await tx.discussions.get(discussion)).room_id


async def _nowhere_yet(stack: Stack, thread: str, ts: str) -> None:
    """Later comments from each chat travel as usual; the held one still goes nowhere."""
    await stack.discord_say(thread, MARIA, "From Discord, after it")
    await stack.stored(1)
    await stack.slack_say(ts, ANA, "From Slack, after it")

    async def relayed() -> bool:
        shown = await _everywhere(stack, thread, ts)
        return any("From Slack" in s for s in shown) and any("From Discord" in s for s in shown)

    await eventually(relayed)
    assert not any(HELD_TEXT in s for s in await _everywhere(stack, thread, ts))
    web = stack.sandbox.web_url
    articles = await stack.call("GET", f"{web}/api/articles")
    async with stack.http.get(f"{web}/a/{articles['articles'][0]['id']}") as page:
        assert HELD_TEXT not in await page.text()
