"""Fan-out of message/thread changes to ``GET /_control/events`` (Server-Sent Events)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import web

__all__ = ["EventBus"]

_CLOSE: dict[str, Any] = {"type": "__close__"}


class EventBus:
    def __init__(self) -> None:
        self._queues: set[asyncio.Queue[dict[str, Any]]] = set()
        self._next_id = 0

    def publish(self, kind: str, data: dict[str, Any]) -> None:
        self._next_id += 1
        event = {"id": self._next_id, "type": kind, "data": data}
        for queue in self._queues:
            queue.put_nowait(event)

    def close(self) -> None:
        for queue in self._queues:
            queue.put_nowait(_CLOSE)

    async def stream(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(
            headers={
                "Content-Type": "text/event-stream",
                "Cache-Control": "no-cache",
                "Access-Control-Allow-Origin": "*",
            }
        )
        await response.prepare(request)
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._queues.add(queue)
        try:
            await response.write(b": connected\n\n")
            while True:
                event = await queue.get()
                if event is _CLOSE:
                    break
                body = json.dumps(event["data"], separators=(",", ":"))
                chunk = f"id: {event['id']}\nevent: {event['type']}\ndata: {body}\n\n"
                await response.write(chunk.encode())
        except ConnectionResetError:
            pass
        finally:
            self._queues.discard(queue)
        return response
