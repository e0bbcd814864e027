"""``briefbot export DISCUSSION_ID --format csv|json [--output FILE]``: a discussion's comments."""

from __future__ import annotations

import asyncio
import enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from bot.cli.operator import CommandLineError, fail, opened_context, operator
from bot.domain.moderation import Moderator
from bot.errors import BriefbotError, NotFoundError

__all__ = ["ExportFormat", "export"]


class ExportFormat(enum.StrEnum):
    CSV = "csv"
    JSON = "json"


async def _export(discussion_id: int, fmt: ExportFormat, moderator: Moderator) -> str:
    from bot.services.moderation import export_discussion

    async with opened_context() as ctx:
        try:
            return await export_discussion(ctx, discussion_id, fmt.value, moderator)
        except NotFoundError as error:
            raise CommandLineError(f"There is no discussion {discussion_id}.") from error


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8", newline="")
    except IsADirectoryError as error:
        raise CommandLineError(f"{path} is a folder: give a file name with --output.") from error
    except OSError as error:
        raise CommandLineError(f"{path} could not be written: {error.strerror}.") from error


def export(
    discussion_id: Annotated[
        int, typer.Argument(metavar="DISCUSSION_ID", help="The discussion to export.")
    ],
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format", "-f", metavar="csv|json", help="CSV or JSON.", case_sensitive=False
        ),
    ] = ExportFormat.CSV,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write here instead of to stdout."),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option("--name", metavar="NAME", help="Who exports, for the audit log."),
    ] = None,
) -> None:
    """Export a discussion's comments, for letters pages and records."""
    try:
        text = asyncio.run(_export(discussion_id, fmt, operator(name)))
        if output is not None:
            _write(output, text)
    except BriefbotError as error:
        fail(error)
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
    else:
        Console(stderr=True, soft_wrap=True).print(
            f"Wrote discussion {discussion_id} as {fmt.value.upper()} to {output}.",
            markup=False,
            highlight=False,
        )
