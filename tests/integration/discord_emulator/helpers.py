"""Helpers shared by the emulator tests (imported relatively, not from conftest)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import aiohttp
import discord

OK = (200, 201)


class Control:
    """Tiny client for ``/_control/``; raises on an unexpected status."""

    def __init__(self, session: aiohttp.ClientSession, base: str) -> None:
        self.session = session
        self.base = base

    async def request(
        self,
        method: str,
        path: str,
        json: Any = None,
        *,
        expect: int | tuple[int, ...] = (200, 201),
    ) -> Any:
        async with self.session.request(method, self.base + path, json=json) as response:
            body = await response.json()
            expected = (expect,) if isinstance(expect, int) else expect
            assert response.status in expected, (response.status, body)
            return body

    async def get(self, path: str, **kw: Any) -> Any:
        return await self.request("GET", path, **kw)

    async def post(self, path: str, json: Any = None, **kw: Any) -> Any:
        return await self.request("POST", path, json, **kw)

    async def patch(self, path: str, json: Any = None, **kw: Any) -> Any:
        return await self.request("PATCH", path, json, **kw)

    async def delete(self, path: str, **kw: Any) -> Any:
        return await self.request("DELETE", path, **kw)

    async def say(
        self, channel_id: Any, user_id: Any, content: str, *, expect: Any = OK, **extra: Any
    ) -> Any:
        body = {"channel_id": str(channel_id), "user_id": str(user_id), "content": content}
        return await self.post("/messages", {**body, **extra}, expect=expect)

    async def messages(self, channel_id: Any) -> list[dict[str, Any]]:
        data = await self.get(f"/channels/{channel_id}/messages")
        return list(data["messages"])


def default_intents(*, message_content: bool = True) -> discord.Intents:
    intents = discord.Intents.default()
    intents.message_content = message_content
    return intents


def make_client(**kwargs: Any) -> discord.Client:
    kwargs.setdefault("intents", default_intents())
    kwargs.setdefault("guild_ready_timeout", 0.1)
    return discord.Client(**kwargs)


async def wait_for(
    queue: asyncio.Queue[Any], predicate: Callable[[Any], bool] = lambda _: True, within: float = 3
) -> Any:
    """The next queued item matching ``predicate``."""

    async def take() -> Any:
        while True:
            item = await queue.get()
            if predicate(item):
                return item

    return await asyncio.wait_for(take(), within)
