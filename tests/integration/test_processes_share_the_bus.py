"""Two briefbot applications on one PostgreSQL schema, each with its own store, bus and web
server, stand for two processes: a comment posted through A's web server reaches B's live
stream, and wakes B's delivery worker at once (its idle poll is far longer than the wait)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from typing import Any

import aiohttp
import pytest

from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK
from bot.bootstrap import Application, build_application
from bot.roles import Role
from storage.postgres.bus import PostgresBus
from tests.app import isolated_settings
from tests.eventually import eventually
from tests.fakes.chat import FakeChat
from tests.integration.adapters.web_seed import seed
from tests.integration.storage.conftest import fresh_schema, postgres_dsn  # noqa: F401

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
async def database(postgres_dsn: str) -> AsyncIterator[str]:  # noqa: F811
    async with fresh_schema(postgres_dsn) as schema:
        yield f"{postgres_dsn}?search_path={schema}"


async def _app(database: str, roles: set[Role], chats: list[FakeChat]) -> Application:
    settings = isolated_settings(
        database_url=database,
        web_port=0,
        delivery_poll_seconds=30,  # only a wake-up from the bus delivers within the test
        public_base_url=None,
    )
    app = await build_application(
        settings, chats=chats, roles=frozenset(roles), require_platform=False
    )
    await app.start()
    return app


async def _next_comment(stream: aiohttp.ClientResponse) -> dict[str, Any]:
    buffer = ""
    while True:
        buffer += (await stream.content.readany()).decode()
        while "\n\n" in buffer:
            frame, buffer = buffer.split("\n\n", 1)
            lines = dict(line.split(": ", 1) for line in frame.splitlines() if ": " in line)
            if lines.get("event") == "comment":
                return dict(json.loads(lines["data"]))


async def test_a_comment_posted_through_one_process_reaches_the_others_page_and_worker(
    database: str,
) -> None:
    discord, slack = FakeChat(DISCORD), FakeChat(SLACK)
    async with AsyncExitStack() as stack:
        a = await _app(database, {Role.WEB}, [])
        stack.push_async_callback(a.stop)
        b = await _app(database, {Role.WEB, Role.WORKERS}, [discord, slack])
        stack.push_async_callback(b.stop)
        assert isinstance(a.ctx.bus, PostgresBus) and isinstance(b.ctx.bus, PostgresBus)
        assert a.runners == {} and a.ctx.platforms == {}  # a web server only
        seeded = await seed(a.store)
        assert a.web_url and b.web_url

        http = await stack.enter_async_context(aiohttp.ClientSession())
        stream = await http.get(f"{b.web_url}/a/{seeded.article_id}/events")
        assert stream.status == 200
        await asyncio.sleep(0.1)  # the stream has subscribed

        started = time.perf_counter()
        url = f"{a.web_url}/api/discussions/{seeded.discussion_id}/comments"
        async with http.post(url, json={"name": "Ines", "text": "Ferry back at nine"}) as r:
            assert r.status == 201, await r.text()
            posted = await r.json()
        answered = time.perf_counter() - started
        async with asyncio.timeout(1.0):
            event = await _next_comment(stream)
        on_page = time.perf_counter() - started
        assert event["action"] == "posted" and event["id"] == posted["id"]
        assert "Ferry back at nine" in str(event["html"])

        async def copied() -> bool:
            texts = [m.text for chat in (discord, slack) for m in chat.messages.values()]
            return sum("Ferry back at nine" in t for t in texts) == 2

        await eventually(copied, within=1.0, every=0.01)
        delivered = time.perf_counter() - started
        stream.close()
    print(
        f"A answered the post after {answered * 1000:.0f} ms; B's page had the comment after"
        f" {on_page * 1000:.0f} ms and both copies were delivered after {delivered * 1000:.0f} ms"
    )


async def test_a_command_line_process_wakes_the_running_ones(database: str) -> None:
    """``briefbot erase`` and friends queue work from the shell: on PostgreSQL the running
    processes hear of it through the shared bus, not at their next idle poll."""
    from bot.cli.operator import opened_context
    from bot.domain.events import DeliveryQueued

    running = await _app(database, {Role.WEB}, [])
    try:
        async with running.ctx.bus.subscribe() as heard:
            async with opened_context(isolated_settings(database_url=database)) as ctx:
                ctx.bus.publish(DeliveryQueued(SLACK))
            async with asyncio.timeout(1.0):
                assert await heard.get() == DeliveryQueued(SLACK)
    finally:
        await running.stop()
