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
from tests.eventually import eventually

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


async def test_reply_boxes_say_the_limit_and_refuse_empty_or_too_long_replies(page: Any) -> None:
    discord, slack = page.locator("#discord-pane"), page.locator("#slack-pane")
    await page.click("#brief-discord")
    await slack.locator(".thread[data-thread-id]").wait_for(timeout=TIMEOUT_MS)
    box = discord.locator(".reply-form")
    await box.locator(".counter", has_text="0 / 2,000").wait_for(timeout=TIMEOUT_MS)
    await slack.locator(".reply-form .counter", has_text="0 / 40,000").wait_for(timeout=TIMEOUT_MS)

    await box.locator("textarea").fill("x" * 10_000)
    assert await box.locator(".counter.over").inner_text() == "10,000 / 2,000"
    await box.locator("button").click()
    note = box.locator(".form-note")
    await note.get_by_text(
        "Discord allows at most 2,000 characters in a message; this one has 10,000."
    ).wait_for(timeout=TIMEOUT_MS)
    assert "Invalid Form Body" not in await page.locator("body").inner_text()
    assert await page.locator("#status").is_hidden()

    await box.locator("textarea").fill("   ")
    await box.locator("button").click()
    await note.get_by_text("Write something first.").wait_for(timeout=TIMEOUT_MS)

    await box.locator("textarea").fill("Short enough")
    await box.locator("button").click()
    await slack.locator(".message.copy", has_text="Short enough").wait_for(timeout=TIMEOUT_MS)
    assert await discord.locator(".message.own").count() == 1  # nothing else was sent


async def test_pasted_text_is_briefed_from_the_page(page: Any) -> None:
    await page.click("#paste-discord")
    note = page.locator("#paste-note")
    await note.get_by_text("Paste the text or the HTML of an article first.").wait_for(
        timeout=TIMEOUT_MS
    )
    text = (
        "Harbour market opens on Sundays from May\n\n"
        "The harbour market will open every Sunday from 4 May, the town council said on "
        "Tuesday, after a trial last autumn drew 3,200 visitors over four weekends.\n\n"
        "Forty stalls will line the quay from 9am to 2pm, selling fish, bread, vegetables "
        "and crafts. Pitch fees stay at $25 a day, and ten pitches are kept for newcomers.\n\n"
        "The council expects the market to bring about $90,000 a year to shops around the "
        "quay. A shuttle bus will run from the station car park every 20 minutes.\n"
    )
    await page.locator("#paste-text").fill(text)
    await page.click("#paste-slack")
    for pane in ("#discord-pane", "#slack-pane"):
        title = page.locator(f"{pane} .card-title", has_text="Harbour market opens on Sundays")
        await title.wait_for(timeout=TIMEOUT_MS)
    seen = page.locator("#slack-pane .seen")
    await seen.get_by_text("Posted the brief for").wait_for(timeout=TIMEOUT_MS)


async def test_a_phone_width_page_fits_the_screen(sandbox: Sandbox) -> None:
    async with playwright_api.async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            tab = await browser.new_page(viewport={"width": 390, "height": 844})
            await tab.goto(f"{sandbox.web_url}/")
            await tab.locator("#sample-select").wait_for(timeout=TIMEOUT_MS)
            width = await tab.evaluate("document.documentElement.scrollWidth")
            assert width <= 390
            for control in ("#sample-select", "#brief-discord", "#brief-slack", "#paste-text"):
                box = await tab.locator(control).bounding_box()
                assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, (
                    control,
                    box,
                )
            ARTIFACTS.mkdir(exist_ok=True)
            await tab.screenshot(path=str(ARTIFACTS / "sandbox-phone.png"), full_page=True)
        finally:
            await browser.close()


async def test_moderate_opens_the_queue_signed_in(page: Any) -> None:
    hint = page.get_by_role("region", name="Try moderation")  # the feed bar shares its look
    assert "turnip" in await hint.inner_text() and "parsnip" in await hint.inner_text()
    async with page.context.expect_page(timeout=TIMEOUT_MS) as opened:
        await page.click("#moderate")
    queue = await opened.value
    await queue.wait_for_url("**/mod", timeout=TIMEOUT_MS)
    await queue.get_by_text("Sandbox moderator").first.wait_for(timeout=TIMEOUT_MS)
    assert await page.locator("#moderate-note").inner_text() == ""


async def test_a_comment_menu_reports_and_removes_everywhere(page: Any) -> None:
    discord, slack = page.locator("#discord-pane"), page.locator("#slack-pane")
    await page.select_option("#discord-user", label="María López")
    await page.click("#brief-discord")
    await slack.locator(".thread[data-thread-id]").wait_for(timeout=TIMEOUT_MS)
    await slack.locator(".reply-form textarea").fill("Turnips for everyone")
    await slack.locator(".reply-form button").click()
    await slack.locator(".message.own", has_text="Turnips").wait_for(timeout=TIMEOUT_MS)
    await slack.locator(".reply-form textarea").fill("See you at the reopening")
    await slack.locator(".reply-form button").click()
    copy = discord.locator(".message.copy", has_text="reopening")
    await copy.wait_for(timeout=TIMEOUT_MS)
    # the banned word stayed on Slack: it reached neither Discord nor the web
    assert await discord.locator(".message", has_text="Turnips").count() == 0

    await copy.locator(".message-menu summary").click()
    await copy.locator(".flag").click()
    seen = discord.locator(".seen")
    await seen.get_by_text("You reacted with 🚩").wait_for(timeout=TIMEOUT_MS)

    # Discord does not show a reader the menu; the seeded moderator's goes through.
    await copy.locator(".message-menu summary").click()
    await copy.locator(".menu-remove").click()
    await seen.get_by_text("Discord shows this menu only to").wait_for(timeout=TIMEOUT_MS)
    await page.select_option("#discord-user", label="Riverside Editor")
    await copy.locator(".message-menu summary").click()
    await copy.locator(".menu-remove").click()
    await (
        seen.get_by_text("Slack does not let me delete")
        .or_(seen.get_by_text("removed everywhere"))
        .first.wait_for(timeout=TIMEOUT_MS)
    )
    assert "Only Riverside Editor can see this" in await seen.inner_text()
    frame = page.frame_locator("#article-frame")
    await frame.get_by_text("Removed by a moderator").wait_for(timeout=TIMEOUT_MS)


async def test_the_newsroom_button_briefs_a_story_into_both_channels_with_threads(
    page: Any, sandbox: Sandbox
) -> None:
    app = sandbox.app
    assert app is not None

    async def primed() -> bool:  # the subscription's first poll: later stories are new
        async with app.store.transaction() as tx:
            return all(feed.primed for feed in await tx.feeds.every())

    await eventually(primed, 20)
    await page.click("#publish-story")
    note = page.locator("#newsroom-note")
    await note.get_by_text("Published “").wait_for(timeout=TIMEOUT_MS)
    title = (await note.inner_text()).split("“", 1)[1].split("”", 1)[0]
    assert title
    for pane in ("#discord-pane", "#slack-pane"):
        brief = page.locator(f"{pane} .card-title", has_text=title)
        await brief.wait_for(timeout=30_000)
        assert await brief.count() == 1  # once, not twice
        await page.locator(f"{pane} .thread[data-thread-id]").first.wait_for(timeout=TIMEOUT_MS)
