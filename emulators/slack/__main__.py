"""``python -m emulators.slack --host 127.0.0.1 --port 8082``."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal

from .config import RateLimitSettings
from .server import SlackEmulator


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Loopback emulator of Slack for briefbot.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8082)
    parser.add_argument("--mode", choices=("socket", "http"), default="socket")
    parser.add_argument("--request-url", default=None, help="the app's Events URL (http mode)")
    parser.add_argument("--ack-timeout", type=float, default=3.0)
    parser.add_argument("--no-rate-limits", action="store_true")
    parser.add_argument(
        "--manifest", default=None, help="app manifest (YAML or JSON); default briefbot's own"
    )
    return parser.parse_args()


async def _serve(args: argparse.Namespace) -> None:
    emulator = SlackEmulator(
        args.host,
        args.port,
        mode=args.mode,
        request_url=args.request_url,
        ack_timeout=args.ack_timeout,
        rate_limits=RateLimitSettings(enabled=not args.no_rate_limits),
        manifest=args.manifest,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    async with emulator:
        print(f"Slack emulator on {emulator.base_url}")
        print(f"  Web API      {emulator.api_url}")
        print(f"  control API  {emulator.control_url}")
        print(f"  bot token    {emulator.bot_token}")
        print(f"  app token    {emulator.app_token}", flush=True)
        await stop.wait()


def main() -> None:
    asyncio.run(_serve(_arguments()))


if __name__ == "__main__":
    main()
