"""``python -m emulators.discord --host 127.0.0.1 --port 8081``"""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from .config import EmulatorConfig, RateLimitConfig
from .server import DiscordEmulator


def _parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Loopback Discord emulator for discord.py")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default=EmulatorConfig.bot_token, help="bot token to accept")
    parser.add_argument("--seed", type=int, default=0, help="seed for stable ids")
    parser.add_argument("--no-rate-limits", action="store_true", help="disable rate limits")
    parser.add_argument(
        "--allow-privileged-intents",
        action="store_true",
        help="act as if the privileged intents (Message Content...) are switched on in the "
        "Developer Portal; without it IDENTIFY asking for one is closed with 4014",
    )
    parser.add_argument("--heartbeat-ms", type=int, default=EmulatorConfig.heartbeat_interval_ms)
    return parser.parse_args(argv)


async def _serve(args: argparse.Namespace) -> None:
    config = EmulatorConfig(
        bot_token=args.token,
        seed=args.seed,
        rate_limits=RateLimitConfig.disabled() if args.no_rate_limits else RateLimitConfig(),
        heartbeat_interval_ms=args.heartbeat_ms,
        allow_privileged_intents=args.allow_privileged_intents,
    )
    async with DiscordEmulator(args.host, args.port, config=config) as emu:
        print(f"Discord emulator: REST {emu.api_base}  gateway {emu.gateway_url}", flush=True)
        print(f"control API {emu.control_url}/state  bot token {emu.bot_token!r}", flush=True)
        await asyncio.Event().wait()


def main(argv: list[str] | None = None) -> None:
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(_parse(argv)))


if __name__ == "__main__":
    main()
