"""What the sandbox prints: a line per start-up step, then where to look."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from adapters.sandbox.info import SandboxInfo

__all__ = ["ConsoleProgress", "where_to_look"]


class ConsoleProgress:
    """``with progress("Starting the Discord emulator"):`` prints "… ok" or "… failed"."""

    def __init__(self, console: Console) -> None:
        self.console = console

    @contextlib.contextmanager
    def __call__(self, label: str) -> Iterator[None]:
        self.console.print(f"{label}…", end=" ", highlight=False)
        try:
            yield
        except BaseException:
            self.console.print("[red]failed[/red]")
            raise
        self.console.print("[green]ok[/green]")


def where_to_look(info: SandboxInfo, info_path: Path) -> Panel:
    """The block printed once everything runs."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    table.add_row(
        "Open this page",
        f"[link={info['web']['sandbox_page']}]{info['web']['sandbox_page']}[/link]",
    )
    table.add_row(
        "", "Discord #news and Slack #news side by side: run /brief, reply, edit, delete."
    )
    table.add_row("Article pages", info["web"]["articles"])
    table.add_row("Discord emulator", info["discord"]["control_url"])
    table.add_row("Slack emulator", info["slack"]["control_url"])
    table.add_row("Sample articles", "\n".join(info["samples"]))
    table.add_row("Every URL and id", str(info_path))
    table.add_row("Stop", "Ctrl-C")
    return Panel(table, title="briefbot sandbox is running", title_align="left", expand=False)
