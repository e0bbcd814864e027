"""Socket Mode: the ``/link/`` websocket, envelopes, acknowledgements and redelivery.

Envelopes wait in an outbox while no socket is connected and are sent, in order, once one
is. A sent envelope that is not acknowledged within ``ack_timeout`` is sent again with
``retry_attempt`` increased (events only; a slash command just times out, as on Slack).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import WSMsgType, web

from .payloads import SocketEnvelope
from .stats import Stats

__all__ = ["SocketModeHub"]

AckCallback = Callable[[SocketEnvelope, "dict[str, Any] | None"], None]
TimeoutCallback = Callable[[SocketEnvelope], None]
_TICKET_TTL = 30.0
_log = logging.getLogger(__name__)


@dataclass
class _InFlight:
    envelope: SocketEnvelope
    timer: asyncio.TimerHandle


class SocketModeHub:
    """Every open Socket Mode connection of the app, and what still has to reach it."""

    def __init__(
        self,
        app_id: str,
        stats: Stats,
        *,
        ack_timeout: Callable[[], float],
        max_retries: Callable[[], int],
        on_ack: AckCallback,
        on_timeout: TimeoutCallback,
    ) -> None:
        self.app_id = app_id
        self._stats = stats
        self._ack_timeout = ack_timeout
        self._max_retries = max_retries
        self._on_ack = on_ack
        self._on_timeout = on_timeout
        self._tickets: dict[str, float] = {}
        self._sockets: list[web.WebSocketResponse] = []
        self._outbox: deque[SocketEnvelope] = deque()
        self._inflight: dict[str, _InFlight] = {}
        self._wakeup = asyncio.Event()
        self._pump_task: asyncio.Task[None] | None = None
        self._closers: set[asyncio.Task[None]] = set()
        self._all: set[web.WebSocketResponse] = set()
        self._next = 0
        self.connected = asyncio.Event()

    # --- lifecycle -------------------------------------------------------------------
    def start(self) -> None:
        self._pump_task = asyncio.create_task(self._pump(), name="slack-emulator-socket-pump")

    async def stop(self) -> None:
        if self._pump_task is not None:
            self._pump_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._pump_task
        for entry in self._inflight.values():
            entry.timer.cancel()
        self._inflight.clear()
        for closer in list(self._closers):
            closer.cancel()
        for ws in list(self._all):
            await ws.close(code=1001, message=b"server shutdown")

    # --- connections -----------------------------------------------------------------
    def issue_ticket(self) -> str:
        now = time.monotonic()
        self._tickets = {t: exp for t, exp in self._tickets.items() if exp > now}
        ticket = secrets.token_hex(16)
        self._tickets[ticket] = now + _TICKET_TTL
        return ticket

    @property
    def open_connections(self) -> int:
        return len(self._sockets)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """``GET /link/?ticket=...``: one Socket Mode connection."""
        expires = self._tickets.pop(request.query.get("ticket", ""), None)
        if expires is None or expires < time.monotonic():
            raise web.HTTPUnauthorized(text="invalid or used ticket")
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self._all.add(ws)
        try:
            # hello goes out before the socket is eligible for envelopes.
            await ws.send_json(self._hello(len(self._sockets) + 1))
            self._sockets.append(ws)
            self._stats.socket_connections_total += 1
            self._stats.socket_connections_open = len(self._sockets)
            self.connected.set()
            self._wakeup.set()
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    self._receive(msg.data)
        finally:
            self._forget(ws)
            self._all.discard(ws)
        return ws

    def _hello(self, num_connections: int) -> dict[str, Any]:
        return {
            "type": "hello",
            "num_connections": num_connections,
            "debug_info": {
                "host": "applink-emulator",
                "build_number": 1,
                "approximate_connection_time": 3600,
            },
            "connection_info": {"app_id": self.app_id},
        }

    def _forget(self, ws: web.WebSocketResponse) -> None:
        if ws in self._sockets:
            self._sockets.remove(ws)
        self._stats.socket_connections_open = len(self._sockets)
        if not self._sockets:
            self.connected.clear()

    async def disconnect_all(self, reason: str = "refresh_requested", grace: float = 1.0) -> int:
        """Send ``disconnect`` on every socket and stop using it; returns how many.

        Like Slack, the socket is left open for ``grace`` seconds so the client can open
        its new connection first and close the old one itself; then it is dropped.
        """
        dropped = list(self._sockets)
        message = {
            "type": "disconnect",
            "reason": reason,
            "debug_info": {"host": "applink-emulator"},
        }
        for ws in dropped:
            self._forget(ws)
            with contextlib.suppress(ConnectionError, RuntimeError):
                await ws.send_json(message)
            closer = asyncio.create_task(self._close_later(ws, reason, grace))
            self._closers.add(closer)
            closer.add_done_callback(self._closers.discard)
        return len(dropped)

    async def _close_later(self, ws: web.WebSocketResponse, reason: str, grace: float) -> None:
        await asyncio.sleep(grace)
        if not ws.closed:
            await ws.close(code=1000, message=reason.encode())

    # --- envelopes -------------------------------------------------------------------
    def deliver(self, envelope: SocketEnvelope) -> None:
        self._outbox.append(envelope)
        self._wakeup.set()

    @property
    def queued(self) -> int:
        return len(self._outbox)

    async def _pump(self) -> None:
        while True:
            await self._wakeup.wait()
            self._wakeup.clear()
            while self._outbox and self._sockets:
                envelope = self._outbox.popleft()
                ws = self._sockets[self._next % len(self._sockets)]
                self._next += 1
                try:
                    await ws.send_str(json.dumps(envelope))
                except (ConnectionError, RuntimeError):
                    self._outbox.appendleft(envelope)
                    self._forget(ws)
                    continue
                self._stats.envelopes_delivered += 1
                timer = asyncio.get_running_loop().call_later(
                    self._ack_timeout(), self._expire, envelope["envelope_id"]
                )
                self._inflight[envelope["envelope_id"]] = _InFlight(envelope, timer)

    def _receive(self, data: str) -> None:
        try:
            message = json.loads(data)
        except ValueError:
            return
        if not isinstance(message, dict):
            return
        entry = self._inflight.pop(str(message.get("envelope_id")), None)
        if entry is None:
            return
        entry.timer.cancel()
        self._stats.envelopes_acked += 1
        payload = message.get("payload")
        try:
            self._on_ack(entry.envelope, payload if isinstance(payload, dict) else None)
        except Exception:
            # A bad ack must not cost the app its connection.
            _log.exception("handling the ack of %s failed", entry.envelope["envelope_id"])

    def _expire(self, envelope_id: str) -> None:
        entry = self._inflight.pop(envelope_id, None)
        if entry is None:
            return
        envelope = entry.envelope
        attempt = envelope.get("retry_attempt", 0)
        if envelope["type"] != "events_api" or attempt >= self._max_retries():
            self._stats.envelopes_dropped += 1
            self._on_timeout(envelope)
            return
        self._stats.envelopes_retried += 1
        retry: SocketEnvelope = {
            "envelope_id": new_envelope_id(),
            "type": envelope["type"],
            "payload": envelope["payload"],
            "accepts_response_payload": envelope["accepts_response_payload"],
            "retry_attempt": attempt + 1,
            "retry_reason": "timeout",
        }
        self.deliver(retry)


def new_envelope_id() -> str:
    """A random envelope id shaped like Slack's (a UUID)."""
    raw = secrets.token_hex(16)
    return f"{raw[:8]}-{raw[8:12]}-{raw[12:16]}-{raw[16:20]}-{raw[20:]}"
