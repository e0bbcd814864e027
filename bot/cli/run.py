"""``briefbot run``: connect every configured platform and serve the web pages.

``--roles gateway,workers,web,feeds`` (all by default) runs only part of that, so several
processes on one PostgreSQL can share the work (see :mod:`bot.roles`).
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
from typing import Annotated

import typer
from rich.console import Console

from bot.config import load_settings
from bot.errors import BriefbotError
from bot.roles import ALL_ROLES, Role, parse_roles

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


def describe_roles(roles: frozenset[Role]) -> str:
    """``"gateway, web"``, in the order of :class:`Role`."""
    return ", ".join(role.value for role in Role if role in roles)


async def _serve(console: Console, roles: frozenset[Role]) -> None:
    from bot.bootstrap import build_application, log_rules, secrets_of
    from bot.logs import setup_logging

    settings = load_settings()
    setup_logging(settings.log_level, secrets_of(settings), log_rules())
    talks = roles & {Role.GATEWAY, Role.WORKERS}
    app = await build_application(settings, roles=roles, require_platform=bool(talks))
    try:
        await app.start()
        if talks and not app.runners and not app.leases:
            raise BriefbotError("No platform could start; see the messages above.")
        names = ", ".join(p.label for p in dict.fromkeys([*app.runners, *app.leases]))
        part = "" if roles == ALL_ROLES else f" as {describe_roles(roles)}"
        where = f" on {names}" if talks else ""
        console.print(f"briefbot is running{where}{part}.")
        if app.web_url:
            console.print(f"Web comment section: {app.web_url}/")
        console.print("Press Ctrl-C to stop.")
        await wait_for_stop_signal()
    finally:
        await app.stop()


def run(
    roles: Annotated[
        str,
        typer.Option(
            "--roles",
            metavar="ROLES",
            help="What this process runs, comma-separated: gateway, workers, web, feeds "
            "(all by default).",
        ),
    ] = "",
) -> None:
    """Run the bot on every platform whose credentials are set."""
    console = Console(stderr=True, soft_wrap=True)
    try:
        chosen = parse_roles(roles)
        asyncio.run(_serve(console, chosen))
    except BriefbotError as error:
        console.print(f"[red]{error.user_message}[/red]", highlight=False)
        sys.exit(2)
    except OSError as error:
        console.print(f"[red]Could not start: {error.strerror or error}.[/red]", highlight=False)
        sys.exit(2)
