"""``briefbot sandbox [--port 8080] [--data-dir data]``: the whole product on this machine."""

from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from bot.errors import BriefbotError

__all__ = ["sandbox"]


NO_EMULATORS = (
    "The sandbox needs the Discord and Slack emulators, which come with the dev tools: "
    "run `make sandbox` in a checkout, or `pip install -e ./emulators` there."
)


async def _serve(port: int, data_dir: Path, verbose: bool, console: Console) -> None:
    from bot.bootstrap import log_rules
    from bot.logs import setup_logging

    try:
        from adapters.sandbox import run_sandbox
    except ModuleNotFoundError as missing:
        if missing.name is None or not missing.name.startswith("emulators"):
            raise
        raise BriefbotError(NO_EMULATORS) from None

    setup_logging("INFO" if verbose else "WARNING", rules=log_rules())
    if not verbose:
        # discord.py warns at start-up that voice is unsupported; the sandbox has no voice.
        logging.getLogger("discord.client").setLevel(logging.ERROR)
    await run_sandbox(port, data_dir, console=console)


def sandbox(
    port: Annotated[
        int,
        typer.Option("--port", min=0, max=65535, metavar="PORT", help="Port of the sandbox page."),
    ] = 8080,
    data_dir: Annotated[
        Path,
        typer.Option("--data-dir", metavar="DIR", help="Where sandbox.json and the database go."),
    ] = Path("data"),
    verbose: Annotated[bool, typer.Option("--verbose", help="Log what the bot does.")] = False,
) -> None:
    """Run the emulators, the bot and the web pages on this machine."""
    console = Console(stderr=True, soft_wrap=True)
    try:
        asyncio.run(_serve(port, data_dir, verbose, console))
    except BriefbotError as error:
        console.print(f"[red]{error.user_message}[/red]", highlight=False)
        sys.exit(2)
    except OSError as error:
        console.print(f"[red]Could not start: {error.strerror or error}.[/red]", highlight=False)
        sys.exit(2)
    except KeyboardInterrupt:
        console.print("Stopped.")
        sys.exit(130)
