"""HTTP Events mode: signed POSTs to the app's request URL, with Slack's retry headers."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import secrets
import time
from collections import deque
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import aiohttp

from .config import EmulatorConfig
from .payloads import EventCallback
from .stats import Stats

__all__ = ["AckResult", "HttpDelivery", "sign"]


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """Slack's v0 request signature of ``body`` sent at ``timestamp``."""
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


@dataclass
class AckResult:
    """How the app answered one POST."""

    ok: bool
    status: int | None
    body: str
    content_type: str
    reason: str  # "" when ok, else http_timeout / http_error / connection_failed
    no_retry: bool = False


class HttpDelivery:
    """POSTs events (JSON) and slash commands (form) to ``config.request_url``."""

    def __init__(self, config: EmulatorConfig, stats: Stats) -> None:
        self._config = config
        self._stats = stats
        self._session: aiohttp.ClientSession | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self.log: deque[dict[str, Any]] = deque(maxlen=200)

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        if self._session is not None:
            await self._session.close()
            self._session = None

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def post(
        self,
        body: bytes,
        content_type: str,
        extra_headers: dict[str, str] | None = None,
        url: str | None = None,
    ) -> AckResult:
        """One signed POST (to ``url``, default the request URL), waiting at most
        ``ack_timeout`` for the answer."""
        url = url or self._config.request_url
        if not url:
            return AckResult(False, None, "", "", "connection_failed")
        if self._session is None:
            self._session = aiohttp.ClientSession()
        timestamp = str(int(time.time()))
        headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": sign(self._config.signing_secret, timestamp, body),
            "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
            **(extra_headers or {}),
        }
        timeout = aiohttp.ClientTimeout(total=self._config.ack_timeout)
        try:
            async with self._session.post(url, data=body, headers=headers, timeout=timeout) as resp:
                text = await resp.text()
                ok = 200 <= resp.status < 300
                return AckResult(
                    ok=ok,
                    status=resp.status,
                    body=text,
                    content_type=resp.content_type,
                    reason="" if ok else "http_error",
                    no_retry=resp.headers.get("X-Slack-No-Retry") == "1",
                )
        except TimeoutError:
            return AckResult(False, None, "", "", "http_timeout")
        except aiohttp.ClientError:
            return AckResult(False, None, "", "", "connection_failed")

    def deliver_event(self, callback: EventCallback) -> None:
        self.spawn(self._deliver_event(callback))

    async def _deliver_event(self, callback: EventCallback) -> None:
        body = json.dumps(callback).encode()
        delays = self._config.http_retry_delays or (0.0,)
        attempt = 0
        reason = ""
        while True:
            headers: dict[str, str] = {}
            if attempt:
                headers = {"X-Slack-Retry-Num": str(attempt), "X-Slack-Retry-Reason": reason}
                self._stats.http_retried += 1
            self._stats.http_deliveries += 1
            result = await self.post(body, "application/json", headers)
            self._record(callback["event_id"], attempt, result)
            if result.ok:
                self._stats.http_acked += 1
                return
            reason = result.reason
            if result.no_retry or attempt >= self._config.max_retries:
                self._stats.http_failed += 1
                return
            await asyncio.sleep(delays[min(attempt, len(delays) - 1)])
            attempt += 1

    def deliver_command(self, form: dict[str, str], on_result: Callable[[AckResult], None]) -> None:
        async def run() -> None:
            self._stats.http_deliveries += 1
            result = await self.post(urlencode(form).encode(), "application/x-www-form-urlencoded")
            self._record(form.get("trigger_id", ""), 0, result)
            if result.ok:
                self._stats.http_acked += 1
            else:
                self._stats.http_failed += 1
            on_result(result)

        self.spawn(run())

    def deliver_interaction(
        self, payload: dict[str, Any], on_result: Callable[[AckResult], None]
    ) -> None:
        """An interaction payload, form-encoded as ``payload=<json>``, to the interactivity
        request URL (docs.slack.dev/interactivity/handling-user-interaction); never retried."""
        url = self._config.interactivity_url or self._config.request_url

        async def run() -> None:
            self._stats.http_deliveries += 1
            body = urlencode({"payload": json.dumps(payload)}).encode()
            result = await self.post(body, "application/x-www-form-urlencoded", url=url)
            self._record(str(payload.get("trigger_id", payload.get("type", ""))), 0, result)
            if result.ok:
                self._stats.http_acked += 1
            else:
                self._stats.http_failed += 1
            on_result(result)

        self.spawn(run())

    async def url_verification(self) -> dict[str, Any]:
        """Send ``url_verification`` now; reports whether the challenge came back."""
        challenge = secrets.token_urlsafe(24)
        payload = {
            "token": self._config.verification_token,
            "challenge": challenge,
            "type": "url_verification",
        }
        result = await self.post(json.dumps(payload).encode(), "application/json")
        echoed = result.body
        with contextlib.suppress(ValueError, AttributeError):
            echoed = json.loads(result.body).get("challenge", "")
        return {
            "ok": result.ok and echoed == challenge,
            "status": result.status,
            "body": result.body,
        }

    def _record(self, ref: str, attempt: int, result: AckResult) -> None:
        self.log.append(
            {
                "ref": ref,
                "attempt": attempt,
                "status": result.status,
                "ok": result.ok,
                "reason": result.reason,
                "at": time.time(),
            }
        )
