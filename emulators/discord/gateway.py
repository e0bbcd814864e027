"""The gateway websocket: HELLO, IDENTIFY, heartbeats, dispatch with intents, RESUME.

Frames are JSON text; the ``compress`` query parameter is ignored (discord.py parses text
frames as plain JSON whatever it asked for).
"""

from __future__ import annotations

import asyncio
import json
import secrets
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypedDict

from aiohttp import WSMsgType, web

from .config import Settings
from .payloads import guild_create_payload, member_payload, user_payload
from .state import JSON, EmulatorState
from .stats import Stats

__all__ = ["GatewayHub", "Intents", "Session"]

MAX_IDLE_SESSIONS = 8
# Discord closes a connection that sends more than 120 payloads in 60 s.
SEND_LIMIT = 120
SEND_WINDOW_S = 60.0


class Intents:
    GUILDS = 1 << 0
    GUILD_MEMBERS = 1 << 1
    GUILD_PRESENCES = 1 << 8
    GUILD_MESSAGES = 1 << 9
    GUILD_MESSAGE_REACTIONS = 1 << 10
    DIRECT_MESSAGES = 1 << 12
    MESSAGE_CONTENT = 1 << 15
    PRIVILEGED = GUILD_MEMBERS | GUILD_PRESENCES | MESSAGE_CONTENT


class GatewayPayload(TypedDict):
    op: int
    d: Any
    s: int | None
    t: str | None


@dataclass
class Session:
    id: str
    intents: int
    buffer: deque[tuple[int, str]]
    seq: int = 0
    ws: web.WebSocketResponse | None = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def has(self, intent: int) -> bool:
        return bool(self.intents & intent)


def _frame(op: int, d: Any = None, s: int | None = None, t: str | None = None) -> str:
    payload: GatewayPayload = {"op": op, "d": d, "s": s, "t": t}
    return json.dumps(payload, separators=(",", ":"))


def _without_content(data: Mapping[str, Any]) -> JSON:
    stripped = {**data, "content": "", "embeds": [], "attachments": [], "components": []}
    stripped.pop("poll", None)
    ref = stripped.get("referenced_message")
    if isinstance(ref, dict):
        stripped["referenced_message"] = _without_content(ref)
    return stripped


class GatewayHub:
    """Owns gateway sessions; every dispatch is sequenced and buffered for RESUME."""

    def __init__(
        self,
        state_getter: Callable[[], EmulatorState],
        settings: Settings,
        stats: Stats,
        bot_token: str,
        buffer_size: int,
    ) -> None:
        self._state = state_getter
        self._settings = settings
        self._stats = stats
        self._token = bot_token
        self._buffer_size = buffer_size
        self.sessions: dict[str, Session] = {}
        self._sockets: set[web.WebSocketResponse] = set()
        self._acks: set[asyncio.Task[None]] = set()

    @property
    def open_connections(self) -> int:
        return len(self._sockets)

    # -- dispatch --------------------------------------------------------------------------

    async def dispatch(
        self,
        event: str,
        data: Mapping[str, Any],
        *,
        intent: int | None = None,
        content_gated: bool = False,
    ) -> None:
        """Send ``event`` to every identified session that subscribed to ``intent``.

        ``content_gated`` events lose content/embeds/attachments/components for sessions
        without MESSAGE_CONTENT (the caller passes False for the bot's own messages and
        messages that mention it).
        """
        for session in list(self.sessions.values()):
            if intent is not None and not session.has(intent):
                continue
            payload = data
            if content_gated and not session.has(Intents.MESSAGE_CONTENT):
                payload = _without_content(data)
            await self._send_dispatch(session, event, payload)

    async def _send_dispatch(self, session: Session, event: str, data: Mapping[str, Any]) -> None:
        session.seq += 1
        frame = _frame(0, data, session.seq, event)
        session.buffer.append((session.seq, frame))
        self._stats.events[event] += 1
        await self._send(session, frame)

    async def _send(self, session: Session, frame: str) -> None:
        async with session.lock:
            ws = session.ws
            if ws is None or ws.closed:
                return
            try:
                await ws.send_str(frame)
            except (ConnectionResetError, RuntimeError):
                session.ws = None

    # -- connection --------------------------------------------------------------------------

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True, max_msg_size=16 * 1024 * 1024)
        await ws.prepare(request)
        self._sockets.add(ws)
        self._stats.gateway_connections += 1
        session: Session | None = None
        try:
            await ws.send_str(
                _frame(10, {"heartbeat_interval": self._settings.heartbeat_interval_ms})
            )
            received: deque[float] = deque()
            async for msg in ws:
                now = time.monotonic()
                received.append(now)
                while received and received[0] <= now - SEND_WINDOW_S:
                    received.popleft()
                if len(received) > SEND_LIMIT:
                    await ws.close(code=4008, message=b"Rate limited.")
                    break
                if msg.type is not WSMsgType.TEXT:
                    await ws.close(code=4002, message=b"Error while decoding payload.")
                    break
                try:
                    payload = json.loads(msg.data)
                    op = payload["op"]
                except (ValueError, KeyError, TypeError):
                    await ws.close(code=4002, message=b"Error while decoding payload.")
                    break
                session = await self._on_op(ws, request, session, op, payload.get("d"))
        finally:
            self._sockets.discard(ws)
            if session is not None and session.ws is ws:
                session.ws = None
        return ws

    async def _on_op(
        self,
        ws: web.WebSocketResponse,
        request: web.Request,
        session: Session | None,
        op: int,
        d: Any,
    ) -> Session | None:
        if op == 1:
            # The ACK goes out on its own task, never behind a dispatch, after the network
            # round trip a real gateway has (``heartbeat_ack_latency_ms``). An ACK that comes
            # back in microseconds (loopback, same event loop) beats discord.py's keep-alive
            # thread to recording when it sent the heartbeat, so discord.py measures the
            # latency from the *previous* heartbeat and logs "Can't keep up, ... websocket
            # is 41.3s behind" with the default 41.25 s interval.
            ack = asyncio.create_task(self._ack_later(ws))
            self._acks.add(ack)
            ack.add_done_callback(self._acks.discard)
            return session
        if op == 2:
            if session is not None:
                await ws.close(code=4005, message=b"Already authenticated.")
                return session
            return await self._identify(ws, request, d or {})
        if op == 6:
            return await self._resume(ws, d or {})
        if op not in (3, 4, 8):
            await ws.close(code=4001, message=b"Unknown opcode.")
            return session
        if session is None:
            await ws.close(code=4003, message=b"Not authenticated.")
            return None
        if op == 8:
            await self._member_chunk(session, d or {})
        return session

    async def _ack_later(self, ws: web.WebSocketResponse) -> None:
        await asyncio.sleep(self._settings.heartbeat_ack_latency_ms / 1000)
        if ws.closed:
            return
        try:
            await ws.send_str(_frame(11))
        except (ConnectionResetError, RuntimeError):
            return

    async def _identify(
        self, ws: web.WebSocketResponse, request: web.Request, d: dict[str, Any]
    ) -> Session | None:
        self._stats.identifies += 1
        if d.get("token") != self._token:
            await ws.close(code=4004, message=b"Authentication failed.")
            return None
        intents = d.get("intents")
        if not isinstance(intents, int) or intents < 0 or intents >= 1 << 26:
            await ws.close(code=4013, message=b"Invalid intent(s).")
            return None
        if intents & Intents.PRIVILEGED and not self._settings.allow_privileged_intents:
            await ws.close(code=4014, message=b"Disallowed intent(s).")
            return None
        session = Session(secrets.token_hex(16), intents, deque(maxlen=self._buffer_size))
        session.ws = ws
        self._forget_stale_sessions()
        self.sessions[session.id] = session
        state = self._state()
        bot = state.bot
        ready: JSON = {
            "v": 10,
            "user": {**user_payload(bot), "verified": True, "mfa_enabled": False, "flags": 0},
            "guilds": [{"id": str(g), "unavailable": True} for g in state.guilds],
            "session_id": session.id,
            "session_type": "normal",
            "resume_gateway_url": f"ws://{request.host}{request.path}",
            "application": {"id": str(state.application_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "geo_ordered_rtc_regions": [],
            "_trace": ["briefbot-discord-emulator"],
        }
        if "shard" in d:
            ready["shard"] = d["shard"]
        await self._send_dispatch(session, "READY", ready)
        for guild in state.guilds.values():
            await self._send_dispatch(session, "GUILD_CREATE", guild_create_payload(state, guild))
        return session

    def _forget_stale_sessions(self) -> None:
        """Keep the newest few disconnected sessions resumable; drop older ones."""
        idle = [sid for sid, sess in self.sessions.items() if sess.ws is None]
        for sid in idle[: max(0, len(idle) - MAX_IDLE_SESSIONS + 1)]:
            del self.sessions[sid]

    async def _resume(self, ws: web.WebSocketResponse, d: dict[str, Any]) -> Session | None:
        session = self.sessions.get(str(d.get("session_id")))
        seq = d.get("seq")
        if d.get("token") != self._token:
            await ws.close(code=4004, message=b"Authentication failed.")
            return None
        oldest = session.buffer[0][0] if session and session.buffer else None
        resumable = (
            session is not None
            and isinstance(seq, int)
            and seq <= session.seq
            and (oldest is None or oldest <= seq + 1 or seq == session.seq)
        )
        if not resumable or session is None or not isinstance(seq, int):
            self._stats.invalid_sessions += 1
            await ws.send_str(_frame(9, False))
            return None
        self._stats.resumes += 1
        async with session.lock:
            old = session.ws
            session.ws = ws
            for number, frame in list(session.buffer):
                if number > seq:
                    await ws.send_str(frame)
        if old is not None and old is not ws and not old.closed:
            await old.close(code=4000, message=b"Session resumed elsewhere.")
        await self._send_dispatch(session, "RESUMED", {"_trace": ["briefbot-discord-emulator"]})
        return session

    async def _member_chunk(self, session: Session, d: dict[str, Any]) -> None:
        state = self._state()
        guild = state.guilds.get(int(d.get("guild_id") or 0))
        if guild is None:
            return
        chunk: JSON = {
            "guild_id": str(guild.id),
            "members": [member_payload(state, m) for m in guild.members.values()],
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
        }
        if d.get("nonce") is not None:
            chunk["nonce"] = d["nonce"]
        await self._send_dispatch(session, "GUILD_MEMBERS_CHUNK", chunk)

    # -- control -----------------------------------------------------------------------------

    async def request_reconnect(self) -> int:
        """Send op 7 RECONNECT to every identified socket; clients resume by themselves."""
        asked = 0
        for session in list(self.sessions.values()):
            if session.ws is not None and not session.ws.closed:
                await self._send(session, _frame(7))
                asked += 1
        return asked

    async def disconnect(self, *, code: int = 4000, invalidate: bool = False) -> int:
        """Close every identified socket (the bot resumes unless ``invalidate``)."""
        closed = 0
        for session in list(self.sessions.values()):
            ws = session.ws
            session.ws = None
            if invalidate:
                del self.sessions[session.id]
            if ws is not None and not ws.closed:
                await ws.close(code=code, message=b"Disconnected by the emulator control API.")
                closed += 1
        return closed

    async def close_all(self) -> None:
        for ack in list(self._acks):
            ack.cancel()
        for ws in list(self._sockets):
            await ws.close(code=1001, message=b"Emulator shutting down.")
        self.sessions.clear()
