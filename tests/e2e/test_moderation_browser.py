"""Moderation in a real browser (Debian's chromium driven by playwright) against the whole
product: the sandbox's stack, both emulators and the web server.

A moderator's tab and a reader's tab share one browser, as they would on one desk: the
moderator signs in with a one-time link and acts in the queue, or on Discord and Slack,
and the reader's open article page follows every change live, without reloading.
"""

from __future__ import annotations

import shutil
import warnings
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # discord.py imports audioop
    import discord  # noqa: F401

from adapters.web import messages as web_messages
from bot import messages
from tests.e2e.stack import Stack, running_stack
from tests.eventually import eventually

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
playwright_api = pytest.importorskip("playwright.async_api")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
]

TIMEOUT_MS = 15_000
MARIA = "maria.lopez"  # Discord: María López
DEV = "dev_okafor"  # Discord: a member of the Moderators role in these tests
READERS = ("hannah.k", "oldtownfrank")  # Discord: two readers who flag
ANA = "U0ANA000001"  # Slack: the workspace's primary owner
# Set on the reader's page once; a reload would lose it.
MARK = "window.__notReloaded = true"
NOT_RELOADED = "window.__notReloaded === true"


class Desk:
    """One browser with the reader's and the moderator's tabs, failing on any page error."""

    def __init__(self, context: Any) -> None:
        self.context = context
        self.errors: list[str] = []

    async def tab(self, url: str) -> Any:
        tab = await self.context.new_page()
        tab.set_default_timeout(TIMEOUT_MS)
        tab.on("pageerror", lambda error: self.errors.append(str(error)))
        await tab.goto(url)
        return tab


@pytest.fixture
async def desk() -> AsyncIterator[Desk]:
    async with playwright_api.async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            found = Desk(await browser.new_context(viewport={"width": 1200, "height": 900}))
            yield found
            assert found.errors == []
        finally:
            await browser.close()


async def _article_url(stack: Stack) -> str:
    articles = await stack.call("GET", f"{stack.sandbox.web_url}/api/articles")
    return f"{stack.sandbox.web_url}/a/{articles['articles'][0]['id']}"


async def _reader_page(stack: Stack, desk: Desk, comments: int) -> Any:
    """The article page open in the reader's tab, its live stream connected."""
    page = await desk.tab(await _article_url(stack))
    if comments:
        await page.locator(".comment").nth(comments - 1).wait_for()
    await page.wait_for_function("document.readyState === 'complete'")
    await page.evaluate(MARK)
    await _stream_open(stack)
    return page


async def _stream_open(stack: Stack) -> None:
    """Until the web server counts an open live stream (the page's EventSource)."""
    assert stack.sandbox.app is not None

    async def connected() -> bool:
        async with stack.http.get(f"{stack.sandbox.web_url}/healthz") as health:
            return health.status == 200 and bool((await health.json()).get("live_streams"))

    await eventually(connected)


async def _moderator_tab(stack: Stack, desk: Desk) -> Any:
    """The moderator opens a one-time link; the sign-in page moves on to the queue."""
    tab = await desk.tab(await stack.login_link())
    await tab.wait_for_url(f"{stack.sandbox.web_url}/mod")
    await tab.locator("h1", has_text="Moderation queue").wait_for()
    return tab


async def test_a_moderator_signs_in_and_approves_and_the_readers_page_shows_it_live(
    tmp_path: Path, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOD_PREMODERATE_WEB", "true")
    async with running_stack(tmp_path) as stack:
        brief = await stack.brief_from_discord()
        reader = await _reader_page(stack, desk, 0)
        form = reader.locator(".comment-form")
        await form.locator("[name=name]").fill("Newcomer")
        await form.locator("[name=text]").fill("Held until a moderator *reads* it")
        await form.locator("button[type=submit]").click()
        await form.locator(".form-status", has_text="waiting for a moderator").wait_for()
        # Written after it, shown at once (chat comments are not pre-moderated).
        await stack.discord_say(brief["discord_thread"], MARIA, "Written while it waited")
        await reader.locator(".comment", has_text="Written while it waited").wait_for()
        assert await reader.locator(".comment", has_text="Held until").count() == 0

        moderator = await _moderator_tab(stack, desk)
        [cookie] = [c for c in await desk.context.cookies() if c["name"] == "briefbot_mod"]
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/mod"
        assert await moderator.evaluate("document.cookie.includes('briefbot_mod')") is False
        item = moderator.locator(".mod-item", has_text="Held until a moderator")
        await item.locator(".mod-approve button").click()
        await moderator.locator(".mod-notice", has_text="Approved").wait_for()

        # It appears live, in the order written: before the comment that came after it.
        shown = reader.locator(".comment", has_text="Held until a moderator")
        await shown.wait_for()
        assert await shown.locator("em").inner_text() == "reads"
        assert await reader.evaluate(NOT_RELOADED)
        authors = await reader.locator(".comment .author").all_inner_texts()
        assert authors == ["Newcomer", "María López"]
        assert await reader.locator("#comments h2 .count").inner_text() == "(2 comments)"
        # Its Report button, added live, carries the page's token and works.
        await shown.locator(".report-button").click()
        await reader.get_by_text("Thank you: the moderators will look").wait_for()


async def test_removal_and_closing_reach_an_open_page_live(tmp_path: Path, desk: Desk) -> None:
    async with running_stack(tmp_path) as stack:
        brief = await stack.brief_from_discord()
        thread = brief["discord_thread"]
        said = await stack.discord_say(thread, MARIA, "Something to take down")
        await stack.discord_say(thread, MARIA, "Something that stays")
        await stack.stored(2)
        reader = await _reader_page(stack, desk, 2)

        moderators = {"roles": ["Moderators"]}
        await stack.call("PATCH", f"{stack.discord_control}/members/{DEV}", moderators)
        await stack.discord_menu("Remove everywhere", thread, DEV, said["id"])
        removed = reader.locator(".comment.comment-removed")
        await removed.wait_for()
        assert await removed.inner_text() == messages.REMOVED_BY_MODERATOR
        assert await reader.locator(".comment", has_text="Something to take down").count() == 0
        assert await reader.locator(".comment", has_text="Something that stays").count() == 1
        assert await reader.locator("#comments h2 .count").inner_text() == "(1 comment)"
        # The bot deleted her Discord message too; the entry stays a nameless removal.
        discord = {m["id"]: m for m in await stack.discord_thread_messages(thread)}
        assert discord[said["id"]]["deleted"]
        [gone, _] = await stack.web_comments()
        assert gone["removed"] and gone["author"]["name"] == ""

        assert "closed" in await stack.slack_command("mod close", ANA)
        await reader.locator(".discussion-closed").wait_for()
        # The live notice is the server's own wording (read from the page), not a copy in JS.
        assert await reader.locator(".discussion-closed").inner_text() == web_messages.CLOSED
        assert await reader.locator(".comment-form").count() == 0
        assert await reader.evaluate(NOT_RELOADED)


async def test_a_report_from_the_page_and_two_flags_hold_the_comment_for_the_queue(
    tmp_path: Path, desk: Desk
) -> None:
    """One browser is one reader (a reader counts once, by address), so the page reports
    once and two Discord readers flag the same comment with 🚩: three readers in all."""
    async with running_stack(tmp_path) as stack:
        brief = await stack.brief_from_discord()
        thread = brief["discord_thread"]
        said = await stack.discord_say(thread, MARIA, "Everyone on the board is a fraud")
        await stack.stored(1)
        watcher = await _reader_page(stack, desk, 1)
        reporter = await desk.tab(await _article_url(stack))
        await reporter.locator(".comment .report-button").click()
        await reporter.get_by_text("Thank you: the moderators will look").wait_for()
        # Pressing again from the same reader does not count twice.
        await reporter.go_back()
        await reporter.locator(".comment .report-button").click()
        await reporter.get_by_text("Thank you: the moderators will look").wait_for()

        for reader in READERS:
            flag = {
                "channel_id": thread,
                "message_id": said["id"],
                "user_id": reader,
                "emoji": "🚩",
            }
            await stack.call("POST", f"{stack.discord_control}/reactions", flag)

        await watcher.locator(".comment").wait_for(state="detached")
        assert await watcher.evaluate(NOT_RELOADED)
        moderator = await _moderator_tab(stack, desk)
        item = moderator.locator(".mod-item", has_text="Everyone on the board")
        assert await item.locator(".reports").inner_text() == "3 reports"
        assert await item.locator(".rule").inner_text() == "reports"
