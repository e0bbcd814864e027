"""The article page in a real headless Chromium (Debian's), driven over the DevTools protocol.

Checks what only a browser can: the static script's live updates over SSE and its
JSON-API form post under the page's CSP. Skipped where no ``chromium`` is installed.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import shutil
from collections.abc import AsyncIterator
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientSession, ClientWebSocketResponse

from adapters.web import WebOptions, WebServer
from bot.domain.commands import WriteWebComment
from bot.domain.events import CommentDeleted
from bot.services.comments import write_web_comment
from storage.sqlite import SqliteStore
from tests.app import plain_context
from tests.eventually import eventually
from tests.integration.adapters.web_seed import NOW, seed

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium"),
]


class Page:
    """Just enough of the DevTools protocol: evaluate JavaScript, wait for a condition."""

    def __init__(self, ws: ClientWebSocketResponse) -> None:
        self._ws = ws
        self._ids = count(1)

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        call_id = next(self._ids)
        await self._ws.send_json({"id": call_id, "method": method, "params": params})
        while True:
            message = await self._ws.receive_json()
            if message.get("id") == call_id:
                return message

    async def js(self, expression: str) -> Any:
        answer = await self.call(
            "Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True
        )
        return answer["result"]["result"].get("value")

    async def until(self, expression: str, seconds: float = 10.0) -> Any:
        """Wait for ``expression`` to be truthy in the page, and return its value."""
        return await eventually(lambda: self.js(expression), within=seconds)


@contextlib.asynccontextmanager
async def chromium(profile: Path) -> AsyncIterator[Page]:
    assert CHROMIUM is not None
    process = await asyncio.create_subprocess_exec(
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--remote-debugging-port=0",
        f"--user-data-dir={profile}",
        "about:blank",
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stderr is not None
        async with asyncio.timeout(30):
            while not (found := re.search(rb"ws://[^\s]+", await process.stderr.readline())):
                pass
        port = re.search(rb":(\d+)/", found.group(0))
        assert port is not None
        async with ClientSession() as http:
            base = f"http://127.0.0.1:{int(port.group(1))}"
            targets = await (await http.get(f"{base}/json/list")).json()
            target = next(t for t in targets if t["type"] == "page")
            async with http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                yield Page(ws)
    finally:
        process.kill()
        await process.wait()


async def test_live_updates_and_posting_in_a_real_browser(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "browser.sqlite3")
    await store.open()
    seeded = await seed(store)
    ctx = plain_context(store)
    server = WebServer(ctx, "127.0.0.1", 0, options=WebOptions(keepalive_seconds=1))
    await server.start()
    try:
        async with chromium(tmp_path / "profile") as page:
            await page.call("Page.navigate", url=f"{server.url}/a/{seeded.article_id}")
            await page.until("document.querySelectorAll('.comment').length === 4")
            await asyncio.sleep(0.3)  # the script's EventSource connects

            posted = await write_web_comment(
                WriteWebComment(seeded.discussion_id, "Lou", "live <b>x</b>", "web-t"), ctx
            )
            html = await page.until(f"document.getElementById('c{posted.id}')?.outerHTML")
            assert 'class="badge badge-web"' in html and "&lt;b&gt;x&lt;/b&gt;" in html
            count = await page.js("document.querySelector('#comments h2 .count').textContent")
            assert count == "(4 comments)"

            async with store.transaction() as tx:
                await tx.comments.delete(seeded.discord_comment, NOW)
                await tx.commit()
            ctx.bus.publish(CommentDeleted(seeded.discord_comment, seeded.discussion_id))
            await page.until(
                f"document.getElementById('c{seeded.discord_comment}')"
                ".classList.contains('comment-deleted')"
            )

            await page.js(
                f"document.querySelector('#c{seeded.slack_comment} .reply-link').click();"
                "document.querySelector('#comment-form [name=name]').value = 'Fay';"
                "document.querySelector('#comment-form [name=text]').value = 'typed *here*';"
                "document.querySelector('#comment-form button').click();"
            )
            await page.until(
                "document.querySelector('#comment-form .form-status').textContent === 'Posted.'"
            )
            last = await page.until(
                "[...document.querySelectorAll('.comment')].pop().textContent.includes('Fay')"
                " && [...document.querySelectorAll('.comment')].pop().innerHTML"
            )
            assert "<em>here</em>" in last and "In reply to Ben" in last
    finally:
        await server.stop()
        await store.close()


async def test_a_spoiler_is_hidden_until_clicked(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "spoiler.sqlite3")
    await store.open()
    seeded = await seed(store)
    ctx = plain_context(store)
    posted = await write_web_comment(
        WriteWebComment(seeded.discussion_id, "Lou", "it ends ||he lives||", "web-s"), ctx
    )
    server = WebServer(ctx, "127.0.0.1", 0, options=WebOptions(keepalive_seconds=1))
    await server.start()
    spoiler = f"document.querySelector('#c{posted.id} .spoiler')"
    try:
        async with chromium(tmp_path / "profile") as page:
            await page.call("Page.navigate", url=f"{server.url}/a/{seeded.article_id}")
            await page.until(f"{spoiler} !== null && document.readyState === 'complete'")
            hidden = await page.js(f"getComputedStyle({spoiler}).color")
            assert hidden == "rgba(0, 0, 0, 0)"  # transparent: the words are not shown
            await page.js(f"{spoiler}.click()")
            await page.until(f"{spoiler}.classList.contains('revealed')")
            await page.js("document.activeElement && document.activeElement.blur()")
            shown = await page.js(f"getComputedStyle({spoiler}).color")
            assert shown != "rgba(0, 0, 0, 0)"
    finally:
        await server.stop()
        await store.close()
