"""``briefbot run``: connect every configured platform and serve the web pages."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys

from rich.console import Console

from bot.config import load_settings
from bot.errors import BriefbotError

__all__ = ["run", "wait_for_stop_signal"]


async def wait_for_stop_signal() -> None:
    """Until SIGINT or SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.remove_signal_handler(sig)


async def _serve(console: Console) -> None:
    from bot.bootstrap import build_application, log_rules, secrets_of
    from bot.logs import setup_logging

    settings = load_settings()
    setup_logging(settings.log_level, secrets_of(settings), log_rules())
    app = await build_application(settings)
    try:
        await app.start()
        if not app.runners:
            raise BriefbotError("No platform could start; see the messages above.")
        names = ", ".join(p.label for p in app.runners)
        console.print(f"briefbot is running on {names}.")
        if app.web_url:
            console.print(f"Web comment section: {app.web_url}/")
        console.print("Press Ctrl-C to stop.")
        await wait_for_stop_signal()
    finally:
        await app.stop()


def run() -> None:
    """Run the bot on every platform whose credentials are set."""
    console = Console(stderr=True, soft_wrap=True)
    try:
        asyncio.run(_serve(console))
    except BriefbotError as error:
        console.print(f"[red]{error.user_message}[/red]", highlight=False)
        sys.exit(2)
    except OSError as error:
        console.print(f"[red]Could not start: {error.strerror or error}.[/red]", highlight=False)
        sys.exit(2)
