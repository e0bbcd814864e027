"""Hostile text across the relay: spoofed links, invisible comments, names that flip labels.

The whole product runs in-process (see ``test_sync``); readers act only through the
emulators' control APIs and the web JSON API.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from urllib.parse import urlsplit

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # discord.py imports audioop
    import discord  # noqa: F401

from bot import messages
from tests.e2e.stack import Stack, running_stack
from tests.eventually import eventually

pytestmark = pytest.mark.slow

MARIA = "maria.lopez"  # Discord: María López
ANA = "U0ANA000001"  # Slack: ana
EVIL = "evil.example"


async def copies_settle(stack: Stack, thread: str, ts: str, discord: int, slack: int) -> None:
    async def done() -> bool:
        return (
            len(await stack.discord_copies(thread)) == discord
            and len(await stack.slack_copies(ts)) == slack
        )

    await eventually(done)


def _discord_links(content: str) -> list[tuple[str, str]]:
    """Masked links Discord would draw: ``[label](url)``, also ``[label](<url>)``."""
    return re.findall(r"(?<!\\)\[([^\[\]\n]*)\]\(<?([^)\s>]+)>?\)", content)


def _slack_links(text: str) -> list[tuple[str, str]]:
    return [(label, url) for url, label in re.findall(r"<([^<>|]+)\|([^<>]*)>", text)]


def _html_links(html: str) -> list[tuple[str, str]]:
    return [(label, url) for url, label in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', html)]


def _no_label_names_another_site(links: list[tuple[str, str]]) -> None:
    for label, url in links:
        if "good.example" in label:
            assert urlsplit(url).hostname == "good.example", (label, url)


async def test_a_link_never_shows_one_address_and_goes_to_another(tmp_path: Path) -> None:
    async with running_stack(tmp_path) as stack:
        brief = await stack.brief_from_discord()
        thread, ts = brief["discord_thread"], brief["slack_ts"]
        # A Slack link whose text is another address.
        await stack.slack_say(ts, ANA, f"<http://{EVIL}|http://good.example>")
        # Markdown typed in Slack is not a link there; the client turns the addresses in it
        # into links of their own.
        await stack.slack_say(ts, ANA, f"[http://good.example](<http://{EVIL}>)")
        # A Discord masked link whose text is another address.
        await stack.discord_say(thread, MARIA, f"[https://good.example](http://{EVIL}/x)")
        await stack.stored(3)  # all three before the web comment, so copies keep this order
        discussion_id = await stack.discussion_id()
        await stack.call(
            "POST",
            f"{stack.sandbox.web_url}/api/discussions/{discussion_id}/comments",
            {"name": "Cara", "text": f"See [good.example](https://{EVIL}/login)"},
        )
        await copies_settle(stack, thread, ts, discord=3, slack=2)

        discord_copies = [m["content"] for m in await stack.discord_copies(thread)]
        for content in discord_copies:
            _no_label_names_another_site(_discord_links(content))
        assert discord_copies[0] == f"http://{EVIL}"
        # What Slack showed as text stays text: no masked link appears on Discord.
        assert _discord_links(discord_copies[1]) == []
        assert f"http://{EVIL}" in discord_copies[1]
        assert discord_copies[2] == f"See https://{EVIL}/login"

        slack_copies = [m["text"] for m in await stack.slack_copies(ts)]
        for text in slack_copies:
            _no_label_names_another_site(_slack_links(text))
        assert slack_copies == [f"<http://{EVIL}/x>", f"See <https://{EVIL}/login>"]

        for comment in await stack.web_comments():
            _no_label_names_another_site(_html_links(comment["html"]))
            assert (
                EVIL not in comment["html"]
                or f">http://{EVIL}" in comment["html"]
                or (f">https://{EVIL}" in comment["html"])
            )


async def test_names_cannot_flip_labels_and_invisible_comments_are_refused(
    tmp_path: Path,
) -> None:
    async with running_stack(tmp_path) as stack:
        brief = await stack.brief_from_discord()
        thread, ts = brief["discord_thread"], brief["slack_ts"]
        discussion_id = await stack.discussion_id()
        url = f"{stack.sandbox.web_url}/api/discussions/{discussion_id}/comments"
        async with stack.http.post(url, json={"name": "Cara", "text": "\u202e\u200b\u0007"}) as r:
            assert r.status == 400
            assert (await r.json())["error"] == messages.COMMENT_NOT_VISIBLE
        await stack.call("POST", url, {"name": "\u202e\u200bCara\u2066", "text": "Hello"})
        await copies_settle(stack, thread, ts, discord=1, slack=1)

        [discord_copy] = await stack.discord_copies(thread)
        [slack_copy] = await stack.slack_copies(ts)
        assert discord_copy["username"] == slack_copy["username"] == "Cara (Web)"
        [comment] = await stack.web_comments()
        assert comment["author"]["name"] == "Cara"


async def test_an_invisible_chat_message_is_not_copied(tmp_path: Path) -> None:
    async with running_stack(tmp_path) as stack:
        brief = await stack.brief_from_discord()
        thread, ts = brief["discord_thread"], brief["slack_ts"]
        await stack.discord_say(thread, MARIA, "\u200b\u202e")
        await stack.discord_say(thread, MARIA, "Visible words")

        async def one_comment() -> bool:
            return len(await stack.web_comments()) == 1

        await eventually(one_comment)
        await copies_settle(stack, thread, ts, discord=0, slack=1)
        [slack_copy] = await stack.slack_copies(ts)
        assert slack_copy["text"] == "Visible words"
        assert [c["text"] for c in await stack.web_comments()] == ["Visible words"]
