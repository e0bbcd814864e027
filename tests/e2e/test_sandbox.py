"""The sandbox: both emulators, the real bot, SQLite and the web pages, started in-process.

Everything a newcomer does on the sandbox page goes through the same doors here: the
page's proxy (``/sandbox/api/{platform}/...``) and the emulators' control APIs.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import pytest

with warnings.catch_warnings():
    # discord.py imports the deprecated ``audioop`` module (voice support) on Python 3.11.
    warnings.simplefilter("ignore", DeprecationWarning)
    import discord  # noqa: F401

from adapters.sandbox import Sandbox, SandboxError, SandboxOptions, runner
from adapters.sandbox.network import free_port
from tests.eventually import eventually

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
PAGE_IDS = (
    'id="discord-pane"',
    'id="slack-pane"',
    'id="discord-user"',
    'id="slack-user"',
    'id="sample-select"',
    'id="brief-discord"',
    'id="brief-slack"',
    'id="web-pane"',
    'id="article-frame"',
)


@pytest.fixture(autouse=True)
def _no_platform_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real tokens or settings in the environment must never reach the sandbox."""
    for name in list(os.environ):
        if name.startswith(("DISCORD_", "SLACK_", "WEB_", "BRIEF_", "FETCH_", "DATABASE_", "MOD_")):
            monkeypatch.delenv(name)
    monkeypatch.delenv("PUBLIC_BASE_URL", raising=False)


@asynccontextmanager
async def running_sandbox(data_dir: Path) -> AsyncIterator[tuple[Sandbox, aiohttp.ClientSession]]:
    options = SandboxOptions(port=0, data_dir=data_dir, discord_port=0, slack_port=0)
    sandbox = Sandbox(options)
    await sandbox.start()
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=20)) as http:
            yield sandbox, http
    finally:
        await sandbox.stop()


async def call(http: aiohttp.ClientSession, method: str, url: str, body: Any = None) -> Any:
    async with http.request(method, url, json=body) as response:
        data = await response.json()
        assert response.status < 300, (response.status, data)
        return data


async def brief_in_discord(sandbox: Sandbox, http: aiohttp.ClientSession, user: str) -> str:
    """Run ``/brief`` on the library sample as ``user``; returns what the user saw."""
    assert sandbox.info is not None
    api = f"{sandbox.web_url}/sandbox/api/discord"
    sample = next(url for url in sandbox.info["samples"] if "library-reopening" in url)
    body = {"name": "brief", "options": {"url": sample}, "channel_id": "news", "user_id": user}
    started = await call(http, "POST", f"{api}/commands", body)

    async def answered() -> Any:
        record = await call(http, "GET", f"{api}/commands/{started['id']}")
        return record if record["acknowledged"] and not record["thinking"] else None

    record = await eventually(answered)
    return str(record["original"]["content"])


async def test_a_port_taken_between_choosing_and_binding_it_means_starting_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another socket takes the first port the sandbox picks for its web page before the
    # web server binds it (what another process, or an emulator connection, can do).
    taken = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    taken_port = taken.getsockname()[1]
    picks = iter([taken_port])
    monkeypatch.setattr(runner, "free_port", lambda host: next(picks, None) or free_port(host))
    try:
        async with running_sandbox(tmp_path / "data") as (sandbox, http):
            assert sandbox.info is not None and sandbox.info["web"]["port"] != taken_port
            async with http.get(sandbox.web_url) as response:
                assert response.status == 200
    finally:
        taken.close()


async def test_sandbox_json_names_every_url_port_and_id(tmp_path: Path) -> None:
    async with running_sandbox(tmp_path / "data") as (sandbox, http):
        info = json.loads((tmp_path / "data" / "sandbox.json").read_text(encoding="utf-8"))
        assert info == sandbox.info
        web = info["web"]
        assert web["url"] == sandbox.web_url and web["port"] > 0
        assert web["articles"] == f"{web['url']}/articles"
        for name in ("discord", "slack"):
            side = info[name]
            for key in ("base_url", "control_url", "events_url", "port", "channels", "users"):
                assert side[key], (name, key)
            assert set(side["channels"]) >= {"news", "general"}
            assert all({"id", "username", "name"} <= set(user) for user in side["users"])
        assert info["discord"]["api_base"].endswith("/api/v10")
        assert info["discord"]["guild_id"] and info["discord"]["bot_user_id"]
        assert info["slack"]["api_url"].endswith("/api/")
        assert info["slack"]["team_id"] and info["slack"]["bot_id"]
        assert "maria.lopez" in {u["username"] for u in info["discord"]["users"]}
        assert "ana" in {u["username"] for u in info["slack"]["users"]}
        assert info["database_url"].endswith("sandbox.sqlite3")
        assert len(info["samples"]) == 4
        for url in info["samples"]:
            async with http.get(url) as response:
                assert response.status == 200 and "<article>" in await response.text()
        state = await call(http, "GET", f"{info['discord']['control_url']}/state")
        assert state["channels"]["news"] == info["discord"]["channels"]["news"]


async def test_the_page_owns_slash_and_the_article_list_moves(tmp_path: Path) -> None:
    async with running_sandbox(tmp_path / "data") as (sandbox, http):
        async with http.get(f"{sandbox.web_url}/") as response:
            page = await response.text()
            assert response.status == 200
            assert "default-src 'self'" in response.headers["Content-Security-Policy"]
        for marker in PAGE_IDS:
            assert marker in page, marker
        assert "What am I looking at?" in page and "<script>" not in page
        async with http.get(f"{sandbox.web_url}/articles") as response:
            assert response.status == 200
        for module in (
            "sandbox",
            "page",
            "views",
            "channels",
            "render",
            "commands",
            "state",
            "limits",
        ):
            async with http.get(f"{sandbox.web_url}/sandbox/static/{module}.js") as response:
                assert response.status == 200, module
                assert "javascript" in response.content_type
                assert "innerHTML" not in await response.text()
        async with http.get(f"{sandbox.web_url}/sandbox/api/discord/faults") as response:
            assert response.status == 404  # only the endpoints the page needs
        async with http.post(f"{sandbox.web_url}/sandbox/api/slack/reset") as response:
            assert response.status == 404
        form = {"channel": "news", "user": "ana", "text": "sent by another site"}
        async with http.post(f"{sandbox.web_url}/sandbox/api/slack/messages", data=form) as r:
            assert r.status == 403
        elsewhere = {"Origin": "http://evil.example"}
        async with http.post(
            f"{sandbox.web_url}/sandbox/api/slack/messages", json=form, headers=elsewhere
        ) as response:
            assert response.status == 403


async def test_a_brief_in_discord_reaches_both_channels_and_a_reply_reaches_all(
    tmp_path: Path,
) -> None:
    async with running_sandbox(tmp_path / "data") as (sandbox, http):
        assert sandbox.info is not None
        discord, slack = sandbox.info["discord"], sandbox.info["slack"]
        seen = await brief_in_discord(sandbox, http, "maria.lopez")
        assert seen.startswith("Posted the brief for “Eastside library reopens")

        async def discord_brief() -> Any:
            data = await call(http, "GET", f"{discord['control_url']}/channels/news/messages")
            return next((m for m in data["messages"] if m["embeds"] and m["thread_id"]), None)

        async def slack_brief() -> Any:
            data = await call(http, "GET", f"{slack['control_url']}/channels/news/messages")
            return next((m for m in data["messages"] if m["blocks"] and m["replies"]), None)

        in_discord = await eventually(discord_brief)
        in_slack = await eventually(slack_brief)
        assert in_discord["embeds"][0]["title"].startswith("Eastside library reopens")
        assert in_slack["blocks"][0]["text"]["text"].startswith("Eastside library reopens")

        async def indexed() -> Any:
            briefs = await call(http, "GET", f"{sandbox.web_url}/sandbox/briefs")
            slack_ids = briefs["slack"]
            return briefs if in_slack["ts"] in slack_ids else None

        briefs = await eventually(indexed)
        article_id = briefs["discord"][in_discord["id"]]
        assert briefs["slack"][in_slack["ts"]] == article_id
        article_url = f"{sandbox.web_url}/a/{article_id}"
        async with http.get(article_url) as response:
            assert response.status == 200
            assert "Eastside library reopens" in await response.text()

        thread_id = in_discord["thread_id"]
        text = "Seven days a week is great for the homework club"
        body = {"channel_id": thread_id, "user_id": "maria.lopez", "content": text}
        await call(http, "POST", f"{sandbox.web_url}/sandbox/api/discord/messages", body)

        async def copied_to_slack() -> Any:
            url = f"{slack['control_url']}/channels/news/messages?thread_ts={in_slack['ts']}"
            data = await call(http, "GET", url)
            return next((m for m in data["messages"] if text in (m["text"] or "")), None)

        copy = await eventually(copied_to_slack)
        assert copy["username"] == "María López (Discord)"

        async def on_the_page() -> bool:
            async with http.get(article_url) as response:
                return text in await response.text()

        await eventually(on_the_page)


async def test_stopping_leaves_nothing_running(tmp_path: Path) -> None:
    before = asyncio.all_tasks()
    async with running_sandbox(tmp_path / "data") as (sandbox, http):
        async with http.get(f"{sandbox.web_url}/sandbox/api/slack/events") as stream:
            assert stream.headers["Content-Type"].startswith("text/event-stream")
            await brief_in_discord(sandbox, http, "hannah.k")
            line = await asyncio.wait_for(stream.content.readline(), 10)
            assert line.startswith((b"event:", b"id:", b"data:", b":"))
        ports = [sandbox.info["web"]["port"], sandbox.info["discord"]["port"]]  # type: ignore[index]
    await asyncio.sleep(0)
    leftover = [t for t in asyncio.all_tasks() - before if not t.done()]
    assert leftover == []
    assert sandbox.app is None and sandbox.discord is None and sandbox.slack is None
    for port in ports:
        with pytest.raises(OSError):
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()


async def test_a_taken_port_is_one_plain_sentence(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        sandbox = Sandbox(SandboxOptions(port=port, data_dir=tmp_path / "data"))
        with pytest.raises(SandboxError) as caught:
            await sandbox.start()
    assert caught.value.user_message.startswith(f"Port {port} is already in use")
    assert sandbox.discord is None and sandbox.app is None


def test_the_command_prints_where_to_look_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DISCORD_", "SLACK_", "WEB_", "DATABASE_"))
    }
    env["PYTHONPATH"] = str(ROOT)
    port = free_port("127.0.0.1")
    process = subprocess.Popen(
        [sys.executable, "-c", "from bot.cli import main; main()", "sandbox", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "Ctrl-C" in line:
                break
        output = "".join(lines)
        assert f"http://127.0.0.1:{port}/" in output, output
        assert "Starting the Discord emulator… ok" in output
        assert (tmp_path / "data" / "sandbox.json").exists()
        started = time.monotonic()
        process.send_signal(signal.SIGINT)
        rest, _ = process.communicate(timeout=15)
        assert time.monotonic() - started < 12  # stopped, did not hang
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, rest
    assert "Traceback" not in output + rest


PASTED_TEXT = """Harbour market opens on Sundays from May

The harbour market will open every Sunday from 4 May, the town council said on Tuesday,
after a trial last autumn drew 3,200 visitors over four weekends.

Forty stalls will line the quay from 9am to 2pm, selling fish, bread, vegetables and
crafts. Pitch fees stay at $25 a day, and ten pitches are kept for first-time traders.

The council expects the market to bring about $90,000 a year to shops around the quay.
Parking on the quay will be closed on market days, and a shuttle bus will run from the
station car park every 20 minutes.

Traders can apply for a pitch at the town hall until 15 April.
"""


async def test_pasted_text_and_html_are_briefed_like_any_article(tmp_path: Path) -> None:
    async with running_sandbox(tmp_path / "data") as (sandbox, http):
        paste = f"{sandbox.web_url}/sandbox/paste"
        api = f"{sandbox.web_url}/sandbox/api/discord"
        html = (
            "<article><h1>Ferry fares frozen for a year</h1>"
            + "".join(f"<p>{p}</p>" for p in PASTED_TEXT.split("\n\n")[1:])
            + "</article>"
        )
        urls = []
        for content, title, user in (
            (PASTED_TEXT, "Harbour market opens on Sundays from May", "hannah.k"),
            (html, "Ferry fares frozen for a year", "maria.lopez"),
        ):
            url = (await call(http, "POST", paste, {"text": content}))["url"]
            assert url.startswith(f"{sandbox.web_url}/pasted/")
            urls.append(url)
            body = {"name": "brief", "options": {"url": url}, "channel_id": "news"}
            started = await call(http, "POST", f"{api}/commands", body | {"user_id": user})

            async def answered(started: Any = started) -> Any:
                record = await call(http, "GET", f"{api}/commands/{started['id']}")
                return record if record["acknowledged"] and not record["thinking"] else None

            record = await eventually(answered)
            assert record["original"]["content"].startswith(f"Posted the brief for “{title}”")
        again = await call(http, "POST", paste, {"text": PASTED_TEXT})
        assert again["url"] == urls[0]  # the same text has the same address

        for content, status, sentence in (
            ("   ", 400, "Paste the text or the HTML of an article first."),
            ("x" * 1_000_001, 413, "That is more than 1 MB: paste one article at a time."),
        ):
            async with http.post(paste, json={"text": content}) as response:
                assert response.status == status
                assert (await response.json())["error"] == sentence
        elsewhere = {"Origin": "http://evil.example"}
        async with http.post(paste, json={"text": PASTED_TEXT}, headers=elsewhere) as response:
            assert response.status == 403


async def test_moderation_can_be_tried_with_no_setup(tmp_path: Path) -> None:
    """The page names a banned and a suspect word; a comment with the first reaches no other
    place, one with the second waits in the queue, which "Moderate" opens through a real
    one-time sign-in link."""
    async with running_sandbox(tmp_path / "data") as (sandbox, http):
        assert sandbox.info is not None
        slack = sandbox.info["slack"]
        async with http.get(f"{sandbox.web_url}/") as response:
            page = await response.text()
        assert 'id="moderate"' in page
        assert "“turnip”</strong> are rejected" in page
        assert "“parsnip”</strong> are held" in page

        await brief_in_discord(sandbox, http, "maria.lopez")

        async def discord_thread() -> Any:
            url = f"{sandbox.info['discord']['control_url']}/channels/news/messages"
            data = await call(http, "GET", url)
            return next((m["thread_id"] for m in data["messages"] if m["thread_id"]), None)

        thread_id = await eventually(discord_thread)
        messages = f"{sandbox.web_url}/sandbox/api/discord/messages"
        for text in ("Turnips? A TURNIP festival!", "Parsnip soup for all", "Lovely news"):
            body = {"channel_id": thread_id, "user_id": "maria.lopez", "content": text}
            await call(http, "POST", messages, body)

        async def slack_replies() -> Any:
            data = await call(http, "GET", f"{slack['control_url']}/channels/news/messages")
            brief = next((m for m in data["messages"] if m["replies"]), None)
            texts = [r["text"] or "" for r in brief["replies"]] if brief else []
            return texts if any("Lovely news" in t for t in texts) else None

        copied = " ".join(await eventually(slack_replies))
        assert "TURNIP" not in copied and "Parsnip" not in copied

        elsewhere = {"Origin": "http://evil.example"}
        async with http.post(
            f"{sandbox.web_url}/sandbox/moderate", json={}, headers=elsewhere
        ) as response:
            assert response.status == 403
        async with http.post(f"{sandbox.web_url}/sandbox/moderate", json={}) as response:
            assert response.status == 200
            link = (await response.json())["url"]
        assert link.startswith(f"{sandbox.web_url}/mod/login?token=")

        jar = aiohttp.CookieJar(unsafe=True)  # the sandbox is served on 127.0.0.1
        async with aiohttp.ClientSession(cookie_jar=jar) as moderator:
            async with moderator.get(f"{sandbox.web_url}/mod") as response:
                assert response.status == 403
            async with moderator.get(link) as response:
                assert response.status == 200
            async with moderator.get(f"{sandbox.web_url}/mod") as response:
                assert response.status == 200
                queue = await response.text()
            policy_path = re.search(r'href="(/mod/rooms/\d+/policy)"', queue)
            assert policy_path is not None, queue  # the #news channels' group
            async with moderator.get(f"{sandbox.web_url}{policy_path.group(1)}") as response:
                policy = await response.text()
        assert re.search(r'name="banned"[^>]*>turnip\*</textarea>', policy), policy
        assert re.search(r'name="suspect"[^>]*>parsnip\*</textarea>', policy), policy
        assert "Parsnip soup for all" in queue
        assert "suspect word" in queue and "Sandbox moderator" in queue
        other = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        async with other, other.get(link) as response:
            assert response.status == 403  # the link works once


async def test_the_panes_moderate_and_report_through_the_proxy(tmp_path: Path) -> None:
    """The page's ⋯ menu: "Remove everywhere" as Discord's seeded moderator removes every
    copy; Slack's shortcut as a reader is refused in one sentence; 🚩 reaches the bot as a
    report on both platforms."""
    async with running_sandbox(tmp_path / "data") as (sandbox, http):
        assert sandbox.info is not None
        discord, slack = sandbox.info["discord"], sandbox.info["slack"]
        page = f"{sandbox.web_url}/sandbox/api"
        async with http.get(f"{sandbox.web_url}/") as response:
            text = await response.text()
        assert "Riverside Editor" in text and "on Slack to use them" in text

        await brief_in_discord(sandbox, http, "maria.lopez")

        async def threads() -> Any:
            d = await call(http, "GET", f"{discord['control_url']}/channels/news/messages")
            s = await call(http, "GET", f"{slack['control_url']}/channels/news/messages")
            d_thread = next((m["thread_id"] for m in d["messages"] if m["thread_id"]), None)
            s_brief = next((m["ts"] for m in s["messages"] if m["blocks"]), None)
            return (d_thread, s_brief) if d_thread and s_brief else None

        thread_id, slack_brief = await eventually(threads)
        said = "Meet at the library steps at noon"
        body = {"channel_id": thread_id, "user_id": "maria.lopez", "content": said}
        original = await call(http, "POST", f"{page}/discord/messages", body)

        async def slack_copy() -> Any:
            url = f"{slack['control_url']}/channels/news/messages?thread_ts={slack_brief}"
            data = await call(http, "GET", url)
            found = [m for m in data["messages"] if said in (m["text"] or "")]
            return found[0] if found else None

        copy = await eventually(slack_copy)

        # A reader's shortcut on Slack is refused, privately, in one sentence.
        shortcut = {
            "callback_id": "briefbot_hold",
            "user": "U0BEN000001",
            "channel": copy["channel"],
            "message_ts": copy["ts"],
        }
        await call(http, "POST", f"{page}/slack/shortcuts", shortcut)
        seen_by_ben = f"{page}/slack/ephemeral?user=U0BEN000001&channel={copy['channel']}"

        async def refused() -> Any:
            data = await call(http, "GET", seen_by_ben)
            return [e["text"] for e in data["ephemeral"]] or None

        assert any("workspace admins" in t for t in await eventually(refused))

        # 🚩 from both platforms' panes.
        flag = {"channel_id": thread_id, "message_id": original["id"], "user_id": "hannah.k"}
        await call(http, "POST", f"{page}/discord/reactions", {**flag, "emoji": "🚩"})
        slack_flag = {"channel": copy["channel"], "ts": copy["ts"], "user": "U0CARA00001"}
        await call(
            http,
            "POST",
            f"{page}/slack/reactions",
            {**slack_flag, "name": "triangular_flag_on_post"},
        )

        async def reported_twice() -> Any:
            assert sandbox.app is not None
            async with sandbox.app.store.transaction() as tx:
                queue = await tx.moderation.queue(None)
            return next((i for i in queue if said in i.comment.text and i.reports == 2), None)

        await eventually(reported_twice)  # Hannah on Discord and Cara on Slack, once each

        # "Remove everywhere" as the Discord moderator, on the reader's own message.
        menu = {
            "name": "Remove everywhere",
            "type": 3,
            "target_id": original["id"],
            "channel_id": thread_id,
            "user_id": "editor.riverside",
        }
        started = await call(http, "POST", f"{page}/discord/commands", menu)

        async def answered() -> Any:
            record = await call(http, "GET", f"{page}/discord/commands/{started['id']}")
            done = record["acknowledged"] and not record["thinking"]
            return record if done else None

        record = await eventually(answered)
        assert "removed everywhere" in str(record), record

        async def copy_gone() -> bool:
            now = await slack_copy()
            return now is None or bool(now["deleted"])

        await eventually(copy_gone)
        elsewhere = {"Origin": "http://evil.example"}
        async with http.post(
            f"{page}/discord/reactions", json={**flag, "emoji": "🚩"}, headers=elsewhere
        ) as response:
            assert response.status == 403
