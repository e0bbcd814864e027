"""The whole product in-process (the sandbox's stack), driven through the emulators' doors."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

from adapters.discord.platform import DISCORD
from adapters.sandbox import Sandbox, SandboxOptions
from bot.domain.moderation import Moderator
from bot.services.moderation import issue_login
from tests.eventually import eventually


@dataclass
class Stack:
    sandbox: Sandbox
    http: aiohttp.ClientSession

    @property
    def info(self) -> Any:
        assert self.sandbox.info is not None
        return self.sandbox.info

    @property
    def discord_control(self) -> str:
        return str(self.info["discord"]["control_url"])

    @property
    def slack_control(self) -> str:
        return str(self.info["slack"]["control_url"])

    async def call(self, method: str, url: str, body: Any = None) -> Any:
        async with self.http.request(method, url, json=body) as response:
            data = await response.json()
            assert response.status < 300, (response.status, data)
            return data

    # --- briefs -------------------------------------------------------------------------

    async def start_brief_from_discord(self, sample: str = "library-reopening") -> Any:
        """Run ``/brief`` with a bundled sample in Discord #news; returns the command record."""
        url = next(u for u in self.info["samples"] if sample in u)
        body = {
            "name": "brief",
            "options": {"url": url},
            "channel_id": "news",
            "user_id": "maria.lopez",
        }
        return await self.call("POST", f"{self.discord_control}/commands", body)

    async def brief_from_discord(self, sample: str = "library-reopening") -> dict[str, Any]:
        """``/brief`` a bundled sample in Discord #news; waits for both threads to exist."""
        started = await self.start_brief_from_discord(sample)

        async def answered() -> Any:
            record = await self.call("GET", f"{self.discord_control}/commands/{started['id']}")
            return record if record["acknowledged"] and not record["thinking"] else None

        record = await eventually(answered)
        discord_thread = await eventually(self.discord_thread)
        slack_ts = await eventually(self.slack_brief_ts)
        return {"reply": record, "discord_thread": discord_thread, "slack_ts": slack_ts}

    async def discord_thread(self) -> str | None:
        """The newest thread under a message in Discord #news, if any."""
        news = self.info["discord"]["channels"]["news"]
        data = await self.call("GET", f"{self.discord_control}/channels/{news}/messages")
        threads = [m["thread_id"] for m in data["messages"] if m.get("thread_id")]
        return threads[-1] if threads else None

    async def slack_brief_ts(self) -> str | None:
        """The ``ts`` of the newest brief (a bot message with blocks) in Slack #news, if any."""
        news = self.info["slack"]["channels"]["news"]
        data = await self.call("GET", f"{self.slack_control}/channels/{news}/messages")
        briefs = [m["ts"] for m in data["messages"] if m.get("bot_id") and m.get("blocks")]
        return briefs[-1] if briefs else None

    # --- acting as readers ------------------------------------------------------------------

    async def discord_say(self, thread: str, user: str, content: str) -> dict[str, Any]:
        body = {"channel_id": thread, "user_id": user, "content": content}
        return dict(await self.call("POST", f"{self.discord_control}/messages", body))

    async def slack_say(self, thread_ts: str, user: str, text: str) -> dict[str, Any]:
        news = self.info["slack"]["channels"]["news"]
        body = {"channel": news, "user": user, "text": text, "thread_ts": thread_ts}
        return dict((await self.call("POST", f"{self.slack_control}/messages", body))["message"])

    async def slack_command(self, text: str, user: str, command: str = "/briefbot") -> str:
        """Run a slash command in Slack #news; the record's answers once it has one."""
        body = {"command": command, "text": text, "channel": "news", "user": user}
        started = await self.call("POST", f"{self.slack_control}/commands", body)

        async def answered() -> Any:
            record = await self.call("GET", f"{self.slack_control}/commands/{started['id']}")
            return record if record["responses"] or record["errors"] else None

        record = await eventually(answered)
        return str(record["responses"][-1]["text"]) if record["responses"] else ""

    async def slack_shortcut(self, callback_id: str, user: str, ts: str) -> None:
        """A person runs a message shortcut on the message ``ts`` in Slack #news."""
        body = {"callback_id": callback_id, "user": user, "channel": "news", "message_ts": ts}
        await self.call("POST", f"{self.slack_control}/shortcuts", body)

    async def slack_told(self, user: str) -> list[str]:
        """The ephemeral messages ``user`` has seen in Slack."""
        data = await self.call("GET", f"{self.slack_control}/ephemeral?user={user}")
        return [str(e["text"]) for e in data["ephemeral"]]

    async def discord_menu(self, name: str, thread: str, user: str, message_id: str) -> str:
        """A person runs a message context-menu command; the private answer they see."""
        body = {
            "name": name,
            "type": 3,  # MESSAGE
            "target_id": message_id,
            "channel_id": thread,
            "user_id": user,
        }
        started = await self.call("POST", f"{self.discord_control}/commands", body)

        async def answered() -> Any:
            record = await self.call("GET", f"{self.discord_control}/commands/{started['id']}")
            return record if record["acknowledged"] and not record["thinking"] else None

        return str((await eventually(answered))["original"]["content"])

    # --- acting as a moderator on the web ----------------------------------------------------

    async def login_link(self, user: str = "maria.lopez", name: str = "María López") -> str:
        """A one-time sign-in link, as ``/briefbot mod login`` hands a Discord moderator."""
        assert self.sandbox.app is not None
        token = await issue_login(self.sandbox.app.ctx, Moderator(DISCORD, user, name))
        return f"{self.sandbox.web_url}/mod/login?token={token}"

    async def sign_in(self, http: aiohttp.ClientSession) -> str:
        """Sign ``http`` (its own cookie jar) in as a moderator; the session's CSRF token."""
        async with http.get(await self.login_link()) as signed_in:
            assert signed_in.status == 200
        async with http.get(f"{self.sandbox.web_url}/mod") as queue:
            assert queue.status == 200
            html = await queue.text()
        found = re.search(r'name="csrf_token" value="([^"]+)"', html)
        assert found is not None
        return found.group(1)

    # --- what each platform shows ----------------------------------------------------------

    async def discord_thread_messages(self, thread: str) -> list[dict[str, Any]]:
        data = await self.call("GET", f"{self.discord_control}/channels/{thread}/messages")
        return [m for m in data["messages"] if not m.get("ephemeral")]

    async def slack_thread_messages(self, thread_ts: str) -> list[dict[str, Any]]:
        news = self.info["slack"]["channels"]["news"]
        url = f"{self.slack_control}/channels/{news}/messages?thread_ts={thread_ts}"
        data = await self.call("GET", url)
        return [m for m in data["messages"] if m["ts"] != thread_ts]

    async def discord_copies(self, thread: str) -> list[dict[str, Any]]:
        return [m for m in await self.discord_thread_messages(thread) if m.get("webhook_id")]

    async def slack_copies(self, thread_ts: str) -> list[dict[str, Any]]:
        return [
            m
            for m in await self.slack_thread_messages(thread_ts)
            if m.get("bot_id") and m.get("username")
        ]

    async def discussion_id(self) -> int:
        """The one discussion of the one briefed article (through the web JSON API)."""
        articles = await self.call("GET", f"{self.sandbox.web_url}/api/articles")
        [article] = articles["articles"]
        detail = await self.call("GET", f"{self.sandbox.web_url}/api/articles/{article['id']}")
        [discussion] = detail["discussions"]
        return int(discussion["id"])

    async def web_comments(self) -> list[dict[str, Any]]:
        discussion = await self.discussion_id()
        url = f"{self.sandbox.web_url}/api/discussions/{discussion}/comments"
        return list((await self.call("GET", url))["comments"])

    async def stored(self, count: int) -> None:
        """Until the bot has stored ``count`` comments: what two platforms hand over a
        moment apart may be stored in either order, so a test that needs one order waits."""

        async def enough() -> bool:
            return len(await self.web_comments()) >= count

        await eventually(enough)


@asynccontextmanager
async def running_stack(data_dir: Path, *, rate_limits: bool = False) -> AsyncIterator[Stack]:
    options = SandboxOptions(
        port=0,
        data_dir=data_dir,
        discord_port=0,
        slack_port=0,
        rate_limits=rate_limits,
        brief_cooldown_seconds=0,
    )
    sandbox = Sandbox(options)
    await sandbox.start()
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=20)) as http:
            yield Stack(sandbox, http)
    finally:
        await sandbox.stop()
