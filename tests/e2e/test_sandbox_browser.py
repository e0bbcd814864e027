"""The sandbox page in a real browser (Debian's chromium driven by playwright).

A newcomer's minute: brief a sample from Discord, reply on both sides, edit and delete, and
see every change on the other platform and on the web pane, without reloading.
"""

from __future__ import annotations

import shutil
import warnings
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():
    # discord.py imports the deprecated ``audioop`` module (voice support) on Python 3.11.
    warnings.simplefilter("ignore", DeprecationWarning)
    import discord  # noqa: F401

from adapters.sandbox import Sandbox, SandboxOptions

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
playwright_api = pytest.importorskip("playwright.async_api")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
]

TIMEOUT_MS = 15_000
# Screenshots for people to look at (CI keeps them with the run); not committed.
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture
async def sandbox(tmp_path: Path) -> AsyncIterator[Sandbox]:
    options = SandboxOptions(port=0, data_dir=tmp_path / "data", discord_port=0, slack_port=0)
    running = Sandbox(options)
    await running.start()
    try:
        yield running
    finally:
        await running.stop()


@pytest.fixture
async def page(sandbox: Sandbox) -> AsyncIterator[Any]:
    async with playwright_api.async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            tab = await browser.new_page(viewport={"width": 1400, "height": 900})
            errors: list[str] = []
            tab.on("pageerror", lambda error: errors.append(str(error)))
            await tab.goto(f"{sandbox.web_url}/")
            yield tab
            assert errors == []
        finally:
            await browser.close()


async def test_brief_reply_edit_and_delete_show_up_everywhere(page: Any) -> None:
    discord, slack = page.locator("#discord-pane"), page.locator("#slack-pane")
    await page.select_option("#discord-user", label="María López")
    await page.select_option("#sample-select", index=1)
    await page.click("#brief-discord")

    await discord.locator(".thread[data-thread-id]").wait_for(timeout=TIMEOUT_MS)
    await slack.locator(".thread[data-thread-id]").wait_for(timeout=TIMEOUT_MS)
    seen = discord.locator(".seen")
    await seen.get_by_text("Posted the brief for").wait_for(timeout=TIMEOUT_MS)
    assert "Only María López can see this" in await seen.inner_text()
    await discord.get_by_text("Open the article page").wait_for(timeout=TIMEOUT_MS)

    await discord.locator(".reply-form textarea").fill("Seven days a week, <b>finally</b>!")
    await discord.locator(".reply-form button").click()
    copy = slack.locator(".message.copy", has_text="finally")
    await copy.wait_for(timeout=TIMEOUT_MS)
    assert "María López (Discord)" in await copy.inner_text()
    assert "<b>finally</b>" in await copy.inner_text()  # shown as typed, never as markup
    frame = page.frame_locator("#article-frame")
    await frame.get_by_text("Seven days a week").wait_for(timeout=TIMEOUT_MS)
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "sandbox-discord-comment-everywhere.png"
    await page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    await slack.locator(".reply-form textarea").fill("Does the studio need booking?")
    await slack.locator(".reply-form button").click()
    await discord.locator(".message.copy", has_text="studio").wait_for(timeout=TIMEOUT_MS)

    await slack.locator(".message.own .edit").click()
    await slack.locator(".edit-form textarea").fill("Does the studio need booking ahead?")
    await slack.locator(".edit-form button[type=submit]").click()
    await discord.locator(".message.copy", has_text="booking ahead").wait_for(timeout=TIMEOUT_MS)

    await discord.locator(".message.own .delete").click()
    await slack.locator(".message.copy.deleted").wait_for(timeout=TIMEOUT_MS)


async def test_brief_in_slack_shows_what_the_user_saw(page: Any) -> None:
    await page.select_option("#slack-user", label="Ben O.")
    await page.select_option("#sample-select", index=0)
    await page.click("#brief-slack")
    seen = page.locator("#slack-pane .seen")
    await seen.get_by_text("Posted the brief for").wait_for(timeout=TIMEOUT_MS)
    assert "Only Ben O. can see this" in await seen.inner_text()
    for pane in ("#discord-pane", "#slack-pane"):
        brief = page.locator(f"{pane} .card-title", has_text="Transit board cuts")
        await brief.wait_for(timeout=TIMEOUT_MS)


async def test_a_refused_brief_shows_the_one_sentence_at_once(page: Any) -> None:
    await page.select_option("#sample-select", index=2)
    await page.click("#brief-discord")
    await page.locator("#slack-pane .thread[data-thread-id]").wait_for(timeout=TIMEOUT_MS)
    await page.click("#brief-slack")
    seen = page.locator("#slack-pane .seen")
    await seen.get_by_text("already briefed here").wait_for(timeout=5_000)
